/**
 * CBOR message bodies, decoded strictly: what every EdgePair endpoint reads and writes, and what an application's
 * endpoints can use for theirs.
 *
 * <p>{@link dev.edgepair.wire.Cbor} decodes a body into a {@link dev.edgepair.wire.CborMap} only if it is one map
 * with text keys in preferred serialization, no larger than {@link dev.edgepair.wire.Cbor#MAX_BODY} bytes, without
 * tags, floats or duplicate keys, and encodes outgoing maps canonically. {@link dev.edgepair.wire.CborMap}'s getters
 * check each field's type and size; a bad body is a {@link dev.edgepair.wire.WireException} whose message names the
 * field and is safe to send back (a 4.00 answer).
 */
package dev.edgepair.wire;
