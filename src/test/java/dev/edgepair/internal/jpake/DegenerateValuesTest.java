package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.edgepair.internal.jpake.EcJpakeException.Reason;
import dev.edgepair.tags.Unit;

/**
 * spec/jpake.md, the checks that honest random scalars almost never reach: a round-two base at infinity
 * (x1 + x3 + x4 = 0 or x3 + x1 + x2 = 0) and K at infinity (x1 = -x3) are {@code invalid-point}, on every read path,
 * and change nothing; the fixed scalars of the known-answer seam and the random ones stay in [1, n-1]; the shared
 * secret is wiped by {@code destroy()}.
 */
@Unit
class DegenerateValuesTest {
    private static final BigInteger N = P256.N;
    private static final byte[] PASSWORD = "degenerate".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLIENT = "client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER = "server".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger X1 = new BigInteger("1f3c5a7e9b2d4f6081a3c5e7092b4d6f81a3c5e7f9b1d3f5", 16);
    private static final BigInteger X2 = new BigInteger("7a1c3e5f7092b4d6f81a3c5e7f9b1d3f51f3c5a7e9b2d4f6081a3c5e", 16);
    private static final BigInteger X4 = new BigInteger("5e7f9b1d3f51f3c5a7e9b2d4f6081a3c5e7a1c3e5f7092b4d6f81a3c", 16);
    private static final BigInteger NONCE = BigInteger.valueOf(0x1234567);

    private static Participant client(BigInteger x1, BigInteger x2) {
        return KnownAnswer.participant(PakeRole.CLIENT, PASSWORD, CLIENT, SERVER, x1, x2, NONCE, NONCE.add(BigInteger.ONE),
                NONCE.add(BigInteger.TWO));
    }

    private static Participant server(BigInteger x3, BigInteger x4) {
        return KnownAnswer.participant(PakeRole.SERVER, PASSWORD, SERVER, CLIENT, x3, x4, NONCE.add(BigInteger.TEN),
                NONCE.add(BigInteger.TEN).add(BigInteger.ONE), NONCE.add(BigInteger.TEN).add(BigInteger.TWO));
    }

    private static Reason reason(ThrowingRead read) {
        try {
            read.run();
        } catch (EcJpakeException e) {
            return e.reason();
        }
        throw new AssertionError("accepted, expected a rejection");
    }

    interface ThrowingRead {
        void run() throws EcJpakeException;
    }

    /** x3 = -(x1 + x2): the base GB = X3 + X1 + X2 of the server's round two, as the client sees it, is infinity. */
    @Test
    void aServerRoundTwoOnAnInfiniteBaseIsInvalidPointOnBothReadPathsAndChangesNothing() throws Exception {
        BigInteger x3 = N.subtract(X1.add(X2).mod(N));
        Participant server = server(x3, X4);
        RoundOne s1 = server.createRoundOne();
        RoundOne c1 = client(X1, X2).createRoundOne();
        server.readRoundOne(c1);
        // the server's own base X3 + X1 + X2 is the same point: it refuses to write round two at all
        assertThat(reason(server::createRoundTwo)).isEqualTo(Reason.INVALID_POINT);

        // any round two will do: the base is looked at before the proof
        Participant honestServer = server(X4, X1.add(X4).mod(N));
        RoundOne honestOne = honestServer.createRoundOne();
        Participant other = client(X1, X2);
        honestServer.readRoundOne(other.createRoundOne());
        RoundTwo honestTwo = honestServer.createRoundTwo();

        Participant sequential = client(X1, X2);
        sequential.createRoundOne();
        sequential.readRoundOne(s1);
        assertThat(reason(() -> sequential.readRoundTwo(honestTwo))).isEqualTo(Reason.INVALID_POINT);

        Participant batched = client(X1, X2);
        batched.createRoundOne();
        assertThatThrownBy(() -> batched.readRounds(s1, honestTwo)).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("invalid-point").hasMessageContaining("generator");
        // refused without reading anything: the genuine flight of an honest server is still accepted, and agrees
        batched.readRounds(honestOne, honestTwo);
        Participant agreeing = server(X4, X1.add(X4).mod(N));
        agreeing.createRoundOne(); // same scalars and nonces as honestServer: the same messages
        agreeing.readRoundOne(c1);
        RoundTwo agreeingTwo = agreeing.createRoundTwo();
        assertThat(agreeingTwo.share().publicKey()).isEqualTo(honestTwo.share().publicKey());
        agreeing.readRoundTwo(batched.createRoundTwo());
        assertThat(batched.deriveSecret().premasterSecret()).isEqualTo(agreeing.deriveSecret().premasterSecret());
    }

