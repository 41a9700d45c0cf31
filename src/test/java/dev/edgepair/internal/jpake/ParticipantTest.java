package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** spec/jpake.md, "State machine" and "Inputs". */
@Unit
class ParticipantTest {
    private static final byte[] PASSWORD = "correct horse".getBytes(StandardCharsets.UTF_8);
    private final SecureRandom random = new SecureRandom();

    @Test
    void clientAndServerAgreeInTheThreadOrder() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        byte[] c1 = TlsFraming.encodeRoundOne(client.createRoundOne());
        server.readRoundOne(TlsFraming.decodeRoundOne(c1));
        client.readRoundOne(TlsFraming.decodeRoundOne(TlsFraming.encodeRoundOne(server.createRoundOne())));
        client.readRoundTwo(TlsFraming.decodeRoundTwo(
                TlsFraming.encodeRoundTwo(server.createRoundTwo(), PakeRole.SERVER), PakeRole.SERVER));
        server.readRoundTwo(TlsFraming.decodeRoundTwo(
                TlsFraming.encodeRoundTwo(client.createRoundTwo(), PakeRole.CLIENT), PakeRole.CLIENT));
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void eachStepRunsOnce() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        RoundOne c1 = client.createRoundOne();
        assertThatThrownBy(client::createRoundOne).isInstanceOf(IllegalStateException.class);
        RoundOne s1 = server.createRoundOne();
        client.readRoundOne(s1);
        assertThatThrownBy(() -> client.readRoundOne(s1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        server.readRoundOne(c1);
        client.createRoundTwo();
        assertThatThrownBy(client::createRoundTwo).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stepsOutOfOrderAreRefusedAndChangeNothing() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        assertThatThrownBy(client::createRoundTwo).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("round-one");
        assertThatThrownBy(client::deriveSecret).isInstanceOf(IllegalStateException.class);
        RoundOne c1 = client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        server.readRoundOne(c1);
        RoundTwo s2 = server.createRoundTwo();
        // the client has not read round one yet: reading round two is refused, and round one still works after
        assertThatThrownBy(() -> client.readRoundTwo(s2)).isInstanceOf(IllegalStateException.class);
        client.readRoundOne(s1);
        client.readRoundTwo(s2);
        assertThatThrownBy(client::deriveSecret).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("round-two");
        server.readRoundTwo(client.createRoundTwo());
        SharedSecret a = client.deriveSecret();
        SharedSecret b = server.deriveSecret();
        assertThat(a.premasterSecret()).isEqualTo(b.premasterSecret());
        assertThatThrownBy(client::deriveSecret).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRejectedMessageLeavesTheParticipantUsable() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        RoundOne forged = new RoundOne(s1.second(), Participant.create(PakeRole.CLIENT, PASSWORD, random)
                .createRoundOne().first());
        assertThatThrownBy(() -> client.readRoundOne(forged)).isInstanceOf(EcJpakeException.class)
                .extracting(e -> ((EcJpakeException) e).reason()).isEqualTo(EcJpakeException.Reason.PROOF_FAILED);
        client.readRoundOne(s1);
    }

    @Test
    void theBatchedRoundOneCheckNamesTheBadProof() throws Exception {
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        byte[] c1 = TlsFraming.encodeRoundOne(Participant.create(PakeRole.CLIENT, PASSWORD, random).createRoundOne());
        int endOfFirstR = 132 + c1[132]; // r has minimal length: its length byte is at 132
        for (int[] tamper : new int[][] {{endOfFirstR, 1}, {c1.length - 1, 2}}) { // last byte of each r
            byte[] bad = c1.clone();
            bad[tamper[0]] ^= 1;
            assertThatThrownBy(() -> server.readRoundOne(TlsFraming.decodeRoundOne(bad)))
                    .isInstanceOf(EcJpakeException.class)
                    .hasMessageContaining("proof-failed").hasMessageContaining("X" + tamper[1]);
        }
        server.readRoundOne(TlsFraming.decodeRoundOne(c1));
    }

    @Test
    void ownRoundOneReflectedBackFailsItsProof() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        RoundOne mine = client.createRoundOne();
        assertThatThrownBy(() -> client.readRoundOne(mine)).isInstanceOf(EcJpakeException.class)
                .hasMessageContaining("proof-failed");
    }

    @Test
    void equalProverIdsAreRefused() {
        byte[] id = "same".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Participant.create(PakeRole.CLIENT, PASSWORD, id, id.clone(), random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
    }

    @Test
    void aPasswordThatReducesToZeroIsRefused() {
        assertThatThrownBy(() -> Participant.create(PakeRole.CLIENT, new byte[0], random))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Participant.create(PakeRole.CLIENT, new byte[] {0, 0}, random))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] n = P256.N.toByteArray();
        assertThatThrownBy(() -> Participant.create(PakeRole.CLIENT, n, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 mod n");
    }

    @Test
    void secretsStayOutOfToStringAndDieWithDestroy() throws Exception {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant server = Participant.create(PakeRole.SERVER, PASSWORD, random);
        server.readRoundOne(client.createRoundOne());
        client.readRoundOne(server.createRoundOne());
        client.readRoundTwo(server.createRoundTwo());
        server.readRoundTwo(client.createRoundTwo());
        SharedSecret secret = client.deriveSecret();
        String hex = java.util.HexFormat.of().formatHex(secret.premasterSecret());
        assertThat(secret.toString()).doesNotContain(hex).contains("redacted");
        assertThat(client.toString()).doesNotContain("correct horse");
        secret.destroy();
        assertThat(secret.isDestroyed()).isTrue();
        assertThatThrownBy(secret::premasterSecret).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAbandonedExchangeCannotBeResumed() throws EcJpakeException {
        Participant client = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        client.createRoundOne();
        client.forgetSecrets();
        assertThatThrownBy(client::createRoundTwo).isInstanceOf(IllegalStateException.class);

        // Abandoned after both round ones: every later step is refused, none reaches the dropped scalars.
        Participant a = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        Participant b = Participant.create(PakeRole.SERVER, PASSWORD, random);
        RoundOne aOne = a.createRoundOne();
        RoundOne bOne = b.createRoundOne();
        b.readRoundOne(aOne);
        RoundTwo bTwo = b.createRoundTwo();
        a.readRoundOne(bOne);
        a.forgetSecrets();
        assertThatThrownBy(a::createRoundTwo).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.readRoundTwo(bTwo)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(a::deriveSecret).isInstanceOf(IllegalStateException.class);
        Participant c = Participant.create(PakeRole.CLIENT, PASSWORD, random);
        c.createRoundOne();
        c.forgetSecrets();
        assertThatThrownBy(() -> c.readRounds(bOne, bTwo)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.readRoundOne(bOne)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rIsWrittenInMinimalLength() {
        java.math.BigInteger small = java.math.BigInteger.valueOf(0x1234);
        assertThat(P256.encodeScalarMinimal(small)).containsExactly(0x12, 0x34);
        assertThat(P256.encodeScalarMinimal(P256.N.subtract(java.math.BigInteger.ONE))).hasSize(32);
    }
}
