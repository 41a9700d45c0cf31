/* libcoap PKI setup shared by the device and the test client (see tls.h). */
#include <string.h>

#include "tls.h"

void ep_pki_setup(coap_dtls_pki_t *pki, const char *key_pem, const char *cert_pem)
{
    int rpk = strcmp(ep_tls_backend, "gnutls") == 0;
    const char *pub = rpk ? key_pem : cert_pem; /* libcoap: an "EC PRIVATE KEY" PEM serves as its own RPK */
    memset(pki, 0, sizeof(*pki));
    pki->version = COAP_DTLS_PKI_SETUP_VERSION;
    pki->verify_peer_cert = 1;    /* a key is required ... */
    pki->check_common_ca = 0;     /* ... but any key: it is only an identity */
    pki->allow_self_signed = 1;
    pki->allow_expired_certs = 1; /* dates decide nothing */
    pki->allow_no_crl = 1;
    pki->allow_expired_crl = 1;
    pki->is_rpk_not_cert = (uint8_t)rpk;
    pki->pki_key.key_type = COAP_PKI_KEY_PEM_BUF;
    pki->pki_key.key.pem_buf.public_cert = (const uint8_t *)pub;
    pki->pki_key.key.pem_buf.public_cert_len = strlen(pub) + 1;
    pki->pki_key.key.pem_buf.private_key = (const uint8_t *)key_pem;
    pki->pki_key.key.pem_buf.private_key_len = strlen(key_pem) + 1;
}