    /** x1 = -(x3 + x4): the client's own round-two base X1 + X3 + X4 is infinity; it refuses to write round two. */
    @Test
    void aClientRoundTwoOnAnInfiniteBaseIsRefusedAndChangesNothing() throws Exception {
        BigInteger x3 = X4.add(BigInteger.TWO).mod(N);
        BigInteger x1 = N.subtract(x3.add(X4).mod(N));
        Participant client = client(x1, X2);
        Participant server = server(x3, X4);
        RoundOne c1 = client.createRoundOne();
        client.readRoundOne(server.createRoundOne());
        assertThatThrownBy(client::createRoundTwo).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("invalid-point").hasMessageContaining("X1+X3+X4");
        // the server's base X3 + X1 + X2 = x2·G is fine, and its round two is still readable by the client
        server.readRoundOne(c1);
        client.readRoundTwo(server.createRoundTwo());
    }

    /** x1 = -x3: K = (x1 + x3)·x2·x4·s·G is infinity; both sides refuse to derive a secret from it. */
    @Test
    void aSharedPointAtInfinityIsInvalidPointOnBothSides() throws Exception {
        BigInteger x3 = N.subtract(X1);
        Participant client = client(X1, X2);
        Participant server = server(x3, X4);
        RoundOne c1 = client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        server.readRoundOne(c1);
        client.readRoundOne(s1);
        client.readRoundTwo(server.createRoundTwo());
        server.readRoundTwo(client.createRoundTwo());
        assertThatThrownBy(client::deriveSecret).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("invalid-point").hasMessageContaining("K is infinity");
        assertThat(reason(server::deriveSecret)).isEqualTo(Reason.INVALID_POINT);
    }

    @Test
    void theKnownAnswerExchangeNamesTheStepThatFailed() {
        Map<String, KnownAnswerChecks.Scalars> cases = Map.of(
                "at serverRoundTwo", scalars(X1, X2, N.subtract(X1.add(X2).mod(N)), X4),
                "at derive", scalars(X1, X2, N.subtract(X1), X4));
        cases.forEach((step, s) -> assertThatThrownBy(() -> KnownAnswerChecks.exchange(PASSWORD, CLIENT, SERVER, s))
                .isInstanceOf(EcJpakeException.class)
                .satisfies(e -> assertThat(((EcJpakeException) e).reason()).isEqualTo(Reason.INVALID_POINT))
                .hasMessageContaining(step));
    }

    private static KnownAnswerChecks.Scalars scalars(BigInteger x1, BigInteger x2, BigInteger x3, BigInteger x4) {
        BigInteger n = NONCE;
        return new KnownAnswerChecks.Scalars(x1, x2, x3, x4, n, n.add(BigInteger.ONE), n.add(BigInteger.TWO),
                n.add(BigInteger.TEN), n.add(BigInteger.TEN).add(BigInteger.ONE),
                n.add(BigInteger.TEN).add(BigInteger.TWO));
    }

