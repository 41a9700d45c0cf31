/* Identity key and certificate (see identity.h), on mbedtls_pk and mbedtls_x509write. */
#include "identity.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crt.h>

int ep_write_file(const char *path, const void *data, size_t len)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        p += n;
        left -= (size_t)n;
    }
    int ok = left == 0 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int is_p256(mbedtls_pk_context *pk)
{
    return mbedtls_pk_get_type(pk) == MBEDTLS_PK_ECKEY && mbedtls_pk_ec(*pk)->grp.id == MBEDTLS_ECP_DP_SECP256R1;
}

static int spki_of(mbedtls_pk_context *pk, uint8_t fp[32])
{
    uint8_t der[256];
    int n = mbedtls_pk_write_pubkey_der(pk, der, sizeof(der)); /* written at the end of der */
    if (n <= 0) {
        return -1;
    }
    return mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), der + sizeof(der) - n, (size_t)n, fp);
}

int ep_spki_fingerprint(const uint8_t *der, size_t len, uint8_t fp[32])
{
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    /* hash the canonical re-encoding (namedCurve, uncompressed point): the same key gives the same fingerprint
     * however the peer encoded it, and it is what the peer computes from its own key */
    int ret = mbedtls_pk_parse_public_key(&pk, der, len) == 0 && is_p256(&pk) ? spki_of(&pk, fp) : -1;
    mbedtls_pk_free(&pk);
    return ret;
}

static int make_certificate(mbedtls_pk_context *pk, char *out, size_t cap,
                            int (*f_rng)(void *, unsigned char *, size_t), void *p_rng)
{
    mbedtls_x509write_cert crt;
    mbedtls_mpi serial;
    mbedtls_x509write_crt_init(&crt);
    mbedtls_mpi_init(&serial);
    mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
    mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
    mbedtls_x509write_crt_set_subject_key(&crt, pk);
    mbedtls_x509write_crt_set_issuer_key(&crt, pk);
    int ret = mbedtls_mpi_lset(&serial, 1);
    if (ret == 0) ret = mbedtls_x509write_crt_set_serial(&crt, &serial);
    if (ret == 0) ret = mbedtls_x509write_crt_set_subject_name(&crt, "CN=edgepair-c-device");
    if (ret == 0) ret = mbedtls_x509write_crt_set_issuer_name(&crt, "CN=edgepair-c-device");
    if (ret == 0) ret = mbedtls_x509write_crt_set_validity(&crt, "20010101000000", "20491231235959");
    if (ret == 0) ret = mbedtls_x509write_crt_set_basic_constraints(&crt, 1, -1);
    if (ret == 0) ret = mbedtls_x509write_crt_pem(&crt, (unsigned char *)out, cap, f_rng, p_rng);
    mbedtls_x509write_crt_free(&crt);
    mbedtls_mpi_free(&serial);
    return ret;
}

int ep_identity_load(const char *key_path, const char *cert_path, ep_identity *id,
                     int (*f_rng)(void *, unsigned char *, size_t), void *p_rng)
{
    mbedtls_pk_context pk;
    mbedtls_pk_init(&pk);
    int ret = -1;
    if (access(key_path, F_OK) == 0) {
        if (mbedtls_pk_parse_keyfile(&pk, key_path, NULL) != 0 || !is_p256(&pk)) {
            fprintf(stderr, "%s: not a readable P-256 private key\n", key_path);
            goto out;
        }
    } else {
        if (mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)) != 0
            || mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(pk), f_rng, p_rng) != 0
            || mbedtls_pk_write_key_pem(&pk, (unsigned char *)id->key_pem, sizeof(id->key_pem)) != 0
            || ep_write_file(key_path, id->key_pem, strlen(id->key_pem)) != 0) {
            fprintf(stderr, "%s: cannot create the key\n", key_path);
            goto out;
        }
    }
    /* Always hand libcoap a SEC1 PEM: its GnuTLS back end derives the raw public key from that form. */
    if (mbedtls_pk_write_key_pem(&pk, (unsigned char *)id->key_pem, sizeof(id->key_pem)) != 0
        || spki_of(&pk, id->fingerprint) != 0
        || make_certificate(&pk, id->cert_pem, sizeof(id->cert_pem), f_rng, p_rng) != 0) {
        fprintf(stderr, "%s: cannot encode the key or make its certificate\n", key_path);
        goto out;
    }
    if (cert_path != NULL && ep_write_file(cert_path, id->cert_pem, strlen(id->cert_pem)) != 0) {
        fprintf(stderr, "%s: cannot write the certificate\n", cert_path);
        goto out;
    }
    ret = 0;
out:
    mbedtls_pk_free(&pk);
    return ret;
}
