/* EC J-PAKE rounds on mbedtls_ecp (see jpake.h). Written from spec/jpake.md. */
#include "jpake.h"

#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

#define POINT_LEN 65 /* SEC1 uncompressed P-256 */

const char *jp_reason(jp_result r)
{
    switch (r) {
    case JP_OK: return "ok";
    case JP_MALFORMED: return "malformed";
    case JP_UNSUPPORTED: return "unsupported";
    case JP_INVALID_POINT: return "invalid-point";
    case JP_PROOF_FAILED: return "proof-failed";
    case JP_STATE: return "state";
    default: return "internal";
    }
}

void jp_init(jp_ctx *ctx)
{
    memset(ctx, 0, sizeof(*ctx));
    mbedtls_ecp_group_init(&ctx->grp);
    mbedtls_mpi_init(&ctx->s);
    mbedtls_mpi_init(&ctx->xm1);
    mbedtls_mpi_init(&ctx->xm2);
    mbedtls_ecp_point_init(&ctx->Xm1);
    mbedtls_ecp_point_init(&ctx->Xm2);
    mbedtls_ecp_point_init(&ctx->Xp1);
    mbedtls_ecp_point_init(&ctx->Xp2);
    mbedtls_ecp_point_init(&ctx->Xp);
}

void jp_free(jp_ctx *ctx)
{
    /* mbedtls_mpi_free zeroes the limbs before freeing them. */
    mbedtls_ecp_group_free(&ctx->grp);
    mbedtls_mpi_free(&ctx->s);
    mbedtls_mpi_free(&ctx->xm1);
    mbedtls_mpi_free(&ctx->xm2);
    mbedtls_ecp_point_free(&ctx->Xm1);
    mbedtls_ecp_point_free(&ctx->Xm2);
    mbedtls_ecp_point_free(&ctx->Xp1);
    mbedtls_ecp_point_free(&ctx->Xp2);
    mbedtls_ecp_point_free(&ctx->Xp);
    mbedtls_platform_zeroize(ctx, sizeof(*ctx));
}

static const char *own_id(const jp_ctx *ctx)
{
    return ctx->ids[ctx->role];
}

static const char *peer_id(const jp_ctx *ctx)
{
    return ctx->ids[1 - ctx->role];
}

void jp_set_ids(jp_ctx *ctx, const char *client_id, const char *server_id)
{
    ctx->ids[JP_CLIENT] = client_id;
    ctx->ids[JP_SERVER] = server_id;
}

jp_result jp_setup(jp_ctx *ctx, jp_role role, const uint8_t *secret, size_t secret_len,
                   int (*f_rng)(void *, unsigned char *, size_t), void *p_rng)
{
    ctx->role = role;
    ctx->ids[JP_CLIENT] = JP_CLIENT_ID;
    ctx->ids[JP_SERVER] = JP_SERVER_ID;
    ctx->f_rng = f_rng;
    ctx->p_rng = p_rng;
    if (mbedtls_ecp_group_load(&ctx->grp, MBEDTLS_ECP_DP_SECP256R1) != 0
        || mbedtls_mpi_read_binary(&ctx->s, secret, secret_len) != 0
        || mbedtls_mpi_mod_mpi(&ctx->s, &ctx->s, &ctx->grp.N) != 0) {
        return JP_INTERNAL;
    }
    return mbedtls_mpi_cmp_int(&ctx->s, 0) == 0 ? JP_MALFORMED : JP_OK;
}

static int next_scalar(jp_ctx *ctx, const char *name, mbedtls_mpi *out)
{
    if (ctx->scalar != NULL) {
        return ctx->scalar(ctx->scalar_arg, name, out);
    }
    return mbedtls_ecp_gen_privkey(&ctx->grp, out, ctx->f_rng, ctx->p_rng); /* uniform in [1, n-1] */
}

