package dev.edgepair.cli;

import java.io.IOException;
import java.nio.file.Path;

import dev.edgepair.client.Client;
import dev.edgepair.client.JsonFileKnownDevices;
import dev.edgepair.identity.Identity;
import dev.edgepair.identity.IdentityException;

/** A client's home directory: {@code client.key} and {@code known-devices.json}. */
final class ClientHome {
    private ClientHome() {
    }

    static Client open(Path dir) throws IOException, IdentityException {
        DeviceHome.createPrivateDirectory(dir);
        return Client.builder().identity(Identity.loadOrCreate(dir.resolve("client.key")))
                .knownDevices(JsonFileKnownDevices.open(dir.resolve("known-devices.json"))).build();
    }
}
