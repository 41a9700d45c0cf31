/*
 * EdgePair C reference device: password-open pairing (pairing protocol 2, spec/pairing.md) over CoAP and DTLS
 * with libcoap, EC J-PAKE on Mbed TLS (jpake.c), CBOR with libcbor (wire.c).
 *
 *   GET  /iam/pairing                   product and device id, modes, PakeVersion 2
 *   POST /pake/1                        {Username: "", Round1}          -> {Round1, Round2}
 *   POST /pake/2                        {Round2, Confirm, Pair?}        -> {Confirm, Username?, Role?}
 *   POST /iam/pairing/password-open     {Username, FingerprintName?}    (after /pake/2 without Pair)
 *   GET  /hello                         "Hello world" for paired keys, 4.03 otherwise
 *
 * Per-connection state is keyed by the DTLS session's exporter value, so it belongs to one DTLS session: a new
 * handshake (even from the same address) finds nothing. Paired keys live in <home>/paired.txt.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <coap3/coap.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/platform_util.h>

#include "identity.h"
#include "jpake.h"
#include "pairing.h"
#include "tls.h"
#include "wire.h"

#define VERSION "0.1.0-c"
#define EXCHANGE_TIMEOUT 30.0  /* s, /pake/1 -> /pake/2, and /pake/2 -> the pairing that uses it */
#define IDLE_TIMEOUT 300.0     /* s, per-connection state */
#define MAX_CONNS 32
#define MAX_PAIRED 256
#define WINDOW_FAILURES 20     /* failed password confirmations that close the window ... */
#define FAILURE_AGE 600.0      /* ... while they are younger than this (s) */
#define BUCKET 10.0            /* device-wide /pake/1 tokens, refilled 1 per second */

/* ------------------------------------------------------------------------------------------------ state */

static struct {
    const char *product_id, *device_id, *role, *home;
    char paired_path[4096];
    uint8_t secret[32];        /* w for principal "user:" (the open-pairing password) */
    ep_identity id;
    double window_until;       /* < 0: always open */
    double failures[WINDOW_FAILURES];
    int next_failure;
    double tokens, tokens_time;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_entropy_context entropy;
} dev;

typedef struct {
    int in_use;
    uint8_t exporter[32];     /* the DTLS session this state belongs to */
    uint8_t client_fp[32];
    double last_used;
    /* the exchange between /pake/1 and /pake/2 */
    int has_exchange;
    double exchange_time;
    jp_ctx jp;
    uint8_t msg[3][JP_ROUND_ONE_MAX]; /* c1, d1, d2 in TLS framing */
    size_t msg_len[3];
    /* Authenticated(principal "user:"), consumed by one pairing */
    int authenticated;
    double auth_time;
} conn;

static conn conns[MAX_CONNS];

typedef struct {
    uint8_t fp[32];
    char user[65];
    char name[65];
} paired_key;

static paired_key paired[MAX_PAIRED];
static size_t n_paired;

static volatile sig_atomic_t stop;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void hex(const uint8_t *b, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        snprintf(out + 2 * i, 3, "%02x", b[i]);
    }
}

static void drop_exchange(conn *c)
{
    if (c->has_exchange) {
        jp_free(&c->jp);
        mbedtls_platform_zeroize(c->msg, sizeof(c->msg));
        c->has_exchange = 0;
    }
}

static void drop_conn(conn *c)
{
    drop_exchange(c);
    mbedtls_platform_zeroize(c, sizeof(*c));
}

/* The state of this DTLS session (created when create is set), or NULL. */
static conn *find_conn(const uint8_t exporter[32], const uint8_t client_fp[32], int create)
{
    double t = now();
    conn *free_slot = NULL, *oldest = NULL;
    for (int i = 0; i < MAX_CONNS; i++) {
        conn *c = &conns[i];
        if (c->in_use && t - c->last_used > IDLE_TIMEOUT) {
            drop_conn(c);
        }
        if (c->in_use && ep_equal(c->exporter, exporter, 32) && ep_equal(c->client_fp, client_fp, 32)) {
            c->last_used = t;
            return c;
        }
        if (!c->in_use && free_slot == NULL) {
            free_slot = c;
        }
        if (c->in_use && (oldest == NULL || c->last_used < oldest->last_used)) {
            oldest = c;
        }
    }
    if (!create) {
        return NULL;
    }
    if (free_slot == NULL) {
        drop_conn(oldest);
        free_slot = oldest;
    }
    free_slot->in_use = 1;
    memcpy(free_slot->exporter, exporter, 32);
    memcpy(free_slot->client_fp, client_fp, 32);
    free_slot->last_used = t;
    return free_slot;
}

