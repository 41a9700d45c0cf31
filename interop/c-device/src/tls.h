/* What the confirmation needs from the DTLS session; libcoap has no API for it, so each back end reads its own
 * TLS object (coap_session_get_tls). tls_gnutls.c or tls_openssl.c is linked, matching -lcoap-3-<back end>. */
#ifndef EP_TLS_H
#define EP_TLS_H

#include <stdint.h>

#include <coap3/coap.h>

#define EP_EXPORTER_LABEL "EXPORTER-EdgePair-channel-binding"

/* The session's RFC 5705 exporter (label above, context absent, 32 bytes) and the SHA-256 fingerprint of the
 * peer's DER SubjectPublicKeyInfo (raw public key, or the key of its certificate). -1 if there is no
 * established session or the peer's key is not P-256. */
int ep_tls_binding(coap_session_t *session, uint8_t exporter[32], uint8_t peer_fp[32]);

/* libcoap's PKI setup for an identity: GnuTLS offers the key as a raw public key, OpenSSL as the self-signed
 * certificate made from it. The peer must present a key (client authentication is required on the device) but
 * any key is accepted: it is only an identity, trust is decided above DTLS. */
void ep_pki_setup(coap_dtls_pki_t *pki, const char *key_pem, const char *cert_pem);

/* "gnutls" or "openssl" */
extern const char *const ep_tls_backend;

#endif
