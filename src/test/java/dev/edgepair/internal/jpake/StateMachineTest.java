package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/**
 * spec/jpake.md, "State machine": every step in every state where it is not allowed throws
 * {@link IllegalStateException} and changes nothing, shown by finishing the exchange afterwards. One test per guard
 * that {@code ParticipantTest} does not reach (each fails when that guard is removed).
 */
@Unit
class StateMachineTest {
    private static final byte[] PASSWORD = "state machine".getBytes(StandardCharsets.UTF_8);
    private final SecureRandom random = new SecureRandom();

    private Participant client() {
        return Participant.create(PakeRole.CLIENT, PASSWORD, random);
    }

    private Participant server() {
        return Participant.create(PakeRole.SERVER, PASSWORD, random);
    }

    /** Finishes an exchange from "both round ones created, nothing read" and checks both sides agree. */
    private static void finish(Participant client, RoundOne c1, Participant server, RoundOne s1) throws Exception {
        server.readRoundOne(c1);
        client.readRoundOne(s1);
        client.readRoundTwo(server.createRoundTwo());
        server.readRoundTwo(client.createRoundTwo());
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void aParticipantAbandonedBeforeRoundOneCannotStartOne() {
        Participant client = client();
        client.forgetSecrets();
        assertThatThrownBy(client::createRoundOne).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
    }

    @Test
    void readingTheServerFlightNeedsOurOwnRoundOneFirst() throws Exception {
        Participant client = client();
        Participant server = server();
        RoundOne s1 = server.createRoundOne();
        assertThatThrownBy(() -> client.readRounds(s1, new RoundTwo(s1.first())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("our own round one");
        RoundOne c1 = client.createRoundOne();
        server.readRoundOne(c1);
        client.readRounds(s1, server.createRoundTwo());
        server.readRoundTwo(client.createRoundTwo());
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void theServerFlightCannotBeReadAfterItsRoundOne() throws Exception {
        Participant client = client();
        Participant server = server();
        RoundOne c1 = client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        server.readRoundOne(c1);
        RoundTwo s2 = server.createRoundTwo();
        client.readRoundOne(s1);
        assertThatThrownBy(() -> client.readRounds(s1, s2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already read");
        // the refused call read nothing: round two is still to be read, once
        client.readRoundTwo(s2);
        server.readRoundTwo(client.createRoundTwo());
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void roundTwoNeedsOurOwnRoundOneEvenWhenThePeersIsRead() throws Exception {
        Participant client = client();
        Participant server = server();
        RoundOne c1 = client.createRoundOne();
        server.readRoundOne(c1); // a server reads first, as in Thread
        assertThatThrownBy(server::createRoundTwo).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both round-one");
        RoundOne s1 = server.createRoundOne();
        client.readRoundOne(s1);
        RoundTwo c2 = client.createRoundTwo();
        server.readRoundTwo(c2); // both round ones are now there: accepted
        client.readRoundTwo(server.createRoundTwo());
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void roundTwoNeedsThePeersRoundOneEvenWhenOursIsCreated() throws Exception {
        Participant client = client();
        Participant server = server();
        RoundOne c1 = client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        assertThatThrownBy(client::createRoundTwo).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both round-one");
        finish(client, c1, server, s1);
    }

    @Test
    void readingRoundTwoNeedsOurOwnRoundOneEvenWhenThePeersIsRead() throws Exception {
        Participant client = client();
        Participant server = server();
        Participant other = client();
        RoundOne c1 = client.createRoundOne();
        server.readRoundOne(c1);
        RoundOne s1 = server.createRoundOne();
        other.createRoundOne();
        other.readRoundOne(s1);
        RoundTwo someRoundTwo = other.createRoundTwo();
        Participant fresh = server();
        fresh.readRoundOne(c1);
        assertThatThrownBy(() -> fresh.readRoundTwo(someRoundTwo)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both round-one");
        client.readRoundOne(s1);
        client.readRoundTwo(server.createRoundTwo());
        server.readRoundTwo(client.createRoundTwo());
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void roundTwoIsReadOnce() throws Exception {
        Participant client = client();
        Participant server = server();
        RoundOne c1 = client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        server.readRoundOne(c1);
        client.readRoundOne(s1);
        RoundTwo s2 = server.createRoundTwo();
        client.readRoundTwo(s2);
        assertThatThrownBy(() -> client.readRoundTwo(s2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already read");
        server.readRoundTwo(client.createRoundTwo());
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void theSecretNeedsThePeersRoundTwoEvenWhenOursIsCreated() throws Exception {
        Participant client = client();
        Participant server = server();
        RoundOne c1 = client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        server.readRoundOne(c1);
        client.readRoundOne(s1);
        RoundTwo c2 = client.createRoundTwo();
        assertThatThrownBy(client::deriveSecret).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both round-two");
        server.readRoundTwo(c2);
        client.readRoundTwo(server.createRoundTwo());
        assertThat(client.deriveSecret().premasterSecret()).isEqualTo(server.deriveSecret().premasterSecret());
    }

    @Test
    void afterTheSecretEveryReadIsRefused() throws Exception {
        Participant client = client();
        Participant server = server();
        RoundOne c1 = client.createRoundOne();
        RoundOne s1 = server.createRoundOne();
        finish(client, c1, server, s1);
        assertThatThrownBy(() -> client.readRoundOne(s1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
        assertThatThrownBy(() -> client.readRounds(s1, new RoundTwo(s1.first())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
        assertThatThrownBy(client::createRoundTwo).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
        assertThatThrownBy(() -> client.readRoundTwo(new RoundTwo(s1.first())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
        assertThatThrownBy(client::deriveSecret).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already derived");
    }

    @Test
    void theKnownAnswerSeamAlsoReadsThePeersRoundOneOnce() throws Exception {
        Participant server = server();
        RoundOne s1 = server.createRoundOne();
        Participant client = KnownAnswer.afterRoundOne(PakeRole.CLIENT, PASSWORD, "client".getBytes(),
                "server".getBytes(), java.math.BigInteger.TWO, java.math.BigInteger.TEN,
                s1.first().publicKey(), s1.second().publicKey());
        assertThatThrownBy(() -> client.installPeerRoundOne(s1.first().x(), s1.second().x()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already read");
        assertThatThrownBy(() -> client.readRoundOne(s1)).isInstanceOf(IllegalStateException.class);
    }
}
