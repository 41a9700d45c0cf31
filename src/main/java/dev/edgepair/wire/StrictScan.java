package dev.edgepair.wire;

/**
 * Checks raw CBOR before cbor-java sees it: exactly one item, definite lengths, shortest heads, no tags, no floats,
 * only the simple values false, true and null, nesting at most {@link Cbor#MAX_DEPTH}.
 *
 * <p>Tags are refused here, not after decoding, because cbor-java 0.9 attaches a decoded tag to its shared
 * {@code SimpleValue.TRUE/FALSE/NULL} singletons: one tagged {@code true} from any peer would otherwise change how
 * every later {@code true} in the JVM decodes.
 */
final class StrictScan {
    private StrictScan() {
    }

    static void check(byte[] b) throws WireException {
        if (item(b, 0, 0) != b.length) {
            throw new WireException("expected exactly one CBOR item");
        }
    }

    private static boolean validUtf8(byte[] b, int offset, int length) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, offset, length));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** Returns the offset just past the item starting at {@code pos}. */
    private static int item(byte[] b, int pos, int depth) throws WireException {
        if (depth > Cbor.MAX_DEPTH) {
            throw new WireException("nested deeper than " + Cbor.MAX_DEPTH);
        }
        if (pos >= b.length) {
            throw new WireException("not well-formed CBOR (truncated)");
        }
        int initial = b[pos++] & 0xff;
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (major == 6) {
            throw new WireException("CBOR tags are not accepted");
        }
        if (major == 7) {
            if (info == 20 || info == 21 || info == 22) {
                return pos;
            }
            throw new WireException(info >= 25 && info <= 27 ? "floating point is not accepted"
                    : "only the simple values false, true and null are accepted");
        }
        if (info == 31) {
            throw new WireException("not in preferred CBOR serialization (indefinite length)");
        }
        if (info >= 28) {
            throw new WireException("not well-formed CBOR (reserved head)");
        }
        long arg = info;
        if (info >= 24) {
            int size = 1 << (info - 24);
            if (b.length - pos < size) {
                throw new WireException("not well-formed CBOR (truncated)");
            }
            arg = 0;
            for (int i = 0; i < size; i++) {
                arg = (arg << 8) | (b[pos++] & 0xff);
            }
            long smallest = info == 24 ? 24 : 1L << (8 * (size / 2));
            if (Long.compareUnsigned(arg, smallest) < 0) {
                throw new WireException("not in preferred CBOR serialization (long head)");
            }
        }
        long remaining = b.length - pos;
        switch (major) {
            case 0, 1:
                return pos;
            case 2, 3:
                if (Long.compareUnsigned(arg, remaining) > 0) {
                    throw new WireException("not well-formed CBOR (truncated string)");
                }
                if (major == 3 && !validUtf8(b, pos, (int) arg)) {
                    throw new WireException("text is not valid UTF-8");
                }
                return pos + (int) arg;
            case 4, 5:
                long count = major == 4 ? arg : 2 * arg;
                if (Long.compareUnsigned(arg, remaining) > 0 || Long.compareUnsigned(count, remaining) > 0) {
                    throw new WireException("not well-formed CBOR (truncated container)");
                }
                for (long i = 0; i < count; i++) {
                    pos = item(b, pos, depth + 1);
                }
                return pos;
            default:
                throw new WireException("not well-formed CBOR");
        }
    }
}
