package dev.edgepair.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.iam.IamState;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.pairing.PairingFixture;
import dev.edgepair.pairing.PairingOptions;
import dev.edgepair.tags.EndToEnd;

/**
 * spec/client.md, "DeviceAdmin": every operation against a real device over DTLS, as the paired administrator; a
 * Guest refused with 4.03 and the device's state unchanged; bad input refused before anything is sent.
 */
@EndToEnd
class DeviceAdminTest {
    @TempDir
    Path dir;

    private PairingFixture f;
    private DeviceAdmin admin;
    private KnownDevice device;

    @BeforeEach
    void start() throws Exception {
        f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen());
        admin = f.adminConn.admin();
        device = new KnownDevice("pr-test", "de-test", f.device.fingerprint(), "",
                Client.format(f.device.remoteAddress()));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private RequestRefusedException refused(ThrowingCall call) {
        RequestRefusedException e = catchThrowableOfType(call::run, RequestRefusedException.class);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void meAndRoles() throws Exception {
        DeviceAdmin.DeviceUser me = admin.me();
        assertThat(me.username()).isEqualTo("admin");
        assertThat(me.role()).isEqualTo("Administrator");
        assertThat(me.keys()).extracting(DeviceAdmin.UserKey::fingerprint).containsExactly(f.admin.fingerprint());
        assertThat(admin.roles()).contains("Administrator", "Standard", "Guest");
    }

    @Test
    void usersAndTheirKeys() throws Exception {
        DeviceAdmin.DeviceUser carol = admin.createUser(DeviceAdmin.NewUser.named("carol").withRole("Standard")
                .withDisplayName("Carol"));
        assertThat(carol).isEqualTo(new DeviceAdmin.DeviceUser("carol", "Carol", "Standard", List.of()));
        assertThat(admin.listUsers()).contains("admin", "carol");
        assertThat(refused(() -> admin.createUser(DeviceAdmin.NewUser.named("carol"))).code()).isEqualTo("4.09");

        admin.setUserDisplayName("carol", "Carol C.");
        admin.setUserRole("carol", "Guest");
        Identity tablet = Identity.generate();
        admin.addUserKey("carol", tablet.fingerprint(), "tablet");
        assertThat(admin.getUser("carol")).isEqualTo(new DeviceAdmin.DeviceUser("carol", "Carol C.", "Guest",
                List.of(new DeviceAdmin.UserKey(tablet.fingerprint(), "tablet"))));
        assertThat(f.iam.state().user("carol").orElseThrow().role()).isEqualTo("Guest");

        RequestRefusedException unknownRole = refused(() -> admin.setUserRole("carol", "Overlord"));
        assertThat(unknownRole.code()).isEqualTo("4.00");
        assertThat(unknownRole.method()).isEqualTo("PUT");
        assertThat(unknownRole.path()).isEqualTo("/iam/users/carol/role");

        admin.removeUserKey("carol", tablet.fingerprint());
        assertThat(admin.getUser("carol").keys()).isEmpty();
        admin.setUserPassword("carol", "carol-s3cret");
        assertThat(f.iam.state().user("carol").orElseThrow().invitation()).isNotNull();

        admin.deleteUser("carol");
        RequestRefusedException gone = refused(() -> admin.getUser("carol"));
        assertThat(gone.code()).isEqualTo("4.04");
        assertThat(admin.listUsers()).doesNotContain("carol");
    }

    @Test
    void anInvitationPairsTheInvitee() throws Exception {
        DeviceAdmin.Invitation invitation = admin.invite("ivy", "Standard");
        assertThat(invitation.toString()).doesNotContain(invitation.password());
        assertThat(admin.settings().passwordInvitePairing()).isTrue();
        Client ivy = PairingFixture.newClient();
        KnownDevice paired = ivy.pair(invitation.pairingString(device, device.lastAddress()), null, null, "phone");
        assertThat(paired.fingerprint()).isEqualTo(f.device.fingerprint());
        assertThat(admin.getUser("ivy").keys()).extracting(DeviceAdmin.UserKey::fingerprint)
                .containsExactly(ivy.fingerprint());
        assertThat(admin.getUser("ivy").role()).isEqualTo("Standard");
    }

    @Test
    void pairingTokens() throws Exception {
        Instant before = Instant.now();
        DeviceAdmin.IssuedToken issued = admin.createPairingToken(DeviceAdmin.NewToken.forUser("dave")
                .withRole("Guest").validFor(Duration.ofHours(1)));
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(issued.token().username()).isEqualTo("dave");
        assertThat(issued.token().role()).isEqualTo("Guest");
        assertThat(issued.token().expires()).isBetween(before.plus(Duration.ofMinutes(59)),
                Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(admin.listPairingTokens()).containsExactly(issued.token());

        admin.deletePairingToken(issued.token().id());
        assertThat(admin.listPairingTokens()).isEmpty();
        assertThat(refused(() -> admin.deletePairingToken(issued.token().id())).code()).isEqualTo("4.04");

        DeviceAdmin.IssuedToken second = admin.createPairingToken(DeviceAdmin.NewToken.forUser("erin"));
        Client erin = PairingFixture.newClient();
        erin.pair(second.pairingString(device, device.lastAddress()), null, null, "");
        assertThat(admin.getUser("erin").keys()).hasSize(1);
        assertThat(admin.listPairingTokens()).isEmpty();
    }

    @Test
    void settingsAndPairingModes() throws Exception {
        DeviceAdmin.Settings initial = admin.settings();
        assertThat(initial.localOpenPairing()).isFalse();
        admin.setPairingMode(DeviceAdmin.PairingSwitch.LOCAL_OPEN, true);
        admin.setOpenPairingRole("Guest");
        admin.setFriendlyName("Kitchen");
        admin.setOpenPairingPassword("a-new-open-password");
        admin.setPairingMode(DeviceAdmin.PairingSwitch.PASSWORD_OPEN, true);
        DeviceAdmin.Settings now = admin.settings();
        assertThat(now).isEqualTo(new DeviceAdmin.Settings(true, initial.localInitialPairing(), true,
                initial.passwordInvitePairing(), "Guest", "Kitchen"));
        assertThat(admin.pairingModes().modes()).contains("PasswordOpen");
        assertThat(refused(() -> admin.setOpenPairingRole("Overlord")).code()).isEqualTo("4.00");

        Client newcomer = PairingFixture.newClient();
        newcomer.pair(PairingRequest.passwordOpen(f.device.remoteAddress()).password("a-new-open-password")
                .username("nico").build());
        assertThat(admin.getUser("nico").role()).isEqualTo("Guest");
    }

    @Test
    void aGuestIsRefusedAndNothingChanges() throws Exception {
        DeviceAdmin.IssuedToken token = admin.createPairingToken(DeviceAdmin.NewToken.forUser("gus")
                .withRole("Guest"));
        Client gus = PairingFixture.newClient();
        KnownDevice known = gus.pair(PairingRequest.token(f.device.remoteAddress()).tokenId(token.token().id())
                .token(token.secret()).build());
        admin.createPairingToken(DeviceAdmin.NewToken.forUser("later"));
        IamState before = f.iam.state();
        try (DeviceConnection c = gus.connect(known, null)) {
            DeviceAdmin guest = c.admin();
            assertThat(guest.me().role()).isEqualTo("Guest");
            List<ThrowingCall> writes = List.of(
                    () -> guest.listUsers(),
                    () -> guest.getUser("admin"),
                    () -> guest.createUser(DeviceAdmin.NewUser.named("mallory").withRole("Administrator")),
                    () -> guest.deleteUser("admin"),
                    () -> guest.setUserRole("gus", "Administrator"),
                    () -> guest.setUserDisplayName("admin", "pwned"),
                    () -> guest.setUserPassword("admin", "take-over-1"),
                    () -> guest.addUserKey("admin", Identity.generate().fingerprint(), "x"),
                    () -> guest.removeUserKey("admin", f.admin.fingerprint()),
                    () -> guest.createPairingToken(DeviceAdmin.NewToken.forUser("mallory").withRole("Administrator")),
                    () -> guest.listPairingTokens(),
                    () -> guest.deletePairingToken(f.iam.state().tokens().get(0).id()),
                    () -> guest.invite("mallory", "Administrator"),
                    () -> guest.settings(),
                    () -> guest.setPairingMode(DeviceAdmin.PairingSwitch.LOCAL_OPEN, true),
                    () -> guest.setOpenPairingRole("Administrator"),
                    () -> guest.setOpenPairingPassword("take-over-2"),
                    () -> guest.setFriendlyName("pwned"));
            for (ThrowingCall call : writes) {
                RequestRefusedException e = refused(call);
                assertThat(e.code()).as(e.getMessage()).isEqualTo("4.03");
                assertThat(e.reason()).as(e.getMessage()).contains("access denied");
            }
        }
        assertThat(f.iam.state()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> DeviceAdmin.NewUser.named("Not A Name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a-z0-9_.-]");
        assertThatThrownBy(() -> admin.getUser("../settings")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.deletePairingToken("../users")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.setUserPassword("admin", "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeviceAdmin.NewToken.forUser("dave").validFor(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(f.iam.state().user("admin").orElseThrow().invitation()).isNull();
    }
}
