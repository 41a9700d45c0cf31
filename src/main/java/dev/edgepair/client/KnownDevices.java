package dev.edgepair.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The client's list of known devices. {@link JsonFileKnownDevices} keeps it in a file; tests use the in-memory one. */
public interface KnownDevices {
    Optional<KnownDevice> find(String productId, String deviceId);

    List<KnownDevice> list();

    /**
     * Stores or updates a device. A device already stored with another fingerprint is refused with
     * {@link DeviceKeyChangedException} and nothing changes.
     */
    void remember(KnownDevice device) throws DeviceKeyChangedException, IOException;

    /** Removes a device; returns whether it was there. */
    boolean forget(String productId, String deviceId) throws IOException;

    static KnownDevices inMemory() {
        return new InMemoryKnownDevices();
    }
}