/* ------------------------------------------------------------------------------------------------ limits */

static int window_open(void)
{
    double t = now();
    if (dev.window_until >= 0 && t > dev.window_until) {
        return 0;
    }
    int recent = 0;
    for (int i = 0; i < WINDOW_FAILURES; i++) {
        recent += dev.failures[i] > 0 && t - dev.failures[i] < FAILURE_AGE;
    }
    return recent < WINDOW_FAILURES;
}

static void count_failure(void)
{
    dev.failures[dev.next_failure] = now();
    dev.next_failure = (dev.next_failure + 1) % WINDOW_FAILURES;
}

/* Takes a /pake/1 token from the device bucket; 0 and *retry (s) when empty. */
static int take_token(int *retry)
{
    double t = now();
    dev.tokens = fmin(BUCKET, dev.tokens + (t - dev.tokens_time));
    dev.tokens_time = t;
    if (dev.tokens >= 1.0) {
        dev.tokens -= 1.0;
        return 1;
    }
    *retry = (int)ceil(1.0 - dev.tokens);
    return 0;
}

static void give_back_token(void)
{
    dev.tokens = fmin(BUCKET, dev.tokens + 1.0);
}

/* ------------------------------------------------------------------------------------------------ paired keys */

static const paired_key *paired_by_fp(const uint8_t fp[32])
{
    for (size_t i = 0; i < n_paired; i++) {
        if (memcmp(paired[i].fp, fp, 32) == 0) {
            return &paired[i];
        }
    }
    return NULL;
}

static int user_exists(const char *user)
{
    for (size_t i = 0; i < n_paired; i++) {
        if (strcmp(paired[i].user, user) == 0) {
            return 1;
        }
    }
    return 0;
}

/* spec/iam.md: 1-64 of [a-z0-9_.-] */
static int valid_username(const char *u)
{
    size_t n = strlen(u);
    if (n < 1 || n > 64) {
        return 0;
    }
    return strspn(u, "abcdefghijklmnopqrstuvwxyz0123456789_.-") == n;
}

/* FingerprintName: 0-64 printable characters (no control characters: the store is line-based). */
static int valid_name(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) {
            return 0;
        }
    }
    return 1;
}

/* One line per key: "<fingerprint hex> <username> <role> <fingerprint name>" */
static int save_paired(void)
{
    size_t cap = n_paired * (64 + 65 + 65 + 64 + 4) + 1, off = 0;
    char *buf = malloc(cap);
    if (buf == NULL) {
        return -1;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < n_paired; i++) {
        char h[65];
        hex(paired[i].fp, 32, h);
        int n = snprintf(buf + off, cap - off, "%s %s %s %s\n", h, paired[i].user, dev.role, paired[i].name);
        if (n < 0 || (size_t)n >= cap - off) {
            free(buf);
            return -1;
        }
        off += (size_t)n;
    }
    int ret = ep_write_file(dev.paired_path, buf, off);
    free(buf);
    return ret;
}

static int load_paired(void)
{
    FILE *f = fopen(dev.paired_path, "r");
    if (f == NULL) {
        return errno == ENOENT ? 0 : -1;
    }
    char line[512];
    int ret = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        char h[65], user[65], role[65];
        int used = 0;
        if (n_paired == MAX_PAIRED || sscanf(line, "%64s %64s %64s %n", h, user, role, &used) != 3
            || strlen(h) != 64 || !valid_username(user)) {
            ret = -1;
            break;
        }
        paired_key *k = &paired[n_paired];
        for (int i = 0; i < 32; i++) {
            unsigned b;
            if (sscanf(h + 2 * i, "%2x", &b) != 1) {
                ret = -1;
            }
            k->fp[i] = (uint8_t)b;
        }
        snprintf(k->user, sizeof(k->user), "%s", user);
        line[strcspn(line, "\n")] = '\0';
        snprintf(k->name, sizeof(k->name), "%s", line + used);
        n_paired++;
    }
    fclose(f);
    return ret;
}

