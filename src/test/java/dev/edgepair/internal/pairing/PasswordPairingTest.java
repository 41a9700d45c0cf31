package dev.edgepair.internal.pairing;

import dev.edgepair.iam.IamConfig;
import java.time.Duration;
import dev.edgepair.device.TestClock;
import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.internal.protocol.PairingPasswords;
import dev.edgepair.pairing.PairingString;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.PairingException;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.User;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/** spec/pairing.md: every mode succeeds where it is allowed, locally and remotely, and fails where it is not. */
@EndToEnd
class PasswordPairingTest {
    @TempDir
    Path dir;

    private PairingFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private CborMap body(String key, Object value) {
        return value instanceof Boolean b ? CborMap.builder().put(key, b).build()
                : CborMap.builder().put(key, (String) value).build();
    }

    /** spec/pairing.md: {@code /pake/2} with {@code Pair} answers {@code {Confirm, Username, Role}}, the names the C
     *  client and the Mbed TLS-framed peers read. */
    @Test
    void theFinishThatPairsAnswersTheUsernameAndTheRole() throws Exception {
        f.enableOpenPassword();
        Client c = PairingFixture.newClient();
        try (DeviceConnection conn = c.connect(f.device.remoteAddress())) {
            RawPake pake = RawPake.openPassword(PairingFixture.OPEN_PASSWORD);
            assertThat(pake.start(conn).code()).isEqualTo("2.01");
            var reply = pake.finish(conn, c.fingerprint(), CborMap.builder().put("Username", "erin").build());
            assertThat(reply.code()).isEqualTo("2.01");
            CborMap answer = dev.edgepair.wire.Cbor.decodeMap(reply.payload());
            assertThat(answer.text("Username", 64)).isEqualTo("erin");
            assertThat(answer.text("Role", 64)).isEqualTo("Standard");
            assertThat(answer.bytes("Confirm", 32, 32)).hasSize(32);
        }
        assertThat(f.iam.state().user("erin").orElseThrow().has(c.fingerprint())).isTrue();
    }

    @Test
    void passwordOpenPairsRemotelyAndLocallyWithNoFingerprintToCompare() throws Exception {
        f.enableOpenPassword();
        for (boolean remote : new boolean[] {true, false}) {
            Client c = PairingFixture.newClient();
            var address = remote ? f.device.remoteAddress() : f.device.localAddress();
            String name = remote ? "remote-ann" : "local-ann";
            KnownDevice known = c.pair(PairingRequest.passwordOpen(address).password(PairingFixture.OPEN_PASSWORD).username(name).keyName("phone").build());
            assertThat(known.fingerprint()).isEqualTo(f.deviceKey.fingerprint());
            assertThat(c.knownDevices().find("pr-test", "de-test")).contains(known);
            User u = f.iam.state().user(name).orElseThrow();
            assertThat(u.role()).isEqualTo("Standard");
            assertThat(u.has(c.fingerprint())).isTrue();
            try (DeviceConnection again = c.connect(known, f.device.remoteAddress())) {
                assertThat(again.get("/hello").text()).isEqualTo("Hello world");
            }
        }
    }

    @Test
    void getPairingOffersThePasswordModesRemotelyWhenEnabled() throws Exception {
        try (DeviceConnection c = PairingFixture.newClient().connect(f.device.remoteAddress())) {
            assertThat(DeviceConnection.cbor(c.get("/iam/pairing")).textList("Modes", 9, 64)).isEmpty();
            f.enableOpenPassword();
            f.adminConn.put("/iam/settings/password-invite-pairing", body("Value", true));
            assertThat(DeviceConnection.cbor(c.get("/iam/pairing")).textList("Modes", 9, 64))
                    .containsExactlyInAnyOrder("PasswordOpen", "PasswordInvite");
        }
    }

