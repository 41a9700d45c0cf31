package dev.edgepair.client;

import java.util.Objects;
import java.util.Optional;

import dev.edgepair.identity.Fingerprint;

/**
 * A device presented another key than the one the client expected: the key stored for a known device, or the
 * {@code fp=} of a pairing string. Either it was reset or replaced, or something is impersonating it: the client
 * refuses it (nothing was sent in the DTLS session, nothing stored) until the user forgets the device and pairs
 * again.
 */
public final class DeviceKeyChangedException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The product id, or null when unknown. */
    private final String productId;
    /** The device id, or null when unknown. */
    private final String deviceId;
    /** The fingerprint the client expected. */
    private final Fingerprint expected;
    /** The fingerprint the device presented. */
    private final Fingerprint presented;

    /**
     * A key change of a device whose ids are known.
     *
     * @param productId the device's product id
     * @param deviceId the device's device id
     * @param expected the key the client expected (stored or pinned)
     * @param presented the key the device presented
     */
    public DeviceKeyChangedException(String productId, String deviceId, Fingerprint expected,
                                     Fingerprint presented) {
        super("the key of device " + productId + "/" + deviceId + " changed: stored " + expected.hex()
                + ", presented " + presented.hex()
                + ". Refusing it. If the device was reset, forget it and pair again.");
        this.productId = Objects.requireNonNull(productId, "productId");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.expected = expected;
        this.presented = presented;
    }

    /**
     * A device whose ids the client does not know (yet) presented another key than the pinned one.
     *
     * @param address the device's address, host:port
     * @param expected the key the client pinned
     * @param presented the key the device presented
     */
    DeviceKeyChangedException(String address, Fingerprint expected, Fingerprint presented) {
        super("the device at " + address + " presented key " + presented.hex() + ", not the expected "
                + expected.hex() + ". Refusing it; nothing was sent.");
        this.productId = null;
        this.deviceId = null;
        this.expected = expected;
        this.presented = presented;
    }

    /**
     * @return the product id of the device, when the client knew it
     */
    public Optional<String> productId() {
        return Optional.ofNullable(productId);
    }

    /**
     * @return the device id of the device, when the client knew it
     */
    public Optional<String> deviceId() {
        return Optional.ofNullable(deviceId);
    }

    /**
     * @return the fingerprint the client expected (stored for a known device, or pinned)
     */
    public Fingerprint expected() {
        return expected;
    }

    /**
     * @return the fingerprint of the key the device presented
     */
    public Fingerprint presented() {
        return presented;
    }
}
