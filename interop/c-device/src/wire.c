/* Strict CBOR (see wire.h). The byte-level scan runs before libcbor decodes: libcbor itself accepts indefinite
 * lengths, long heads, tags and floats, which spec/wire.md refuses. */
#include "wire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8

typedef struct {
    const uint8_t *p;
    const uint8_t *end;
    char *diag;
} scan;

static int refuse(scan *s, const char *why)
{
    snprintf(s->diag, EP_DIAG, "bad CBOR: %s", why);
    return -1;
}

/* Reads a head in its shortest form; -1 if it is not. */
static int head(scan *s, int *major, uint64_t *val)
{
    if (s->p >= s->end) {
        return refuse(s, "truncated");
    }
    uint8_t ib = *s->p++;
    int ai = ib & 31;
    *major = ib >> 5;
    if (ai < 24) {
        *val = (uint64_t)ai;
        return 0;
    }
    if (ai > 27) {
        return refuse(s, "indefinite length or reserved value");
    }
    size_t n = (size_t)1 << (ai - 24);
    if ((size_t)(s->end - s->p) < n) {
        return refuse(s, "truncated");
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = (v << 8) | *s->p++;
    }
    static const uint64_t min[4] = { 24, 0x100, 0x10000, 0x100000000ull };
    if (*major != 7 && v < min[ai - 24]) {
        return refuse(s, "not in preferred serialization");
    }
    *val = v;
    return 0;
}

static int valid_utf8(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i];
        size_t len;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return 0;
        if (n - i < len) return 0;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += len;
    }
    return 1;
}

static int item(scan *s, int depth);

static int string(scan *s, int major, uint64_t len)
{
    if (len > (uint64_t)(s->end - s->p)) {
        return refuse(s, "truncated");
    }
    if (major == 3 && !valid_utf8(s->p, (size_t)len)) {
        return refuse(s, "text is not UTF-8");
    }
    s->p += len;
    return 0;
}

static int map(scan *s, uint64_t pairs, int depth)
{
    if (pairs > (uint64_t)(s->end - s->p) / 2) {
        return refuse(s, "truncated");
    }
    for (uint64_t i = 0; i < pairs; i++) {
        int major;
        uint64_t len;
        if (head(s, &major, &len) != 0) return -1;
        if (major != 3) return refuse(s, "map key is not text");
        if (string(s, 3, len) != 0 || item(s, depth) != 0) return -1;
    }
    return 0;
}

/* Unique keys in every map (checked on the decoded tree; keys are text, see map()). */
static int unique_keys(const cbor_item_t *it)
{
    if (cbor_isa_array(it)) {
        for (size_t i = 0; i < cbor_array_size(it); i++) {
            if (!unique_keys(cbor_array_handle(it)[i])) return 0;
        }
    } else if (cbor_isa_map(it)) {
        struct cbor_pair *pairs = cbor_map_handle(it);
        for (size_t i = 0; i < cbor_map_size(it); i++) {
            for (size_t k = 0; k < i; k++) {
                if (cbor_string_length(pairs[k].key) == cbor_string_length(pairs[i].key)
                    && memcmp(cbor_string_handle(pairs[k].key), cbor_string_handle(pairs[i].key),
                              cbor_string_length(pairs[i].key)) == 0) {
                    return 0;
                }
            }
            if (!unique_keys(pairs[i].value)) return 0;
        }
    }
    return 1;
}

/* depth: of this item, the top-level map being 0; items deeper than MAX_DEPTH are refused */
static int item(scan *s, int depth)
{
    int major;
    uint64_t val;
    if (depth > MAX_DEPTH) return refuse(s, "nested too deep");
    if (head(s, &major, &val) != 0) return -1;
    switch (major) {
    case 0: case 1: return 0;
    case 2: case 3: return string(s, major, val);
    case 4:
        if (val > (uint64_t)(s->end - s->p)) return refuse(s, "truncated");
        for (uint64_t i = 0; i < val; i++) {
            if (item(s, depth + 1) != 0) return -1;
        }
        return 0;
    case 5:
        return map(s, val, depth + 1);
    case 6: return refuse(s, "tags are not allowed");
    default:
        if (s->p[-1] == 0xF4 || s->p[-1] == 0xF5 || s->p[-1] == 0xF6) return 0; /* false, true, null */
        return refuse(s, "floats and simple values other than false, true, null are not allowed");
    }
}

