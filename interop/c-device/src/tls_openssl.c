/* OpenSSL back end: X.509 certificates (the key in a self-signed certificate). */
#include "tls.h"

#include <string.h>

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "identity.h"

const char *const ep_tls_backend = "openssl";

int ep_tls_binding(coap_session_t *session, uint8_t exporter[32], uint8_t peer_fp[32])
{
    coap_tls_library_t lib;
    SSL *ssl = coap_session_get_tls(session, &lib);
    if (ssl == NULL || lib != COAP_TLS_LIBRARY_OPENSSL || !SSL_is_init_finished(ssl)) {
        return -1;
    }
    /* use_context = 0: the context is absent (RFC 5705), not zero-length */
    if (SSL_export_keying_material(ssl, exporter, 32, EP_EXPORTER_LABEL, strlen(EP_EXPORTER_LABEL), NULL, 0, 0)
        != 1) {
        return -1;
    }
    X509 *peer = SSL_get1_peer_certificate(ssl);
    if (peer == NULL) {
        return -1;
    }
    unsigned char *der = NULL;
    int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(peer), &der);
    int ret = len > 0 ? ep_spki_fingerprint(der, (size_t)len, peer_fp) : -1;
    OPENSSL_free(der);
    X509_free(peer);
    return ret;
}