    @Test
    void anInvitationPairsTheInvitedUserOnce() throws Exception {
        f.adminConn.put("/iam/settings/password-invite-pairing", body("Value", true));
        assertThat(f.adminConn.post("/iam/users", CborMap.builder().put("Username", "carol").put("Role", "Guest")
                .build()).code()).isEqualTo("2.01");
        assertThat(f.adminConn.put("/iam/users/carol/password", body("Password", "short")).code()).isEqualTo("4.00");
        assertThat(f.adminConn.put("/iam/users/carol/password", body("Password", "carol-s3cret")).code())
                .isEqualTo("2.04");
        Client carol = PairingFixture.newClient();
        KnownDevice known = carol.pair(PairingRequest.passwordInvite(f.device.remoteAddress()).username("carol").password("carol-s3cret").keyName("tablet").build());
        assertThat(known.fingerprint()).isEqualTo(f.deviceKey.fingerprint());
        User u = f.iam.state().user("carol").orElseThrow();
        assertThat(u.has(carol.fingerprint())).isTrue();
        assertThat(u.invitation()).isNull();
        Client mallory = PairingFixture.newClient();
        assertThatThrownBy(() -> mallory.pair(PairingRequest.passwordInvite(f.device.remoteAddress()).username("carol").password("carol-s3cret").keyName("x").build())).isInstanceOf(PairingException.class).extracting(e -> PairingFailures.code((PairingException) e))
                .isEqualTo("4.01");
        assertThat(f.iam.state().user("carol").orElseThrow().fingerprints()).hasSize(1);
    }

    @Test
    void aTokenPairsRemotelyOnceAndIsConsumed() throws Exception {
        CborMap issued = DeviceConnection.cbor(f.adminConn.post("/iam/pairing-tokens", CborMap.builder()
                .put("Username", "dave").put("Role", "Guest").build()));
        String id = issued.text("Id", 8);
        String token = issued.text("Token", 32);
        assertThat(PairingPasswords.normalizeToken(token)).hasSize(16);
        assertThat(DeviceConnection.cbor(f.adminConn.get("/iam/pairing-tokens")).mapList("Tokens", 9)).hasSize(1);
        Client dave = PairingFixture.newClient();
        // typed sloppily: lower case, no dashes
        dave.pair(PairingRequest.token(f.device.remoteAddress()).expectDevice(f.deviceKey.fingerprint()).tokenId(id).token(token.toLowerCase().replace("-", "")).keyName("laptop").build());
        User u = f.iam.state().user("dave").orElseThrow();
        assertThat(u.role()).isEqualTo("Guest");
        assertThat(u.has(dave.fingerprint())).isTrue();
        assertThat(f.iam.state().tokens()).isEmpty();
        assertThatThrownBy(() -> PairingFixture.newClient().pair(PairingRequest.token(f.device.remoteAddress()).tokenId(id).token(token).keyName("x").build())).isInstanceOf(PairingException.class).extracting(e -> PairingFailures.code((PairingException) e))
                .isEqualTo("4.01");
    }

    @Test
    void aRevokedTokenFailsAndIsGone() throws Exception {
        CborMap revoked = DeviceConnection.cbor(f.adminConn.post("/iam/pairing-tokens",
                body("Username", "erin")));
        assertThat(f.adminConn.delete("/iam/pairing-tokens/" + revoked.text("Id", 8)).code()).isEqualTo("2.02");
        assertThat(f.adminConn.delete("/iam/pairing-tokens/" + revoked.text("Id", 8)).code()).isEqualTo("4.04");
        assertThatThrownBy(() -> PairingFixture.newClient().pair(PairingRequest.token(f.device.remoteAddress()).tokenId(revoked.text("Id", 8)).token(revoked.text("Token", 32)).build())).isInstanceOf(PairingException.class)
                .extracting(e -> PairingFailures.code((PairingException) e)).isEqualTo("4.01");
        assertThat(f.iam.state().user("erin")).isEmpty();
    }

    /** Token expiry on the device's injected clock: valid until its ValidSeconds are over, 4.01 after. */
    @Test
    void aTokenWorksUntilItExpiresAndFailsAfter(@TempDir Path other) throws Exception {
        TestClock clock = new TestClock();
        try (PairingFixture g = new PairingFixture(other, PairingOptions.defaults().alwaysOpen(), IamConfig.defaults(),
                clock, true, null)) {
            CborMap early = DeviceConnection.cbor(g.adminConn.post("/iam/pairing-tokens", CborMap.builder()
                    .put("Username", "grace").put("ValidSeconds", 1).build()));
            CborMap late = DeviceConnection.cbor(g.adminConn.post("/iam/pairing-tokens", CborMap.builder()
                    .put("Username", "frank").put("ValidSeconds", 1).build()));
            clock.advance(Duration.ofMillis(900));
            PairingFixture.newClient().pair(PairingRequest.token(g.device.remoteAddress()).tokenId(early.text("Id", 8))
                    .token(early.text("Token", 32)).build());
            assertThat(g.iam.state().user("grace")).as("paired 0.9 s into its second").isPresent();
            clock.advance(Duration.ofMillis(200));
            IamState before = g.iam.state();
            assertThatThrownBy(() -> PairingFixture.newClient().pair(PairingRequest.token(g.device.remoteAddress())
                    .tokenId(late.text("Id", 8)).token(late.text("Token", 32)).build()))
                    .isInstanceOf(PairingException.class)
                    .extracting(e -> PairingFailures.code((PairingException) e)).isEqualTo("4.01");
            assertThat(g.iam.state().user("frank")).isEmpty();
            assertThat(g.iam.state().users()).isEqualTo(before.users());
        }
    }