cbor_item_t *ep_decode_body(const uint8_t *p, size_t len, char diag[EP_DIAG])
{
    if (len == 0) {
        cbor_item_t *empty = cbor_new_definite_map(0);
        if (empty == NULL) snprintf(diag, EP_DIAG, "out of memory");
        return empty;
    }
    if (len > EP_MAX_BODY) {
        snprintf(diag, EP_DIAG, "body larger than %d bytes", EP_MAX_BODY);
        return NULL;
    }
    scan s = { p, p + len, diag };
    if (*p >> 5 != 5) {
        refuse(&s, "the body is not a map");
        return NULL;
    }
    if (item(&s, 0) != 0) {
        return NULL;
    }
    if (s.p != s.end) {
        refuse(&s, "trailing bytes after the map");
        return NULL;
    }
    struct cbor_load_result result;
    cbor_item_t *m = cbor_load(p, len, &result);
    if (m == NULL || result.error.code != CBOR_ERR_NONE || result.read != len || !cbor_isa_map(m)) {
        if (m != NULL) cbor_decref(&m);
        snprintf(diag, EP_DIAG, "bad CBOR");
        return NULL;
    }
    if (!unique_keys(m)) {
        cbor_decref(&m);
        snprintf(diag, EP_DIAG, "bad CBOR: duplicate map key");
        return NULL;
    }
    return m;
}

static int text_is(const cbor_item_t *t, const char *key)
{
    size_t n = strlen(key);
    return cbor_isa_string(t) && cbor_string_is_definite(t) && cbor_string_length(t) == n
           && memcmp(cbor_string_handle(t), key, n) == 0;
}

cbor_item_t *ep_get(const cbor_item_t *map, const char *key)
{
    struct cbor_pair *pairs = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); i++) {
        if (text_is(pairs[i].key, key)) {
            return pairs[i].value;
        }
    }
    return NULL;
}

int ep_only_keys(const cbor_item_t *map, const char *const *keys, size_t n, char diag[EP_DIAG])
{
    struct cbor_pair *pairs = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); i++) {
        int known = 0;
        for (size_t k = 0; k < n && !known; k++) {
            known = text_is(pairs[i].key, keys[k]);
        }
        if (!known) {
            snprintf(diag, EP_DIAG, "unknown field %.*s", (int)(cbor_string_length(pairs[i].key) > 40
                                                                  ? 40 : cbor_string_length(pairs[i].key)),
                     (const char *)cbor_string_handle(pairs[i].key));
            return -1;
        }
    }
    return 0;
}

int ep_text(const cbor_item_t *item, const char *name, size_t max, char *out, size_t cap, char diag[EP_DIAG])
{
    if (item == NULL || !cbor_isa_string(item) || !cbor_string_is_definite(item)) {
        snprintf(diag, EP_DIAG, "%s must be text", name);
        return -1;
    }
    size_t n = cbor_string_length(item);
    if (n > max || n + 1 > cap) {
        snprintf(diag, EP_DIAG, "%s too long", name);
        return -1;
    }
    if (memchr(cbor_string_handle(item), 0, n) != NULL) {
        snprintf(diag, EP_DIAG, "%s must not contain NUL", name);
        return -1;
    }
    memcpy(out, cbor_string_handle(item), n);
    out[n] = '\0';
    return 0;
}

static const cbor_item_t *bytes_field(const cbor_item_t *ks, const char *key, const char *name, size_t min,
                                      size_t max, char diag[EP_DIAG])
{
    const cbor_item_t *b = ep_get(ks, key);
    if (b == NULL) {
        snprintf(diag, EP_DIAG, "missing field %s.%s", name, key);
        return NULL;
    }
    if (!cbor_isa_bytestring(b) || !cbor_bytestring_is_definite(b) || cbor_bytestring_length(b) < min
        || cbor_bytestring_length(b) > max) {
        snprintf(diag, EP_DIAG, "%s.%s must be %zu%s bytes", name, key, min == max ? min : 1,
                 min == max ? "" : "..32");
        return NULL;
    }
    return b;
}

