package dev.edgepair.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.TlsFraming;
import dev.edgepair.tags.Unit;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * spec/jpake.md, "EdgePair CBOR": the CBOR rounds carry exactly the TLS framing's values, unknown keys are refused at
 * both levels, {@code r} only in minimal length, and every CBOR fault of a stand-alone body is {@code malformed}.
 */
@Unit
class JpakeCborTest {
    private static final byte[] PASSWORD = "cbor rounds".getBytes(StandardCharsets.UTF_8);

    private static final class Exchange {
        final Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, new SecureRandom());
        final Participant server = Participant.create(PakeRole.SERVER, PASSWORD, new SecureRandom());
        final RoundOne c1 = client.createRoundOne();
        final RoundOne s1 = server.createRoundOne();
        final RoundTwo s2;

        Exchange() throws EcJpakeException {
            server.readRoundOne(c1);
            s2 = server.createRoundTwo();
        }
    }

    private static EcJpakeException.Reason reason(byte[] body, boolean roundOne) {
        try {
            if (roundOne) {
                JpakeCbor.decodeRoundOne(body);
            } else {
                JpakeCbor.decodeRoundTwo(body);
            }
        } catch (EcJpakeException e) {
            return e.reason();
        }
        throw new AssertionError("accepted");
    }

    private static CborMap share(byte[] x, byte[] v, byte[] r) {
        return CborMap.builder().put("X", x).put("V", v).put("r", r).build();
    }

    @Test
    void bothRoundsCarryExactlyTheValuesOfTheTlsFraming() throws Exception {
        Exchange ex = new Exchange();
        RoundOne one = JpakeCbor.decodeRoundOne(Cbor.encode(JpakeCbor.roundOne(ex.s1)));
        assertThat(TlsFraming.encodeRoundOne(one)).isEqualTo(TlsFraming.encodeRoundOne(ex.s1));
        RoundTwo two = JpakeCbor.decodeRoundTwo(Cbor.encode(JpakeCbor.roundTwo(ex.s2)));
        assertThat(TlsFraming.encodeRoundTwo(two, PakeRole.SERVER))
                .isEqualTo(TlsFraming.encodeRoundTwo(ex.s2, PakeRole.SERVER));
        assertThat(JpakeCbor.roundOne(ex.s1).keys()).containsExactlyInAnyOrder("X1", "X2");
        assertThat(JpakeCbor.roundTwo(ex.s2).keys()).containsExactlyInAnyOrder("X", "V", "r");
        // and what was decoded is what the peer accepts
        ex.client.readRoundOne(one);
        ex.client.readRoundTwo(two);
    }

    @Test
    void unknownKeysAreRefusedInRoundOneAndInEveryShare() throws Exception {
        Exchange ex = new Exchange();
        CborMap good = JpakeCbor.roundOne(ex.c1);
        CborMap share = JpakeCbor.roundTwo(ex.s2);
        CborMap extraTop = CborMap.builder().put("X1", good.map("X1")).put("X2", good.map("X2")).put("X3", 1).build();
        CborMap extraInShare = CborMap.builder().put("X", share.bytes("X", 65, 65)).put("V", share.bytes("V", 65, 65))
                .put("r", share.bytes("r", 1, 32)).put("h", new byte[] {1}).build();
        CborMap extraInFirst = CborMap.builder().put("X1", extraInShare).put("X2", good.map("X2")).build();
        assertThatThrownBy(() -> JpakeCbor.readRoundOne(extraTop)).isInstanceOf(WireException.class)
                .hasMessageContaining("unknown field");
        assertThatThrownBy(() -> JpakeCbor.readRoundOne(extraInFirst)).isInstanceOf(WireException.class)
                .hasMessageContaining("unknown field");
        assertThatThrownBy(() -> JpakeCbor.readRoundTwo(extraInShare)).isInstanceOf(WireException.class);
        assertThat(reason(Cbor.encode(extraTop), true)).isEqualTo(EcJpakeException.Reason.MALFORMED);
        assertThat(reason(Cbor.encode(extraInShare), false)).isEqualTo(EcJpakeException.Reason.MALFORMED);
        // a round one is not a round two, nor the other way round
        assertThat(reason(Cbor.encode(good), false)).isEqualTo(EcJpakeException.Reason.MALFORMED);
        assertThat(reason(Cbor.encode(share), true)).isEqualTo(EcJpakeException.Reason.MALFORMED);
    }

    @Test
    void rIsAcceptedOnlyInMinimalLength() throws Exception {
        Exchange ex = new Exchange();
        CborMap share = JpakeCbor.roundTwo(ex.s2);
        byte[] x = share.bytes("X", 65, 65);
        byte[] v = share.bytes("V", 65, 65);
        byte[] r = share.bytes("r", 1, 32);
        assertThat(r[0]).isNotZero();
        if (r.length < 32) {
            byte[] padded = new byte[r.length + 1];
            System.arraycopy(r, 0, padded, 1, r.length);
            assertThatThrownBy(() -> JpakeCbor.decodeRoundTwo(Cbor.encode(share(x, v, padded))))
                    .isInstanceOf(EcJpakeException.class).hasMessageContaining("malformed")
                    .hasMessageContaining("minimal");
        }
        byte[] zeroFirst = r.clone();
        zeroFirst[0] = 0;
        assertThatThrownBy(() -> JpakeCbor.readRoundTwo(share(x, v, zeroFirst))).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("minimal");
        byte[] tooLong = new byte[33];
        tooLong[0] = 1;
        assertThat(reason(Cbor.encode(share(x, v, tooLong)), false)).isEqualTo(EcJpakeException.Reason.MALFORMED);
        assertThat(reason(Cbor.encode(share(x, v, new byte[0])), false)).isEqualTo(EcJpakeException.Reason.MALFORMED);
        // the genuine share still decodes, to the same r
        assertThat(JpakeCbor.readRoundTwo(share(x, v, r)).share().proof().response()).isEqualTo(r);
    }

    @Test
    void pointsAreCheckedAsInTheTlsFraming() throws Exception {
        Exchange ex = new Exchange();
        CborMap share = JpakeCbor.roundTwo(ex.s2);
        byte[] x = share.bytes("X", 65, 65);
        byte[] v = share.bytes("V", 65, 65);
        byte[] r = share.bytes("r", 1, 32);
        byte[] compressed = Arrays.copyOf(x, 33);
        compressed[0] = 2;
        byte[] offCurve = x.clone();
        offCurve[64] ^= 1;
        assertThat(reason(Cbor.encode(share(compressed, v, r)), false)).isEqualTo(EcJpakeException.Reason.UNSUPPORTED);
        assertThat(reason(Cbor.encode(share(x, offCurve, r)), false)).isEqualTo(EcJpakeException.Reason.INVALID_POINT);
        assertThat(reason(Cbor.encode(share(Arrays.copyOf(x, 64), v, r)), false))
                .isEqualTo(EcJpakeException.Reason.MALFORMED);
        byte[] tooLong = Arrays.copyOf(x, 66);
        assertThat(reason(Cbor.encode(share(tooLong, v, r)), false)).isEqualTo(EcJpakeException.Reason.MALFORMED);
    }

    @Test
    void bytesThatAreNotACborMapAreMalformed() {
        for (byte[] garbage : new byte[][] {{}, {(byte) 0xa1}, {0x01}, {(byte) 0x80}}) {
            assertThat(reason(garbage, true)).isEqualTo(EcJpakeException.Reason.MALFORMED);
            assertThat(reason(garbage, false)).isEqualTo(EcJpakeException.Reason.MALFORMED);
        }
    }
}