/* PasswordOpen pairing of the caller's key as user; returns a CoAP code (201 or a refusal, diag set). */
static int pair_open(const uint8_t fp[32], const char *user, const char *name, char diag[EP_DIAG])
{
    if (!valid_username(user)) {
        snprintf(diag, EP_DIAG, "bad username (1-64 of a-z 0-9 _ . -)");
        return 400;
    }
    if (!valid_name(name)) {
        snprintf(diag, EP_DIAG, "bad FingerprintName");
        return 400;
    }
    if (!window_open()) {
        snprintf(diag, EP_DIAG, "the pairing window is closed");
        return 403;
    }
    const paired_key *k = paired_by_fp(fp);
    if (k != NULL) {
        if (strcmp(k->user, user) == 0) {
            return 201; /* idempotent for the same user and key */
        }
        snprintf(diag, EP_DIAG, "this key is paired to another user");
        return 409;
    }
    if (user_exists(user)) {
        snprintf(diag, EP_DIAG, "username taken");
        return 409;
    }
    if (n_paired == MAX_PAIRED) {
        snprintf(diag, EP_DIAG, "too many paired keys");
        return 503;
    }
    paired_key *n = &paired[n_paired++];
    memcpy(n->fp, fp, 32);
    snprintf(n->user, sizeof(n->user), "%s", user);
    snprintf(n->name, sizeof(n->name), "%s", name);
    if (save_paired() != 0) {
        n_paired--; /* nothing changed */
        snprintf(diag, EP_DIAG, "the state could not be saved");
        return 503;
    }
    char h[65];
    hex(fp, 32, h);
    fprintf(stderr, "paired %s as %s (%s)\n", h, user, dev.role);
    return 201;
}

/* ------------------------------------------------------------------------------------------------ CoAP helpers */

static const char *request_name = "?"; /* "POST /pake/1": each handler sets it, every answer is logged with it */

static void log_answer(int code)
{
    fprintf(stderr, "request %s -> %d.%02d\n", request_name, code / 100, code % 100);
}

static void reply_empty(coap_pdu_t *response, int code)
{
    log_answer(code);
    coap_pdu_set_code(response, (coap_pdu_code_t)COAP_RESPONSE_CODE(code));
}

static void reply_text(coap_pdu_t *response, int code, const char *text)
{
    uint8_t buf[4];
    log_answer(code);
    coap_pdu_set_code(response, (coap_pdu_code_t)COAP_RESPONSE_CODE(code));
    coap_add_option(response, COAP_OPTION_CONTENT_FORMAT,
                    coap_encode_var_safe(buf, sizeof(buf), COAP_MEDIATYPE_TEXT_PLAIN), buf);
    coap_add_data(response, strlen(text), (const uint8_t *)text);
}

static void release(coap_session_t *session, void *data)
{
    (void)session;
    free(data);
}

/* Serialises map (releasing it) and answers code with it. */
static void reply_cbor(coap_resource_t *resource, coap_session_t *session, const coap_pdu_t *request,
                       const coap_string_t *query, coap_pdu_t *response, int code, cbor_item_t *map)
{
    size_t len;
    uint8_t *body = ep_serialise(map, &len);
    if (body == NULL) {
        reply_text(response, 500, "internal error");
        return;
    }
    log_answer(code);
    coap_pdu_set_code(response, (coap_pdu_code_t)COAP_RESPONSE_CODE(code));
    if (!coap_add_data_large_response(resource, session, request, response, query, COAP_MEDIATYPE_APPLICATION_CBOR,
                                      -1, 0, len, body, release, body)) {
        free(body);
    }
}

/* The request body as a strict CBOR map, or NULL after answering 4.00. */
static cbor_item_t *body_of(const coap_pdu_t *request, coap_pdu_t *response)
{
    size_t len = 0, offset = 0, total = 0;
    const uint8_t *data = NULL;
    char diag[EP_DIAG];
    if (!coap_get_data_large(request, &len, &data, &offset, &total)) {
        len = 0;
    }
    cbor_item_t *m = offset == 0 && len == total ? ep_decode_body(data, len, diag) : NULL;
    if (m == NULL) {
        reply_text(response, 400, offset == 0 && len == total ? diag : "incomplete body");
    }
    return m;
}

