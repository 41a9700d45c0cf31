package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.transport.ClientTransport.Reply;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/** spec/coap-api.md: every IAM endpoint's success and error codes, over real DTLS. */
@EndToEnd
class IamEndpointsTest {
    @TempDir
    Path dir;

    private IamFixture f;
    private Client admin;
    private DeviceConnection adminConn;

    @BeforeEach
    void start() throws Exception {
        f = new IamFixture(dir);
        admin = IamFixture.newClient();
        adminConn = f.local(admin);
        assertThat(adminConn.post("/iam/pairing/local-initial", CborMap.builder().put("FingerprintName", "laptop")
                .build()).code()).isEqualTo("2.01");
    }

    @AfterEach
    void stop() {
        adminConn.close();
        f.close();
    }

    private static CborMap body(Reply r) throws Exception {
        return DeviceConnection.cbor(r);
    }

    private static CborMap map(String k, Object v) {
        var b = CborMap.builder();
        if (v instanceof Boolean bool) {
            b.put(k, bool);
        } else {
            b.put(k, (String) v);
        }
        return b.build();
    }

    @Test
    void localInitialPairsTheInitialUserOnce() throws Exception {
        assertThat(body(adminConn.get("/iam/me")).text("Username", 64)).isEqualTo("admin");
        assertThat(adminConn.post("/iam/pairing/local-initial", CborMap.builder().build()).code()).isEqualTo("2.01");
        try (DeviceConnection other = f.local(IamFixture.newClient())) {
            assertThat(other.post("/iam/pairing/local-initial", CborMap.builder().build()).code()).isEqualTo("4.09");
            assertThat(body(other.get("/iam/pairing")).textList("Modes", 9, 64)).doesNotContain("LocalInitial");
        }
        try (DeviceConnection remote = f.remote(IamFixture.newClient())) {
            assertThat(remote.post("/iam/pairing/local-initial", CborMap.builder().build()).code()).isEqualTo("4.03");
        }
    }

    @Test
    void getPairingListsOnlyTheModesPossibleOnThisConnection() throws Exception {
        assertThat(adminConn.put("/iam/settings/local-open-pairing", map("Value", true)).code()).isEqualTo("2.04");
        try (DeviceConnection local = f.local(IamFixture.newClient());
             DeviceConnection remote = f.remote(IamFixture.newClient())) {
            CborMap info = body(local.get("/iam/pairing"));
            assertThat(info.textList("Modes", 9, 64)).containsExactly("LocalOpen");
            assertThat(info.text("ProductId", 64)).isEqualTo("pr-test");
            assertThat(body(remote.get("/iam/pairing")).textList("Modes", 9, 64)).isEmpty();
        }
    }

    @Test
    void localOpenPairingCreatesAUserWithTheOpenPairingRole() throws Exception {
        Client bob = IamFixture.newClient();
        try (DeviceConnection c = f.local(bob)) {
            CborMap req = CborMap.builder().put("Username", "bob").put("FingerprintName", "phone").build();
            assertThat(c.post("/iam/pairing/local-open", req).code()).isEqualTo("4.04"); // switched off
            assertThat(adminConn.put("/iam/settings/local-open-pairing", map("Value", true)).code()).isEqualTo("2.04");
            assertThat(c.post("/iam/pairing/local-open", req).code()).isEqualTo("2.01");
            assertThat(c.post("/iam/pairing/local-open", req).code()).isEqualTo("2.01"); // idempotent
            CborMap me = body(c.get("/iam/me"));
            assertThat(me.text("Role", 64)).isEqualTo("Standard");
            assertThat(me.mapList("Fingerprints", 9).get(0).text("Name", 64)).isEqualTo("phone");
            assertThat(c.get("/hello").text()).isEqualTo("Hello world");
        }
        try (DeviceConnection other = f.local(IamFixture.newClient())) {
            assertThat(other.post("/iam/pairing/local-open", map("Username", "bob")).code()).isEqualTo("4.09");
            assertThat(other.post("/iam/pairing/local-open", map("Username", "Bad Name")).code()).isEqualTo("4.00");
            assertThat(other.post("/iam/pairing/local-open", new byte[] {1, 2, 3}, MediaTypeRegistry.APPLICATION_CBOR)
                    .code()).isEqualTo("4.00");
            assertThat(other.get("/iam/me").code()).isEqualTo("4.04");
        }
        try (DeviceConnection remote = f.remote(IamFixture.newClient())) {
            assertThat(remote.post("/iam/pairing/local-open", map("Username", "eve")).code()).isEqualTo("4.03");
        }
        assertThat(f.iam.state().users()).extracting(User::username).containsExactlyInAnyOrder("admin", "bob");
    }