/* R = P + Q, either may be infinity (mbedtls_ecp_muladd refuses infinity as an input: handled here). The scalars
 * are 1, so this takes no secret-dependent path. */
static int add_points(mbedtls_ecp_group *grp, mbedtls_ecp_point *R, const mbedtls_ecp_point *P,
                      const mbedtls_ecp_point *Q)
{
    if (mbedtls_ecp_is_zero((mbedtls_ecp_point *)P)) {
        return mbedtls_ecp_copy(R, Q);
    }
    if (mbedtls_ecp_is_zero((mbedtls_ecp_point *)Q)) {
        return mbedtls_ecp_copy(R, P);
    }
    mbedtls_mpi one;
    mbedtls_mpi_init(&one);
    int ret = mbedtls_mpi_lset(&one, 1);
    if (ret == 0) {
        ret = mbedtls_ecp_muladd(grp, R, &one, P, &one, Q);
    }
    mbedtls_mpi_free(&one);
    return ret;
}

/* h = SHA-256(lp(B) lp(V) lp(X) lp(id)) mod n, lp = u32be length prefix. */
static int zkp_hash(const mbedtls_ecp_group *grp, const mbedtls_ecp_point *B, const mbedtls_ecp_point *V,
                    const mbedtls_ecp_point *X, const char *id, mbedtls_mpi *h)
{
    uint8_t buf[3 * (4 + POINT_LEN) + 4 + 32];
    uint8_t digest[32];
    size_t off = 0, id_len = strlen(id), olen;
    const mbedtls_ecp_point *pts[3] = { B, V, X };
    if (id_len > 32) {
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        buf[off] = 0; buf[off + 1] = 0; buf[off + 2] = 0; buf[off + 3] = POINT_LEN;
        off += 4;
        if (mbedtls_ecp_point_write_binary(grp, pts[i], MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, buf + off,
                                           POINT_LEN) != 0 || olen != POINT_LEN) {
            return -1;
        }
        off += POINT_LEN;
    }
    buf[off] = 0; buf[off + 1] = 0; buf[off + 2] = 0; buf[off + 3] = (uint8_t)id_len;
    off += 4;
    memcpy(buf + off, id, id_len);
    off += id_len;
    int ret = mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), buf, off, digest);
    if (ret == 0) {
        ret = mbedtls_mpi_read_binary(h, digest, sizeof(digest));
    }
    if (ret == 0) {
        ret = mbedtls_mpi_mod_mpi(h, h, &grp->N);
    }
    return ret;
}

/* ---------------------------------------------------------------- writing */

typedef struct {
    uint8_t *p;
    uint8_t *end;
} wcur;

static int put_point(const mbedtls_ecp_group *grp, wcur *w, const mbedtls_ecp_point *P)
{
    size_t olen;
    if (w->end - w->p < 1 + POINT_LEN) {
        return -1;
    }
    *w->p = POINT_LEN;
    if (mbedtls_ecp_point_write_binary(grp, P, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen, w->p + 1, POINT_LEN) != 0) {
        return -1;
    }
    w->p += 1 + POINT_LEN;
    return 0;
}

