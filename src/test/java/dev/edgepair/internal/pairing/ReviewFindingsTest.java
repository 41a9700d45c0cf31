package dev.edgepair.internal.pairing;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.internal.iam.PairingTokens;

import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.protocol.SecretDerivation;
import dev.edgepair.pairing.PairingString;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.edgepair.device.TestClock;
import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.client.Response;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/**
 * The security review's findings 2-5, 9, 10 and 12, each performed as the attack over real DTLS against a device on
 * loopback; every test names the exact answer code and checks that nothing changed (spec/security.md, claims).
 */
@EndToEnd
class ReviewFindingsTest {
    @TempDir
    Path dir;

    private PairingFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private static CborMap value(String key, Object v) {
        return v instanceof Boolean b ? CborMap.builder().put(key, b).build()
                : CborMap.builder().put(key, (String) v).build();
    }

    private PairingFixture fixture(PairingOptions options, boolean pairAdmin) throws Exception {
        f = new PairingFixture(dir, options, IamConfig.defaults(), new TestClock(), pairAdmin, null);
        return f;
    }

    private CborMap issueToken(DeviceConnection by, String user, String role) throws Exception {
        CborMap.Builder b = CborMap.builder().put("Username", user);
        if (role != null) {
            b.put("Role", role);
        }
        Response r = by.post("/iam/pairing-tokens", b.build());
        assertThat(r.code()).as(r.text()).isEqualTo("2.01");
        return DeviceConnection.cbor(r);
    }

    private static PairingString tokenString(CborMap t) throws Exception {
        return PairingString.parse("p=pr-test,d=de-test,tid=" + t.text("Id", 8) + ",pwd=" + t.text("Token", 32));
    }

    // ---- finding 2: local-initial after an administrator paired by another mode ----

