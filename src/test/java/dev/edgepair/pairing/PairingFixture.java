package dev.edgepair.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloResource;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.iam.coap.IamModule;
import dev.edgepair.identity.Identity;
import dev.edgepair.wire.CborMap;

/** A device with IAM and password pairing on loopback, an administrator paired locally, and clients. */
final class PairingFixture implements AutoCloseable {
    static final String OPEN_PASSWORD = "open-sesame-42";
    final Identity deviceKey = Identity.generate();
    final Iam iam;
    final Device device;
    final PasswordPairing pairing;
    final Client admin = newClient();
    final DeviceConnection adminConn;

    PairingFixture(Path dir, PasswordPairing.Options options) throws Exception {
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        Device.Builder b = IamModule.install(TestDevices.device(deviceKey), iam)
                .resource("hello", HelloResource.ACTION, new HelloResource());
        pairing = PasswordPairing.install(b, iam, options);
        device = b.build().start();
        adminConn = admin.connect(device.localAddress());
        assertThat(adminConn.post("/iam/pairing/local-initial", CborMap.builder().build()).code()).isEqualTo("2.01");
    }

    static Client newClient() {
        return Client.builder().identity(Identity.generate()).dtlsSettings(TestDevices.FAST)
                .knownDevices(KnownDevices.inMemory()).build();
    }

    void enableOpenPassword() throws Exception {
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