/* The DTLS binding of the request's session, or 0 after answering. */
static int binding_of(coap_session_t *session, coap_pdu_t *response, uint8_t exporter[32], uint8_t client_fp[32])
{
    if (ep_tls_binding(session, exporter, client_fp) != 0) {
        reply_text(response, 403, "the client key is not a P-256 key");
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------------------------------------ handlers */

static void get_pairing(coap_resource_t *resource, coap_session_t *session, const coap_pdu_t *request,
                        const coap_string_t *query, coap_pdu_t *response)
{
    request_name = "GET /iam/pairing";
    cbor_item_t *map = cbor_new_definite_map(5);
    cbor_item_t *modes = cbor_new_definite_array(1);
    cbor_item_t *mode = cbor_build_string("PasswordOpen");
    int ok = map != NULL && modes != NULL && mode != NULL && cbor_array_push(modes, mode);
    if (mode != NULL) cbor_decref(&mode);
    if (!ok && modes != NULL) cbor_decref(&modes);
    /* canonical order: keys sorted by length, then bytes */
    ok = ok && ep_put(map, "Modes", modes) && ep_put(map, "DeviceId", cbor_build_string(dev.device_id))
         && ep_put(map, "ProductId", cbor_build_string(dev.product_id))
         && ep_put(map, "PakeVersion", cbor_build_uint8(2))
         && ep_put(map, "EdgePairVersion", cbor_build_string(VERSION));
    if (!ok) {
        if (map != NULL) cbor_decref(&map);
        reply_text(response, 500, "internal error");
        return;
    }
    reply_cbor(resource, session, request, query, response, 205, map);
}

static const char PROOF_FAILED[] =
    "J-PAKE proof failed (this device speaks pairing protocol 2: prover ids \"client\" and \"server\")";

static void post_pake1(coap_resource_t *resource, coap_session_t *session, const coap_pdu_t *request,
                       const coap_string_t *query, coap_pdu_t *response)
{
    request_name = "POST /pake/1";
    static const char *const keys[] = { "Username", "TokenId", "Round1" };
    char diag[EP_DIAG], user[65];
    uint8_t exporter[32], client_fp[32], c1[JP_ROUND_ONE_MAX];
    size_t c1_len;
    int retry;
    cbor_item_t *body = body_of(request, response);
    if (body == NULL) {
        return;
    }
    int code = 400;
    if (ep_only_keys(body, keys, 3, diag) != 0) {
        goto out;
    }
    if (ep_get(body, "Username") != NULL && ep_get(body, "TokenId") != NULL) {
        snprintf(diag, EP_DIAG, "Username and TokenId are exclusive");
        goto out;
    }
    if (ep_get(body, "Round1") == NULL) {
        snprintf(diag, EP_DIAG, "missing field Round1");
        goto out;
    }
    if (ep_round_one_to_tls(ep_get(body, "Round1"), "Round1", c1, sizeof(c1), &c1_len, diag) != 0) {
        goto out;
    }
    if (ep_get(body, "TokenId") != NULL) {
        code = 404;
        snprintf(diag, EP_DIAG, "token pairing is not enabled");
        goto out;
    }
    if (ep_get(body, "Username") == NULL) {
        snprintf(diag, EP_DIAG, "missing field Username");
        goto out;
    }
    if (ep_text(ep_get(body, "Username"), "Username", 64, user, sizeof(user), diag) != 0) {
        goto out;
    }
    if (user[0] != '\0') {
        code = 404;
        snprintf(diag, EP_DIAG, "password-invite pairing is not enabled");
        goto out;
    }
    if (!window_open()) {
        code = 403;
        snprintf(diag, EP_DIAG, "the pairing window is closed");
        goto out;
    }
    if (!binding_of(session, response, exporter, client_fp)) {
        cbor_decref(&body);
        return;
    }
    jp_ctx jp;
    jp_init(&jp);
    jp_result r = jp_setup(&jp, JP_SERVER, dev.secret, sizeof(dev.secret), mbedtls_ctr_drbg_random, &dev.drbg);
    if (r == JP_OK) { /* every point first (4.00), then the proofs (4.01): spec/jpake.md's rule for CBOR */
        r = jp_check_points(&jp, c1, c1_len, 2);
    }
    if (r == JP_OK) {
        r = jp_read_round_one(&jp, c1, c1_len);
    }
    if (r != JP_OK) {
        jp_free(&jp);
        code = r == JP_PROOF_FAILED ? 401 : r == JP_INTERNAL ? 500 : 400;
        if (r == JP_PROOF_FAILED) {
            snprintf(diag, EP_DIAG, "%s", PROOF_FAILED);
        } else {
            snprintf(diag, EP_DIAG, "Round1: %s", jp_reason(r));
        }
        goto out;
    }
    if (!take_token(&retry)) {
        jp_free(&jp);
        uint8_t buf[4];
        cbor_decref(&body);
        reply_empty(response, 429);
        coap_add_option(response, COAP_OPTION_MAXAGE, coap_encode_var_safe(buf, sizeof(buf), (unsigned)retry), buf);
        coap_add_data(response, 9, (const uint8_t *)"throttled");
        return;
    }
    conn *c = find_conn(exporter, client_fp, 1);
    drop_exchange(c);        /* removes any earlier exchange ... */
    c->authenticated = 0;    /* ... and result of this connection */
    c->jp = jp;              /* the context moves into the connection */
    c->has_exchange = 1;
    c->exchange_time = now();
    memcpy(c->msg[0], c1, c1_len);
    c->msg_len[0] = c1_len;
    if (jp_write_round_one(&c->jp, c->msg[1], sizeof(c->msg[1]), &c->msg_len[1]) != JP_OK
        || jp_write_round_two(&c->jp, c->msg[2], sizeof(c->msg[2]), &c->msg_len[2]) != JP_OK) {
        drop_exchange(c);
        code = 500;
        snprintf(diag, EP_DIAG, "internal error");
        goto out;
    }
    size_t used;
    cbor_item_t *answer = cbor_new_definite_map(2);
    if (answer == NULL || !ep_put(answer, "Round1", ep_round_one_from_tls(c->msg[1], c->msg_len[1]))
        || !ep_put(answer, "Round2", ep_keyshare_from_tls(c->msg[2] + 3, c->msg_len[2] - 3, &used))) {
        if (answer != NULL) cbor_decref(&answer);
        drop_exchange(c);
        code = 500;
        snprintf(diag, EP_DIAG, "internal error");
        goto out;
    }
    cbor_decref(&body);
    reply_cbor(resource, session, request, query, response, 201, answer);
    return;
out:
    cbor_decref(&body);
    reply_text(response, code, diag);
}

/* Reads Pair {Username?, FingerprintName?}; 0 or -1 with diag. */
static int read_pair(const cbor_item_t *pair, char user[65], char name[65], char diag[EP_DIAG])
{
    static const char *const keys[] = { "Username", "FingerprintName" };
    user[0] = name[0] = '\0';
    if (!cbor_isa_map(pair)) {
        snprintf(diag, EP_DIAG, "Pair must be a map");
        return -1;
    }
    if (ep_only_keys(pair, keys, 2, diag) != 0) {
        return -1;
    }
    if (ep_get(pair, "Username") != NULL
        && ep_text(ep_get(pair, "Username"), "Pair.Username", 64, user, 65, diag) != 0) {
        return -1;
    }
    if (ep_get(pair, "FingerprintName") != NULL
        && ep_text(ep_get(pair, "FingerprintName"), "Pair.FingerprintName", 64, name, 65, diag) != 0) {
        return -1;
    }
    return 0;
}

static void post_pake2(coap_resource_t *resource, coap_session_t *session, const coap_pdu_t *request,
                       const coap_string_t *query, coap_pdu_t *response)
{
    request_name = "POST /pake/2";
    static const char *const keys[] = { "Round2", "Confirm", "Pair" };
    char diag[EP_DIAG], user[65], name[65];
    uint8_t exporter[32], client_fp[32], c2[JP_ROUND_TWO_MAX], pms[32];
    size_t c2_len;
    int code = 400;
    ep_confirmation conf;
    memset(&conf, 0, sizeof(conf));
    if (!binding_of(session, response, exporter, client_fp)) {
        return;
    }
    conn *c = find_conn(exporter, client_fp, 0);
    if (c == NULL || !c->has_exchange) {
        reply_text(response, 400, "no exchange on this connection");
        return;
    }
    /* the exchange is consumed whatever happens next: one try */
    jp_ctx jp = c->jp;
    uint8_t msg[3][JP_ROUND_ONE_MAX];
    size_t msg_len[3];
    memcpy(msg, c->msg, sizeof(msg));
    memcpy(msg_len, c->msg_len, sizeof(msg_len));
    int expired = now() - c->exchange_time > EXCHANGE_TIMEOUT;
    c->has_exchange = 0;
    mbedtls_platform_zeroize(c->msg, sizeof(c->msg));
    cbor_item_t *body = NULL;
    if (expired) {
        snprintf(diag, EP_DIAG, "the exchange timed out");
        goto out;
    }
    body = body_of(request, response);
    if (body == NULL) {
        jp_free(&jp);
        mbedtls_platform_zeroize(msg, sizeof(msg));
        return;
    }
    const cbor_item_t *confirm = ep_get(body, "Confirm");
    if (ep_only_keys(body, keys, 3, diag) != 0) {
        goto out;
    }
    if (ep_get(body, "Round2") == NULL) {
        snprintf(diag, EP_DIAG, "missing field Round2");
        goto out;
    }
    if (confirm == NULL) {
        snprintf(diag, EP_DIAG, "missing field Confirm");
        goto out;
    }
    if (!cbor_isa_bytestring(confirm) || cbor_bytestring_length(confirm) != 32) {
        snprintf(diag, EP_DIAG, "Confirm must be 32 bytes");
        goto out;
    }
    if (ep_keyshare_to_tls(ep_get(body, "Round2"), "Round2", c2, sizeof(c2), &c2_len, diag) != 0) {
        goto out;
    }
    const cbor_item_t *pair = ep_get(body, "Pair");
    if (pair != NULL && read_pair(pair, user, name, diag) != 0) {
        goto out;
    }
    jp_result r = jp_check_points(&jp, c2, c2_len, 1); /* the points first (4.00), then the proof (4.01) */
    if (r == JP_OK) {
        r = jp_read_round_two(&jp, c2, c2_len);
    }
    if (r == JP_OK) {
        r = jp_derive_pms(&jp, pms, NULL);
    }
    if (r != JP_OK) {
        if (r == JP_PROOF_FAILED) {
            count_failure();
            code = 401;
            snprintf(diag, EP_DIAG, "%s", PROOF_FAILED);
        } else {
            snprintf(diag, EP_DIAG, "Round2: %s", jp_reason(r));
        }
        goto out;
    }
    ep_bytes msgs[4] = { { msg[0], msg_len[0] }, { msg[1], msg_len[1] }, { msg[2], msg_len[2] }, { c2, c2_len } };
    if (ep_confirm("user:", client_fp, dev.id.fingerprint, exporter, msgs, pms, &conf) != 0) {
        code = 500;
        snprintf(diag, EP_DIAG, "internal error");
        goto out;
    }
    if (!ep_equal(conf.client_mac, cbor_bytestring_handle(confirm), 32)) {
        count_failure();
        code = 401;
        snprintf(diag, EP_DIAG, "wrong password");
        goto out;
    }
    give_back_token();
    c->authenticated = 1;
    c->auth_time = now();
    cbor_item_t *answer = cbor_new_definite_map(pair != NULL ? 3 : 1);
    int ok = answer != NULL;
    if (pair != NULL) {
        if (ep_get(pair, "Username") == NULL) {
            code = 400;
            snprintf(diag, EP_DIAG, "missing field Pair.Username");
        } else {
            code = pair_open(client_fp, user, name, diag);
        }
        if (code != 201) { /* the refusal, no Confirm; the connection stays authenticated */
            if (answer != NULL) cbor_decref(&answer);
            goto out;
        }
        c->authenticated = 0; /* consumed by this pairing */
        ok = ok && ep_put(answer, "Role", cbor_build_string(dev.role));
    }
    ok = ok && ep_put(answer, "Confirm", cbor_build_bytestring(conf.device_mac, 32));
    if (pair != NULL) {
        ok = ok && ep_put(answer, "Username", cbor_build_string(user));
    }
    if (!ok) {
        if (answer != NULL) cbor_decref(&answer);
        code = 500;
        snprintf(diag, EP_DIAG, "internal error");
        goto out;
    }
    cbor_decref(&body);
    jp_free(&jp);
    mbedtls_platform_zeroize(msg, sizeof(msg));
    mbedtls_platform_zeroize(pms, sizeof(pms));
    mbedtls_platform_zeroize(&conf, sizeof(conf));
    reply_cbor(resource, session, request, query, response, 201, answer);
    return;
out:
    if (body != NULL) cbor_decref(&body);
    jp_free(&jp);
    mbedtls_platform_zeroize(msg, sizeof(msg));
    mbedtls_platform_zeroize(pms, sizeof(pms));
    mbedtls_platform_zeroize(&conf, sizeof(conf));
    reply_text(response, code, diag);
}

static void post_password_open(coap_resource_t *resource, coap_session_t *session, const coap_pdu_t *request,
                               const coap_string_t *query, coap_pdu_t *response)
{
    request_name = "POST /iam/pairing/password-open";
    static const char *const keys[] = { "Username", "FingerprintName" };
    char diag[EP_DIAG], user[65], name[65] = "";
    uint8_t exporter[32], client_fp[32];
    (void)resource; (void)query;
    if (!binding_of(session, response, exporter, client_fp)) {
        return;
    }
    cbor_item_t *body = body_of(request, response);
    if (body == NULL) {
        return;
    }
    int code = 400;
    if (ep_only_keys(body, keys, 2, diag) != 0) {
        goto out;
    }
    if (ep_get(body, "Username") == NULL) {
        snprintf(diag, EP_DIAG, "missing field Username");
        goto out;
    }
    if (ep_text(ep_get(body, "Username"), "Username", 64, user, sizeof(user), diag) != 0
        || (ep_get(body, "FingerprintName") != NULL
            && ep_text(ep_get(body, "FingerprintName"), "FingerprintName", 64, name, sizeof(name), diag) != 0)) {
        goto out;
    }
    conn *c = find_conn(exporter, client_fp, 0);
    if (c == NULL || !c->authenticated || now() - c->auth_time > EXCHANGE_TIMEOUT) {
        if (c != NULL) {
            c->authenticated = 0;
        }
        code = 401;
        snprintf(diag, EP_DIAG, "not authenticated with the open-pairing password");
        goto out;
    }
    code = pair_open(client_fp, user, name, diag);
    if (code == 201) {
        c->authenticated = 0;
        cbor_decref(&body);
        reply_empty(response, 201);
        return;
    }
out:
    cbor_decref(&body);
    reply_text(response, code, diag);
}

static void get_hello(coap_resource_t *resource, coap_session_t *session, const coap_pdu_t *request,
                      const coap_string_t *query, coap_pdu_t *response)
{
    request_name = "GET /hello";
    uint8_t exporter[32], client_fp[32];
    (void)resource; (void)request; (void)query;
    if (!binding_of(session, response, exporter, client_fp)) {
        return;
    }
    if (paired_by_fp(client_fp) == NULL) {
        reply_text(response, 403, "access denied: Hello:Get");
        return;
    }
    reply_text(response, 205, "Hello world");
}

/* ------------------------------------------------------------------------------------------------ main */

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

/* spec/transport.md's product and device ids, also used for the role: 1-64 of [A-Za-z0-9._-] */
static int valid_id(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 64
           && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: edgepair-c-device --home DIR --password PASSWORD [--port 5684] [--bind 127.0.0.1]\n"
            "         [--product-id pr-c-device] [--device-id de-c-0001] [--role Standard] [--window-minutes 15]\n"
            "  --window-minutes 0 keeps the pairing window always open; ids and the role: 1-64 of A-Za-z0-9._-\n");
}

static void add_resource(coap_context_t *ctx, const char *path, coap_request_t method, coap_method_handler_t h)
{
    coap_resource_t *r = coap_resource_init(coap_make_str_const(path), 0);
    coap_register_handler(r, method, h);
    coap_add_resource(ctx, r);
}

int main(int argc, char **argv)
{
    const char *password = NULL, *bind = "127.0.0.1";
    int port = 5684;
    double window_minutes = 15;
    dev.product_id = "pr-c-device";
    dev.device_id = "de-c-0001";
    dev.role = "Standard";
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *o = argv[i], *v = argv[i + 1];
        if (strcmp(o, "--home") == 0) dev.home = v;
        else if (strcmp(o, "--password") == 0) password = v;
        else if (strcmp(o, "--port") == 0) port = atoi(v);
        else if (strcmp(o, "--bind") == 0) bind = v;
        else if (strcmp(o, "--product-id") == 0) dev.product_id = v;
        else if (strcmp(o, "--device-id") == 0) dev.device_id = v;
        else if (strcmp(o, "--role") == 0) dev.role = v;
        else if (strcmp(o, "--window-minutes") == 0) window_minutes = atof(v);
        else { usage(); return 2; }
    }
    if (argc % 2 != 1 || dev.home == NULL || password == NULL || port <= 0 || port > 65535
        || !valid_id(dev.role) || !valid_id(dev.product_id) || !valid_id(dev.device_id)) {
        usage();
        return 2;
    }
    char norm[300];
    int norm_len = ep_normalise_password(password, norm, sizeof(norm));
    if (norm_len < 0) {
        fprintf(stderr, "the open-pairing password must have 8-64 characters\n");
        return 2;
    }

    mbedtls_entropy_init(&dev.entropy);
    mbedtls_ctr_drbg_init(&dev.drbg);
    if (mbedtls_ctr_drbg_seed(&dev.drbg, mbedtls_entropy_func, &dev.entropy, (const unsigned char *)"c-device", 8)
        != 0) {
        fprintf(stderr, "cannot seed the random generator\n");
        return 1;
    }
    char key_path[4096], cert_path[4096];
    snprintf(key_path, sizeof(key_path), "%s/device.key", dev.home);
    snprintf(cert_path, sizeof(cert_path), "%s/device.crt", dev.home);
    snprintf(dev.paired_path, sizeof(dev.paired_path), "%s/paired.txt", dev.home);
    mkdir(dev.home, 0700);
    int status = 1;
    coap_context_t *ctx = NULL;
    if (ep_identity_load(key_path, cert_path, &dev.id, mbedtls_ctr_drbg_random, &dev.drbg) != 0) {
        goto done;
    }
    if (load_paired() != 0) {
        fprintf(stderr, "%s: unreadable or corrupt\n", dev.paired_path);
        goto done;
    }
    if (ep_pake_secret(dev.product_id, dev.device_id, "user:", (const uint8_t *)norm, (size_t)norm_len,
                       EP_PBKDF2_ITERATIONS, dev.secret) != 0) {
        goto done;
    }
    mbedtls_platform_zeroize(norm, sizeof(norm));
    dev.window_until = window_minutes > 0 ? now() + window_minutes * 60 : -1;
    dev.tokens = BUCKET;
    dev.tokens_time = now();

    coap_startup();
    coap_set_log_level(LOG_WARNING);
    ctx = coap_new_context(NULL);
    if (ctx == NULL) {
        goto done;
    }
    coap_context_set_block_mode(ctx, COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY);
    int rpk = strcmp(ep_tls_backend, "gnutls") == 0;
    coap_dtls_pki_t pki;
    ep_pki_setup(&pki, dev.id.key_pem, dev.id.cert_pem);
    if (!coap_context_set_pki(ctx, &pki)) {
        fprintf(stderr, "libcoap refused the DTLS key\n");
        goto done;
    }
    coap_address_t addr;
    coap_address_init(&addr);
    addr.addr.sin.sin_family = AF_INET;
    addr.addr.sin.sin_port = htons((uint16_t)port);
    addr.size = sizeof(struct sockaddr_in);
    if (inet_pton(AF_INET, bind, &addr.addr.sin.sin_addr) != 1
        || coap_new_endpoint(ctx, &addr, COAP_PROTO_DTLS) == NULL) {
        fprintf(stderr, "cannot listen on %s:%d\n", bind, port);
        goto done;
    }
    add_resource(ctx, "iam/pairing", COAP_REQUEST_GET, get_pairing);
    add_resource(ctx, "pake/1", COAP_REQUEST_POST, post_pake1);
    add_resource(ctx, "pake/2", COAP_REQUEST_POST, post_pake2);
    add_resource(ctx, "iam/pairing/password-open", COAP_REQUEST_POST, post_password_open);
    add_resource(ctx, "hello", COAP_REQUEST_GET, get_hello);

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    char fp[65];
    hex(dev.id.fingerprint, 32, fp);
    printf("edgepair-c-device %s (%s, %s) listening on %s:%d\n", VERSION, ep_tls_backend,
           rpk ? "raw public key" : "self-signed certificate", bind, port);
    printf("fingerprint %s\n", fp);
    printf("pairing string p=%s,d=%s,pwd=<the password>,fp=%s,a=%s:%d\n", dev.product_id, dev.device_id, fp, bind,
           port);
    fflush(stdout);
    while (!stop) {
        coap_io_process(ctx, 500);
    }
    status = 0;
done:
    for (int i = 0; i < MAX_CONNS; i++) {
        drop_conn(&conns[i]);
    }
    if (ctx != NULL) {
        coap_free_context(ctx);
        coap_cleanup();
    }
    mbedtls_platform_zeroize(dev.secret, sizeof(dev.secret));
    mbedtls_ctr_drbg_free(&dev.drbg);
    mbedtls_entropy_free(&dev.entropy);
    return status;
}
