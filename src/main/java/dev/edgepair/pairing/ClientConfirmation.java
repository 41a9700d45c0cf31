package dev.edgepair.pairing;

import dev.edgepair.identity.Fingerprint;

/**
 * The device-side step of fingerprint-confirmation pairing (the Nabto Edge 5.1 "eyeball" flow): show the client's
 * fingerprint on the device and let its user accept it, for example with a button press.
 */
@FunctionalInterface
public interface ClientConfirmation {
    boolean confirm(Fingerprint client);
}
