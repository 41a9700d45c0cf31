package dev.edgepair.iam;

import java.nio.file.Path;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.identity.Identity;

/** A device with IAM on a JSON state file, and clients for it, on loopback. */
final class IamFixture implements AutoCloseable {
    final Path stateFile;
    final Identity deviceKey = Identity.generate();
    Iam iam;
    Device device;

    IamFixture(Path dir) throws Exception {
        this.stateFile = dir.resolve("iam-state.json");
        start();
    }

    void start() throws Exception {
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(stateFile));
        device = TestDevices.device(deviceKey).iam(iam)
                .endpoint(new HelloEndpoint()).build().start();
    }

    void restart() throws Exception {
        device.close();
        start();
    }

    static Client newClient() {
        return Client.builder().identity(Identity.generate()).dtlsSettings(TestDevices.FAST).build();
    }

    DeviceConnection local(Client c) throws Exception {
        return c.connect(device.localAddress());
    }

    DeviceConnection remote(Client c) throws Exception {
        return c.connect(device.remoteAddress());
    }

    @Override
    public void close() {
        device.close();
    }
}