/* KKP = ECPoint X || ECPoint V || u8 len(r) || r, with X = x*B, V = v*B, r = v - x*h mod n, r minimal. */
static jp_result write_kkp(jp_ctx *ctx, wcur *w, const mbedtls_ecp_point *B, const mbedtls_mpi *x,
                           const mbedtls_ecp_point *X, const char *nonce_name)
{
    mbedtls_mpi v, h, r;
    mbedtls_ecp_point V;
    jp_result res = JP_INTERNAL;
    mbedtls_mpi_init(&v); mbedtls_mpi_init(&h); mbedtls_mpi_init(&r);
    mbedtls_ecp_point_init(&V);
    if (next_scalar(ctx, nonce_name, &v) != 0
        || mbedtls_ecp_mul(&ctx->grp, &V, &v, B, ctx->f_rng, ctx->p_rng) != 0
        || zkp_hash(&ctx->grp, B, &V, X, own_id(ctx), &h) != 0
        || mbedtls_mpi_mul_mpi(&h, &h, x) != 0
        || mbedtls_mpi_sub_mpi(&r, &v, &h) != 0
        || mbedtls_mpi_mod_mpi(&r, &r, &ctx->grp.N) != 0) {
        goto out;
    }
    size_t rlen = mbedtls_mpi_size(&r);
    if (rlen == 0 || put_point(&ctx->grp, w, X) != 0 || put_point(&ctx->grp, w, &V) != 0
        || (size_t)(w->end - w->p) < 1 + rlen) {
        goto out;
    }
    *w->p++ = (uint8_t)rlen;
    if (mbedtls_mpi_write_binary(&r, w->p, rlen) != 0) {
        goto out;
    }
    w->p += rlen;
    res = JP_OK;
out:
    mbedtls_mpi_free(&v); mbedtls_mpi_free(&h); mbedtls_mpi_free(&r);
    mbedtls_ecp_point_free(&V);
    return res;
}

jp_result jp_write_round_one(jp_ctx *ctx, uint8_t *buf, size_t cap, size_t *olen)
{
    if (ctx->wrote1) {
        return JP_STATE;
    }
    wcur w = { buf, buf + cap };
    jp_result res = JP_INTERNAL;
    if (next_scalar(ctx, "x1", &ctx->xm1) != 0 || next_scalar(ctx, "x2", &ctx->xm2) != 0
        || mbedtls_ecp_mul(&ctx->grp, &ctx->Xm1, &ctx->xm1, &ctx->grp.G, ctx->f_rng, ctx->p_rng) != 0
        || mbedtls_ecp_mul(&ctx->grp, &ctx->Xm2, &ctx->xm2, &ctx->grp.G, ctx->f_rng, ctx->p_rng) != 0) {
        return JP_INTERNAL;
    }
    res = write_kkp(ctx, &w, &ctx->grp.G, &ctx->xm1, &ctx->Xm1, "v1");
    if (res == JP_OK) {
        res = write_kkp(ctx, &w, &ctx->grp.G, &ctx->xm2, &ctx->Xm2, "v2");
    }
    if (res == JP_OK) {
        *olen = (size_t)(w.p - buf);
        ctx->wrote1 = 1;
    }
    return res;
}

jp_result jp_write_round_two(jp_ctx *ctx, uint8_t *buf, size_t cap, size_t *olen)
{
    if (!ctx->wrote1 || !ctx->read1 || ctx->wrote2) {
        return JP_STATE;
    }
    wcur w = { buf, buf + cap };
    mbedtls_ecp_point G, Xm;
    mbedtls_mpi xm;
    jp_result res = JP_INTERNAL;
    mbedtls_ecp_point_init(&G); mbedtls_ecp_point_init(&Xm);
    mbedtls_mpi_init(&xm);
    /* GA = Xm1 + Xp1 + Xp2; xm = xm2 * s mod n; Xm = xm * GA */
    if (add_points(&ctx->grp, &G, &ctx->Xm1, &ctx->Xp1) != 0 || add_points(&ctx->grp, &G, &G, &ctx->Xp2) != 0) {
        goto out;
    }
    if (mbedtls_ecp_is_zero(&G)) {
        res = JP_INVALID_POINT;
        goto out;
    }
    if (mbedtls_mpi_mul_mpi(&xm, &ctx->xm2, &ctx->s) != 0 || mbedtls_mpi_mod_mpi(&xm, &xm, &ctx->grp.N) != 0
        || mbedtls_ecp_mul(&ctx->grp, &Xm, &xm, &G, ctx->f_rng, ctx->p_rng) != 0) {
        goto out;
    }
    if (ctx->role == JP_SERVER) { /* ECParameters: named_curve (3), secp256r1 (23) */
        if (w.end - w.p < 3) {
            goto out;
        }
        *w.p++ = 0x03; *w.p++ = 0x00; *w.p++ = 0x17;
    }
    res = write_kkp(ctx, &w, &G, &xm, &Xm, "v3");
    if (res == JP_OK) {
        *olen = (size_t)(w.p - buf);
        ctx->wrote2 = 1;
    }
out:
    mbedtls_ecp_point_free(&G); mbedtls_ecp_point_free(&Xm);
    mbedtls_mpi_free(&xm);
    return res;
}