int ep_keyshare_to_tls(const cbor_item_t *ks, const char *name, uint8_t *out, size_t cap, size_t *olen,
                       char diag[EP_DIAG])
{
    static const char *const keys[] = { "X", "V", "r" };
    if (ks == NULL || !cbor_isa_map(ks)) {
        snprintf(diag, EP_DIAG, "%s must be a map", name);
        return -1;
    }
    if (ep_only_keys(ks, keys, 3, diag) != 0) {
        return -1;
    }
    const cbor_item_t *X = bytes_field(ks, "X", name, 65, 65, diag);
    const cbor_item_t *V = X ? bytes_field(ks, "V", name, 65, 65, diag) : NULL;
    const cbor_item_t *r = V ? bytes_field(ks, "r", name, 1, 32, diag) : NULL;
    if (r == NULL) {
        return -1;
    }
    size_t rlen = cbor_bytestring_length(r);
    if (cbor_bytestring_handle(r)[0] == 0) { /* spec/jpake.md: r in minimal length */
        snprintf(diag, EP_DIAG, "%s.r is not minimal (leading zero byte)", name);
        return -1;
    }
    if (cap < 2 + 65 + 65 + 1 + rlen) {
        snprintf(diag, EP_DIAG, "internal error");
        return -1;
    }
    uint8_t *o = out;
    *o++ = 65; memcpy(o, cbor_bytestring_handle(X), 65); o += 65;
    *o++ = 65; memcpy(o, cbor_bytestring_handle(V), 65); o += 65;
    *o++ = (uint8_t)rlen; memcpy(o, cbor_bytestring_handle(r), rlen); o += rlen;
    *olen = (size_t)(o - out);
    return 0;
}

int ep_round_one_to_tls(const cbor_item_t *r1, const char *name, uint8_t *out, size_t cap, size_t *olen,
                        char diag[EP_DIAG])
{
    static const char *const keys[] = { "X1", "X2" };
    char sub[32];
    size_t n1, n2;
    if (r1 == NULL || !cbor_isa_map(r1)) {
        snprintf(diag, EP_DIAG, "%s must be a map", name);
        return -1;
    }
    if (ep_only_keys(r1, keys, 2, diag) != 0) {
        return -1;
    }
    snprintf(sub, sizeof(sub), "%s.X1", name);
    if (ep_keyshare_to_tls(ep_get(r1, "X1"), sub, out, cap, &n1, diag) != 0) {
        return -1;
    }
    snprintf(sub, sizeof(sub), "%s.X2", name);
    if (ep_keyshare_to_tls(ep_get(r1, "X2"), sub, out + n1, cap - n1, &n2, diag) != 0) {
        return -1;
    }
    *olen = n1 + n2;
    return 0;
}

int ep_put(cbor_item_t *map, const char *key, cbor_item_t *value)
{
    cbor_item_t *k = cbor_build_string(key);
    int ok = k != NULL && value != NULL && cbor_map_add(map, (struct cbor_pair){ .key = k, .value = value });
    if (k != NULL) cbor_decref(&k);
    if (value != NULL) cbor_decref(&value);
    return ok;
}

/* Keys are added in canonical order (length first, then bytes): V, X, r. */
cbor_item_t *ep_keyshare_from_tls(const uint8_t *kkp, size_t len, size_t *used)
{
    if (len < 2 + 65 + 65 + 1 || kkp[0] != 65 || kkp[66] != 65 || len < 133 + (size_t)kkp[132]) {
        return NULL;
    }
    size_t rlen = kkp[132];
    cbor_item_t *m = cbor_new_definite_map(3);
    if (m == NULL) return NULL;
    if (!ep_put(m, "V", cbor_build_bytestring(kkp + 67, 65)) || !ep_put(m, "X", cbor_build_bytestring(kkp + 1, 65))
        || !ep_put(m, "r", cbor_build_bytestring(kkp + 133, rlen))) {
        cbor_decref(&m);
        return NULL;
    }
    *used = 133 + rlen;
    return m;
}

cbor_item_t *ep_round_one_from_tls(const uint8_t *msg, size_t len)
{
    size_t n1, n2;
    cbor_item_t *m = cbor_new_definite_map(2);
    if (m == NULL) return NULL;
    if (!ep_put(m, "X1", ep_keyshare_from_tls(msg, len, &n1))
        || !ep_put(m, "X2", ep_keyshare_from_tls(msg + n1, len - n1, &n2)) || n1 + n2 != len) {
        cbor_decref(&m);
        return NULL;
    }
    return m;
}

uint8_t *ep_serialise(cbor_item_t *map, size_t *len)
{
    uint8_t *buf = NULL;
    size_t cap = 0;
    *len = map != NULL ? cbor_serialize_alloc(map, &buf, &cap) : 0;
    if (map != NULL) cbor_decref(&map);
    if (*len == 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
