package dev.edgepair.client;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The client's list of known devices. {@link JsonFileKnownDevices} keeps it in a file; tests use the in-memory one. */
public interface KnownDevices {
    /**
     * @param productId the product id
     * @param deviceId the device id
     * @return the device with these ids, if known
     */
    Optional<KnownDevice> find(String productId, String deviceId);

    /**
     * @return every known device
     */
    List<KnownDevice> list();

    /**
     * Stores or updates a device. A device already stored with another fingerprint is refused with
     * {@link DeviceKeyChangedException} and nothing changes.
     *
     * @param device the device
     * @throws DeviceKeyChangedException if the device is stored with another key
     * @throws IOException if the store cannot be written (nothing changed)
     */
    void remember(KnownDevice device) throws DeviceKeyChangedException, IOException;

    /**
     * Removes a device.
     *
     * @param productId the product id
     * @param deviceId the device id
     * @return whether it was there
     * @throws IOException if the store cannot be written (nothing changed)
     */
    boolean forget(String productId, String deviceId) throws IOException;

    /**
     * @return an empty store that lives as long as the process
     */
    static KnownDevices inMemory() {
        return new InMemoryKnownDevices();
    }
}
