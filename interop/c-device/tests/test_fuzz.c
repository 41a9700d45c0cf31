/*
 * Bounded mutation runs over the two parsers that read peer bytes: the strict CBOR layer with the KeyShare/RoundOne
 * conversion (wire.c) and the J-PAKE reads (jpake.c). Deterministic (fixed seed, fixed count); meant to run under
 * AddressSanitizer, where any out-of-bounds read, leak or undefined behaviour stops it. Also checks that a
 * rejected J-PAKE message leaves the participant as it was (the valid message is accepted afterwards).
 *
 *   test_fuzz ROUND_ONE_HEX   (a valid client round one with prover ids client/server)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "../src/jpake.h"
#include "../src/wire.h"

#define RUNS 3000

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint32_t next(void) /* xorshift64*: deterministic */
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return (uint32_t)((state * 0x2545F4914F6CDD1Dull) >> 32);
}

static size_t mutate(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    memcpy(out, in, len);
    int edits = 1 + (int)(next() % 4);
    for (int e = 0; e < edits; e++) {
        size_t at = len ? next() % len : 0;
        switch (next() % 5) {
        case 0: if (len) out[at] ^= (uint8_t)(1u << (next() % 8)); break;      /* flip a bit */
        case 1: if (len) out[at] = (uint8_t)next(); break;                      /* replace a byte */
        case 2: len = at; break;                                                 /* truncate */
        case 3: if (len < cap) { memmove(out + at + 1, out + at, len - at); out[at] = (uint8_t)next(); len++; } break;
        default: if (len) { memmove(out + at, out + at + 1, len - at - 1); len--; } break; /* delete a byte */
        }
    }
    return len;
}

static int unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n && i < cap; i++) {
        unsigned b;
        if (sscanf(hex + 2 * i, "%2x", &b) != 1) return -1;
        out[i] = (uint8_t)b;
    }
    return n <= cap ? (int)n : -1;
}

