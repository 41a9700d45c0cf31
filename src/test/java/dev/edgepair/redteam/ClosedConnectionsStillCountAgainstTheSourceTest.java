package dev.edgepair.redteam;

import dev.edgepair.net.DtlsSettings;

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
import dev.edgepair.internal.transport.Dtls;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/**
 * Red-team finding (high): connections that were closed still count against their source, so a paired client that
 * simply connects and disconnects {@code connectionsPerSource} times (one CLI command each) is locked out.
 *
 * <p>ConnectionGuard counts a connection from Scandium's {@code onConnectionEstablished} until
 * {@code onConnectionRemoved}. A connection closed with close_notify (what {@code DeviceConnection.close()} sends) is
 * kept in Scandium's store for resumption and is not removed until the store is full and it is stale; with the
 * default 4096 slots that is practically never. So the closed connections stay in the guard's per-source count, and
 * after 32 sequential connect/close cycles (the default limit; 4 here to keep the test short) every new handshake
 * from that address is refused: "a source holds 32 connections already". A paired administrator using
 * {@code edgepair client ...} 32 times from home is locked out of its own device until the device restarts; any
 * unpaired client on the same NAT address or IPv6 /64 can do the same to everybody there with 32 connect/close
 * cycles, and nothing ages out. Expected: a closed connection stops counting (count live connections; drop a
 * connection from the guard on close_notify, as the registry already does), and the fifth connection succeeds.
 */
@EndToEnd
class ClosedConnectionsStillCountAgainstTheSourceTest {
    @TempDir
    Path dir;

    @Test
    void aPairedClientThatConnectsAndDisconnectsFiveTimesIsLockedOut() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        // a per-source limit of 4 connections, handshakes unlimited: only the connection count is tested
        DtlsSettings settings = new DtlsSettings(1, Duration.ofMillis(500), 1000, Duration.ofSeconds(5))
                .withPerSourceLimits(4, 100_000);
        Device.Builder b = TestDevices.device(Identity.generate()).dtlsSettings(settings).iam(iam);
        try (Device device = b.build().start()) {
            Client owner = Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory())
                    .dtlsSettings(TestDevices.FAST.bindingClientsTo(InetAddress.getByName("127.0.0.7"))).build();
            try (DeviceConnection c = owner.connect(device.localAddress())) {
                assertThat(c.post("/iam/pairing/local-initial", CborMap.builder().build()).code()).isEqualTo("2.01");
            }
            IamState before = iam.state();
            // four more connect / request / close cycles, one at a time: never more than one connection open
            for (int i = 1; i <= 4; i++) {
                String code;
                try (DeviceConnection c = owner.connect(device.localAddress())) {
                    code = c.get("/iam/me").code();
                } catch (IOException e) {
                    code = "no connection (" + e.getMessage() + ")";
                }
                assertThat(code).as("connection %d after %d closed ones", i + 1, i).isEqualTo("2.05");
            }
            assertThat(iam.state()).isEqualTo(before);
        }
    }

    /**
     * The same leak, device-wide: closed connections of unpaired clients stay in the guard's unpaired set, so once
     * {@code maxConnections - maxConnections/8} unpaired connections have ever been opened and closed (3584 by
     * default; a /56 of IPv6 is 256 sources of 32 each), every new unpaired client is closed right after its
     * handshake: nobody can pair any more, with no connection open. Here maxConnections 16: 14 short visits.
     */
    @Test
    void fourteenShortVisitsByUnpairedClientsEndAllPairing() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        DtlsSettings settings = new DtlsSettings(1, Duration.ofMillis(500), 16, Duration.ofSeconds(5))
                .withPerSourceLimits(1000, 100_000);
        Device.Builder b = TestDevices.device(Identity.generate()).dtlsSettings(settings).iam(iam);
        try (Device device = b.build().start()) {
            for (int i = 0; i < 14; i++) { // one at a time, each closed before the next
                Client visitor = Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory())
                        .dtlsSettings(TestDevices.FAST).build();
                try (DeviceConnection c = visitor.connect(device.localAddress())) {
                    assertThat(c.get("/iam/pairing").code()).isEqualTo("2.05");
                }
            }
            IamState before = iam.state();
            Client owner = Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory())
                    .dtlsSettings(TestDevices.FAST).build();
            String code;
            try (DeviceConnection c = owner.connect(device.localAddress())) {
                code = c.post("/iam/pairing/local-initial", CborMap.builder().build()).code();
            } catch (IOException e) {
                code = "no connection (" + e.getMessage() + ")";
            }
            assertThat(code).as("local-initial with no other connection open").isEqualTo("2.01");
            assertThat(iam.state()).isNotEqualTo(before);
        }
    }
}
