package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import dev.edgepair.wire.Cbor;
import dev.edgepair.internal.protocol.JpakeCbor;
import dev.edgepair.tags.Unit;

/** spec/jpake.md: agreement, password separation, and rejection of every tampered message. */
@Unit
class JpakeProperties {
    private static final byte[] CLIENT = "client".getBytes();
    private static final byte[] SERVER = "server".getBytes();

    /** Five scalars for a participant: x1, x2 and the three proof nonces. */
    record Scalars(BigInteger x1, BigInteger x2, BigInteger n1, BigInteger n2, BigInteger n3) {
        Participant participant(PakeRole role, byte[] password) {
            return role == PakeRole.CLIENT
                    ? KnownAnswer.participant(role, password, CLIENT, SERVER, x1, x2, n1, n2, n3)
                    : KnownAnswer.participant(role, password, SERVER, CLIENT, x1, x2, n1, n2, n3);
        }
    }

    @Provide
    Arbitrary<Scalars> scalars() {
        Arbitrary<BigInteger> s = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ONE, P256.N.subtract(BigInteger.ONE)),
                Arbitraries.of(BigInteger.ONE, BigInteger.TWO, P256.N.subtract(BigInteger.ONE)));
        return Combinators.combine(s, s, s, s, s).as(Scalars::new);
    }

    /**
     * Uniform scalars, as SecureRandom gives them. Hand-picked edge scalars can make different passwords agree
     * (x1+x2+x3+x4 = 0 gives the same K for any passwords), which no party can force without the other's logs.
     */
    @Provide
    Arbitrary<Scalars> uniformScalars() {
        Arbitrary<BigInteger> s = Arbitraries.bigIntegers()
                .between(BigInteger.ONE, P256.N.subtract(BigInteger.ONE)).withoutEdgeCases();
        return Combinators.combine(s, s, s, s, s).as(Scalars::new);
    }

    @Provide
    Arbitrary<byte[]> passwords() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64)
                .filter(p -> new BigInteger(1, p).mod(P256.N).signum() != 0);
    }

    /** The four messages of one exchange, TLS-framed, with both participants left after each message. */
    static final class Run {
        final Participant client;
        final Participant server;
        final byte[][] messages = new byte[4][];

        Run(Scalars c, Scalars s, byte[] clientPassword, byte[] serverPassword) throws EcJpakeException {
            // Honest scalars whose round-two generator sums to infinity are refused by design; skip them here.
            Assume.that(c.x1.add(s.x1).add(s.x2).mod(P256.N).signum() != 0);
            Assume.that(s.x1.add(c.x1).add(c.x2).mod(P256.N).signum() != 0);
            // K = (x1 + x3) * x2 * x4 * s * G: infinite, and refused, when x1 = -x3.
            Assume.that(c.x1.add(s.x1).mod(P256.N).signum() != 0);
            client = c.participant(PakeRole.CLIENT, clientPassword);
            server = s.participant(PakeRole.SERVER, serverPassword);
            messages[0] = TlsFraming.encodeRoundOne(client.createRoundOne());
            messages[1] = TlsFraming.encodeRoundOne(server.createRoundOne());
        }

        void finish() throws EcJpakeException {
            server.readRoundOne(TlsFraming.decodeRoundOne(messages[0]));
            client.readRoundOne(TlsFraming.decodeRoundOne(messages[1]));
            messages[2] = TlsFraming.encodeRoundTwo(server.createRoundTwo(), PakeRole.SERVER);
            client.readRoundTwo(TlsFraming.decodeRoundTwo(messages[2], PakeRole.SERVER));
            messages[3] = TlsFraming.encodeRoundTwo(client.createRoundTwo(), PakeRole.CLIENT);
            server.readRoundTwo(TlsFraming.decodeRoundTwo(messages[3], PakeRole.CLIENT));
        }
    }

    @Property(tries = 60)
    void samePasswordAlwaysAgrees(@ForAll("scalars") Scalars c, @ForAll("scalars") Scalars s,
                                  @ForAll("passwords") byte[] password) throws Exception {
        Run run = new Run(c, s, password, password);
        run.finish();
        assertThat(run.client.deriveSecret().premasterSecret())
                .isEqualTo(run.server.deriveSecret().premasterSecret());
    }

    @Property(tries = 60)
    void differentPasswordsNeverAgree(@ForAll("uniformScalars") Scalars c, @ForAll("uniformScalars") Scalars s,
                                      @ForAll("passwords") byte[] a, @ForAll("passwords") byte[] b)
            throws Exception {
        Assume.that(!new BigInteger(1, a).mod(P256.N).equals(new BigInteger(1, b).mod(P256.N)));
        Run run = new Run(c, s, a, b);
        run.finish(); // the proofs still verify: a wrong password shows only in the keys
        assertThat(run.client.deriveSecret().premasterSecret())
                .isNotEqualTo(run.server.deriveSecret().premasterSecret());
    }

    enum Mutation { FLIP, TRUNCATE, EXTEND }

    @Property(tries = 600)
    void everyTamperedMessageIsRejectedWithAReason(
            @ForAll("scalars") Scalars c, @ForAll("scalars") Scalars s, @ForAll boolean tls,
            @ForAll @IntRange(min = 0, max = 3) int which, @ForAll Mutation mutation,
            @ForAll @IntRange(min = 0, max = 200) int position, @ForAll @IntRange(min = 1, max = 255) int delta,
            @ForAll @Size(min = 1, max = 8) byte[] extra) throws Exception {
        byte[] password = "tamper-test".getBytes();
        Run run = new Run(c, s, password, password);
        run.finish();
        byte[] original = tls ? run.messages[which] : toCbor(run.messages[which], which);
        byte[] tampered = mutate(original, mutation, position, delta, extra);
        Run fresh = new Run(c, s, password, password);
        assertRejected(() -> readAt(fresh, which, tampered, tls));
    }

    /**
     * The client reads the server's flight (round one and round two together) with one batched proof check: it must
     * accept and reject exactly what two single reads do, with the same reason, and a rejection must leave the
     * client able to read the genuine flight and agree with the server.
     */
    @Property(tries = 300)
    void readingTheServerFlightAtOnceActsLikeTwoReads(
            @ForAll("scalars") Scalars c, @ForAll("scalars") Scalars s, @ForAll boolean tamperRoundTwo,
            @ForAll boolean tamper, @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 200) int position,
            @ForAll @IntRange(min = 1, max = 255) int delta, @ForAll @Size(min = 1, max = 8) byte[] extra)
            throws Exception {
        byte[] password = "flight-test".getBytes();
        Run run = new Run(c, s, password, password);
        run.finish();
        byte[] one = run.messages[1];
        byte[] two = run.messages[2];
        if (tamper && tamperRoundTwo) {
            two = mutate(two, mutation, position, delta, extra);
        } else if (tamper) {
            one = mutate(one, mutation, position, delta, extra);
        }
        RoundOne peerOne;
        RoundTwo peerTwo;
        try {
            peerOne = TlsFraming.decodeRoundOne(one);
            peerTwo = TlsFraming.decodeRoundTwo(two, PakeRole.SERVER);
        } catch (EcJpakeException e) {
            return; // refused while decoding, before either read path
        }
        Run sequential = new Run(c, s, password, password);
        String expected = outcome(() -> {
            sequential.client.readRoundOne(peerOne);
            sequential.client.readRoundTwo(peerTwo);
        });
        Run batched = new Run(c, s, password, password);
        String actual = outcome(() -> batched.client.readRounds(peerOne, peerTwo));
        assertThat(actual).isEqualTo(expected);
        if (!actual.equals("accept")) {
            batched.client.readRounds(TlsFraming.decodeRoundOne(run.messages[1]),
                    TlsFraming.decodeRoundTwo(run.messages[2], PakeRole.SERVER));
        }
        batched.server.readRoundOne(TlsFraming.decodeRoundOne(run.messages[0]));
        batched.server.createRoundTwo();
        batched.server.readRoundTwo(batched.client.createRoundTwo());
        if (!tamper) {
            assertThat(batched.client.deriveSecret().premasterSecret())
                    .isEqualTo(batched.server.deriveSecret().premasterSecret());
        }
    }

    interface Read {
        void run() throws EcJpakeException;
    }

    private static String outcome(Read read) {
        try {
            read.run();
            return "accept";
        } catch (EcJpakeException e) {
            return e.reason().toString();
        }
    }

    @Property(tries = 300)
    void arbitraryBytesNeverCrashTheReaders(@ForAll @Size(max = 400) byte[] garbage,
                                            @ForAll @IntRange(min = 0, max = 3) int which) {
        try {
            switch (which) {
                case 0 -> TlsFraming.decodeRoundOne(garbage);
                case 1 -> TlsFraming.decodeRoundTwo(garbage, PakeRole.SERVER);
                case 2 -> JpakeCbor.decodeRoundOne(garbage);
                default -> JpakeCbor.decodeRoundTwo(garbage);
            }
        } catch (EcJpakeException e) {
            assertThat(e.reason()).isNotNull();
        }
    }

    private static byte[] mutate(byte[] original, Mutation mutation, int position, int delta, byte[] extra) {
        int at = position % original.length;
        return switch (mutation) {
            case FLIP -> {
                byte[] t = original.clone();
                t[at] = (byte) (t[at] ^ delta);
                yield t;
            }
            case TRUNCATE -> Arrays.copyOf(original, at);
            case EXTEND -> {
                byte[] t = Arrays.copyOf(original, original.length + extra.length);
                System.arraycopy(extra, 0, t, original.length, extra.length);
                yield t;
            }
        };
    }

    /** Re-encodes TLS message {@code which} as EdgePair CBOR. */
    private static byte[] toCbor(byte[] tls, int which) throws EcJpakeException {
        return switch (which) {
            case 0, 1 -> Cbor.encode(JpakeCbor.roundOne(TlsFraming.decodeRoundOne(tls)));
            case 2 -> Cbor.encode(JpakeCbor.roundTwo(TlsFraming.decodeRoundTwo(tls, PakeRole.SERVER)));
            default -> Cbor.encode(JpakeCbor.roundTwo(TlsFraming.decodeRoundTwo(tls, PakeRole.CLIENT)));
        };
    }

    /** Has the right participant of a fresh run read message {@code which}, TLS-framed or CBOR. */
    private static void readAt(Run run, int which, byte[] message, boolean tls) throws EcJpakeException {
        switch (which) {
            case 0 -> run.server.readRoundOne(tls ? TlsFraming.decodeRoundOne(message)
                    : JpakeCbor.decodeRoundOne(message));
            case 1 -> run.client.readRoundOne(tls ? TlsFraming.decodeRoundOne(message)
                    : JpakeCbor.decodeRoundOne(message));
            case 2 -> {
                run.server.readRoundOne(TlsFraming.decodeRoundOne(run.messages[0]));
                run.client.readRoundOne(TlsFraming.decodeRoundOne(run.messages[1]));
                run.client.readRoundTwo(tls ? TlsFraming.decodeRoundTwo(message, PakeRole.SERVER)
                        : JpakeCbor.decodeRoundTwo(message));
            }
            default -> {
                run.server.readRoundOne(TlsFraming.decodeRoundOne(run.messages[0]));
                run.client.readRoundOne(TlsFraming.decodeRoundOne(run.messages[1]));
                run.server.readRoundTwo(tls ? TlsFraming.decodeRoundTwo(message, PakeRole.CLIENT)
                        : JpakeCbor.decodeRoundTwo(message));
            }
        }
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
        assertThatThrownBy(read).isInstanceOf(EcJpakeException.class)
                .satisfies(e -> assertThat(((EcJpakeException) e).reason()).isNotNull());
    }
}
