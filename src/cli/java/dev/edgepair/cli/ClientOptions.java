package dev.edgepair.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.DeviceKeyChangedException;
import dev.edgepair.client.KnownDevice;
import picocli.CommandLine.Option;

/** What every client command shares: the home directory and which known device (and address) to talk to. */
final class ClientOptions {
    @Option(names = "--home", required = true, description = "Client home directory (key and known devices).")
    Path home;

    @Option(names = "--device", description = "Known device as productId/deviceId (default: the only one).")
    String device;

    @Option(names = "--address", description = "Device address host:port (default: its last known address).")
    String address;

    @Option(names = "--timeout", defaultValue = "5", description = "Seconds to wait for the device (default: 5).")
    int timeoutSeconds;

    Duration timeout() throws DeviceCommand.UsageError {
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new DeviceCommand.UsageError("--timeout " + timeoutSeconds + ": give 1-600 seconds");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    InetSocketAddress requiredAddress() throws IOException {
        if (address == null) {
            throw new IOException("give the device address with --address host:port");
        }
        return resolve("--address", address);
    }

    /** The --address, or null. */
    InetSocketAddress addressOrNull() throws IOException {
        return address == null ? null : resolve("--address", address);
    }

    /** host:port, resolved now: an unknown host is one clear line, not a failure deep in the connection. */
    static InetSocketAddress resolve(String what, String hostPort) throws IOException {
        InetSocketAddress a;
        try {
            a = Client.parseAddress(hostPort);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(what + " " + hostPort + ": give host:port (IPv6 in brackets), e.g. 192.168.1.20:5684");
        }
        if (a.isUnresolved() || a.getAddress() == null) {
            throw new IOException(what + " " + hostPort + ": cannot resolve host " + a.getHostString()
                    + "; check the name or give an IP address");
        }
        if (a.getPort() < 1 || a.getPort() > 65535) {
            throw new IOException(what + " " + hostPort + ": the port is 1-65535");
        }
        return a;
    }

    KnownDevice known(Client client) throws IOException {
        List<KnownDevice> all = client.knownDevices().list();
        if (device != null) {
            String[] pd = device.split("/", 2);
            if (pd.length != 2) {
                throw new IOException("--device is productId/deviceId, e.g. pr-abc/de-123 (see `client devices`)");
            }
            return client.knownDevices().find(pd[0], pd[1])
                    .orElseThrow(() -> new IOException("no known device " + device + "; see `client devices`, or "
                            + "pair with it first"));
        }
        if (all.size() != 1) {
            throw new IOException(all.isEmpty() ? "no known devices in " + home + "; pair with one first"
                    : "several known devices; choose one with --device productId/deviceId (see `client devices`)");
        }
        return all.get(0);
    }

    /** A connection pinned to the chosen known device. */
    DeviceConnection connect(Client client) throws IOException, DeviceKeyChangedException {
        InetSocketAddress given = addressOrNull(); // a mistyped address is named before anything else
        KnownDevice d = known(client);
        InetSocketAddress a = given != null ? given
                : resolve("the stored address of " + d.productId() + "/" + d.deviceId(), d.lastAddress());
        return client.connect(d, a);
    }
}
