/*
 * EC J-PAKE (RFC 8236) on P-256 with Schnorr proofs (RFC 8235), written on mbedtls_ecp / mbedtls_mpi because
 * Debian's libmbedcrypto is built without MBEDTLS_ECJPAKE_C. The messages are the TLS (Thread) framing that
 * Mbed TLS's mbedtls_ecjpake_* functions read and write, and the reads check in Mbed TLS's order: each key
 * share (X, V, r) is read and its proof checked before the next one is read.
 *
 * On a stock Mbed TLS build with MBEDTLS_ECJPAKE_C, every function here has a twin (see README.md):
 *   jp_setup            mbedtls_ecjpake_setup(ctx, role, MBEDTLS_MD_SHA256, MBEDTLS_ECP_DP_SECP256R1, w, 32)
 *   jp_write_round_one  mbedtls_ecjpake_write_round_one
 *   jp_read_round_one   mbedtls_ecjpake_read_round_one
 *   jp_write_round_two  mbedtls_ecjpake_write_round_two
 *   jp_read_round_two   mbedtls_ecjpake_read_round_two
 *   jp_derive_pms       mbedtls_ecjpake_derive_secret (32 bytes: SHA-256 of x(K))
 */
#ifndef EP_JPAKE_H
#define EP_JPAKE_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>

typedef enum { JP_CLIENT = 0, JP_SERVER = 1 } jp_role;

/* Why a received message was refused (spec/jpake.md, "Checks on received data"). */
typedef enum {
    JP_OK = 0,
    JP_MALFORMED,     /* truncated, trailing bytes, wrong lengths, r empty / zero / >= n, curve type not 03 */
    JP_UNSUPPORTED,   /* compressed or other point formats, a curve other than secp256r1 */
    JP_INVALID_POINT, /* infinity, coordinate >= p, not on the curve, a round-two base or K at infinity */
    JP_PROOF_FAILED,  /* a Schnorr proof that does not verify */
    JP_STATE,         /* a step out of order */
    JP_INTERNAL       /* allocation, random generator, or a buffer too small */
} jp_result;

const char *jp_reason(jp_result r); /* "malformed", "unsupported", ... */

/* Where a scalar comes from: random by default; tests fix them (names "x1", "x2", "v1", "v2", "v3"). */
typedef int (*jp_scalar_fn)(void *arg, const char *name, mbedtls_mpi *out);

typedef struct {
    mbedtls_ecp_group grp;
    jp_role role;
    mbedtls_mpi s;                         /* password scalar */
    mbedtls_mpi xm1, xm2;                  /* own scalars */
    mbedtls_ecp_point Xm1, Xm2;            /* own round-one keys */
    mbedtls_ecp_point Xp1, Xp2;            /* peer's round-one keys */
    mbedtls_ecp_point Xp;                  /* peer's round-two key */
    int wrote1, read1, wrote2, read2;      /* steps done */
    int (*f_rng)(void *, unsigned char *, size_t);
    void *p_rng;
    const char *ids[2];                    /* prover ids of client and server: JP_CLIENT_ID, JP_SERVER_ID */
    jp_scalar_fn scalar;                   /* NULL: random */
    void *scalar_arg;
} jp_ctx;

/* Prover ids: Mbed TLS's, fixed (spec/pairing.md: "client" for the DTLS client, "server" for the device). */
#define JP_CLIENT_ID "client"
#define JP_SERVER_ID "server"

/* Largest messages: round one 2 * (66 + 66 + 33) = 330, round two 3 + 165. */
#define JP_ROUND_ONE_MAX 330
#define JP_ROUND_TWO_MAX 168

void jp_init(jp_ctx *ctx);
void jp_free(jp_ctx *ctx); /* zeroes the scalars */

/* secret: the password bytes (read big-endian, mod n); refused (JP_MALFORMED) if that is 0. */
jp_result jp_setup(jp_ctx *ctx, jp_role role, const uint8_t *secret, size_t secret_len,
                   int (*f_rng)(void *, unsigned char *, size_t), void *p_rng);

jp_result jp_write_round_one(jp_ctx *ctx, uint8_t *buf, size_t cap, size_t *olen);
jp_result jp_read_round_one(jp_ctx *ctx, const uint8_t *buf, size_t len);
/* Every point and r of a message of `shares` key shares (no ECParameters), without the proofs: what EdgePair's
 * CBOR rule checks first (spec/jpake.md: any fault is 4.00, then the proofs, 4.01). No state changes. */
jp_result jp_check_points(const jp_ctx *ctx, const uint8_t *buf, size_t len, int shares);
jp_result jp_write_round_two(jp_ctx *ctx, uint8_t *buf, size_t cap, size_t *olen);
jp_result jp_read_round_two(jp_ctx *ctx, const uint8_t *buf, size_t len);
/* pms = SHA-256(x(K)); k_out (65 bytes, may be NULL) = K uncompressed, for test vectors. */
jp_result jp_derive_pms(jp_ctx *ctx, uint8_t pms[32], uint8_t *k_out);

/* Test seam: other prover ids (Mbed TLS has none; EdgePair's protocol fixes "client" and "server"). */
void jp_set_ids(jp_ctx *ctx, const char *client_id, const char *server_id);

/* Test seams: state as if round one had been written / read. */
jp_result jp_set_own_keys(jp_ctx *ctx, const uint8_t x1[32], const uint8_t x2[32]);
jp_result jp_set_peer_keys(jp_ctx *ctx, const uint8_t X1[65], const uint8_t X2[65]);

#endif
