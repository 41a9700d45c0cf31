/* GnuTLS back end: raw public keys (RFC 7250). */
#include "tls.h"

#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "identity.h"

const char *const ep_tls_backend = "gnutls";

/* The peer's SubjectPublicKeyInfo in DER, whichever certificate type it sent. */
static int peer_spki(gnutls_session_t s, uint8_t *der, size_t *len)
{
    unsigned n = 0;
    const gnutls_datum_t *certs = gnutls_certificate_get_peers(s, &n);
    if (certs == NULL || n == 0) {
        return -1;
    }
    gnutls_pcert_st pcert;
    int ret;
    switch (gnutls_certificate_type_get2(s, GNUTLS_CTYPE_PEERS)) {
    case GNUTLS_CRT_RAWPK:
        ret = gnutls_pcert_import_rawpk_raw(&pcert, &certs[0], GNUTLS_X509_FMT_DER, 0, 0);
        break;
    case GNUTLS_CRT_X509:
        ret = gnutls_pcert_import_x509_raw(&pcert, &certs[0], GNUTLS_X509_FMT_DER, 0);
        break;
    default:
        return -1;
    }
    if (ret < 0) {
        return -1;
    }
    ret = gnutls_pubkey_export(pcert.pubkey, GNUTLS_X509_FMT_DER, der, len);
    gnutls_pcert_deinit(&pcert);
    return ret < 0 ? -1 : 0;
}

int ep_tls_binding(coap_session_t *session, uint8_t exporter[32], uint8_t peer_fp[32])
{
    coap_tls_library_t lib;
    gnutls_session_t s = coap_session_get_tls(session, &lib);
    uint8_t der[512];
    size_t len = sizeof(der);
    if (s == NULL || lib != COAP_TLS_LIBRARY_GNUTLS) {
        return -1;
    }
    /* context NULL: the context is absent (RFC 5705), not zero-length */
    if (gnutls_prf_rfc5705(s, strlen(EP_EXPORTER_LABEL), EP_EXPORTER_LABEL, 0, NULL, 32, (char *)exporter) < 0) {
        return -1;
    }
    if (peer_spki(s, der, &len) != 0) {
        return -1;
    }
    return ep_spki_fingerprint(der, len, peer_fp);
}
