package dev.edgepair.client;

import java.util.Objects;

import dev.edgepair.identity.Fingerprint;

/**
 * A device the client has paired with: every later connection is pinned to {@link #fingerprint()}.
 *
 * @param productId the device's product id, as the device proved it during pairing
 * @param deviceId the device's device id, as the device proved it during pairing
 * @param fingerprint the device key's fingerprint
 * @param name the device's friendly name when it was paired (may be empty)
 * @param lastAddress where the client last reached it, host:port (may be empty)
 */
public record KnownDevice(String productId, String deviceId, Fingerprint fingerprint, String name,
                          String lastAddress) {
    /**
     * @param productId the product id
     * @param deviceId the device id
     * @param fingerprint the device key's fingerprint
     * @param name the name (null: empty)
     * @param lastAddress the last address (null: empty)
     * @throws NullPointerException if an id or the fingerprint is null
     */
    public KnownDevice {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        name = name == null ? "" : name;
        lastAddress = lastAddress == null ? "" : lastAddress;
    }

    /**
     * @param address a new address, host:port
     * @return the same device at that address
     */
    public KnownDevice withLastAddress(String address) {
        return new KnownDevice(productId, deviceId, fingerprint, name, address);
    }

    /**
     * @param product a product id
     * @param device a device id
     * @return whether these are this device's ids
     */
    public boolean sameDevice(String product, String device) {
        return productId.equals(product) && deviceId.equals(device);
    }
}
