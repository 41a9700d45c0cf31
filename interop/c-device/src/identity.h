/* The device's P-256 identity key (PEM file, generated if missing) and its self-signed certificate. */
#ifndef EP_IDENTITY_H
#define EP_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#define EP_PEM_MAX 2048

typedef struct {
    char key_pem[EP_PEM_MAX];  /* SEC1 "EC PRIVATE KEY" PEM, NUL-terminated (what libcoap's back ends load) */
    char cert_pem[EP_PEM_MAX]; /* self-signed certificate made from the key, NUL-terminated */
    uint8_t fingerprint[32];   /* SHA-256 of the DER SubjectPublicKeyInfo */
} ep_identity;

/* Loads key_path (SEC1 or PKCS#8 PEM, must be P-256) or creates it (mode 0600); then makes the certificate
 * (CN=edgepair-c-device, CA=true, 2001-2049), writing it to cert_path when cert_path is not NULL.
 * Returns 0, or -1 with a message on stderr. */
int ep_identity_load(const char *key_path, const char *cert_path, ep_identity *id,
                     int (*f_rng)(void *, unsigned char *, size_t), void *p_rng);

/* SHA-256 of a DER SubjectPublicKeyInfo, if it holds a P-256 key; -1 otherwise. */
int ep_spki_fingerprint(const uint8_t *der, size_t len, uint8_t fp[32]);

/* Writes data to path atomically (temporary file, fsync, rename), mode 0600. */
int ep_write_file(const char *path, const void *data, size_t len);

#endif
