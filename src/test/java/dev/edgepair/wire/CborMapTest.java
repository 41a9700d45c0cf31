package dev.edgepair.wire;

import dev.edgepair.internal.protocol.JpakeCbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.tags.Unit;

/** spec/wire.md: the typed getters' edges, the diagnostic notation, and the CBOR of the J-PAKE rounds. */
@Unit
class CborMapTest {
    private static CborMap decode(CborMap.Builder b) throws WireException {
        return Cbor.decodeMap(Cbor.encode(b.build()));
    }

    @Test
    void gettersAtTheirEdges() throws Exception {
        CborMap inner = CborMap.builder().put("k", "v").build();
        CborMap m = decode(CborMap.builder().put("b", new byte[] {1, 2, 3}).put("t", "abc")
                .put("l", List.of("x", "yy")).putMaps("ms", List.of(inner, inner)).put("n", 5));
        assertThat(m.has("b")).isTrue();
        assertThat(m.has("nope")).isFalse();
        assertThat(m.bytes("b", 3, 3)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> m.bytes("b", 4, 9)).hasMessage("b must be 4..9 bytes");
        assertThatThrownBy(() -> m.bytes("b", 0, 2)).hasMessage("b must be 0..2 bytes");
        assertThatThrownBy(() -> m.bytes("b", 2, 2)).hasMessage("b must be 2 bytes");
        assertThatThrownBy(() -> m.bytes("t", 0, 9)).hasMessage("t must be a byte string");
        assertThat(m.optionalText("t", 3)).contains("abc");
        assertThat(m.optionalText("absent", 3)).isEmpty();
        assertThatThrownBy(() -> m.optionalText("t", 2)).hasMessage("t longer than 2 characters");
        assertThat(m.textList("l", 2, 2)).containsExactly("x", "yy");
        assertThatThrownBy(() -> m.textList("l", 2, 1)).hasMessage("l must hold text of at most 1 characters");
        assertThatThrownBy(() -> m.textList("l", 1, 2)).hasMessage("l has more than 1 items");
        assertThatThrownBy(() -> m.textList("t", 1, 2)).hasMessage("t must be an array");
        assertThat(m.mapList("ms", 2)).hasSize(2).allSatisfy(x -> assertThat(x.text("k", 1)).isEqualTo("v"));
        assertThatThrownBy(() -> m.mapList("ms", 1)).hasMessage("ms has more than 1 items");
        assertThatThrownBy(() -> m.mapList("l", 2)).hasMessage("l must hold maps");
        assertThat(m.unsigned("n", 5)).isEqualTo(5);
        assertThatThrownBy(() -> m.unsigned("n", 4)).hasMessage("n larger than 4");
        assertThat(m.onlyKeys("b", "t", "l", "ms", "n")).isSameAs(m);
    }

    @Test
    void unknownKeysAreNamedPrintablyAndShort() throws Exception {
        CborMap m = decode(CborMap.builder().put("a".repeat(32), 1));
        assertThatThrownBy(() -> m.onlyKeys()).hasMessage("unknown field " + "a".repeat(32));
        CborMap longer = decode(CborMap.builder().put("b".repeat(33), 1));
        assertThatThrownBy(() -> longer.onlyKeys()).hasMessage("unknown field " + "b".repeat(32) + "...");
        CborMap odd = decode(CborMap.builder().put("x\ny", 1));
        assertThatThrownBy(() -> odd.onlyKeys()).hasMessage("unknown field x?y");
    }

    @Test
    void diagnosticNotation() throws Exception {
        CborMap m = decode(CborMap.builder().put("b", new byte[] {(byte) 0xab}).put("t", "q\"\\")
                .put("l", List.of("x", "y")).put("e", List.of()).put("f", false).put("n", 7)
                .put("m", CborMap.builder().put("a", true).put("c", "d").build()));
        // canonical order: shorter keys first, then bytewise
        assertThat(m.toString()).isEqualTo("{\"b\": h'ab', \"e\": [], \"f\": false, \"l\": [\"x\", \"y\"], "
                + "\"m\": {\"a\": true, \"c\": \"d\"}, \"n\": 7, \"t\": \"q\\\"\\\\\"}");
        assertThat(Cbor.decodeMap(new byte[] {(byte) 0xa1, 0x61, 'z', (byte) 0xf6}).toString())
                .isEqualTo("{\"z\": null}");
        assertThat(CborMap.builder().build().toString()).isEqualTo("{}");
    }

    @Test
    void theBuilderRefusesWhatCborMapCannotSay() {
        assertThatThrownBy(() -> CborMap.builder().put("n", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CborMap.builder().put("a", 1).put("a", 2))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] b = {1};
        CborMap m = CborMap.builder().put("b", b).build();
        b[0] = 2;
        assertThat(Cbor.encode(m)).containsExactly(0xa1, 0x61, 'b', 0x41, 1); // the builder copied the bytes
    }

    @Test
    void theJpakeRoundsRoundTripAndRefuseStrangers() throws Exception {
        byte[] password = "correct horse".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Participant client = Participant.create(PakeRole.CLIENT, password, "client".getBytes(), "server".getBytes(),
                new SecureRandom());
        Participant server = Participant.create(PakeRole.SERVER, password, "server".getBytes(), "client".getBytes(),
                new SecureRandom());
        RoundOne c1 = client.createRoundOne();
        RoundOne back = JpakeCbor.decodeRoundOne(Cbor.encode(JpakeCbor.roundOne(c1)));
        assertThat(back.first().publicKey()).isEqualTo(c1.first().publicKey());
        assertThat(back.second().proof().response()).isEqualTo(c1.second().proof().response());
        server.readRoundOne(back);
        client.readRoundOne(JpakeCbor.readRoundOne(JpakeCbor.roundOne(server.createRoundOne())));
        RoundTwo s2 = server.createRoundTwo();
        RoundTwo s2back = JpakeCbor.decodeRoundTwo(Cbor.encode(JpakeCbor.roundTwo(s2)));
        assertThat(s2back.share().publicKey()).isEqualTo(s2.share().publicKey());
        client.readRoundTwo(JpakeCbor.readRoundTwo(JpakeCbor.roundTwo(s2)));
        server.readRoundTwo(JpakeCbor.decodeRoundTwo(Cbor.encode(JpakeCbor.roundTwo(client.createRoundTwo()))));
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());

        CborMap extra = CborMap.builder().put("X1", JpakeCbor.roundOne(c1).map("X1"))
                .put("X2", JpakeCbor.roundOne(c1).map("X2")).put("X3", "no").build();
        assertThatThrownBy(() -> JpakeCbor.readRoundOne(extra)).hasMessage("unknown field X3");
        assertThatThrownBy(() -> JpakeCbor.decodeRoundOne(new byte[] {1})).isInstanceOf(EcJpakeException.class)
                .satisfies(e -> assertThat(((EcJpakeException) e).reason())
                        .isEqualTo(EcJpakeException.Reason.MALFORMED));
        assertThatThrownBy(() -> JpakeCbor.decodeRoundTwo(new byte[] {(byte) 0xa0}))
                .isInstanceOf(EcJpakeException.class).hasMessageContaining("missing field X");
    }
}