/* ---------------------------------------------------------------- reading, in Mbed TLS's order */

typedef struct {
    const uint8_t *p;
    const uint8_t *end;
} rcur;

/* ECPoint = u8 len || SEC1. Mbed TLS's reasons: len 0 or beyond the end, 00 with more bytes, 04 with a length
 * other than 65 -> malformed; any first byte other than 00 / 04 -> unsupported; 00 alone (infinity), off-curve
 * or a coordinate >= p -> invalid point. */
static jp_result read_point(const mbedtls_ecp_group *grp, rcur *c, mbedtls_ecp_point *P)
{
    if (c->end - c->p < 2) {
        return JP_MALFORMED;
    }
    size_t len = *c->p++;
    if (len < 1 || len > (size_t)(c->end - c->p)) {
        return JP_MALFORMED;
    }
    const uint8_t *data = c->p;
    c->p += len;
    if (data[0] == 0x00) {
        return len == 1 ? JP_INVALID_POINT : JP_MALFORMED;
    }
    if (data[0] != 0x04) {
        return JP_UNSUPPORTED;
    }
    if (len != POINT_LEN) {
        return JP_MALFORMED;
    }
    if (mbedtls_ecp_point_read_binary(grp, P, data, len) != 0) {
        return JP_MALFORMED;
    }
    return mbedtls_ecp_check_pubkey(grp, P) == 0 ? JP_OK : JP_INVALID_POINT;
}

/* Reads one KKP's X, V and r, in that order, checking each as it is read (no proof). */
static jp_result parse_kkp(const mbedtls_ecp_group *grp, rcur *c, mbedtls_ecp_point *X, mbedtls_ecp_point *V,
                           mbedtls_mpi *r)
{
    jp_result res;
    if ((res = read_point(grp, c, X)) != JP_OK || (res = read_point(grp, c, V)) != JP_OK) {
        return res;
    }
    if (c->end - c->p < 1) {
        return JP_MALFORMED;
    }
    size_t rlen = *c->p++;
    if (rlen == 0 || rlen > (size_t)(c->end - c->p) || mbedtls_mpi_read_binary(r, c->p, rlen) != 0) {
        return JP_MALFORMED;
    }
    c->p += rlen;
    if (mbedtls_mpi_cmp_int(r, 0) == 0 || mbedtls_mpi_cmp_mpi(r, &grp->N) >= 0) {
        return JP_MALFORMED;
    }
    return JP_OK;
}

/* Reads one KKP and checks its proof for base B (a round-two base may be infinity: invalid point). */
static jp_result read_kkp(jp_ctx *ctx, rcur *c, const mbedtls_ecp_point *B, mbedtls_ecp_point *X)
{
    mbedtls_ecp_point V, R;
    mbedtls_mpi r, h;
    jp_result res;
    mbedtls_ecp_point_init(&V); mbedtls_ecp_point_init(&R);
    mbedtls_mpi_init(&r); mbedtls_mpi_init(&h);
    if ((res = parse_kkp(&ctx->grp, c, X, &V, &r)) != JP_OK) {
        goto out;
    }
    if (mbedtls_ecp_is_zero((mbedtls_ecp_point *)B)) {
        res = JP_INVALID_POINT;
        goto out;
    }
    res = JP_INTERNAL;
    if (zkp_hash(&ctx->grp, B, &V, X, peer_id(ctx), &h) != 0) {
        goto out;
    }
    /* accept iff r*B + h*X == V; muladd refuses h == 0 (then the proof cannot hold). */
    if (mbedtls_ecp_muladd(&ctx->grp, &R, &r, B, &h, X) != 0 || mbedtls_ecp_point_cmp(&R, &V) != 0) {
        res = JP_PROOF_FAILED;
        goto out;
    }
    res = JP_OK;
out:
    mbedtls_ecp_point_free(&V); mbedtls_ecp_point_free(&R);
    mbedtls_mpi_free(&r); mbedtls_mpi_free(&h);
    return res;
}

