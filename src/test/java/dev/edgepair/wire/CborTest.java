package dev.edgepair.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** spec/wire.md: what the strict CBOR layer accepts and refuses. */
@Unit
class CborTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void readsWhatItWrites() throws Exception {
        CborMap map = CborMap.builder().put("Username", "alice").put("Key", new byte[] {1, 2})
                .put("Count", 300).put("On", true).put("Modes", List.of("LocalOpen", "PasswordOpen"))
                .put("Inner", CborMap.builder().put("a", "b").build()).build();
        CborMap back = Cbor.decodeMap(Cbor.encode(map));
        assertThat(back.text("Username", 64)).isEqualTo("alice");
        assertThat(back.bytes("Key", 2, 2)).containsExactly(1, 2);
        assertThat(back.unsigned("Count", 1000)).isEqualTo(300);
        assertThat(back.bool("On")).isTrue();
        assertThat(back.textList("Modes", 10, 32)).containsExactly("LocalOpen", "PasswordOpen");
        assertThat(back.map("Inner").text("a", 1)).isEqualTo("b");
    }

    @Test
    void acceptsAnyKeyOrder() throws Exception {
        // {"b": 1, "a": 2}: not canonical order, still preferred serialization
        assertThat(Cbor.decodeMap(hex("a2616201616102")).unsigned("a", 9)).isEqualTo(2);
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a2616101616102"))).isInstanceOf(WireException.class);
    }

    @Test
    void refusesIndefiniteLengthsAndLongHeads() {
        assertThatThrownBy(() -> Cbor.decodeMap(hex("bf616101ff"))).isInstanceOf(WireException.class)
                .hasMessageContaining("preferred");
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a161619f01ff"))).isInstanceOf(WireException.class)
                .hasMessageContaining("preferred");
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a161615f4101ff"))).isInstanceOf(WireException.class)
                .hasMessageContaining("preferred");
        // {"a": 1} with the integer written in a two-byte head
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a1616118 01".replace(" ", ""))))
                .isInstanceOf(WireException.class).hasMessageContaining("preferred");
    }

    @Test
    void refusesTrailingItemsNonMapsAndEmptyBodies() {
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a0a0"))).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> Cbor.decodeMap(hex("80"))).hasMessageContaining("map");
        assertThatThrownBy(() -> Cbor.decodeMap(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a1"))).hasMessageContaining("well-formed");
    }

    @Test
    void refusesOversizedBodies() {
        assertThatThrownBy(() -> Cbor.decodeMap(new byte[Cbor.MAX_BODY + 1])).hasMessageContaining("larger");
    }

    @Test
    void refusesTags() {
        // {"a": 1(1)}
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a16161c101"))).hasMessageContaining("tags");
    }

    @Test
    void aTaggedTrueCannotPoisonLaterMessages() throws Exception {
        // cbor-java 0.9 sticks a decoded tag onto its shared TRUE singleton; the scan refuses it first.
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a16161c1f5"))).hasMessageContaining("tags");
        assertThat(Cbor.decodeMap(hex("a16161f5")).bool("a")).isTrue();
        try {
            co.nstant.in.cbor.CborDecoder.decode(hex("a16161c1f5")); // some other code in the JVM does it anyway
            assertThat(Cbor.decodeMap(hex("a16161f5")).bool("a")).isTrue();
            assertThat(Cbor.encode(CborMap.builder().put("a", true).build())).isEqualTo(hex("a16161f5"));
        } finally {
            co.nstant.in.cbor.model.SimpleValue.TRUE.removeTag();
        }
    }

    @Test
    void refusesInvalidUtf8() {
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a1616162c328"))).hasMessageContaining("UTF-8");
    }

    @Test
    void refusesFloatsAndOtherSimpleValues() {
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a16161f93c00"))).hasMessageContaining("floating");
        assertThatThrownBy(() -> Cbor.decodeMap(hex("a16161f7"))).hasMessageContaining("simple");
    }

    @Test
    void typedGettersNameTheField() throws Exception {
        CborMap map = Cbor.decodeMap(Cbor.encode(CborMap.builder().put("Username", 5).build()));
        assertThatThrownBy(() -> map.text("Username", 64)).hasMessage("Username must be text");
        assertThatThrownBy(() -> map.text("Missing", 64)).hasMessage("missing field Missing");
        assertThatThrownBy(() -> map.onlyKeys("Other")).hasMessage("unknown field Username");
    }

    @Test
    void deepNestingIsRefusedNotACrash() {
        byte[] deep = new byte[Cbor.MAX_BODY];
        deep[0] = (byte) 0xa1;
        deep[1] = 0x61;
        deep[2] = 'a';
        java.util.Arrays.fill(deep, 3, deep.length, (byte) 0x81);
        assertThatThrownBy(() -> Cbor.decodeMap(deep)).isInstanceOf(WireException.class);
    }
}