int main(int argc, char **argv)
{
    uint8_t r1[JP_ROUND_ONE_MAX], buf[EP_MAX_BODY + 64], tls[JP_ROUND_ONE_MAX * 2];
    int r1_len = argc > 1 ? unhex(argv[1], r1, sizeof(r1)) : -1;
    if (r1_len <= 0) {
        fprintf(stderr, "usage: test_fuzz ROUND_ONE_HEX\n");
        return 2;
    }
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *)"fuzz", 4) != 0) {
        return 2;
    }
    int failures = 0;

    /* the /pake/1 body of that round, and the round back from it */
    cbor_item_t *m = cbor_new_definite_map(2);
    size_t body_len, tls_len;
    uint8_t *body = NULL;
    char diag[EP_DIAG];
    if (!ep_put(m, "Round1", ep_round_one_from_tls(r1, (size_t)r1_len))
        || !ep_put(m, "Username", cbor_build_string(""))
        || (body = ep_serialise(m, &body_len)) == NULL) {
        fprintf(stderr, "cannot build the body\n");
        return 2;
    }
    cbor_item_t *d = ep_decode_body(body, body_len, diag);
    if (d == NULL || ep_round_one_to_tls(ep_get(d, "Round1"), "Round1", tls, sizeof(tls), &tls_len, diag) != 0
        || tls_len != (size_t)r1_len || memcmp(tls, r1, tls_len) != 0) {
        printf("FAIL the valid body does not round-trip\n");
        failures++;
    }
    if (d != NULL) cbor_decref(&d);

    int accepted = 0;
    for (int i = 0; i < RUNS; i++) {
        size_t n = mutate(body, body_len, buf, sizeof(buf));
        d = ep_decode_body(buf, n, diag);
        if (d != NULL) {
            accepted++;
            if (ep_get(d, "Round1") != NULL) {
                ep_round_one_to_tls(ep_get(d, "Round1"), "Round1", tls, sizeof(tls), &tls_len, diag);
            }
            cbor_decref(&d);
        }
    }
    printf("cbor: %d mutated bodies, %d decoded\n", RUNS, accepted);

    /* J-PAKE: mutated round-one messages, each read by a fresh server; then the same server reads the valid one */
    int rejected = 0;
    for (int i = 0; i < RUNS / 10; i++) {
        jp_ctx jp;
        jp_init(&jp);
        static const uint8_t pw[] = "threadjpaketest";
        if (jp_setup(&jp, JP_SERVER, pw, sizeof(pw) - 1, mbedtls_ctr_drbg_random, &drbg) != JP_OK) {
            return 2;
        }
        size_t n = mutate(r1, (size_t)r1_len, buf, sizeof(buf));
        jp_result r = jp_read_round_one(&jp, buf, n);
        if (r == JP_OK && !(n == (size_t)r1_len && memcmp(buf, r1, n) == 0)) {
            printf("FAIL a mutated round one was accepted (run %d)\n", i);
            failures++;
        }
        if (r != JP_OK) {
            rejected++;
            if (jp_read_round_one(&jp, r1, (size_t)r1_len) != JP_OK) {
                printf("FAIL a rejected message changed the participant (run %d, %s)\n", i, jp_reason(r));
                failures++;
            }
        }
        jp_free(&jp);
    }
    printf("jpake: %d mutated round-one messages, %d rejected\n", RUNS / 10, rejected);

    /* A peer whose X1 is the negation of ours makes a partial sum of both round-two bases infinity
     * (mbedtls_ecp_muladd refuses infinity as an input): the rounds must still be written and read. */
    {
        static const uint8_t pw[] = "threadjpaketest";
        jp_ctx a, b;
        uint8_t a1[JP_ROUND_ONE_MAX], b1[JP_ROUND_ONE_MAX], a2[JP_ROUND_TWO_MAX], b2[JP_ROUND_TWO_MAX];
        uint8_t neg[65], other[65];
        size_t a1_len, b1_len, a2_len, b2_len, olen;
        jp_init(&a);
        jp_init(&b);
        mbedtls_ecp_point N;
        mbedtls_ecp_point_init(&N);
        int ok = jp_setup(&a, JP_CLIENT, pw, sizeof(pw) - 1, mbedtls_ctr_drbg_random, &drbg) == JP_OK
                 && jp_setup(&b, JP_SERVER, pw, sizeof(pw) - 1, mbedtls_ctr_drbg_random, &drbg) == JP_OK
                 && jp_write_round_one(&a, a1, sizeof(a1), &a1_len) == JP_OK
                 && jp_read_round_one(&b, a1, a1_len) == JP_OK
                 && jp_write_round_one(&b, b1, sizeof(b1), &b1_len) == JP_OK
                 && jp_write_round_two(&b, b2, sizeof(b2), &b2_len) == JP_OK
                 && mbedtls_ecp_copy(&N, &a.Xm1) == 0 && mbedtls_mpi_sub_mpi(&N.Y, &a.grp.P, &N.Y) == 0
                 && mbedtls_ecp_point_write_binary(&a.grp, &N, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, neg, 65) == 0
                 && mbedtls_ecp_point_write_binary(&a.grp, &b.Xm2, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, other, 65)
                        == 0
                 && jp_set_peer_keys(&a, neg, other) == JP_OK;
        jp_result w = ok ? jp_write_round_two(&a, a2, sizeof(a2), &a2_len) : JP_INTERNAL;
        jp_result r = ok ? jp_read_round_two(&a, b2, b2_len) : JP_INTERNAL;
        if (w != JP_OK || r != JP_PROOF_FAILED) {
            printf("FAIL peer X1 = -X1: write %s, read %s (expected ok, proof-failed)\n", jp_reason(w), jp_reason(r));
            failures++;
        } else {
            printf("jpake: a peer X1 = -X1 is written against and refused as proof-failed\n");
        }
        mbedtls_ecp_point_free(&N);
        jp_free(&a);
        jp_free(&b);
    }
    free(body);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    printf("%s\n", failures ? "fuzz: FAILED" : "fuzz: passed");
    return failures ? 1 : 0;
}
