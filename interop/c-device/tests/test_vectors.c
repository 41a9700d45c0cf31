/*
 * Runs the repository's test vectors (flattened by flatten.py: "key<TAB>value" lines, "--" after each vector)
 * against jpake.c and pairing.c. Prints one line per failing vector, then "N passed, M failed"; exit 0 iff M is 0.
 * An optional second file names vectors known to contradict spec/ (one name per line, '#' comments): they are
 * reported as KNOWN instead of failing, and a listed vector that passes is a failure (the entry is stale).
 * Kinds: read, exchange (schema edgepair-jpake-vectors/1), pake-secret, confirmation, pairing-exchange.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

#include "../src/jpake.h"
#include "../src/pairing.h"

#define MAX_FIELDS 64
#define MAX_LINE 4096

typedef struct {
    char *key[MAX_FIELDS];
    char *value[MAX_FIELDS];
    int n;
} vector;

static mbedtls_ctr_drbg_context drbg;

static const char *get(const vector *v, const char *key)
{
    for (int i = 0; i < v->n; i++) {
        if (strcmp(v->key[i], key) == 0) {
            return v->value[i];
        }
    }
    return NULL;
}

/* Hex to bytes; returns the length, or -1. */
static long unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (size_t i = 0; i < n / 2; i++) {
        unsigned b;
        if (sscanf(hex + 2 * i, "%2x", &b) != 1) {
            return -1;
        }
        out[i] = (uint8_t)b;
    }
    return (long)(n / 2);
}

static int same_hex(const uint8_t *bytes, size_t len, const char *hex)
{
    uint8_t want[1024];
    long n = hex == NULL ? -1 : unhex(hex, want, sizeof(want));
    return n == (long)len && memcmp(bytes, want, len) == 0;
}

/* Scalars fixed by a vector: names x1, x2, v1, v2, v3 mapped to the vector's fields for one side. */
typedef struct {
    const vector *v;
    const char *names[5]; /* fields for x1, x2, v1, v2, v3 */
} fixed_scalars;

static int fixed_scalar(void *arg, const char *name, mbedtls_mpi *out)
{
    static const char *order[5] = { "x1", "x2", "v1", "v2", "v3" };
    const fixed_scalars *f = arg;
    for (int i = 0; i < 5; i++) {
        if (strcmp(name, order[i]) == 0) {
            uint8_t b[32];
            const char *hex = get(f->v, f->names[i]);
            if (hex == NULL || unhex(hex, b, sizeof(b)) != 32) {
                return -1;
            }
            return mbedtls_mpi_read_binary(out, b, 32);
        }
    }
    return -1;
}

static char why[256];

static int fail(const char *fmt, const char *arg)
{
    snprintf(why, sizeof(why), fmt, arg);
    return 0;
}

