package dev.edgepair.cli;

import dev.edgepair.net.DtlsSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceKeyChangedException;
import dev.edgepair.client.JsonFileKnownDevices;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.identity.Identity;
import dev.edgepair.identity.IdentityException;
import dev.edgepair.internal.transport.Dtls;

/**
 * A client's home directory: {@code client.key} and {@code known-devices.json}, locked for the command ({@code lock}),
 * checked writable before any device is contacted.
 */
final class ClientHome implements AutoCloseable {
    final Path dir;
    final Client client;
    private final HomeLock lock;

    private ClientHome(Path dir, Client client, HomeLock lock) {
        this.dir = dir;
        this.client = client;
        this.lock = lock;
    }

    static ClientHome open(Path dir, Duration timeout) throws IOException, IdentityException {
        DeviceHome.createPrivateDirectory(dir, "client home");
        checkWritable(dir);
        HomeLock lock = HomeLock.acquire(dir, "client home", Duration.ofSeconds(10));
        try {
            Identity identity;
            try {
                identity = Identity.loadOrCreate(dir.resolve("client.key"));
            } catch (IdentityException e) {
                throw new IOException(dir.resolve("client.key") + " cannot be read (" + e.getMessage() + "): restore "
                        + "it from a backup; without it this client must pair again as a new key");
            }
            JsonFileKnownDevices known;
            try {
                known = JsonFileKnownDevices.open(dir.resolve("known-devices.json"));
            } catch (IOException | RuntimeException e) {
                throw new IOException(dir.resolve("known-devices.json") + " cannot be read (" + e.getMessage()
                        + "): restore it from a backup, or move it away and pair again");
            }
            DtlsSettings d = DtlsSettings.defaults();
            Client client = Client.builder().identity(identity).knownDevices(new Guarded(known))
                    .dtlsSettings(new DtlsSettings(d.maxRetransmissions(), d.retransmissionTimeout(),
                            d.maxConnections(), timeout)).build();
            return new ClientHome(dir, client, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void checkWritable(Path dir) throws IOException {
        try {
            Path probe = Files.createTempFile(dir, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage();
            throw new IOException("client home " + dir + " is not writable (" + why + "): fix its permissions or "
                    + "choose another --home; nothing was sent to any device");
        }
    }

    @Override
    public void close() {
        lock.close();
    }

    /** Storing a device failed after the device had paired this client. */
    static final class StoreFailed extends IOException {
        private static final long serialVersionUID = 1L;
        final transient KnownDevice device;

        StoreFailed(KnownDevice device, IOException cause) {
            super(cause.getMessage(), cause);
            this.device = device;
        }
    }

    /** Known devices whose failed write says which device was not stored. */
    private record Guarded(KnownDevices inner) implements KnownDevices {
        @Override
        public Optional<KnownDevice> find(String productId, String deviceId) {
            return inner.find(productId, deviceId);
        }

        @Override
        public List<KnownDevice> list() {
            return inner.list();
        }

        @Override
        public void remember(KnownDevice device) throws DeviceKeyChangedException, IOException {
            try {
                inner.remember(device);
            } catch (IOException e) {
                throw new StoreFailed(device, e);
            }
        }

        @Override
        public boolean forget(String productId, String deviceId) throws IOException {
            return inner.forget(productId, deviceId);
        }
    }
}
