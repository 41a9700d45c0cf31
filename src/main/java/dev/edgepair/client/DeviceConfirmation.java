package dev.edgepair.client;

/** The client-side step of fingerprint-confirmation pairing: show the device's fingerprint, let the user accept. */
@FunctionalInterface
public interface DeviceConfirmation {
    boolean confirm(DeviceDescription device);
}
