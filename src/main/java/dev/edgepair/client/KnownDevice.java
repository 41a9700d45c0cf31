package dev.edgepair.client;

import java.util.Objects;

import dev.edgepair.identity.Fingerprint;

/** A device the client has paired with: every later connection is pinned to {@link #fingerprint()}. */
public record KnownDevice(String productId, String deviceId, Fingerprint fingerprint, String name,
                          String lastAddress) {
    public KnownDevice {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        name = name == null ? "" : name;
        lastAddress = lastAddress == null ? "" : lastAddress;
    }

    public KnownDevice withLastAddress(String address) {
        return new KnownDevice(productId, deviceId, fingerprint, name, address);
    }

    public boolean sameDevice(String product, String device) {
        return productId.equals(product) && deviceId.equals(device);
    }
}
