package dev.edgepair.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.CborEncoder;
import co.nstant.in.cbor.CborException;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.MajorType;

/**
 * The one CBOR decoding layer every handler uses. A body is accepted only if it is at most {@link #MAX_BODY}
 * bytes, is exactly one data item, is a map with text keys, has no duplicate keys, holds no tags, floats or
 * simple values but false/true/null, nests at most 8 deep, and is in preferred serialization (definite lengths,
 * shortest heads). A strict scan checks the bytes before cbor-java decodes them.
 */
public final class Cbor {
    /** Largest body any EdgePair endpoint reads. */
    public static final int MAX_BODY = 4096;
    /** Deepest nesting any EdgePair message needs, with room to spare. */
    static final int MAX_DEPTH = 8;

    private Cbor() {
    }

    /**
     * Decodes a request or response body of at most {@link #MAX_BODY} bytes.
     *
     * @param body the bytes received
     * @return the map they hold
     * @throws WireException if the body is empty, too large, or anything but one strict CBOR map (the message says
     *                       what, safe to send back)
     */
    public static CborMap decodeMap(byte[] body) throws WireException {
        return decodeMap(body, MAX_BODY);
    }

    /**
     * Decodes a body with another size limit.
     *
     * @param body the bytes received
     * @param maxBytes the largest body accepted
     * @return the map they hold
     * @throws WireException if the body is empty, larger than {@code maxBytes}, or anything but one strict CBOR map
     */
    public static CborMap decodeMap(byte[] body, int maxBytes) throws WireException {
        if (body == null || body.length == 0) {
            throw new WireException("empty body, expected a CBOR map");
        }
        if (body.length > maxBytes) {
            throw new WireException("body larger than " + maxBytes + " bytes");
        }
        StrictScan.check(body);
        List<DataItem> items;
        try {
            CborDecoder decoder = new CborDecoder(new ByteArrayInputStream(body));
            decoder.setRejectDuplicateKeys(true);
            decoder.setMaxPreallocationSize(64);
            decoder.setAutoDecodeRationalNumbers(false);
            decoder.setAutoDecodeLanguageTaggedStrings(false);
            items = decoder.decode();
        } catch (CborException | RuntimeException | StackOverflowError e) {
            // cbor-java reports some malformed input as unchecked exceptions; all of it is bad input here.
            throw new WireException("not well-formed CBOR");
        }
        if (items.size() != 1) {
            throw new WireException("expected exactly one CBOR item, got " + items.size());
        }
        DataItem item = items.get(0);
        if (item.getMajorType() != MajorType.MAP) {
            throw new WireException("expected a CBOR map");
        }
        return CborMap.wrap((co.nstant.in.cbor.model.Map) item);
    }

    /**
     * Canonical (RFC 7049 section 3.9) encoding of what EdgePair sends.
     *
     * @param map a map, built with {@link CborMap#builder()} or decoded
     * @return its CBOR encoding
     */
    public static byte[] encode(CborMap map) {
        try {
            return encodeItem(map.item());
        } catch (WireException e) {
            throw new IllegalStateException("a CborMap built here always encodes", e);
        }
    }

    private static byte[] encodeItem(DataItem item) throws WireException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CborEncoder encoder = new CborEncoder(out);
        try {
            encoder.encode(item);
        } catch (CborException | RuntimeException e) {
            throw new WireException("cannot encode");
        }
        return out.toByteArray();
    }
}