    @Test
    void anAdministratorManagesUsers() throws Exception {
        String fp = IamFixture.newClient().fingerprint().hex();
        assertThat(body(adminConn.get("/iam/users")).textList("Users", 99, 64)).containsExactly("admin");
        assertThat(adminConn.post("/iam/users", CborMap.builder().put("Username", "carol").put("Role", "Guest")
                .build()).code()).isEqualTo("2.01");
        assertThat(adminConn.post("/iam/users", map("Username", "carol")).code()).isEqualTo("4.09");
        assertThat(adminConn.post("/iam/users", CborMap.builder().put("Username", "dave").put("Role", "Root")
                .build()).code()).isEqualTo("4.00");
        assertThat(body(adminConn.get("/iam/users/carol")).text("Role", 64)).isEqualTo("Guest");
        assertThat(adminConn.get("/iam/users/nobody").code()).isEqualTo("4.04");
        assertThat(adminConn.put("/iam/users/carol/role", map("Role", "Standard")).code()).isEqualTo("2.04");
        assertThat(adminConn.put("/iam/users/carol/role", map("Role", "Root")).code()).isEqualTo("4.00");
        assertThat(adminConn.put("/iam/users/carol/display-name", map("DisplayName", "Carol")).code())
                .isEqualTo("2.04");
        assertThat(adminConn.put("/iam/users/carol/fingerprints/" + fp, map("Name", "tablet")).code())
                .isEqualTo("2.04");
        assertThat(adminConn.put("/iam/users/carol/fingerprints/NOTHEX", map("Name", "x")).code()).isEqualTo("4.00");
        assertThat(adminConn.put("/iam/users/admin/fingerprints/" + fp, CborMap.builder().build()).code())
                .isEqualTo("4.09");
        CborMap carol = body(adminConn.get("/iam/users/carol"));
        assertThat(carol.text("DisplayName", 64)).isEqualTo("Carol");
        assertThat(carol.mapList("Fingerprints", 9)).hasSize(1);
        assertThat(adminConn.delete("/iam/users/carol/fingerprints/" + fp).code()).isEqualTo("2.02");
        assertThat(adminConn.delete("/iam/users/carol/fingerprints/" + fp).code()).isEqualTo("4.04");
        assertThat(adminConn.delete("/iam/users/carol").code()).isEqualTo("2.02");
        assertThat(adminConn.delete("/iam/users/carol").code()).isEqualTo("4.04");
        assertThat(body(adminConn.get("/iam/roles")).textList("Roles", 9, 64))
                .containsExactly("Unpaired", "Administrator", "Standard", "Guest");
        assertThat(adminConn.get("/iam/users/carol/nothing/here").code()).isEqualTo("4.04");
        assertThat(adminConn.post("/iam/users/carol/role", map("Role", "Guest")).code()).isEqualTo("4.05");
    }

    @Test
    void accessControlAppliesToEveryEndpoint() throws Exception {
        adminConn.put("/iam/settings/local-open-pairing", map("Value", true));
        adminConn.put("/iam/settings/open-pairing-role", map("Value", "Guest"));
        try (DeviceConnection unpaired = f.remote(IamFixture.newClient())) {
            assertThat(unpaired.get("/iam/users").code()).isEqualTo("4.03");
            assertThat(unpaired.get("/iam/settings").code()).isEqualTo("4.03");
            assertThat(unpaired.get("/hello").code()).isEqualTo("4.03");
        }
        try (DeviceConnection guest = f.local(IamFixture.newClient())) {
            assertThat(guest.post("/iam/pairing/local-open", map("Username", "gus")).code()).isEqualTo("2.01");
            assertThat(guest.get("/hello").code()).isEqualTo("4.03"); // Guest lacks Hello:Get
            assertThat(guest.get("/iam/users/gus").code()).isEqualTo("2.05"); // own user
            assertThat(guest.get("/iam/users/admin").code()).isEqualTo("4.03"); // someone else
            assertThat(guest.post("/iam/users", map("Username", "x")).code()).isEqualTo("4.03");
            assertThat(guest.put("/iam/settings/local-open-pairing", map("Value", false)).code()).isEqualTo("4.03");
            assertThat(guest.put("/iam/users/gus/role", map("Role", "Administrator")).code()).isEqualTo("4.03");
            assertThat(guest.put("/iam/users/gus/display-name", map("DisplayName", "Gus")).code()).isEqualTo("2.04");
        }
    }

    @Test
    void settingsReadAndWrite() throws Exception {
        CborMap s = body(adminConn.get("/iam/settings"));
        assertThat(s.bool("LocalInitialPairing")).isTrue();
        assertThat(s.bool("LocalOpenPairing")).isFalse();
        assertThat(adminConn.put("/iam/settings/password-open-pairing", map("Value", true)).code()).isEqualTo("2.04");
        assertThat(adminConn.put("/iam/settings/friendly-name", map("Value", "Kitchen")).code()).isEqualTo("2.04");
        assertThat(adminConn.put("/iam/settings/open-pairing-role", map("Value", "Nope")).code()).isEqualTo("4.00");
        assertThat(adminConn.put("/iam/settings/no-such-thing", map("Value", true)).code()).isEqualTo("4.04");
        assertThat(adminConn.put("/iam/settings/local-open-pairing", map("Value", "yes")).code()).isEqualTo("4.00");
        CborMap after = body(adminConn.get("/iam/settings"));
        assertThat(after.bool("PasswordOpenPairing")).isTrue();
        assertThat(after.text("FriendlyName", 64)).isEqualTo("Kitchen");
    }

    @Test
    void aRestartKeepsEveryUserAndFingerprint() throws Exception {
        adminConn.put("/iam/settings/local-open-pairing", map("Value", true));
        Client bob = IamFixture.newClient();
        try (DeviceConnection c = f.local(bob)) {
            c.post("/iam/pairing/local-open", map("Username", "bob"));
        }
        IamState before = f.iam.state();
        adminConn.close();
        f.restart();
        assertThat(f.iam.state()).isEqualTo(before);
        try (DeviceConnection c = f.remote(bob); DeviceConnection a = f.remote(admin)) {
            assertThat(body(c.get("/iam/me")).text("Username", 64)).isEqualTo("bob");
            assertThat(body(a.get("/iam/me")).text("Username", 64)).isEqualTo("admin");
            assertThat(c.get("/hello").code()).isEqualTo("2.05");
        }
        adminConn = f.local(admin);
    }
}
