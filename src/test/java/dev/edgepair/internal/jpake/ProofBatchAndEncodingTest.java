package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import dev.edgepair.internal.jpake.EcJpakeException.Reason;
import dev.edgepair.tags.Unit;

/**
 * spec/jpake.md, "Batched proof checks" against a forger who knows every discrete log (which a test does), and the
 * edges of the point and scalar encodings.
 */
@Unit
class ProofBatchAndEncodingTest {
    private static final BigInteger N = P256.N;
    private static final byte[] PASSWORD = "batch".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLIENT = "client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER = "server".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger X1 =
            new BigInteger("3a5c7e9f1b3d5f7092b4d6f81a3c5e7f9b1d3f51f3c5a7e9b2d4f6081a3c5e71", 16);
    private static final BigInteger X2 =
            new BigInteger("0b2d4f6081a3c5e7f9b1d3f51f3c5a7e9b2d4f6081a3c5e7a1c3e5f7092b4d6f", 16);
    private static final BigInteger X3 =
            new BigInteger("6f81a3c5e7f9b1d3f51f3c5a7e9b2d4f6081a3c5e7a1c3e5f7092b4d6f0b2d4f", 16);
    private static final BigInteger X4 =
            new BigInteger("1d3f51f3c5a7e9b2d4f6081a3c5e7a1c3e5f7092b4d6f0b2d4f6f81a3c5e7f9b", 16);

    private static KeyShare shiftR(KeyShare share, BigInteger delta) {
        return new KeyShare(share.x(), new SchnorrProof(share.proof().v(), share.proof().r().add(delta).mod(N)));
    }