jp_result jp_check_points(const jp_ctx *ctx, const uint8_t *buf, size_t len, int shares)
{
    rcur c = { buf, buf + len };
    mbedtls_ecp_point X, V;
    mbedtls_mpi r;
    jp_result res = JP_OK;
    mbedtls_ecp_point_init(&X); mbedtls_ecp_point_init(&V);
    mbedtls_mpi_init(&r);
    for (int i = 0; i < shares && res == JP_OK; i++) {
        res = parse_kkp(&ctx->grp, &c, &X, &V, &r);
    }
    if (res == JP_OK && c.p != c.end) {
        res = JP_MALFORMED;
    }
    mbedtls_ecp_point_free(&X); mbedtls_ecp_point_free(&V);
    mbedtls_mpi_free(&r);
    return res;
}

jp_result jp_read_round_one(jp_ctx *ctx, const uint8_t *buf, size_t len)
{
    if (ctx->read1) {
        return JP_STATE;
    }
    rcur c = { buf, buf + len };
    mbedtls_ecp_point X1, X2;
    mbedtls_ecp_point_init(&X1); mbedtls_ecp_point_init(&X2);
    jp_result res = read_kkp(ctx, &c, &ctx->grp.G, &X1);
    if (res == JP_OK) {
        res = read_kkp(ctx, &c, &ctx->grp.G, &X2);
    }
    if (res == JP_OK && c.p != c.end) {
        res = JP_MALFORMED;
    }
    if (res == JP_OK) { /* only an accepted message changes the state */
        if (mbedtls_ecp_copy(&ctx->Xp1, &X1) != 0 || mbedtls_ecp_copy(&ctx->Xp2, &X2) != 0) {
            res = JP_INTERNAL;
        } else {
            ctx->read1 = 1;
        }
    }
    mbedtls_ecp_point_free(&X1); mbedtls_ecp_point_free(&X2);
    return res;
}

jp_result jp_read_round_two(jp_ctx *ctx, const uint8_t *buf, size_t len)
{
    if (!ctx->wrote1 || !ctx->read1 || ctx->read2) {
        return JP_STATE;
    }
    rcur c = { buf, buf + len };
    if (ctx->role == JP_CLIENT) { /* the server's round two starts with ECParameters */
        if (len < 3) {
            return JP_MALFORMED;
        }
        if (buf[0] != 0x03) {
            return JP_MALFORMED; /* curve type other than named_curve: Mbed TLS's BAD_INPUT_DATA */
        }
        if (buf[1] != 0x00 || buf[2] != 0x17) {
            return JP_UNSUPPORTED;
        }
        c.p += 3;
    }
    mbedtls_ecp_point G, X;
    mbedtls_ecp_point_init(&G); mbedtls_ecp_point_init(&X);
    /* GB = Xp1 + Xm1 + Xm2 */
    jp_result res = JP_INTERNAL;
    if (add_points(&ctx->grp, &G, &ctx->Xp1, &ctx->Xm1) == 0 && add_points(&ctx->grp, &G, &G, &ctx->Xm2) == 0) {
        res = read_kkp(ctx, &c, &G, &X);
    }
    if (res == JP_OK && c.p != c.end) {
        res = JP_MALFORMED;
    }
    if (res == JP_OK) {
        if (mbedtls_ecp_copy(&ctx->Xp, &X) != 0) {
            res = JP_INTERNAL;
        } else {
            ctx->read2 = 1;
        }
    }
    mbedtls_ecp_point_free(&G); mbedtls_ecp_point_free(&X);
    return res;
}

