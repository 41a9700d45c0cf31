package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/**
 * The Mbed TLS / Thread reference handshake (test-vectors/thread-ecjpake-reference.json) through the core's own API,
 * on the paths the vector runner does not take: participants made by role with the Thread prover ids, the server's
 * flight read at once, and the TLS framing written back byte for byte.
 */
@Unit
class MbedTlsReferenceTest {
    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode ref;
    private static byte[] password;

    @BeforeAll
    static void load() throws Exception {
        Path dir = Path.of(System.getProperty("edgepair.vectors.dir", "test-vectors"));
        ref = new ObjectMapper().readTree(Files.readString(dir.resolve("thread-ecjpake-reference.json")))
                .get("reference");
        password = ref.get("password_ascii").asText().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String field) {
        return HEX.parseHex(ref.get(field).asText());
    }

    private static BigInteger scalar(String field) {
        return new BigInteger(ref.get(field).asText(), 16);
    }

    /** spec/jpake.md, "Prover ids": create(role, ...) uses "client" for a client and "server" for a server. */
    @Test
    void participantsMadeByRoleUseThreadsProverIds() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, password, new SecureRandom());
        Participant server = Participant.create(PakeRole.SERVER, password, new SecureRandom());
        assertThat(client.role()).isEqualTo(PakeRole.CLIENT);
        assertThat(server.role()).isEqualTo(PakeRole.SERVER);
        client.readRoundOne(hex("serverRoundOne"));   // proofs made by Mbed TLS with the id "server"
        server.readRoundOne(hex("clientRoundOne"));   // and with "client"
        assertThat(client.toString()).contains("client").doesNotContain("server");
        assertThat(server.toString()).contains("server");
        // a side that took the other role's ids would check the peer's proofs with the wrong id
        Participant wrong = Participant.create(PakeRole.SERVER, password, new SecureRandom());
        assertThatThrownBy(() -> wrong.readRoundOne(hex("serverRoundOne"))).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("proof-failed");
    }

    /** The client reads the reference server flight with readRounds and derives the reference K and PMS. */
    @Test
    void theServerFlightReadAtOnceGivesTheReferenceSecret() throws Exception {
        Participant client = clientWithReferenceScalars();
        RoundOne mine = client.createRoundOne();
        assertThat(mine.first().publicKey()).isEqualTo(TlsFraming.decodeRoundOne(hex("clientRoundOne")).first()
                .publicKey());
        client.readRounds(TlsFraming.decodeRoundOne(hex("serverRoundOne")),
                TlsFraming.decodeRoundTwo(hex("serverRoundTwo"), PakeRole.SERVER));
        client.createRoundTwo();
        SharedSecret secret = client.deriveSecret();
        assertThat(secret.sharedPoint()).isEqualTo(hex("K"));
        assertThat(secret.premasterSecret()).isEqualTo(hex("pms"));
        assertThat(secret.premasterSecret()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(java.util.Arrays.copyOfRange(hex("K"), 1, 33)));
    }

    /**
     * A flight whose round-two proof is false (r + 1) or whose round-one proof is false is refused by readRounds with
     * the reason and the proof the sequential reads name, and the genuine flight is still accepted afterwards.
     */
    @Test
    void aFalseProofInTheServerFlightIsNamedAndChangesNothing() throws Exception {
        Participant client = clientWithReferenceScalars();
        client.createRoundOne();
        RoundOne one = TlsFraming.decodeRoundOne(hex("serverRoundOne"));
        RoundTwo two = TlsFraming.decodeRoundTwo(hex("serverRoundTwo"), PakeRole.SERVER);
        RoundTwo badTwo = new RoundTwo(withRPlusOne(two.share()));
        RoundOne badFirst = new RoundOne(withRPlusOne(one.first()), one.second());
        RoundOne badSecond = new RoundOne(one.first(), withRPlusOne(one.second()));
        assertThatThrownBy(() -> client.readRounds(one, badTwo)).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("proof-failed").hasMessageContaining("round-two");
        assertThatThrownBy(() -> client.readRounds(badFirst, two)).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("proof-failed").hasMessageContaining("X1");
        assertThatThrownBy(() -> client.readRounds(badSecond, two)).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("proof-failed").hasMessageContaining("X2");
        // round one false and round two false: round one is named, as a sequential read would
        assertThatThrownBy(() -> client.readRounds(badSecond, badTwo)).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("X2");
        client.readRounds(one, two);
        client.createRoundTwo();
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(hex("pms"));
    }

    /** The known-answer read of a round two returns K and the PMS themselves (the vector runner skips a null). */
    @Test
    void theKnownAnswerReadOfRoundTwoReturnsTheReferenceKAndPms() throws Exception {
        RoundOne server = TlsFraming.decodeRoundOne(hex("serverRoundOne"));
        byte[][] secret = KnownAnswerChecks.readRoundTwo(PakeRole.CLIENT, password,
                "client".getBytes(StandardCharsets.US_ASCII), "server".getBytes(StandardCharsets.US_ASCII),
                scalar("x1"), scalar("x2"), server.first().publicKey(), server.second().publicKey(),
                hex("serverRoundTwo"));
        assertThat(secret).hasNumberOfRows(2);
        assertThat(secret[0]).isEqualTo(hex("K"));
        assertThat(secret[1]).isEqualTo(hex("pms"));
    }

    /** Reading a round one from TLS bytes accepts the reference message; the framing written back is the same. */
    @Test
    void theTlsFramingIsWrittenBackByteForByte() throws Exception {
        for (String field : new String[] {"clientRoundOne", "serverRoundOne"}) {
            assertThat(TlsFraming.encodeRoundOne(TlsFraming.decodeRoundOne(hex(field)))).isEqualTo(hex(field));
        }
        assertThat(TlsFraming.encodeRoundTwo(TlsFraming.decodeRoundTwo(hex("serverRoundTwo"), PakeRole.SERVER),
                PakeRole.SERVER)).isEqualTo(hex("serverRoundTwo"));
        assertThat(TlsFraming.encodeRoundTwo(TlsFraming.decodeRoundTwo(hex("clientRoundTwo"), PakeRole.CLIENT),
                PakeRole.CLIENT)).isEqualTo(hex("clientRoundTwo"));
        // the server's round two is the client's framing after ECParameters 03 00 17
        byte[] serverTwo = hex("serverRoundTwo");
        assertThat(java.util.Arrays.copyOf(serverTwo, 3)).containsExactly(3, 0, 0x17);
        assertThat(TlsFraming.encodeRoundTwo(TlsFraming.decodeRoundTwo(serverTwo, PakeRole.SERVER), PakeRole.CLIENT))
                .isEqualTo(java.util.Arrays.copyOfRange(serverTwo, 3, serverTwo.length));
        // a server's round two read as a client's (no ECParameters) does not parse
        assertThatThrownBy(() -> TlsFraming.decodeRoundTwo(serverTwo, PakeRole.CLIENT))
                .isInstanceOf(EcJpakeException.class);
    }

    private Participant clientWithReferenceScalars() {
        BigInteger nonce = BigInteger.valueOf(77);
        return KnownAnswer.participant(PakeRole.CLIENT, password, "client".getBytes(StandardCharsets.US_ASCII),
                "server".getBytes(StandardCharsets.US_ASCII), scalar("x1"), scalar("x2"), nonce,
                nonce.add(BigInteger.ONE), nonce.add(BigInteger.TWO));
    }

    private static KeyShare withRPlusOne(KeyShare share) {
        BigInteger r = share.proof().r().add(BigInteger.ONE).mod(P256.N);
        return new KeyShare(share.x(), new SchnorrProof(share.proof().v(), r));
    }
}