static int run_read(const vector *v)
{
    uint8_t pw[128], msg[1024], a[65], b[65], pms[32], k[65];
    long pwlen = unhex(get(v, "password"), pw, sizeof(pw));
    long mlen = unhex(get(v, "message"), msg, sizeof(msg));
    int server = strcmp(get(v, "reader"), "server") == 0;
    int round = atoi(get(v, "round"));
    const char *expect = get(v, "expect");
    jp_ctx ctx;
    jp_result r;
    int ok = 0;
    if (pwlen < 0 || mlen < 0) {
        return fail("bad hex%s", "");
    }
    jp_init(&ctx);
    if (jp_setup(&ctx, server ? JP_SERVER : JP_CLIENT, pw, (size_t)pwlen, mbedtls_ctr_drbg_random, &drbg)
        != JP_OK) {
        fail("setup refused the password%s", "");
        goto out;
    }
    jp_set_ids(&ctx, get(v, "clientId"), get(v, "serverId"));
    if (round == 1) {
        r = jp_read_round_one(&ctx, msg, (size_t)mlen);
    } else {
        uint8_t x1[32], x2[32];
        if (unhex(get(v, "own.x1"), x1, 32) != 32 || unhex(get(v, "own.x2"), x2, 32) != 32
            || unhex(get(v, "peerRound1.X1"), a, 65) != 65 || unhex(get(v, "peerRound1.X2"), b, 65) != 65
            || jp_set_own_keys(&ctx, x1, x2) != JP_OK || jp_set_peer_keys(&ctx, a, b) != JP_OK) {
            fail("bad round-two inputs%s", "");
            goto out;
        }
        r = jp_read_round_two(&ctx, msg, (size_t)mlen);
    }
    if (strcmp(expect, "accept") == 0) {
        if (r != JP_OK) {
            fail("refused: %s", jp_reason(r));
            goto out;
        }
        if (get(v, "expectPms") != NULL) {
            uint8_t mine[JP_ROUND_TWO_MAX];
            size_t n;
            if (jp_write_round_two(&ctx, mine, sizeof(mine), &n) != JP_OK || jp_derive_pms(&ctx, pms, k) != JP_OK) {
                fail("derive failed%s", "");
                goto out;
            }
            if (!same_hex(k, 65, get(v, "expectK")) || !same_hex(pms, 32, get(v, "expectPms"))) {
                fail("K or PMS differ%s", "");
                goto out;
            }
        }
        ok = 1;
    } else if (r == JP_OK) {
        fail("accepted, expected %s", get(v, "reason"));
    } else if (strcmp(jp_reason(r), get(v, "reason")) != 0) {
        snprintf(why, sizeof(why), "reason %s, expected %s", jp_reason(r), get(v, "reason"));
    } else {
        ok = 1;
    }
out:
    jp_free(&ctx);
    return ok;
}

/* Runs a whole exchange with fixed scalars; checks the four messages, and fills pms / the messages. */
typedef struct {
    uint8_t m[4][JP_ROUND_ONE_MAX]; /* client round one, server round one, server round two, client round two */
    size_t len[4];
    uint8_t pms[32];
    uint8_t k[65];
} transcript;

static int run_rounds(const vector *v, const uint8_t *pw, size_t pwlen, const char *cid, const char *sid,
                      const char *expect_names[4], transcript *t)
{
    fixed_scalars fc = { v, { "x1", "x2", "nonces.x1", "nonces.x2", "nonces.client2" } };
    fixed_scalars fs = { v, { "x3", "x4", "nonces.x3", "nonces.x4", "nonces.server2" } };
    jp_ctx c, s;
    uint8_t pms2[32], k2[65];
    int ok = 0;
    jp_init(&c);
    jp_init(&s);
    if (jp_setup(&c, JP_CLIENT, pw, pwlen, mbedtls_ctr_drbg_random, &drbg) != JP_OK
        || jp_setup(&s, JP_SERVER, pw, pwlen, mbedtls_ctr_drbg_random, &drbg) != JP_OK) {
        fail("setup refused the password%s", "");
        goto out;
    }
    jp_set_ids(&c, cid, sid);
    jp_set_ids(&s, cid, sid);
    c.scalar = fixed_scalar; c.scalar_arg = &fc;
    s.scalar = fixed_scalar; s.scalar_arg = &fs;
    jp_result r;
    if ((r = jp_write_round_one(&c, t->m[0], sizeof(t->m[0]), &t->len[0])) != JP_OK
        || (r = jp_read_round_one(&s, t->m[0], t->len[0])) != JP_OK
        || (r = jp_write_round_one(&s, t->m[1], sizeof(t->m[1]), &t->len[1])) != JP_OK
        || (r = jp_read_round_one(&c, t->m[1], t->len[1])) != JP_OK
        || (r = jp_write_round_two(&s, t->m[2], sizeof(t->m[2]), &t->len[2])) != JP_OK
        || (r = jp_read_round_two(&c, t->m[2], t->len[2])) != JP_OK
        || (r = jp_write_round_two(&c, t->m[3], sizeof(t->m[3]), &t->len[3])) != JP_OK
        || (r = jp_read_round_two(&s, t->m[3], t->len[3])) != JP_OK
        || (r = jp_derive_pms(&c, t->pms, t->k)) != JP_OK
        || (r = jp_derive_pms(&s, pms2, k2)) != JP_OK) {
        fail("exchange failed: %s", jp_reason(r));
        goto out;
    }
    for (int i = 0; i < 4; i++) {
        if (!same_hex(t->m[i], t->len[i], get(v, expect_names[i]))) {
            fail("message differs: %s", expect_names[i]);
            goto out;
        }
    }
    if (memcmp(t->pms, pms2, 32) != 0 || memcmp(t->k, k2, 65) != 0) {
        fail("the two sides derived different secrets%s", "");
        goto out;
    }
    ok = 1;
out:
    jp_free(&c);
    jp_free(&s);
    return ok;
}