    @Test
    void localInitialIsOverOnceAnAdministratorPairedWithTheOwnerToken() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen(), false);
        PairingString owner = f.pairing.token("owner", "Administrator", Duration.ofHours(1));
        Client ownerClient = PairingFixture.newClient();
        ownerClient.pair(owner, f.device.remoteAddress(), null, "laptop");
        IamState before = f.iam.state();

        Client stranger = PairingFixture.newClient();
        try (DeviceConnection c = stranger.connect(f.device.localAddress())) {
            assertThat(DeviceConnection.cbor(c.get("/iam/pairing")).textList("Modes", 9, 64))
                    .doesNotContain("LocalInitial");
            Response r = c.post("/iam/pairing/local-initial", CborMap.builder().build());
            assertThat(r.code()).as(r.text()).isEqualTo("4.09");
        }
        assertThat(f.iam.state()).isEqualTo(before);
        assertThat(f.iam.state().user("admin").orElseThrow().fingerprints()).isEmpty();
    }

    @Test
    void aLocalListenerReachedFromOffTheLanIsNotLocal() throws Exception {
        f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen(), IamConfig.defaults(),
                new TestClock(), false, source -> false); // every source is off the LAN, as across a router
        IamState before = f.iam.state();
        Response r = f.adminConn.post("/iam/pairing/local-initial", CborMap.builder().build());
        assertThat(r.code()).as(r.text()).isEqualTo("4.03");
        assertThat(DeviceConnection.cbor(f.adminConn.get("/iam/pairing")).textList("Modes", 9, 64)).isEmpty();
        assertThat(f.iam.state()).isEqualTo(before);
    }

    // ---- finding 3: a token for an existing user cannot grant that user's role ----

    private static final String INVITER_CONFIG = """
            {"Version": 1, "Config": {"UnpairedRole": "Unpaired"},
             "Policies": [
              {"Id": "Pairing", "Statements": [{"Effect": "Allow", "Actions": ["IAM:GetPairing",
                "IAM:PairingLocalInitial", "IAM:PairingPasswordOpen", "IAM:PairingToken"]}]},
              {"Id": "ManageIAM", "Statements": [{"Effect": "Allow", "Actions": ["IAM:CreatePairingToken",
                "IAM:CreateUser", "IAM:SetUserRole", "IAM:SetSettings", "IAM:SetUserPassword"]}]},
              {"Id": "InviteGuests", "Statements": [{"Effect": "Allow", "Actions": ["IAM:CreatePairingToken"],
                "Conditions": [{"StringEquals": {"IAM:RoleId": ["Guest"]}}]}]}],
             "Roles": [{"Id": "Unpaired", "Policies": ["Pairing"]},
                       {"Id": "Administrator", "Policies": ["ManageIAM", "Pairing"]},
                       {"Id": "Standard", "Policies": ["Pairing", "InviteGuests"]},
                       {"Id": "Guest", "Policies": ["Pairing"]}]}
            """;

    @Test
    void aStandardUserWhoMayInviteGuestsCannotMakeATokenForTheAdministrator() throws Exception {
        IamConfig config = IamConfig.parse(INVITER_CONFIG);
        f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen(), config, new TestClock(), true,
                null);
        f.enableOpenPassword();
        Client standard = PairingFixture.newClient();
        KnownDevice d = standard.pair(PairingString.parse("p=pr-test,d=de-test,pwd=" + PairingFixture.OPEN_PASSWORD),
                f.device.remoteAddress(), "stan", "phone");
        IamState before = f.iam.state();
        try (DeviceConnection c = standard.connect(d, f.device.remoteAddress())) {
            Response asGuest = c.post("/iam/pairing-tokens", CborMap.builder().put("Username", "admin")
                    .put("Role", "Guest").build());
            assertThat(asGuest.code()).as(asGuest.text()).isEqualTo("4.09");
            Response noRole = c.post("/iam/pairing-tokens", CborMap.builder().put("Username", "admin").build());
            assertThat(noRole.code()).as(noRole.text()).isEqualTo("4.03");
            assertThat(issueToken(c, "newguest", "Guest").text("Role", 64)).isEqualTo("Guest");
        }
        assertThat(f.iam.state().tokens()).hasSize(1);
        assertThat(f.iam.state().users()).isEqualTo(before.users());
    }

    @Test
    void aTokenWhoseUserChangedRoleSinceDoesNotPair() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen(), true);
        assertThat(f.adminConn.post("/iam/users", CborMap.builder().put("Username", "gus").put("Role", "Guest")
                .build()).code()).isEqualTo("2.01");
        CborMap t = issueToken(f.adminConn, "gus", "Guest");
        assertThat(f.adminConn.put("/iam/users/gus/role", value("Role", "Administrator")).code()).isEqualTo("2.04");
        IamState before = f.iam.state();
        Client c = PairingFixture.newClient();
        try {
            c.pair(tokenString(t), f.device.remoteAddress(), null, "phone");
            throw new AssertionError("paired");
        } catch (dev.edgepair.client.PairingException e) {
            assertThat(PairingFailures.code(e)).isEqualTo("4.01");
        }
        assertThat(f.iam.state().user("gus")).isEqualTo(before.user("gus"));
        assertThat(c.knownDevices().list()).isEmpty();
    }

    // ---- finding 4: an authentication does not outlive a password change, the window, its timeout, one use ----

    private RawPake authenticateOpen(DeviceConnection c, Client client) throws Exception {
        RawPake pake = RawPake.openPassword(PairingFixture.OPEN_PASSWORD);
        assertThat(pake.start(c).code()).isEqualTo("2.01");
        assertThat(pake.finish(c, client.fingerprint()).code()).isEqualTo("2.01");
        return pake;
    }

    private void pairOpenRefused(DeviceConnection c, String user, String code) throws Exception {
        IamState before = f.iam.state();
        Response r = c.post("/iam/pairing/password-open", CborMap.builder().put("Username", user).build());
        assertThat(r.code()).as(r.text()).isEqualTo(code);
        assertThat(f.iam.state()).isEqualTo(before);
    }

    @FunctionalInterface
    private interface Meanwhile {
        void run(DeviceConnection c) throws Exception;
    }

    /** Authenticates with the open password, lets {@code meanwhile} happen, then asks to pair: refused with code. */
    private void authenticateThenPairRefused(PairingOptions options, Meanwhile meanwhile, String code)
            throws Exception {
        fixture(options, true);
        f.enableOpenPassword();
        Client attacker = PairingFixture.newClient();
        try (DeviceConnection c = attacker.connect(f.device.remoteAddress())) {
            authenticateOpen(c, attacker);
            meanwhile.run(c);
            pairOpenRefused(c, "mallory", code);
        }
    }

    @Test
    void anOpenPasswordAuthenticationDiesWithThePasswordChange() throws Exception {
        authenticateThenPairRefused(PairingOptions.defaults().alwaysOpen(), c -> assertThat(
                f.adminConn.put("/iam/settings/open-pairing-password", value("Value", "a-new-password")).code())
                .isEqualTo("2.04"), "4.01");
    }

    @Test
    void anOpenPasswordAuthenticationDiesWhenTheWindowCloses() throws Exception {
        authenticateThenPairRefused(PairingOptions.defaults(), c -> f.pairing.window().close(), "4.03");
    }

    @Test
    void anAuthenticationExpiresAfterTheExchangeTimeout() throws Exception {
        authenticateThenPairRefused(PairingOptions.defaults().alwaysOpen(),
                c -> f.clock.advance(Duration.ofSeconds(31)), "4.01");
    }

    @Test
    void anAuthenticationPairsOnce() throws Exception {
        authenticateThenPairRefused(PairingOptions.defaults().alwaysOpen(), c -> assertThat(
                c.post("/iam/pairing/password-open", CborMap.builder().put("Username", "ann").build()).code())
                .isEqualTo("2.01"), "4.01");
    }

    // ---- finding 5: token guesses do not close the password window; failures age out; the device reopens it ----

    @Test
    void tokenGuessesNeverCloseThePasswordWindow() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen()
                .withBuckets(1000, Duration.ofMillis(1), 1000, Duration.ofMillis(1)), true);
        f.enableOpenPassword();
        Client guesser = PairingFixture.newClient();
        for (int i = 0; i < 25; i++) {
            RawPake guess = new RawPake("TokenId", "0badc0de", SecretDerivation.tokenPrincipal("0badc0de"),
                    new DeviceSecretDerivation("pr-test", "de-test").token("0badc0de", "AAAA-BBBB-CCCC-DDDD"));
            try (DeviceConnection c = guesser.connect(f.device.remoteAddress())) {
                assertThat(guess.start(c).code()).isEqualTo("2.01");
                assertThat(guess.finish(c, guesser.fingerprint()).code()).isEqualTo("4.01");
            }
        }
        assertThat(f.pairing.window().failures()).isZero();
        assertThat(f.pairing.window().isOpen()).isTrue();
        PairingFixture.newClient().pair(PairingString.parse("p=pr-test,d=de-test,pwd=" + PairingFixture.OPEN_PASSWORD),
                f.device.remoteAddress(), "after-guesses", "");
    }

    private static Client clientFrom(String address) throws Exception {
        return Client.builder().identity(dev.edgepair.identity.Identity.generate())
                .knownDevices(dev.edgepair.client.KnownDevices.inMemory())
                .dtlsSettings(dev.edgepair.device.TestDevices.FAST.bindingClientsTo(
                        java.net.InetAddress.getByName(address))).build();
    }

    private void wrongPasswordFrom(Client guesser) throws Exception {
        RawPake wrong = RawPake.openPassword("not-the-password");
        try (DeviceConnection c = guesser.connect(f.device.remoteAddress())) {
            assertThat(wrong.start(c).code()).isEqualTo("2.01");
            assertThat(wrong.finish(c, guesser.fingerprint()).code()).isEqualTo("4.01");
        }
    }

    @Test
    void passwordFailuresAgeOutAndTheDeviceCanReopenTheWindow() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen().withMaxFailures(4)
                .withBuckets(1000, Duration.ofMillis(1), 1000, Duration.ofMillis(1)), true);
        f.enableOpenPassword();
        for (int i = 2; i <= 5; i++) { // four sources, one failure each: a quarter of the window apiece
            wrongPasswordFrom(clientFrom("127.0.0." + i));
        }
        assertThat(f.pairing.window().isOpen()).isFalse();
        try (DeviceConnection c = clientFrom("127.0.0.6").connect(f.device.remoteAddress())) {
            Response r = RawPake.openPassword(PairingFixture.OPEN_PASSWORD).start(c);
            assertThat(r.code()).as(r.text()).isEqualTo("4.03");
        }
        f.clock.advance(Duration.ofMinutes(10));
        assertThat(f.pairing.window().isOpen()).as("failures aged out").isTrue();
        f.pairing.window().close();
        assertThat(f.pairing.window().isOpen()).isFalse();
        f.pairing.window().open(Duration.ofMinutes(5));
        assertThat(f.pairing.window().isOpen()).as("reopened from the device side").isTrue();
    }

    @Test
    void oneSourceCannotCloseTheWindowForEveryone() throws Exception {
        // second review, finding 2: 20 wrong guesses from one address closed the window for all
        fixture(PairingOptions.defaults().alwaysOpen()
                .withBuckets(1000, Duration.ofMillis(1), 1000, Duration.ofMillis(1)), true);
        f.enableOpenPassword();
        Client guesser = clientFrom("127.0.0.2");
        for (int i = 0; i < 5; i++) { // its share: a quarter of 20
            wrongPasswordFrom(guesser);
        }
        try (DeviceConnection c = guesser.connect(f.device.remoteAddress())) {
            Response r = RawPake.openPassword("another-guess").start(c);
            assertThat(r.code()).as(r.text()).isEqualTo("4.29");
        }
        assertThat(f.pairing.window().isOpen()).isTrue();
        clientFrom("127.0.0.3").pair(PairingString.parse("p=pr-test,d=de-test,pwd=" + PairingFixture.OPEN_PASSWORD),
                f.device.remoteAddress(), "honest", "phone");
        assertThat(f.iam.state().user("honest")).isPresent();
    }

    @Test
    void anInvitationOutlivesTheWindow() throws Exception {
        fixture(PairingOptions.defaults(), true);
        assertThat(f.adminConn.put("/iam/settings/password-invite-pairing", value("Value", true)).code())
                .isEqualTo("2.04");
        assertThat(f.adminConn.post("/iam/users", CborMap.builder().put("Username", "ivy").build()).code())
                .isEqualTo("2.01");
        assertThat(f.adminConn.put("/iam/users/ivy/password", value("Password", "ivys-invitation")).code())
                .isEqualTo("2.04");
        f.clock.advance(Duration.ofHours(2)); // the 15-minute window after start is long gone
        assertThat(f.pairing.window().isOpen()).isFalse();
        Client ivy = PairingFixture.newClient();
        ivy.pair(PairingRequest.passwordInvite(f.device.remoteAddress()).username("ivy").password("ivys-invitation").keyName("phone").build());
        assertThat(f.iam.state().user("ivy").orElseThrow().has(ivy.fingerprint())).isTrue();
    }

    // ---- finding 9: deleting a user deletes its tokens ----

    @Test
    void aTokenDoesNotBringADeletedUserBack() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen(), true);
        assertThat(f.adminConn.post("/iam/users", CborMap.builder().put("Username", "dave").put("Role", "Guest")
                .build()).code()).isEqualTo("2.01");
        CborMap t = issueToken(f.adminConn, "dave", "Guest");
        assertThat(f.adminConn.delete("/iam/users/dave").code()).isEqualTo("2.02");
        assertThat(f.iam.state().tokens()).isEmpty();
        Client c = PairingFixture.newClient();
        try {
            c.pair(tokenString(t), f.device.remoteAddress(), null, "phone");
            throw new AssertionError("paired");
        } catch (dev.edgepair.client.PairingException e) {
            assertThat(PairingFailures.code(e)).isEqualTo("4.01");
        }
        assertThat(f.iam.state().user("dave")).isEmpty();
    }

    // ---- finding 10 and 12: a Guest claims another client's key; names with terminal escapes ----

    private DeviceConnection pairedGuest(Client guest) throws Exception {
        CborMap t = issueToken(f.adminConn, "guest", "Guest");
        KnownDevice d = guest.pair(tokenString(t), f.device.remoteAddress(), null, "phone");
        return guest.connect(d, f.device.remoteAddress());
    }

    @Test
    void aGuestCannotClaimSomeoneElsesKey() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen(), true);
        Client guest = PairingFixture.newClient();
        Client newcomer = PairingFixture.newClient();
        try (DeviceConnection c = pairedGuest(guest)) {
            IamState before = f.iam.state();
            Response r = c.put("/iam/users/guest/fingerprints/" + newcomer.fingerprint().hex(), CborMap.builder()
                    .build());
            assertThat(r.code()).as(r.text()).isEqualTo("4.03");
            assertThat(f.iam.state()).isEqualTo(before);
            assertThat(c.put("/iam/users/guest/fingerprints/" + guest.fingerprint().hex(),
                    value("Name", "my phone")).code()).as("its own key").isEqualTo("2.04");
        }
        CborMap t = issueToken(f.adminConn, "newcomer", "Guest");
        newcomer.pair(tokenString(t), f.device.remoteAddress(), null, "laptop");
        assertThat(f.iam.state().user("newcomer").orElseThrow().has(newcomer.fingerprint())).isTrue();
    }

    @Test
    void namesWithTerminalEscapesAreRefused() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen(), true);
        Client guest = PairingFixture.newClient();
        try (DeviceConnection c = pairedGuest(guest)) {
            IamState before = f.iam.state();
            for (String evil : List.of("\u001b[2J\u001b[1;1Hadmin", "bell\u0007", "rtl\u202eexe.txt", "nul\u0000")) {
                Response r = c.put("/iam/users/guest/display-name", value("DisplayName", evil));
                assertThat(r.code()).as(r.text()).isEqualTo("4.00");
                Response k = c.put("/iam/users/guest/fingerprints/" + guest.fingerprint().hex(), value("Name", evil));
                assertThat(k.code()).as(k.text()).isEqualTo("4.00");
            }
            assertThat(f.iam.state()).isEqualTo(before);
        }
        assertThat(f.adminConn.put("/iam/settings/friendly-name", value("Value", "\u001b]0;pwned\u0007")).code())
                .isEqualTo("4.00");
    }

    // ---- informational findings: what an unpaired client or a Guest may read ----

    @Test
    void noResourceListForUnpairedClientsAndNoUserListForGuests() throws Exception {
        fixture(PairingOptions.defaults().alwaysOpen(), true);
        try (DeviceConnection unpaired = PairingFixture.newClient().connect(f.device.remoteAddress())) {
            Response r = unpaired.get("/.well-known/core");
            assertThat(r.code()).as(r.text()).isEqualTo("4.04");
        }
        Client guest = PairingFixture.newClient();
        try (DeviceConnection c = pairedGuest(guest)) {
            assertThat(c.get("/iam/users").code()).isEqualTo("4.03");
            assertThat(c.get("/iam/users/guest").code()).as("its own user").isEqualTo("2.05");
            assertThat(c.get("/iam/users/admin").code()).isEqualTo("4.03");
        }
    }
}