    /**
     * Two false proofs of the server's flight whose errors cancel: X4's proof with r + d (error d·G) and the round-two
     * proof with r + e on base GB = g·G (error e·g·G), e = -d/g. With equal weights the sum would be O; independent
     * random weights refuse it, and the single checks name X2 (the second round-one proof) first.
     */
    @Test
    void falseProofsWhoseErrorsCancelAreStillRefused() throws Exception {
        BigInteger nonce = BigInteger.valueOf(1000);
        Participant server = KnownAnswer.participant(PakeRole.SERVER, PASSWORD, SERVER, CLIENT, X3, X4, nonce,
                nonce.add(BigInteger.ONE), nonce.add(BigInteger.TWO));
        Participant client = KnownAnswer.participant(PakeRole.CLIENT, PASSWORD, CLIENT, SERVER, X1, X2,
                nonce.add(BigInteger.TEN), nonce.add(BigInteger.TEN).add(BigInteger.ONE),
                nonce.add(BigInteger.TEN).add(BigInteger.TWO));
        server.readRoundOne(client.createRoundOne());
        RoundOne one = server.createRoundOne();
        RoundTwo two = server.createRoundTwo();
        BigInteger g = X3.add(X1).add(X2).mod(N);            // GB = X3 + X1 + X2 = g·G
        BigInteger d = BigInteger.valueOf(12345);
        BigInteger e = d.negate().multiply(g.modInverse(N)).mod(N);
        RoundOne forgedOne = new RoundOne(one.first(), shiftR(one.second(), d));
        RoundTwo forgedTwo = new RoundTwo(shiftR(two.share(), e));
        // the errors do cancel: r·B + h·X − V summed with weight 1 each is O
        ECPoint sum = P256.G.multiply(d).add(P256.G.multiply(g).multiply(e)).normalize();
        assertThat(sum.isInfinity()).isTrue();
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> client.readRounds(forgedOne, forgedTwo)).isInstanceOf(EcJpakeException.class)
                    .hasMessageContaining("proof-failed").hasMessageContaining("X2");
        }
        client.readRounds(one, two);
    }

    /** The same with the two round-one proofs: X3's r + d and X4's r − d. */
    @Test
    void roundOneProofsWhoseErrorsCancelAreStillRefused() throws Exception {
        BigInteger nonce = BigInteger.valueOf(2000);
        Participant server = KnownAnswer.participant(PakeRole.SERVER, PASSWORD, SERVER, CLIENT, X3, X4, nonce,
                nonce.add(BigInteger.ONE), nonce.add(BigInteger.TWO));
        RoundOne one = server.createRoundOne();
        BigInteger d = BigInteger.valueOf(777);
        RoundOne forged = new RoundOne(shiftR(one.first(), d), shiftR(one.second(), d.negate()));
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, new java.security.SecureRandom());
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> client.readRoundOne(forged)).isInstanceOf(EcJpakeException.class)
                    .hasMessageContaining("X1");
        }
        client.readRoundOne(one);
    }

    /** spec/jpake.md: a coordinate >= p is invalid-point, also exactly p, for x and for y; never an unchecked error. */
    @Test
    void aCoordinateEqualToPIsAnInvalidPoint() {
        byte[] g = P256.encode(P256.G);
        byte[] p = P256.encodeScalar32(P256.P);
        byte[] xIsP = g.clone();
        System.arraycopy(p, 0, xIsP, 1, 32);
        byte[] yIsP = g.clone();
        System.arraycopy(p, 0, yIsP, 33, 32);
        for (byte[] bad : new byte[][] {xIsP, yIsP}) {
            assertThatThrownBy(() -> P256.decode(bad, "X")).isInstanceOf(EcJpakeException.class)
                    .satisfies(ex -> assertThat(((EcJpakeException) ex).reason()).isEqualTo(Reason.INVALID_POINT))
                    .hasMessageContaining(">= p");
        }
        // p - 1 in y is an ordinary value: not on the curve here, refused as such
        byte[] yBelowP = g.clone();
        System.arraycopy(P256.encodeScalar32(P256.P.subtract(BigInteger.ONE)), 0, yBelowP, 33, 32);
        assertThatThrownBy(() -> P256.decode(yBelowP, "X")).hasMessageContaining("not on P-256");
    }

    @Test
    void anEmptyPointIsMalformed() {
        assertThatThrownBy(() -> P256.decode(new byte[0], "V")).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("malformed").hasMessageContaining("empty");
        // in the TLS framing: X with length 0
        assertThatThrownBy(() -> TlsFraming.decodeRoundOne(new byte[] {0})).hasMessageContaining("malformed");
    }

    @Test
    void trailingBytesAreMalformedAndCounted() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, new java.security.SecureRandom());
        byte[] one = TlsFraming.encodeRoundOne(client.createRoundOne());
        for (int extra = 1; extra <= 3; extra++) {
            byte[] longer = java.util.Arrays.copyOf(one, one.length + extra);
            assertThatThrownBy(() -> TlsFraming.decodeRoundOne(longer)).isInstanceOf(EcJpakeException.class)
                    .hasMessage("malformed: " + extra + " trailing bytes");
        }
        assertThatThrownBy(() -> TlsFraming.decodeRoundOne(java.util.Arrays.copyOf(one, one.length - 1)))
                .hasMessage("malformed: truncated inside r");
    }

    /** spec/jpake.md: the named curve is the whole 16-bit 0x0017; 0x0117 (high byte set, low byte 0x17) is not it. */
    @Test
    void theNamedCurveIsReadAsSixteenBits() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, new java.security.SecureRandom());
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, new java.security.SecureRandom());
        server.readRoundOne(client.createRoundOne());
        server.createRoundOne();
        byte[] two = TlsFraming.encodeRoundTwo(server.createRoundTwo(), PakeRole.SERVER);
        assertThat(TlsFraming.decodeRoundTwo(two, PakeRole.SERVER).share().publicKey()).hasSize(65);
        for (int highByte : new int[] {0x01, 0x80, 0xff}) {
            byte[] other = two.clone();
            other[1] = (byte) highByte;
            assertThatThrownBy(() -> TlsFraming.decodeRoundTwo(other, PakeRole.SERVER))
                    .isInstanceOf(EcJpakeException.class)
                    .hasMessage("unsupported: named curve " + ((highByte << 8) | 0x17) + " is not secp256r1");
        }
    }

    @Test
    void scalarsAreWrittenMinimalOrInThirtyTwoBytes() {
        HexFormat hex = HexFormat.of();
        assertThat(P256.encodeScalarMinimal(BigInteger.ZERO)).containsExactly(0);   // at least one byte
        assertThat(P256.encodeScalarMinimal(BigInteger.ONE)).containsExactly(1);
        assertThat(P256.encodeScalarMinimal(BigInteger.valueOf(0x80))).containsExactly(0x80); // no sign byte
        assertThat(P256.encodeScalar32(BigInteger.ONE)).hasSize(32).endsWith(1).startsWith(0, 0, 0);
        assertThat(hex.formatHex(P256.encodeScalar32(N.subtract(BigInteger.ONE))))
                .isEqualTo(N.subtract(BigInteger.ONE).toString(16));
        assertThat(P256.encodeScalar32(BigInteger.valueOf(0x1234))).endsWith(0x12, 0x34).hasSize(32);
    }

    @Test
    void theKnownAnswerExchangeShowsNoSecretInToString() throws Exception {
        BigInteger n = BigInteger.valueOf(5);
        KnownAnswerChecks.Exchange ex = KnownAnswerChecks.exchange(PASSWORD, CLIENT, SERVER,
                new KnownAnswerChecks.Scalars(X1, X2, X3, X4, n, n.add(BigInteger.ONE), n.add(BigInteger.TWO),
                        n.add(BigInteger.TEN), n.add(BigInteger.TEN).add(BigInteger.ONE), BigInteger.valueOf(99)));
        assertThat(ex.clientPms()).isEqualTo(ex.serverPms());
        assertThat(ex.clientK()).isEqualTo(ex.serverK());
        assertThat(ex.toString()).contains("known answer").doesNotContain(HexFormat.of().formatHex(ex.clientPms()));
    }
}