static int run_exchange(const vector *v)
{
    uint8_t pw[128];
    long pwlen = unhex(get(v, "password"), pw, sizeof(pw));
    const char *names[4] = { "expect.clientRoundOne", "expect.serverRoundOne", "expect.serverRoundTwo",
                             "expect.clientRoundTwo" };
    transcript t;
    if (pwlen < 0) {
        return fail("bad hex%s", "");
    }
    if (!run_rounds(v, pw, (size_t)pwlen, get(v, "clientId"), get(v, "serverId"), names, &t)) {
        return 0;
    }
    if (!same_hex(t.k, 65, get(v, "expect.K")) || !same_hex(t.pms, 32, get(v, "expect.pms"))) {
        return fail("K or PMS differ%s", "");
    }
    return 1;
}

/* The secret of a vector: the password normalised as the principal implies, then PBKDF2. */
static int secret_of(const vector *v, uint8_t w[32])
{
    char norm[300];
    const char *principal = get(v, "principal");
    const char *iterations = get(v, "iterations");
    int n = strncmp(principal, "token:", 6) == 0 ? ep_normalise_token(get(v, "password"), norm, sizeof(norm))
                                                  : ep_normalise_password(get(v, "password"), norm, sizeof(norm));
    if (n < 0) {
        return fail("password refused by normalisation%s", "");
    }
    if (ep_pake_secret(get(v, "productId"), get(v, "deviceId"), principal, (const uint8_t *)norm, (size_t)n,
                       iterations ? (unsigned)atoi(iterations) : EP_PBKDF2_ITERATIONS, w) != 0) {
        return fail("pbkdf2 failed%s", "");
    }
    return 1;
}

static int run_pake_secret(const vector *v)
{
    uint8_t w[32];
    if (!secret_of(v, w)) {
        return 0;
    }
    return same_hex(w, 32, get(v, "expect")) ? 1 : fail("secret differs%s", "");
}

static int confirm_fields(const vector *v, const ep_bytes msgs[4], const uint8_t pms[32], ep_confirmation *c)
{
    uint8_t cfp[32], dfp[32], exp[32];
    if (unhex(get(v, "clientFingerprint"), cfp, 32) != 32 || unhex(get(v, "deviceFingerprint"), dfp, 32) != 32
        || unhex(get(v, "exporter"), exp, 32) != 32) {
        return fail("bad hex%s", "");
    }
    if (ep_confirm(get(v, "principal"), cfp, dfp, exp, msgs, pms, c) != 0) {
        return fail("confirm failed%s", "");
    }
    return 1;
}

static int run_confirmation(const vector *v)
{
    static const char *names[4] = { "messages.c1", "messages.d1", "messages.d2", "messages.c2" };
    uint8_t m[4][1024], pms[32];
    ep_bytes msgs[4];
    ep_confirmation c;
    for (int i = 0; i < 4; i++) {
        long n = unhex(get(v, names[i]), m[i], sizeof(m[i]));
        if (n < 0) {
            return fail("bad hex%s", "");
        }
        msgs[i].p = m[i];
        msgs[i].len = (size_t)n;
    }
    if (unhex(get(v, "pms"), pms, 32) != 32 || !confirm_fields(v, msgs, pms, &c)) {
        return fail("bad inputs%s", "");
    }
    if (!same_hex(c.th, 32, get(v, "expect.transcriptHash"))) return fail("transcript hash differs%s", "");
    if (!same_hex(c.client_key, 32, get(v, "expect.clientKey"))) return fail("client key differs%s", "");
    if (!same_hex(c.device_key, 32, get(v, "expect.deviceKey"))) return fail("device key differs%s", "");
    if (!same_hex(c.client_mac, 32, get(v, "expect.clientMac"))) return fail("client MAC differs%s", "");
    if (!same_hex(c.device_mac, 32, get(v, "expect.deviceMac"))) return fail("device MAC differs%s", "");
    return 1;
}

