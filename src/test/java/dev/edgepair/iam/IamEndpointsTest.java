package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.device.Routes;
import dev.edgepair.client.Response;
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

    private static CborMap body(Response r) throws Exception {
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

    /** One request per endpoint, and the code each caller must get: an unpaired remote client, a Guest, an admin. */
    private record Probe(String route, String method, String path, CborMap body, String unpaired, String guest,
                         String admin) {
    }

    private static Response send(DeviceConnection c, Probe p) throws Exception {
        return switch (p.method()) {
            case "GET" -> c.get(p.path());
            case "POST" -> c.post(p.path(), p.body());
            case "PUT" -> c.put(p.path(), p.body());
            case "DELETE" -> c.delete(p.path());
            default -> throw new IllegalArgumentException(p.method());
        };
    }

    private static CborMap empty() {
        return CborMap.builder().build();
    }

    /**
     * Every {@code /iam/...} endpoint the device answers (read from its resource tree, so a new endpoint without a
     * row here fails) refuses an unpaired remote client and a Guest with exactly 4.03 where the role lacks the
     * action, and changes nothing; the same requests from the administrator succeed, so the refusals are access
     * control and not bad requests.
     */
    @Test
    void accessControlAppliesToEveryEndpoint() throws Exception {
        assertThat(adminConn.put("/iam/settings/local-open-pairing", map("Value", true)).code()).isEqualTo("2.04");
        assertThat(adminConn.put("/iam/settings/open-pairing-role", map("Value", "Guest")).code()).isEqualTo("2.04");
        assertThat(adminConn.post("/iam/users", CborMap.builder().put("Username", "carol").put("Role", "Standard")
                .build()).code()).isEqualTo("2.01");
        String carolPhone = IamFixture.newClient().fingerprint().hex();
        String carolTablet = IamFixture.newClient().fingerprint().hex();
        assertThat(adminConn.put("/iam/users/carol/fingerprints/" + carolPhone, map("Name", "phone")).code())
                .isEqualTo("2.04");
        Response token = adminConn.post("/iam/pairing-tokens", map("Username", "tok"));
        assertThat(token.code()).isEqualTo("2.01");
        String tokenId = body(token).text("Id", 64);
        Client guestClient = IamFixture.newClient();
        try (DeviceConnection g = f.local(guestClient)) {
            assertThat(g.post("/iam/pairing/local-open", map("Username", "gus")).code()).isEqualTo("2.01");
        }
        assertThat(adminConn.put("/iam/settings/local-open-pairing", map("Value", false)).code()).isEqualTo("2.04");
        assertThat(f.iam.state().user("gus").orElseThrow().role()).isEqualTo("Guest");

        // in the order the administrator can run them
        List<Probe> probes = List.of(
                new Probe("GET iam/pairing", "GET", "/iam/pairing", null, "2.05", "2.05", "2.05"),
                new Probe("POST iam/pairing/local-initial", "POST", "/iam/pairing/local-initial", empty(),
                        "4.03", "4.09", "2.01"),
                new Probe("POST iam/pairing/local-open", "POST", "/iam/pairing/local-open", map("Username", "eve"),
                        "4.03", "4.04", "4.04"),
                new Probe("GET iam/me", "GET", "/iam/me", null, "4.04", "2.05", "2.05"),
                new Probe("GET iam/roles", "GET", "/iam/roles", null, "4.03", "2.05", "2.05"),
                new Probe("GET iam/users", "GET", "/iam/users", null, "4.03", "4.03", "2.05"), // only admins list
                new Probe("POST iam/users", "POST", "/iam/users", CborMap.builder().put("Username", "dave")
                        .put("Role", "Guest").build(), "4.03", "4.03", "2.01"),
                new Probe("GET iam/users/{username}", "GET", "/iam/users/carol", null, "4.03", "4.03", "2.05"),
                new Probe("PUT iam/users/{username}/role", "PUT", "/iam/users/carol/role",
                        map("Role", "Administrator"), "4.03", "4.03", "2.04"),
                new Probe("PUT iam/users/{username}/display-name", "PUT", "/iam/users/carol/display-name",
                        map("DisplayName", "Mallory"), "4.03", "4.03", "2.04"),
                new Probe("PUT iam/users/{username}/password", "PUT", "/iam/users/carol/password",
                        map("Password", "a-long-enough-password"), "4.03", "4.03", "2.04"),
                new Probe("PUT iam/users/{username}/fingerprints/{fingerprint}", "PUT",
                        "/iam/users/carol/fingerprints/" + carolTablet, map("Name", "tablet"), "4.03", "4.03", "2.04"),
                new Probe("DELETE iam/users/{username}/fingerprints/{fingerprint}", "DELETE",
                        "/iam/users/carol/fingerprints/" + carolPhone, null, "4.03", "4.03", "2.02"),
                new Probe("GET iam/settings", "GET", "/iam/settings", null, "4.03", "4.03", "2.05"),
                new Probe("PUT iam/settings/{setting}", "PUT", "/iam/settings/password-open-pairing",
                        map("Value", true), "4.03", "4.03", "2.04"),
                new Probe("GET iam/pairing-tokens", "GET", "/iam/pairing-tokens", null, "4.03", "4.03", "2.05"),
                new Probe("POST iam/pairing-tokens", "POST", "/iam/pairing-tokens", map("Username", "ted"),
                        "4.03", "4.03", "2.01"),
                new Probe("DELETE iam/pairing-tokens/{id}", "DELETE", "/iam/pairing-tokens/" + tokenId, null,
                        "4.03", "4.03", "2.02"),
                new Probe("DELETE iam/users/{username}", "DELETE", "/iam/users/carol", null, "4.03", "4.03", "2.02"));
        assertThat(probes.stream().map(Probe::route).toList()).containsExactlyInAnyOrderElementsOf(
                Routes.of(f.device).stream().filter(r -> r.path().startsWith("iam/")).map(Routes.Route::toString)
                        .toList());

        IamState before = f.iam.state();
        try (DeviceConnection unpaired = f.remote(IamFixture.newClient());
             DeviceConnection guest = f.local(guestClient)) {
            for (Probe p : probes) {
                assertThat(send(unpaired, p).code()).as("unpaired: " + p.route()).isEqualTo(p.unpaired());
                assertThat(f.iam.state()).as("unpaired: " + p.route()).isEqualTo(before);
                assertThat(send(guest, p).code()).as("guest: " + p.route()).isEqualTo(p.guest());
                assertThat(f.iam.state()).as("guest: " + p.route()).isEqualTo(before);
            }
            assertThat(unpaired.get("/hello").code()).isEqualTo("4.03");
            assertThat(guest.get("/hello").code()).isEqualTo("4.03"); // Guest lacks Hello:Get
            // a Guest manages its own user (the condition ${Connection:Username})
            assertThat(guest.get("/iam/users/gus").code()).isEqualTo("2.05");
            assertThat(guest.put("/iam/users/gus/display-name", map("DisplayName", "Gus")).code()).isEqualTo("2.04");
            assertThat(guest.put("/iam/users/gus/role", map("Role", "Administrator")).code()).isEqualTo("4.03");
            assertThat(f.iam.state().user("gus").orElseThrow().role()).isEqualTo("Guest");
        }
        for (Probe p : probes) {
            assertThat(send(adminConn, p).code()).as("admin: " + p.route()).isEqualTo(p.admin());
        }
        assertThat(f.iam.state().user("carol")).isEmpty();
        assertThat(f.iam.state().user("dave")).isPresent();
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
