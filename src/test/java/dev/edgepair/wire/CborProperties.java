package dev.edgepair.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import dev.edgepair.tags.Unit;
import dev.edgepair.wire.CborModel.Fault;
import dev.edgepair.wire.CborModel.MapModel;
import dev.edgepair.wire.CborModel.NInt;
import dev.edgepair.wire.CborModel.Rule;
import dev.edgepair.wire.CborModel.UInt;
import dev.edgepair.wire.CborModel.Verdict;

/**
 * The CBOR layer against an independent model of spec/wire.md ({@link CborModel}): valid maps, broken at one place
 * (a rule-breaking item, a structural change, a byte flip, cut or insertion), are accepted exactly when the model
 * accepts them, decode to what the model read, and are otherwise refused with a WireException naming the rule.
 */
@Unit
class CborProperties {
    /** A structural change to the whole body, on top of the item fault. */
    enum Shape { AS_IS, DUPLICATE_KEY, NUMBER_KEY, DEEP, ARRAY_AT_TOP, TRAILING_ITEM, SIZE_LIMIT }

    /** A byte-level change after encoding. */
    enum Bytes { NONE, FLIP, TRUNCATE, INSERT, DELETE }

    record Case(MapModel model, Fault fault, int faultAt, Shape shape, int shapeParam, Bytes bytes, int at, int with) {
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.NONE)
    void nearValidMapsAreJudgedExactlyLikeTheModel(@ForAll("cases") Case c) {
        byte[] body = body(c);
        Verdict expected = CborModel.judge(body, Cbor.MAX_BODY, Cbor.MAX_DEPTH);
        Statistics.label("verdict").collect(expected.accepted() ? "accepted" : expected.broken().name());
        if (expected.accepted()) {
            CborMap decoded;
            try {
                decoded = Cbor.decodeMap(body);
            } catch (WireException e) {
                throw new AssertionError("refused a body the model accepts (" + e.getMessage() + "): "
                        + java.util.HexFormat.of().formatHex(body), e);
            }
            sameAs(decoded, expected.map());
        } else {
            assertThatThrownBy(() -> Cbor.decodeMap(body)).as(java.util.HexFormat.of().formatHex(body))
                    .isInstanceOf(WireException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120)
                            .containsIgnoringCase(expected.broken().word));
        }
        Statistics.label("verdict").coverage(check -> {
            check.check("accepted").percentage(p -> p > 15);
            for (Rule rule : List.of(Rule.TAG, Rule.FLOAT, Rule.OTHER_SIMPLE, Rule.NOT_PREFERRED, Rule.BAD_UTF8,
                    Rule.MALFORMED, Rule.TRAILING, Rule.DUPLICATE_KEY, Rule.NOT_A_MAP, Rule.KEY_NOT_TEXT,
                    Rule.TOO_DEEP, Rule.TOO_LARGE)) {
                check.check(rule.name()).count(n -> n > 0);
            }
        });
    }

    /** What the decoder returned equals what the model read, field by field through the typed getters. */
    private static void sameAs(CborMap decoded, MapModel model) {
        assertThat(List.copyOf(decoded.keys())).isEqualTo(model.keys());
        for (int i = 0; i < model.keys().size(); i++) {
            String key = (String) model.keys().get(i);
            Object v = model.values().get(i);
            assertThat(decoded.has(key)).isTrue();
            if (v instanceof String s) {
                assertThat(sneaky(() -> decoded.text(key, s.length()))).isEqualTo(s);
                if (!s.isEmpty()) {
                    assertThatThrownBy(() -> decoded.text(key, s.length() - 1)).hasMessageContaining("longer");
                }
            } else if (v instanceof ByteBuffer b) {
                byte[] expected = CborModel.bytesOf(b);
                assertThat(sneaky(() -> decoded.bytes(key, expected.length, expected.length))).isEqualTo(expected);
                assertThatThrownBy(() -> decoded.bytes(key, expected.length + 1, expected.length + 9))
                        .isInstanceOf(WireException.class);
            } else if (v instanceof UInt u && u.value().bitLength() < 64) {
                long value = u.value().longValue();
                assertThat(sneaky(() -> decoded.unsigned(key, value))).isEqualTo(value);
                if (value > 0) {
                    assertThatThrownBy(() -> decoded.unsigned(key, value - 1)).hasMessageContaining("larger");
                }
            } else if (v instanceof UInt) {
                assertThatThrownBy(() -> decoded.unsigned(key, Long.MAX_VALUE)).hasMessageContaining("larger");
            } else if (v instanceof NInt) {
                assertThatThrownBy(() -> decoded.unsigned(key, Long.MAX_VALUE)).hasMessageContaining("unsigned");
            } else if (v instanceof Boolean bool) {
                assertThat(sneaky(() -> decoded.bool(key))).isEqualTo(bool);
            } else if (v == CborModel.NULL) {
                assertThatThrownBy(() -> decoded.bool(key)).hasMessageContaining("true or false");
            } else if (v instanceof MapModel inner) {
                if (inner.keys().stream().allMatch(k -> k instanceof String)) {
                    sameAs(sneaky(() -> decoded.map(key)), inner);
                } else {
                    assertThatThrownBy(() -> decoded.map(key)).hasMessageContaining("keys must be text");
                }
            } else if (v instanceof List<?> list) {
                if (list.stream().allMatch(x -> x instanceof String)) {
                    assertThat(sneaky(() -> decoded.textList(key, list.size(), 1000))).isEqualTo(list);
                    if (!list.isEmpty()) {
                        assertThatThrownBy(() -> decoded.textList(key, list.size() - 1, 1000))
                                .hasMessageContaining("more than");
                    }
                } else {
                    assertThatThrownBy(() -> decoded.textList(key, list.size(), 1000))
                            .hasMessageContaining("must hold text");
                }
            }
            if (!(v instanceof MapModel)) {
                assertThatThrownBy(() -> decoded.map(key)).hasMessageContaining("must be a map");
            }
        }
    }

    private interface Get<T> {
        T get() throws WireException;
    }

    private static <T> T sneaky(Get<T> g) {
        try {
            return g.get();
        } catch (WireException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static byte[] body(Case c) {
        MapModel m = c.model();
        Object top = m;
        switch (c.shape()) {
            case DUPLICATE_KEY -> {
                if (m.keys().size() >= 2) {
                    List<Object> keys = new ArrayList<>(m.keys());
                    keys.set(c.shapeParam() % keys.size() == 0 ? 1 : c.shapeParam() % keys.size(), keys.get(0));
                    top = new MapModel(keys, m.values());
                }
            }
            case NUMBER_KEY -> {
                if (!m.keys().isEmpty()) {
                    List<Object> keys = new ArrayList<>(m.keys());
                    keys.set(c.shapeParam() % keys.size(), new UInt(BigInteger.valueOf(c.shapeParam())));
                    top = new MapModel(keys, m.values());
                }
            }
            case DEEP -> {
                // nest a text in 6..11 arrays under a key: the top map is depth 0, so 8 arrays is the deepest allowed
                Object v = "deep";
                for (int i = 0; i < 6 + c.shapeParam() % 6; i++) {
                    v = List.of(v);
                }
                top = with(m, "z", v);
            }
            case ARRAY_AT_TOP -> top = m.values();
            case SIZE_LIMIT -> {
                // a padding byte string that makes the body exactly MAX_BODY - 1, MAX_BODY or MAX_BODY + 1 bytes
                int want = Cbor.MAX_BODY - 1 + c.shapeParam() % 3;
                int base = CborModel.Encoder.encode(with(m, "pad", ByteBuffer.wrap(new byte[0]))).length;
                for (int pad = Math.max(0, want - base - 3); pad <= want - base; pad++) {
                    Object candidate = with(m, "pad", ByteBuffer.wrap(new byte[pad]));
                    if (new CborModel.Encoder(c.fault(), c.faultAt()).write(candidate).bytes().length == want) {
                        top = candidate;
                        break;
                    }
                }
            }
            default -> {
            }
        }
        byte[] b = new CborModel.Encoder(c.fault(), c.faultAt()).write(top).bytes();
        if (c.shape() == Shape.TRAILING_ITEM) {
            b = Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = (byte) (c.shapeParam() % 24); // a small unsigned integer after the map
        }
        int at = c.at() % b.length;
        return switch (c.bytes()) {
            case NONE -> b;
            case FLIP -> {
                byte[] t = b.clone();
                t[at] ^= (byte) c.with();
                yield t;
            }
            case TRUNCATE -> Arrays.copyOf(b, at);
            case INSERT -> {
                byte[] t = new byte[b.length + 1];
                System.arraycopy(b, 0, t, 0, at);
                t[at] = (byte) c.with();
                System.arraycopy(b, at, t, at + 1, b.length - at);
                yield t;
            }
            case DELETE -> {
                byte[] t = new byte[b.length - 1];
                System.arraycopy(b, 0, t, 0, at);
                System.arraycopy(b, at + 1, t, at, b.length - at - 1);
                yield t;
            }
        };
    }

    private static MapModel with(MapModel m, String key, Object value) {
        List<Object> keys = new ArrayList<>(m.keys());
        List<Object> values = new ArrayList<>(m.values());
        int i = keys.indexOf(key);
        if (i >= 0) {
            values.set(i, value);
        } else {
            keys.add(key);
            values.add(value);
        }
        return new MapModel(keys, values);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Fault> fault = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Fault.NONE)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(Fault.class)));
        Arbitrary<Shape> shape = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just(Shape.AS_IS)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(Shape.class)));
        Arbitrary<Bytes> bytes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just(Bytes.NONE)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(Bytes.class)));
        return Combinators.combine(maps(VALUES[3]), fault, Arbitraries.integers().between(0, 30), shape,
                Arbitraries.integers().between(0, 1000), bytes, Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(1, 255)).as(Case::new);
    }

    private static final List<BigInteger> BOUNDARIES = List.of(0L, 1L, 23L, 24L, 255L, 256L, 65_535L, 65_536L,
            4_294_967_295L, 4_294_967_296L, Long.MAX_VALUE).stream().map(BigInteger::valueOf).toList();

    private static final Arbitrary<Object>[] VALUES = valuesUpTo(3);

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object>[] valuesUpTo(int depth) {
        Arbitrary<Object>[] byDepth = new Arbitrary[depth + 1];
        for (int d = 0; d <= depth; d++) {
            byDepth[d] = values(d, byDepth);
        }
        return byDepth;
    }

    private static Arbitrary<Object> values(int depth, Arbitrary<Object>[] lower) {
        Arbitrary<BigInteger> ints = Arbitraries.oneOf(Arbitraries.of(BOUNDARIES),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, CborModel.MAX64));
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars('é', '€', '字', '"', '\\').ofMaxLength(30)
                        .map(s -> (Object) s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(b -> (Object) ByteBuffer.wrap(b)),
                ints.map(UInt::new), ints.map(NInt::new),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE, CborModel.NULL));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, leaf),
                net.jqwik.api.Tuple.of(1, lower[depth - 1].list().ofMaxSize(3).map(l -> (Object) l)),
                net.jqwik.api.Tuple.of(1, maps(lower[depth - 1]).map(m -> (Object) m)));
    }

    private static Arbitrary<MapModel> maps(Arbitrary<Object> values) {
        Arbitrary<List<String>> keys = Arbitraries.of("a", "b", "X", "Round1", "Username", "é", "k9")
                .list().ofMaxSize(5).uniqueElements();
        // as many values as the longest key list; the map takes the first ones
        return Combinators.combine(keys, values.list().ofSize(5))
                .as((ks, vs) -> new MapModel(List.copyOf(ks), List.copyOf(vs.subList(0, ks.size()))));
    }

    @Property(tries = 300)
    void builtMapsRoundTrip(@ForAll @StringLength(max = 80) String text, @ForAll byte[] bytes,
                            @ForAll long number, @ForAll boolean flag) throws Exception {
        CborMap map = CborMap.builder().put("t", text).put("b", bytes).put("n", Math.abs(number % Long.MAX_VALUE))
                .put("f", flag).build();
        CborMap back = Cbor.decodeMap(Cbor.encode(map), Integer.MAX_VALUE);
        assertThat(back.text("t", 80)).isEqualTo(text);
        assertThat(back.bytes("b", 0, Integer.MAX_VALUE)).isEqualTo(bytes);
        assertThat(back.unsigned("n", Long.MAX_VALUE)).isEqualTo(Math.abs(number % Long.MAX_VALUE));
        assertThat(back.bool("f")).isEqualTo(flag);
    }

    /** Random bytes too (rarely a map): never anything but a WireException or a map the model also reads. */
    @Property(tries = 1000)
    void randomBytesAreJudgedLikeTheModel(@ForAll @Size(max = 64) byte[] body) {
        Verdict expected = CborModel.judge(body, Cbor.MAX_BODY, Cbor.MAX_DEPTH);
        if (expected.accepted()) {
            assertThat(sneaky(() -> Cbor.decodeMap(body)).keys()).containsExactlyElementsOf(
                    expected.map().keys().stream().map(String.class::cast).toList());
        } else {
            assertThatThrownBy(() -> Cbor.decodeMap(body)).isInstanceOf(WireException.class)
                    .hasMessageContaining(expected.broken().word);
        }
    }
}