    @Test
    void fixedScalarsOutsideOneToNMinusOneAreRefused() {
        for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, N, BigInteger.ONE.negate()}) {
            assertThatThrownBy(() -> client(bad, X2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[1, n-1]");
            assertThatThrownBy(() -> client(X1, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        // both ends of the range are allowed, and give the points 1·G and (n-1)·G = -G
        RoundOne ends = client(BigInteger.ONE, N.subtract(BigInteger.ONE)).createRoundOne();
        assertThat(ends.first().x()).isEqualTo(P256.G);
        assertThat(ends.second().x()).isEqualTo(P256.G.negate().normalize());
    }

    @Test
    void aKnownAnswerParticipantUsesExactlyTheScalarsItWasGiven() {
        Map<ScalarSource.Purpose, BigInteger> fixed = new EnumMap<>(ScalarSource.Purpose.class);
        fixed.put(ScalarSource.Purpose.X1, BigInteger.TWO);
        List<ScalarSource.Purpose> fallbackAsked = new ArrayList<>();
        ScalarSource source = ScalarSource.fixed(fixed, purpose -> {
            fallbackAsked.add(purpose);
            return BigInteger.TEN;
        });
        assertThat(source.next(ScalarSource.Purpose.X1)).isEqualTo(BigInteger.TWO);
        assertThat(source.next(ScalarSource.Purpose.X2)).isEqualTo(BigInteger.TEN);
        assertThat(fallbackAsked).containsExactly(ScalarSource.Purpose.X2);
        Participant p = KnownAnswer.participant(PakeRole.CLIENT, PASSWORD, CLIENT, SERVER, X1, X2, NONCE, NONCE, NONCE);
        assertThat(p.createRoundOne().first().x()).isEqualTo(P256.multiplyG(X1)[0]);
    }

    /**
     * spec/jpake.md, "Randomness": 40 bytes from SecureRandom, reduced into [1, n-1]; the buffer is wiped. A stub
     * random hands out chosen bytes and keeps the array it filled.
     */
    @Test
    void randomScalarsAreFortyBytesReducedIntoOneToNMinusOneAndTheBufferIsWiped() {
        BigInteger nMinusOne = N.subtract(BigInteger.ONE);
        Object[][] cases = {
            {BigInteger.ZERO, BigInteger.ONE},
            {BigInteger.ONE, BigInteger.TWO},
            {nMinusOne.subtract(BigInteger.ONE), nMinusOne},           // the top of the range
            {nMinusOne, BigInteger.ONE},                               // wraps: n-1 reduces to 0, then + 1
            {BigInteger.ONE.shiftLeft(320).subtract(BigInteger.ONE),   // all 40 bytes 0xff
                BigInteger.ONE.shiftLeft(320).subtract(BigInteger.ONE).mod(nMinusOne).add(BigInteger.ONE)},
        };
        for (Object[] c : cases) {
            StubRandom random = new StubRandom((BigInteger) c[0]);
            assertThat(P256.randomScalar(random)).as("from %s", c[0]).isEqualTo(c[1]);
            assertThat(random.filled).hasSize(40).containsOnly(0);
        }
    }

    /** A SecureRandom that fills every array with one value (big-endian, left-padded) and remembers the array. */
    private static final class StubRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final BigInteger value;
        transient byte[] filled;

        StubRandom(BigInteger value) {
            this.value = value;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] v = value.toByteArray();
            java.util.Arrays.fill(bytes, (byte) 0);
            int len = Math.min(v.length, bytes.length);
            System.arraycopy(v, v.length - len, bytes, bytes.length - len, len);
            filled = bytes;
        }
    }

    @Test
    void destroyZeroesThePremasterSecretAndK() throws Exception {
        byte[] pms = {1, 2, 3};
        byte[] k = {4, 5, 6};
        SharedSecret secret = new SharedSecret(pms, k);
        assertThat(secret.isDestroyed()).isFalse();
        assertThat(secret.premasterSecret()).containsExactly(1, 2, 3);
        assertThat(secret.sharedPoint()).containsExactly(4, 5, 6);
        secret.destroy();
        assertThat(secret.isDestroyed()).isTrue();
        assertThat(pms).containsOnly(0);
        assertThat(k).containsOnly(0);
        assertThatThrownBy(secret::sharedPoint).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("destroyed");
        assertThatThrownBy(secret::premasterSecret).isInstanceOf(IllegalStateException.class);
    }
}
