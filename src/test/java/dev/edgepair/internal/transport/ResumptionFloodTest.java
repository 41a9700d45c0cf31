package dev.edgepair.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.net.DtlsSettings;
import dev.edgepair.tags.EndToEnd;
import dev.edgepair.wire.CborMap;

/**
 * Review of finding R5's fix: Scandium lets up to 30% of resumptions skip the cookie exchange, and a ClientHello
 * without a cookie never reaches ConnectionGuard; yet each completed resumption counts against Scandium's
 * recent-handshake window. One unpaired client that keeps its session could resume it again and again (one round trip
 * each, no public-key work) until the window was full and the owner locked out. The device now asks every
 * resumption for a cookie, so the guard counts resumptions like full handshakes and keeps the reserve.
 * A budget of 56 (maxConnections), 7 kept; loopback sources 127.0.0.x.
 */
@EndToEnd
class ResumptionFloodTest {
    private static final int BUDGET = 56;
    private static final DtlsSettings DEVICE = new DtlsSettings(1, Duration.ofMillis(300), BUDGET,
            Duration.ofSeconds(3), Duration.ofSeconds(1), null, 1000, 100_000);
    private static final DtlsSettings CLIENT = TestDevices.FAST;

    @TempDir
    Path dir;

    @Test
    void resumingOneSessionOverAndOverDoesNotLockOutThePairedOwner() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        try (Device device = TestDevices.device(Identity.generate()).dtlsSettings(DEVICE).iam(iam).build().start()) {
            Client owner = Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory())
                    .dtlsSettings(CLIENT.bindingClientsTo(InetAddress.getByName("127.0.0.2"))).build();
            try (DeviceConnection c = owner.connect(device.localAddress())) {
                assertThat(c.post("/iam/pairing/local-initial", CborMap.builder().build()).code()).isEqualTo("2.01");
            }
            try (DeviceConnection c = owner.connect(device.remoteAddress())) {
                assertThat(c.get("/iam/me").code()).isEqualTo("2.05");
            }
            IamState before = iam.state();

            int resumed = 0;
            int abbreviated = 0;
            try (ClientTransport attacker = ClientTransport.connect(Identity.generate(), device.remoteAddress(), null,
                    CLIENT.bindingClientsTo(InetAddress.getByName("127.0.0.3")))) {
                String session = attacker.session().sessionId();
                for (int i = 0; i < BUDGET + 4; i++) {
                    attacker.resumeOnNextRequest();
                    try {
                        if (!attacker.get("/iam/pairing").code().equals("2.05")) {
                            break;
                        }
                    } catch (IOException e) {
                        break;
                    }
                    // an abbreviated handshake keeps the session; now and then Scandium answers with a full one
                    // (seen once in five suite runs), which counts the same
                    String now = attacker.session().sessionId();
                    abbreviated += now.equals(session) ? 1 : 0;
                    session = now;
                    resumed++;
                }
            }
            // the owner's handshake, the attacker's full one and its resumptions fill the window up to the reserve
            assertThat(resumed).as("handshakes the device went through with").isEqualTo(BUDGET - BUDGET / 8 - 2);
            assertThat(abbreviated).as("of them resumptions (abbreviated handshakes)").isGreaterThan(resumed / 2);
            for (int i = 0; i < 3; i++) {
                assertThat(TestDevices.visit(owner, device.remoteAddress(), "/iam/me")).as("the paired owner, visit %d after the resumptions", i + 1).isEqualTo("2.05");
            }
            assertThat(iam.state()).isEqualTo(before);
        }
    }
}
