/* What the confirmation needs from the DTLS session; libcoap has no API for it, so each back end reads its own
 * TLS object (coap_session_get_tls). tls_gnutls.c or tls_openssl.c is linked, matching -lcoap-3-<back end>. */
#ifndef EP_TLS_H
#define EP_TLS_H

#include <stdint.h>

#include <coap3/coap.h>

#define EP_EXPORTER_LABEL "EXPORTER-EdgePair-channel-binding"

/* The session's RFC 5705 exporter (label above, context absent, 32 bytes) and the SHA-256 fingerprint of the
 * client's DER SubjectPublicKeyInfo (raw public key, or the key of its certificate). -1 if there is no
 * established session or the client's key is not P-256. */
int ep_tls_binding(coap_session_t *session, uint8_t exporter[32], uint8_t client_fp[32]);

/* "gnutls" or "openssl" */
extern const char *const ep_tls_backend;

#endif
