package dev.edgepair.client;

import dev.edgepair.identity.Fingerprint;

/**
 * A device presented another key than the one stored for it. Either it was reset or replaced, or something is
 * impersonating it: the client refuses it until the user forgets the device and pairs again.
 */
public final class DeviceKeyChangedException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeviceKeyChangedException(String productId, String deviceId, Fingerprint stored, Fingerprint presented) {
        super("the key of device " + productId + "/" + deviceId + " changed: stored " + stored.hex()
                + ", presented " + presented.hex()
                + ". Refusing it. If the device was reset, forget it and pair again.");
    }
}
