package dev.edgepair.internal.pairing;

import dev.edgepair.pairing.PairingOptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.edgepair.device.TestClock;
import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.wire.CborMap;

/**
 * A device with IAM and password pairing on loopback, an administrator paired locally, and clients. Public for the
 * client API tests ({@code dev.edgepair.client}).
 */
public final class PairingFixture implements AutoCloseable {
    public static final String OPEN_PASSWORD = "open-sesame-42";
    public final Identity deviceKey = Identity.generate();
    public final Iam iam;
    public final Device device;
    public final dev.edgepair.device.DevicePairing pairing;
    public final Client admin = newClient();
    public final DeviceConnection adminConn;

    public final TestClock clock;

    public PairingFixture(Path dir, PairingOptions options) throws Exception {
        this(dir, options, IamConfig.defaults(), null, true, null);
    }

    /**
     * @param clock drives the window, throttle, timeouts and token expiry, or null for the system clocks
     * @param pairAdmin whether the administrator pairs locally at once (local-initial)
     * @param lanSources the device's LAN rule, or null for the default
     */
    public PairingFixture(Path dir, PairingOptions options, IamConfig config, TestClock clock, boolean pairAdmin,
                   java.util.function.Predicate<java.net.InetAddress> lanSources) throws Exception {
        this.clock = clock;
        iam = Iam.open(config, new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        Device.Builder base = TestDevices.device(deviceKey);
        if (lanSources != null) {
            base.lanSources(lanSources);
        }
        Device.Builder b = (clock == null ? base : base.clocks(clock.wall(), clock::nanos)).iam(iam)
                .passwordPairing(options).endpoint(new HelloEndpoint());
        device = b.build().start();
        pairing = device.pairing();
        adminConn = admin.connect(device.localAddress());
        if (pairAdmin) {
            assertThat(adminConn.post("/iam/pairing/local-initial", CborMap.builder().build()).code())
                    .isEqualTo("2.01");
        }
    }

    public static Client newClient() {
        return Client.builder().identity(Identity.generate()).dtlsSettings(TestDevices.FAST)
                .knownDevices(KnownDevices.inMemory()).build();
    }

    public void enableOpenPassword() throws Exception {
        assertThat(adminConn.put("/iam/settings/open-pairing-password",
                CborMap.builder().put("Value", OPEN_PASSWORD).build()).code()).isEqualTo("2.04");
        assertThat(adminConn.put("/iam/settings/password-open-pairing",
                CborMap.builder().put("Value", true).build()).code()).isEqualTo("2.04");
    }

    @Override
    public void close() {
        adminConn.close();
        device.close();
    }
}
