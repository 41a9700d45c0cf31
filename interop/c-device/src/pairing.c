/* Secrets and key confirmation (see pairing.h), on mbedtls_md, mbedtls_pkcs5 and mbedtls_hkdf. */
#include "pairing.h"

#include <string.h>

#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>

static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; /* Crockford base32 */

static int is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Upper-case and map O->0, I/L->1; -1 if the result is not a Crockford symbol (U, or not alphanumeric). */
static int symbol(char c)
{
    if (c >= 'a' && c <= 'z') {
        c = (char)(c - 'a' + 'A');
    }
    if (c == 'O') {
        c = '0';
    } else if (c == 'I' || c == 'L') {
        c = '1';
    }
    return c != '\0' && strchr(ALPHABET, c) != NULL ? c : -1;
}

/* UTF-8 code points in s (the string is assumed to be valid UTF-8: the CBOR layer checked it). */
static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        if (((unsigned char)*s & 0xC0) != 0x80) {
            n++;
        }
    }
    return n;
}

/* ^[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){2}$ with no U/u */
static int generated_shape(const char *s)
{
    size_t i = 0;
    for (int group = 0; group < 3; group++) {
        if (group > 0 && s[i] == '-') {
            i++;
        }
        for (int k = 0; k < 4; k++, i++) {
            if (!is_alnum(s[i]) || s[i] == 'U' || s[i] == 'u') {
                return 0;
            }
        }
    }
    return s[i] == '\0';
}

int ep_normalise_password(const char *in, char *out, size_t cap)
{
    size_t n = code_points(in);
    size_t len = strlen(in);
    if (n < 8 || n > 64 || len + 1 > cap) {
        return -1;
    }
    if (!generated_shape(in)) {
        memcpy(out, in, len + 1); /* used exactly as typed */
        return (int)len;
    }
    size_t o = 0;
    for (size_t i = 0; in[i]; i++) {
        if (in[i] != '-') {
            out[o++] = (char)symbol(in[i]); /* cannot fail: the shape allows only mapped letters and digits */
        }
    }
    out[o] = '\0';
    return (int)o;
}

int ep_normalise_token(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    if (cap < 17) {
        return -1;
    }
    for (size_t i = 0; in[i]; i++) {
        if (in[i] == '-' || in[i] == ' ') {
            continue;
        }
        int c = symbol(in[i]);
        if (c < 0 || o == 16) {
            return -1;
        }
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o == 16 ? 16 : -1;
}

static void lp(uint8_t *dst, size_t len)
{
    dst[0] = (uint8_t)(len >> 24);
    dst[1] = (uint8_t)(len >> 16);
    dst[2] = (uint8_t)(len >> 8);
    dst[3] = (uint8_t)len;
}

int ep_pake_secret(const char *product_id, const char *device_id, const char *principal,
                   const uint8_t *password, size_t password_len, unsigned iterations, uint8_t w[32])
{
    const char *parts[4] = { EP_SECRET_LABEL, product_id, device_id, principal };
    uint8_t salt[4 * (4 + 128)];
    size_t off = 0;
    for (int i = 0; i < 4; i++) {
        size_t len = strlen(parts[i]);
        if (len > 128) {
            return -1;
        }
        lp(salt + off, len);
        memcpy(salt + off + 4, parts[i], len);
        off += 4 + len;
    }
    mbedtls_md_context_t md;
    mbedtls_md_init(&md);
    int ret = mbedtls_md_setup(&md, mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), 1);
    if (ret == 0) {
        ret = mbedtls_pkcs5_pbkdf2_hmac(&md, password, password_len, salt, off, iterations, 32, w);
    }
    mbedtls_md_free(&md);
    return ret;
}

static int update_lp(mbedtls_md_context_t *md, const uint8_t *p, size_t len)
{
    uint8_t prefix[4];
    lp(prefix, len);
    int ret = mbedtls_md_update(md, prefix, 4);
    return ret != 0 ? ret : mbedtls_md_update(md, p, len);
}

static int mac(const uint8_t key[32], const char *who, const uint8_t th[32], uint8_t out[32])
{
    uint8_t msg[6 + 32];
    memcpy(msg, who, 6);
    memcpy(msg + 6, th, 32);
    return mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), key, 32, msg, sizeof(msg), out);
}

int ep_confirm(const char *principal, const uint8_t client_fp[32], const uint8_t device_fp[32],
               const uint8_t exporter[32], const ep_bytes msgs[4], const uint8_t pms[32], ep_confirmation *out)
{
    const mbedtls_md_info_t *sha256 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    static const char label[] = EP_AUTH_LABEL;
    static const char keys[] = EP_AUTH_LABEL " keys";
    mbedtls_md_context_t md;
    mbedtls_md_init(&md);
    int ret = mbedtls_md_setup(&md, sha256, 0);
    if (ret == 0) ret = mbedtls_md_starts(&md);
    if (ret == 0) ret = update_lp(&md, (const uint8_t *)label, sizeof(label) - 1);
    if (ret == 0) ret = update_lp(&md, (const uint8_t *)principal, strlen(principal));
    if (ret == 0) ret = update_lp(&md, client_fp, 32);
    if (ret == 0) ret = update_lp(&md, device_fp, 32);
    if (ret == 0) ret = update_lp(&md, exporter, 32);
    for (int i = 0; i < 4 && ret == 0; i++) {
        ret = update_lp(&md, msgs[i].p, msgs[i].len);
    }
    if (ret == 0) ret = mbedtls_md_finish(&md, out->th);
    mbedtls_md_free(&md);

    uint8_t info[sizeof(keys) - 1 + 32];
    uint8_t okm[64];
    memcpy(info, keys, sizeof(keys) - 1);
    memcpy(info + sizeof(keys) - 1, out->th, 32);
    if (ret == 0) ret = mbedtls_hkdf(sha256, exporter, 32, pms, 32, info, sizeof(info), okm, sizeof(okm));
    if (ret == 0) {
        memcpy(out->client_key, okm, 32);
        memcpy(out->device_key, okm + 32, 32);
        ret = mac(out->client_key, "client", out->th, out->client_mac);
    }
    if (ret == 0) ret = mac(out->device_key, "device", out->th, out->device_mac);
    mbedtls_platform_zeroize(okm, sizeof(okm));
    return ret;
}

int ep_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t diff = 0;
    for (size_t i = 0; i < n; i++) {
        diff |= (uint8_t)(a[i] ^ b[i]);
    }
    return diff == 0;
}
