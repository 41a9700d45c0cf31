package dev.edgepair.internal.pairing;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.pairing.PairingString;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.PairingException;
import dev.edgepair.iam.User;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/**
 * Security review, finding 1 (critical): an on-path attacker answers the first DTLS handshake (and {@code GET
 * /iam/pairing}) with its own key, sends close_notify, then relays everything to the real device. Before the fix the
 * client re-handshook silently, paired with the real device and stored the attacker's key. Now a pairing runs on one
 * DTLS session: the re-handshake to another key fails, nothing is stored, nobody is paired (spec/pairing.md).
 * The three pairings that read {@code GET /iam/pairing} first fail this test when the client accepts another key on
 * a re-handshake, takes the transcript's session values live and skips the session check (checked once by breaking
 * exactly that). With a pairing string the first request is {@code /pake/1}, which the attacker cannot answer, and the
 * device keeps the exchange per DTLS connection: those two tests pin that the shorter flow stays safe.
 */
@EndToEnd
class SessionSwitchAttackTest {
    @TempDir
    Path dir;

    private PairingFixture f;
    private SwitchingAttacker attacker;

    @BeforeEach
    void start() throws Exception {
        f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen());
        f.enableOpenPassword();
        assertThat(f.adminConn.put("/iam/settings/password-invite-pairing",
                CborMap.builder().put("Value", true).build()).code()).isEqualTo("2.04");
        attacker = new SwitchingAttacker(f.device.remoteAddress(), f.adminConn.get("/iam/pairing").payload());
    }

    @AfterEach
    void stop() {
        attacker.close();
        f.close();
    }

    private String invite(String user, String password) throws Exception {
        assertThat(f.adminConn.post("/iam/users", CborMap.builder().put("Username", user).build()).code())
                .isEqualTo("2.01");
        assertThat(f.adminConn.put("/iam/users/" + user + "/password",
                CborMap.builder().put("Password", password).build()).code()).isEqualTo("2.04");
        return password;
    }

    private CborMap token(String user) throws Exception {
        return DeviceConnection.cbor(f.adminConn.post("/iam/pairing-tokens",
                CborMap.builder().put("Username", user).put("Role", "Guest").build()));
    }

    @FunctionalInterface
    private interface PairingCall {
        Object run() throws Exception;
    }

    /** Runs one pairing against the attacker and checks that it failed and left nothing behind. */
    private void attackFails(Client victim, PairingCall pairing) throws Exception {
        List<User> before = f.iam.state().users();
        assertThatThrownBy(pairing::run).isInstanceOfAny(PairingException.class, IOException.class);
        assertThat(attacker.switches.get()).as("the attacker switched sessions").isGreaterThanOrEqualTo(1);
        assertThat(attacker.relayedToDevice.get()).as("the victim's datagrams reached the real device").isPositive();
        assertThat(victim.knownDevices().list()).as("nothing stored on the client").isEmpty();
        assertThat(f.iam.state().users()).as("nobody paired on the device").isEqualTo(before);
    }

    @Test
    void passwordOpenWithAPairingStringStoresNothing() throws Exception {
        Client victim = PairingFixture.newClient();
        PairingString ps = PairingString.parse("p=pr-test,d=de-test,pwd=" + PairingFixture.OPEN_PASSWORD);
        attackFails(victim, () -> victim.pair(ps, attacker.address(), "victim", "phone"));
    }

    @Test
    void passwordOpenThatReadsTheDeviceDescriptionFirstStoresNothing() throws Exception {
        Client victim = PairingFixture.newClient();
        attackFails(victim, () -> victim.pair(PairingRequest.passwordOpen(attacker.address()).password(PairingFixture.OPEN_PASSWORD).username("victim").keyName("phone").build()));
    }

    @Test
    void invitationStoresNothing() throws Exception {
        String password = invite("carol", "carols-invitation");
        Client victim = PairingFixture.newClient();
        attackFails(victim, () -> victim.pair(PairingRequest.passwordInvite(attacker.address()).username("carol").password(password).keyName("phone").build()));
        assertThat(f.iam.state().user("carol").orElseThrow().invitation()).as("invitation not consumed").isNotNull();
    }

    @Test
    void tokenStoresNothing() throws Exception {
        CborMap t = token("dave");
        Client victim = PairingFixture.newClient();
        attackFails(victim, () -> victim.pair(PairingRequest.token(attacker.address()).tokenId(t.text("Id", 8)).token(t.text("Token", 32)).keyName("phone").build()));
        assertThat(f.iam.state().token(t.text("Id", 8))).as("token not spent").isPresent();
    }

    @Test
    void tokenWithAPairingStringStoresNothing() throws Exception {
        CborMap t = token("erin");
        Client victim = PairingFixture.newClient();
        PairingString ps = PairingString.parse("p=pr-test,d=de-test,tid=" + t.text("Id", 8) + ",pwd="
                + t.text("Token", 32));
        attackFails(victim, () -> victim.pair(ps, attacker.address(), null, "phone"));
        assertThat(f.iam.state().token(t.text("Id", 8))).as("token not spent").isPresent();
    }
}
