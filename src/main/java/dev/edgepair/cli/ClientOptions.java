package dev.edgepair.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.DeviceKeyChangedException;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.identity.IdentityException;
import picocli.CommandLine.Option;

/** What every client command shares: the home directory and which known device (and address) to talk to. */
final class ClientOptions {
    @Option(names = "--home", required = true, description = "Client home directory (key and known devices).")
    Path home;

    @Option(names = "--device", description = "Known device as productId/deviceId (default: the only one).")
    String device;

    @Option(names = "--address", description = "Device address host:port (default: its last known address).")
    String address;

    Client client() throws IOException, IdentityException {
        return ClientHome.open(home);
    }

    InetSocketAddress requiredAddress() throws IOException {
        if (address == null) {
            throw new IOException("give the device address with --address host:port");
        }
        return Client.parseAddress(address);
    }

    KnownDevice known(Client client) throws IOException {
        List<KnownDevice> all = client.knownDevices().list();
        if (device != null) {
            String[] pd = device.split("/", 2);
            if (pd.length != 2) {
                throw new IOException("--device is productId/deviceId");
            }
            return client.knownDevices().find(pd[0], pd[1])
                    .orElseThrow(() -> new IOException("no known device " + device + "; pair with it first"));
        }
        if (all.size() != 1) {
            throw new IOException(all.isEmpty() ? "no known devices; pair with one first"
                    : "several known devices; choose one with --device productId/deviceId");
        }
        return all.get(0);
    }

    /** A connection pinned to the chosen known device. */
    DeviceConnection connect(Client client) throws IOException, DeviceKeyChangedException {
        KnownDevice d = known(client);
        return client.connect(d, address == null ? null : Client.parseAddress(address));
    }
}