static int run_pairing_exchange(const vector *v)
{
    const char *names[4] = { "expect.clientRoundOne", "expect.deviceRoundOne", "expect.deviceRoundTwo",
                             "expect.clientRoundTwo" };
    uint8_t w[32];
    transcript t;
    ep_confirmation c;
    if (!secret_of(v, w)) {
        return 0;
    }
    if (!same_hex(w, 32, get(v, "expect.secret"))) {
        return fail("secret differs%s", "");
    }
    if (!run_rounds(v, w, 32, get(v, "clientProverId"), get(v, "deviceProverId"), names, &t)) {
        return 0;
    }
    if (!same_hex(t.pms, 32, get(v, "expect.pms"))) {
        return fail("PMS differs%s", "");
    }
    /* the transcript order is c1, d1, d2, c2 */
    ep_bytes msgs[4] = { { t.m[0], t.len[0] }, { t.m[1], t.len[1] }, { t.m[2], t.len[2] }, { t.m[3], t.len[3] } };
    if (!confirm_fields(v, msgs, t.pms, &c)) {
        return 0;
    }
    if (!same_hex(c.client_mac, 32, get(v, "expect.clientMac"))) return fail("client MAC differs%s", "");
    if (!same_hex(c.device_mac, 32, get(v, "expect.deviceMac"))) return fail("device MAC differs%s", "");
    return 1;
}

static int run(const vector *v)
{
    const char *kind = get(v, "kind");
    why[0] = '\0';
    if (kind == NULL) return fail("no kind%s", "");
    if (strcmp(kind, "read") == 0) return run_read(v);
    if (strcmp(kind, "exchange") == 0) return run_exchange(v);
    if (strcmp(kind, "pake-secret") == 0) return run_pake_secret(v);
    if (strcmp(kind, "confirmation") == 0) return run_confirmation(v);
    if (strcmp(kind, "pairing-exchange") == 0) return run_pairing_exchange(v);
    return fail("unknown kind %s", kind);
}

static void clear(vector *v)
{
    for (int i = 0; i < v->n; i++) {
        free(v->key[i]);
        free(v->value[i]);
    }
    v->n = 0;
}

static char known[16][200];
static int n_known;

static void load_known(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[200];
    if (f == NULL) {
        return;
    }
    while (n_known < 16 && fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] != '\0' && line[0] != '#') {
            snprintf(known[n_known++], sizeof(known[0]), "%s", line);
        }
    }
    fclose(f);
}

static int is_known(const char *name)
{
    for (int i = 0; name != NULL && i < n_known; i++) {
        if (strcmp(known[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 2) {
        load_known(argv[2]);
    }
    mbedtls_entropy_context entropy;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *)"vectors", 7) != 0) {
        fprintf(stderr, "cannot seed the random generator\n");
        return 2;
    }
    FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
    if (in == NULL) {
        perror(argv[1]);
        return 2;
    }
    static char line[MAX_LINE];
    vector v = { .n = 0 };
    int passed = 0, failed = 0;
    while (fgets(line, sizeof(line), in) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, "--") == 0) {
            const char *name = get(&v, "name") ? get(&v, "name") : "?";
            int ok = run(&v);
            if (is_known(name)) {
                if (ok) {
                    failed++;
                    printf("FAIL %s: passes, but is listed as contradicting the spec (remove the entry)\n", name);
                } else {
                    printf("KNOWN %s: %s (listed as contradicting the spec)\n", name, why);
                }
            } else if (ok) {
                passed++;
            } else {
                failed++;
                printf("FAIL %s: %s\n", name, why);
            }
            clear(&v);
            continue;
        }
        char *tab = strchr(line, '\t');
        if (tab == NULL || v.n == MAX_FIELDS) {
            fprintf(stderr, "bad input line\n");
            clear(&v);
            return 2;
        }
        *tab = '\0';
        v.key[v.n] = strdup(line);
        v.value[v.n] = strdup(tab + 1);
        v.n++;
    }
    clear(&v);
    if (in != stdin) {
        fclose(in);
    }
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}
