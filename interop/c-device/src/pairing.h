/* Secrets and key confirmation of pairing protocol 2 (spec/pairing.md). */
#ifndef EP_PAIRING_H
#define EP_PAIRING_H

#include <stddef.h>
#include <stdint.h>

#define EP_SECRET_LABEL "EdgePair pake secret v1"
#ifndef EP_AUTH_LABEL /* overridable only to check the transcript code against old vectors */
#define EP_AUTH_LABEL "EdgePair pake-auth v2"
#endif
#define EP_PBKDF2_ITERATIONS 10000u

/* Normalises a typed or generated open/invite password: 8-64 characters (UTF-8 code points) before
 * normalisation; a password shaped like a generated one (12 letters/digits, optionally 4-4-4 with dashes, no U)
 * is upper-cased with dashes dropped and O->0, I/L->1; any other is kept as typed. Returns the length written
 * to out (NUL-terminated), or -1 if the password is refused. */
int ep_normalise_password(const char *in, char *out, size_t cap);

/* Normalises a token: drop '-' and ' ', upper-case, O->0, I/L->1; must then be 16 Crockford symbols.
 * Returns 16, or -1 if it is not a token. */
int ep_normalise_token(const char *in, char *out, size_t cap);

/* w = PBKDF2-HMAC-SHA256(P, lp(label) lp(productId) lp(deviceId) lp(principal), iterations, 32). */
int ep_pake_secret(const char *product_id, const char *device_id, const char *principal,
                   const uint8_t *password, size_t password_len, unsigned iterations, uint8_t w[32]);

typedef struct {
    const uint8_t *p;
    size_t len;
} ep_bytes;

typedef struct {
    uint8_t th[32];          /* transcript hash */
    uint8_t client_key[32];  /* okm[0..32] */
    uint8_t device_key[32];  /* okm[32..64] */
    uint8_t client_mac[32];
    uint8_t device_mac[32];
} ep_confirmation;

/* th = SHA-256(lp(label) lp(principal) lp(client fp) lp(device fp) lp(exporter) lp(c1) lp(d1) lp(d2) lp(c2)),
 * okm = HKDF-SHA256(PMS, salt = exporter, info = label " keys" || th, 64), MACs = HMAC(key, "client"/"device" || th).
 * The messages are the TLS-framed J-PAKE messages. */
int ep_confirm(const char *principal, const uint8_t client_fp[32], const uint8_t device_fp[32],
               const uint8_t exporter[32], const ep_bytes msgs[4], const uint8_t pms[32], ep_confirmation *out);

/* Constant-time comparison: 1 if equal. */
int ep_equal(const uint8_t *a, const uint8_t *b, size_t n);

#endif
