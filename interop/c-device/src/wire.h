/* Strict CBOR bodies (spec/wire.md) on libcbor, and the EdgePair CBOR <-> TLS framing of J-PAKE messages. */
#ifndef EP_WIRE_H
#define EP_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include <cbor.h>

#define EP_MAX_BODY 4096
#define EP_DIAG 160

/* Decodes a request body: zero bytes is the empty map; otherwise 1-4096 bytes of one preferred-serialization CBOR
 * map with text keys (no tags, floats, other simple values, indefinite lengths; valid UTF-8; unique keys; at most
 * 8 deep). NULL with a diagnostic in diag when refused. */
cbor_item_t *ep_decode_body(const uint8_t *p, size_t len, char diag[EP_DIAG]);

/* The value of key in map, or NULL. */
cbor_item_t *ep_get(const cbor_item_t *map, const char *key);

/* 0 if every key of map is one of keys (n of them); else -1 and "unknown field K" in diag. */
int ep_only_keys(const cbor_item_t *map, const char *const *keys, size_t n, char diag[EP_DIAG]);

/* Copies a text string into out (NUL-terminated); -1 if it is not text, holds a NUL, or is longer than max
 * bytes; diag then says "<name> must be text" or "<name> too long". */
int ep_text(const cbor_item_t *item, const char *name, size_t max, char *out, size_t cap, char diag[EP_DIAG]);

/* KeyShare {X: bstr 65, V: bstr 65, r: bstr 1..32 minimal} -> KKP = 41 X 41 V len(r) r. */
int ep_keyshare_to_tls(const cbor_item_t *ks, const char *name, uint8_t *out, size_t cap, size_t *olen,
                       char diag[EP_DIAG]);
/* RoundOne {X1: KeyShare, X2: KeyShare} -> KKP(X1) KKP(X2). */
int ep_round_one_to_tls(const cbor_item_t *r1, const char *name, uint8_t *out, size_t cap, size_t *olen,
                        char diag[EP_DIAG]);
/* The reverse, for the messages this device wrote (trusted): a KKP (skipping nothing) to a KeyShare map. */
cbor_item_t *ep_keyshare_from_tls(const uint8_t *kkp, size_t len, size_t *used);
cbor_item_t *ep_round_one_from_tls(const uint8_t *msg, size_t len);

/* Builders: put adds key -> value (taking the caller's reference to value, NULL allowed: then it fails). */
int ep_put(cbor_item_t *map, const char *key, cbor_item_t *value);
/* Serialises and releases map; NULL on failure. */
uint8_t *ep_serialise(cbor_item_t *map, size_t *len);

#endif