    @Test
    void aWrongPasswordPairsNobodyAndChangesNoState() throws Exception {
        f.enableOpenPassword();
        IamState before = f.iam.state();
        Client eve = PairingFixture.newClient();
        assertThatThrownBy(() -> eve.pair(PairingRequest.passwordOpen(f.device.remoteAddress()).password("open-sesame-43").username("eve").build()))
                .isInstanceOf(PairingException.class).extracting(e -> PairingFailures.code((PairingException) e))
                .isEqualTo("4.01");
        assertThat(f.iam.state()).isEqualTo(before);
        assertThat(eve.knownDevices().list()).isEmpty();
    }

    @Test
    void anUnknownUsernameLooksExactlyLikeAWrongPassword() throws Exception {
        f.adminConn.put("/iam/settings/password-invite-pairing", body("Value", true));
        f.adminConn.post("/iam/users", body("Username", "gina"));
        f.adminConn.put("/iam/users/gina/password", body("Password", "gina-password"));
        PairingException wrong = catchPairing(() -> PairingFixture.newClient().pair(PairingRequest.passwordInvite(f.device.remoteAddress()).username("gina").password("not-her-password").build()));
        PairingException unknown = catchPairing(() -> PairingFixture.newClient().pair(PairingRequest.passwordInvite(f.device.remoteAddress()).username("nobody").password("not-her-password").build()));
        PairingException notInvited = catchPairing(() -> PairingFixture.newClient().pair(PairingRequest.passwordInvite(f.device.remoteAddress()).username("admin").password("not-her-password").build()));
        assertThat(List.of(wrong, unknown, notInvited)).allSatisfy(e -> {
            assertThat(PairingFailures.code(e)).isEqualTo("4.01");
            assertThat(e.getMessage()).isEqualTo(wrong.getMessage());
        });
    }

    @Test
    void twoClientsPairingAtOnceBothEndWithTheRightUsers() throws Exception {
        f.enableOpenPassword();
        Client a = PairingFixture.newClient();
        Client b = PairingFixture.newClient();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<KnownDevice> pa = () -> a.pair(PairingRequest.passwordOpen(f.device.remoteAddress()).password(PairingFixture.OPEN_PASSWORD).username("alpha").build());
        Callable<KnownDevice> pb = () -> b.pair(PairingRequest.passwordOpen(f.device.localAddress()).password(PairingFixture.OPEN_PASSWORD).username("beta").build());
        List<Future<KnownDevice>> both = pool.invokeAll(List.of(pa, pb));
        for (Future<KnownDevice> r : both) {
            assertThat(r.get().fingerprint()).isEqualTo(f.deviceKey.fingerprint());
        }
        pool.shutdown();
        assertThat(f.iam.state().user("alpha").orElseThrow().has(a.fingerprint())).isTrue();
        assertThat(f.iam.state().user("beta").orElseThrow().has(b.fingerprint())).isTrue();
    }

    @Test
    void aPairingStringCarriesEverything() throws Exception {
        f.enableOpenPassword();
        PairingString ps = new PairingString("pr-test", "de-test", null, PairingFixture.OPEN_PASSWORD, null,
                f.deviceKey.fingerprint(), "127.0.0.1:" + f.device.remoteAddress().getPort());
        PairingString parsed = PairingString.parse(ps.format());
        assertThat(parsed).isEqualTo(ps);
        assertThat(parsed.toString()).doesNotContain(PairingFixture.OPEN_PASSWORD);
        Client c = PairingFixture.newClient();
        KnownDevice known = c.pair(parsed, null, "henry", "phone");
        assertThat(known.deviceId()).isEqualTo("de-test");
        assertThat(f.iam.state().user("henry")).isPresent();
    }

    private static PairingException catchPairing(Callable<?> call) {
        try {
            call.call();
        } catch (PairingException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a PairingException", e);
        }
        throw new AssertionError("expected a PairingException, but it paired");
    }
}
