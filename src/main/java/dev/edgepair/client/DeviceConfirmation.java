package dev.edgepair.client;

/**
 * The client-side step of fingerprint-confirmation pairing ({@link Client#pairWithFingerprintConfirmation}): show the
 * device's fingerprint, let the user accept.
 */
@FunctionalInterface
public interface DeviceConfirmation {
    /**
     * @param device the device, with the fingerprint of the key it proved
     * @return whether the user accepts this device (false: nothing is sent)
     */
    boolean confirm(DeviceDescription device);
}