jp_result jp_derive_pms(jp_ctx *ctx, uint8_t pms[32], uint8_t *k_out)
{
    if (!ctx->wrote2 || !ctx->read2) {
        return JP_STATE;
    }
    /* K = xm2 * (Xp - (xm2 * s) * Xp2), computed as xm2 * (Xp + t * Xp2) with t = n - xm2*s mod n. */
    mbedtls_mpi t;
    mbedtls_ecp_point T, K;
    uint8_t x[32];
    jp_result res = JP_INTERNAL;
    mbedtls_mpi_init(&t);
    mbedtls_ecp_point_init(&T); mbedtls_ecp_point_init(&K);
    if (mbedtls_mpi_mul_mpi(&t, &ctx->xm2, &ctx->s) != 0 || mbedtls_mpi_mod_mpi(&t, &t, &ctx->grp.N) != 0
        || mbedtls_mpi_sub_mpi(&t, &ctx->grp.N, &t) != 0
        || mbedtls_ecp_mul(&ctx->grp, &T, &t, &ctx->Xp2, ctx->f_rng, ctx->p_rng) != 0
        || add_points(&ctx->grp, &T, &T, &ctx->Xp) != 0) {
        goto out;
    }
    if (mbedtls_ecp_is_zero(&T)) {
        res = JP_INVALID_POINT;
        goto out;
    }
    if (mbedtls_ecp_mul(&ctx->grp, &K, &ctx->xm2, &T, ctx->f_rng, ctx->p_rng) != 0) {
        goto out;
    }
    if (mbedtls_ecp_is_zero(&K)) {
        res = JP_INVALID_POINT;
        goto out;
    }
    size_t olen;
    if (mbedtls_mpi_write_binary(&K.X, x, sizeof(x)) != 0
        || mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), x, sizeof(x), pms) != 0
        || (k_out != NULL && mbedtls_ecp_point_write_binary(&ctx->grp, &K, MBEDTLS_ECP_PF_UNCOMPRESSED, &olen,
                                                            k_out, POINT_LEN) != 0)) {
        goto out;
    }
    res = JP_OK;
out:
    mbedtls_platform_zeroize(x, sizeof(x));
    mbedtls_mpi_free(&t);
    mbedtls_ecp_point_free(&T); mbedtls_ecp_point_free(&K);
    return res;
}

jp_result jp_set_own_keys(jp_ctx *ctx, const uint8_t x1[32], const uint8_t x2[32])
{
    if (mbedtls_mpi_read_binary(&ctx->xm1, x1, 32) != 0 || mbedtls_mpi_read_binary(&ctx->xm2, x2, 32) != 0
        || mbedtls_ecp_mul(&ctx->grp, &ctx->Xm1, &ctx->xm1, &ctx->grp.G, ctx->f_rng, ctx->p_rng) != 0
        || mbedtls_ecp_mul(&ctx->grp, &ctx->Xm2, &ctx->xm2, &ctx->grp.G, ctx->f_rng, ctx->p_rng) != 0) {
        return JP_INTERNAL;
    }
    ctx->wrote1 = 1;
    return JP_OK;
}

jp_result jp_set_peer_keys(jp_ctx *ctx, const uint8_t X1[65], const uint8_t X2[65])
{
    if (mbedtls_ecp_point_read_binary(&ctx->grp, &ctx->Xp1, X1, POINT_LEN) != 0
        || mbedtls_ecp_point_read_binary(&ctx->grp, &ctx->Xp2, X2, POINT_LEN) != 0) {
        return JP_INTERNAL;
    }
    ctx->read1 = 1;
    return JP_OK;
}
