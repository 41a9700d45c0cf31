package dev.edgepair.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKECurves;
import org.bouncycastle.crypto.agreement.ecjpake.ECJPAKEParticipant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.SharedSecret;
import dev.edgepair.internal.jpake.TlsFraming;

/**
 * A full EC J-PAKE exchange on P-256, both parties, rounds one and two and key derivation: EdgePair beside
 * Bouncy Castle's ECJPAKEParticipant in the same run. Run: {@code mvn -Pjmh test-compile exec:exec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class JpakeBenchmark {
    private static final byte[] PASSWORD = "threadjpaketest".getBytes(StandardCharsets.US_ASCII);
    private static final char[] PASSWORD_CHARS = "threadjpaketest".toCharArray();
    private final SecureRandom random = new SecureRandom();

    /**
     * EdgePair, message objects passed directly (points were validated when the objects were built), in the order
     * of the real flights (Thread / TLS, and EdgePair's /pake/1 and /pake/2): client round one; server round one and
     * round two together; client round two.
     */
    @Benchmark
    public byte[] edgepair() throws EcJpakeException {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        server.readRoundOne(client.createRoundOne());
        RoundOne serverOne = server.createRoundOne();
        RoundTwo serverTwo = server.createRoundTwo();
        client.readRounds(serverOne, serverTwo);
        server.readRoundTwo(client.createRoundTwo());
        return finish(client.deriveSecret(), server.deriveSecret());
    }

    /** EdgePair with every message written and parsed in the TLS framing (point decoding and curve checks). */
    @Benchmark
    public byte[] edgepairTlsFramed() throws EcJpakeException {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        server.readRoundOne(TlsFraming.decodeRoundOne(TlsFraming.encodeRoundOne(client.createRoundOne())));
        byte[] serverOne = TlsFraming.encodeRoundOne(server.createRoundOne());
        byte[] serverTwo = TlsFraming.encodeRoundTwo(server.createRoundTwo(), PakeRole.SERVER);
        client.readRounds(TlsFraming.decodeRoundOne(serverOne), TlsFraming.decodeRoundTwo(serverTwo, PakeRole.SERVER));
        server.readRoundTwo(TlsFraming.decodeRoundTwo(
                TlsFraming.encodeRoundTwo(client.createRoundTwo(), PakeRole.CLIENT), PakeRole.CLIENT));
        return finish(client.deriveSecret(), server.deriveSecret());
    }

    /** The baseline: Bouncy Castle 1.87 ECJPAKEParticipant on NIST P-256, same steps. */
    @Benchmark
    public BigInteger bouncyCastle() throws CryptoException {
        ECJPAKEParticipant alice = new ECJPAKEParticipant("client", PASSWORD_CHARS, ECJPAKECurves.NIST_P256);
        ECJPAKEParticipant bob = new ECJPAKEParticipant("server", PASSWORD_CHARS, ECJPAKECurves.NIST_P256);
        var a1 = alice.createRound1PayloadToSend();
        var b1 = bob.createRound1PayloadToSend();
        alice.validateRound1PayloadReceived(b1);
        bob.validateRound1PayloadReceived(a1);
        var a2 = alice.createRound2PayloadToSend();
        var b2 = bob.createRound2PayloadToSend();
        alice.validateRound2PayloadReceived(b2);
        bob.validateRound2PayloadReceived(a2);
        BigInteger ka = alice.calculateKeyingMaterial();
        BigInteger kb = bob.calculateKeyingMaterial();
        if (!ka.equals(kb)) {
            throw new IllegalStateException("Bouncy Castle parties disagree");
        }
        return ka;
    }

    private static byte[] finish(SharedSecret a, SharedSecret b) {
        byte[] pa = a.premasterSecret();
        if (!java.util.Arrays.equals(pa, b.premasterSecret())) {
            throw new IllegalStateException("EdgePair parties disagree");
        }
        a.destroy();
        b.destroy();
        return pa;
    }
}
