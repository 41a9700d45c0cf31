package dev.edgepair.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An independent model of spec/wire.md for the property tests: values as plain Java objects, an encoder that can
 * break one rule at one chosen item, and a generous reader that says whether a body is acceptable and, if not, which
 * rule the first fault (in byte order) breaks. Written from the spec, sharing no code with {@link StrictScan}.
 *
 * <p>Values: {@link String} text, {@link ByteBuffer} bytes, {@link UInt} and {@link NInt} integers, {@link Boolean},
 * {@link #NULL}, {@link List} arrays and {@link MapModel} maps (keys in order, duplicates kept).
 */
public final class CborModel {
    /** Deepest nesting spec/wire.md allows (the top map is depth 0). */
    public static final int MAX_DEPTH = 8;
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    static final BigInteger MAX64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    record UInt(BigInteger value) {
    }

    /** The negative integer {@code -1 - arg}. */
    record NInt(BigInteger arg) {
    }

    public record MapModel(List<Object> keys, List<Object> values) {
    }

    /** Rule broken by an encoder fault at one item (pre-order index). */
    enum Fault { NONE, TAG, FLOAT, UNDEFINED, LONG_HEAD, INDEFINITE, BAD_UTF8 }

    private CborModel() {
    }

    // ---------------------------------------------------------------- encoder

    static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Fault fault;
        private final int target;
        private int index;

        Encoder(Fault fault, int target) {
            this.fault = fault;
            this.target = target;
        }

        static byte[] encode(Object value) {
            return new Encoder(Fault.NONE, -1).write(value).bytes();
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        Encoder write(Object v) {
            boolean here = index++ == target;
            Fault f = here ? fault : Fault.NONE;
            switch (f) {
                case TAG -> out.write(0xc1);
                case FLOAT -> {
                    out.write(0xf9);
                    out.write(0x3c);
                    out.write(0x00);
                    return this;
                }
                case UNDEFINED -> {
                    out.write(0xf7);
                    return this;
                }
                default -> {
                }
            }
            boolean longHead = f == Fault.LONG_HEAD;
            boolean indefinite = f == Fault.INDEFINITE;
            if (v instanceof UInt u) {
                head(0, u.value(), longHead || indefinite);
            } else if (v instanceof NInt n) {
                head(1, n.arg(), longHead || indefinite);
            } else if (v instanceof ByteBuffer b) {
                string(2, bytesOf(b), longHead, indefinite);
            } else if (v instanceof String s) {
                byte[] utf8 = f == Fault.BAD_UTF8 ? badUtf8(s) : s.getBytes(StandardCharsets.UTF_8);
                string(3, utf8, longHead, indefinite);
            } else if (v instanceof List<?> list) {
                containerHead(4, list.size(), longHead, indefinite);
                list.forEach(this::write);
                if (indefinite) {
                    out.write(0xff);
                }
            } else if (v instanceof MapModel m) {
                containerHead(5, m.keys().size(), longHead, indefinite);
                for (int i = 0; i < m.keys().size(); i++) {
                    write(m.keys().get(i));
                    write(m.values().get(i));
                }
                if (indefinite) {
                    out.write(0xff);
                }
            } else if (v instanceof Boolean bool) {
                out.write(bool ? 0xf5 : 0xf4);
            } else if (v == NULL) {
                out.write(0xf6);
            } else {
                throw new IllegalArgumentException("not a model value: " + v);
            }
            return this;
        }

        private static byte[] badUtf8(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] bad = java.util.Arrays.copyOf(utf8, utf8.length + 2);
            bad[utf8.length] = (byte) 0xc3; // a two-byte lead followed by an ASCII byte
            bad[utf8.length + 1] = 0x28;
            return bad;
        }

        private void string(int major, byte[] content, boolean longHead, boolean indefinite) {
            if (indefinite) {
                out.write(major << 5 | 31);
                head(major, BigInteger.valueOf(content.length), false);
                out.writeBytes(content);
                out.write(0xff);
                return;
            }
            head(major, BigInteger.valueOf(content.length), longHead);
            out.writeBytes(content);
        }

        private void containerHead(int major, int count, boolean longHead, boolean indefinite) {
            if (indefinite) {
                out.write(major << 5 | 31);
            } else {
                head(major, BigInteger.valueOf(count), longHead);
            }
        }

        /** Shortest head, or with {@code longer} the next size up (a 1-byte argument for values below 24). */
        private void head(int major, BigInteger arg, boolean longer) {
            int size = arg.compareTo(BigInteger.valueOf(24)) < 0 ? 0
                    : arg.bitLength() <= 8 ? 1 : arg.bitLength() <= 16 ? 2 : arg.bitLength() <= 32 ? 4 : 8;
            if (longer && size < 8) {
                size = size == 0 ? 1 : size * 2;
            }
            if (size == 0) {
                out.write(major << 5 | arg.intValue());
                return;
            }
            out.write(major << 5 | (24 + Integer.numberOfTrailingZeros(size)));
            for (int i = size - 1; i >= 0; i--) {
                out.write(arg.shiftRight(8 * i).intValue() & 0xff);
            }
        }
    }

    static byte[] bytesOf(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    // ---------------------------------------------------------------- reader (the oracle)

    /** Why a body is refused, with a word the refusal message must contain. */
    public enum Rule {
        EMPTY("empty"), TOO_LARGE("larger"), TOO_DEEP("nested"), MALFORMED("well-formed"), TAG("tags"),
        FLOAT("floating"), OTHER_SIMPLE("simple values"), NOT_PREFERRED("preferred"), BAD_UTF8("UTF-8"),
        TRAILING("exactly one"), DUPLICATE_KEY("well-formed"), NOT_A_MAP("map"), KEY_NOT_TEXT("keys must be text");

        /** A word the refusal message contains. */
        public final String word;

        Rule(String word) {
            this.word = word;
        }
    }

    /** The verdict: the decoded value if acceptable, else the first rule broken. */
    public record Verdict(MapModel map, Rule broken) {
        public boolean accepted() {
            return broken == null;
        }
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Rule rule;

        Refused(Rule rule) {
            super(rule.name(), null, false, false);
            this.rule = rule;
        }
    }

    public static Verdict judge(byte[] body, int maxBytes, int maxDepth) {
        try {
            if (body.length == 0) {
                throw new Refused(Rule.EMPTY);
            }
            if (body.length > maxBytes) {
                throw new Refused(Rule.TOO_LARGE);
            }
            Reader r = new Reader(body, maxDepth);
            Object top = r.item(0);
            if (r.pos != body.length) {
                throw new Refused(Rule.TRAILING);
            }
            if (r.duplicate) {
                throw new Refused(Rule.DUPLICATE_KEY);
            }
            if (!(top instanceof MapModel m)) {
                throw new Refused(Rule.NOT_A_MAP);
            }
            for (Object k : m.keys()) {
                if (!(k instanceof String)) {
                    throw new Refused(Rule.KEY_NOT_TEXT);
                }
            }
            return new Verdict(m, null);
        } catch (Refused e) {
            return new Verdict(null, e.rule);
        }
    }

    private static final class Reader {
        final byte[] b;
        final int maxDepth;
        int pos;
        boolean duplicate;

        Reader(byte[] b, int maxDepth) {
            this.b = b;
            this.maxDepth = maxDepth;
        }

        int next() throws Refused {
            if (pos >= b.length) {
                throw new Refused(Rule.MALFORMED);
            }
            return b[pos++] & 0xff;
        }

        Object item(int depth) throws Refused {
            if (depth > maxDepth) {
                throw new Refused(Rule.TOO_DEEP);
            }
            int initial = next();
            int major = initial >> 5;
            int info = initial & 31;
            if (major == 6) {
                throw new Refused(Rule.TAG);
            }
            if (major == 7) {
                return switch (info) {
                    case 20 -> Boolean.FALSE;
                    case 21 -> Boolean.TRUE;
                    case 22 -> NULL;
                    case 25, 26, 27 -> throw new Refused(Rule.FLOAT);
                    default -> throw new Refused(Rule.OTHER_SIMPLE);
                };
            }
            if (info == 31) {
                throw new Refused(Rule.NOT_PREFERRED);
            }
            if (info > 27) {
                throw new Refused(Rule.MALFORMED);
            }
            BigInteger arg = BigInteger.valueOf(info);
            if (info >= 24) {
                int size = 1 << (info - 24);
                arg = BigInteger.ZERO;
                for (int i = 0; i < size; i++) {
                    arg = arg.shiftLeft(8).or(BigInteger.valueOf(next()));
                }
                // the shortest head for arg: 0 bytes below 24, then 1, 2, 4, 8
                int shortest = arg.compareTo(BigInteger.valueOf(24)) < 0 ? 0 : (arg.bitLength() + 7) / 8;
                shortest = shortest <= 2 ? shortest : shortest <= 4 ? 4 : 8;
                if (shortest != size) {
                    throw new Refused(Rule.NOT_PREFERRED);
                }
            }
            switch (major) {
                case 0:
                    return new UInt(arg);
                case 1:
                    return new NInt(arg);
                case 2:
                case 3: {
                    if (arg.compareTo(BigInteger.valueOf(b.length - pos)) > 0) {
                        throw new Refused(Rule.MALFORMED);
                    }
                    int n = arg.intValue();
                    ByteBuffer content = ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, pos, pos + n));
                    pos += n;
                    if (major == 2) {
                        return content;
                    }
                    try {
                        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(content).toString();
                    } catch (CharacterCodingException e) {
                        throw new Refused(Rule.BAD_UTF8);
                    }
                }
                case 4: {
                    // each item is at least one byte: a longer count than what is left is truncated
                    if (arg.compareTo(BigInteger.valueOf(b.length - pos)) > 0) {
                        throw new Refused(Rule.MALFORMED);
                    }
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < arg.intValue(); i++) {
                        items.add(item(depth + 1));
                    }
                    return items;
                }
                default: {
                    if (arg.shiftLeft(1).compareTo(BigInteger.valueOf(b.length - pos)) > 0) {
                        throw new Refused(Rule.MALFORMED);
                    }
                    List<Object> keys = new ArrayList<>();
                    List<Object> values = new ArrayList<>();
                    Set<Object> seen = new HashSet<>();
                    for (int i = 0; i < arg.intValue(); i++) {
                        Object key = item(depth + 1);
                        duplicate |= !seen.add(key);
                        keys.add(key);
                        values.add(item(depth + 1));
                    }
                    return new MapModel(keys, values);
                }
            }
        }
    }
}
