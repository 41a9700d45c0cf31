package dev.edgepair.pairing;

import dev.edgepair.identity.Fingerprint;

/**
 * The device-side step of fingerprint-confirmation pairing (the Nabto Edge 5.1 "eyeball" flow): show the client's
 * fingerprint on the device and let its user accept it, for example with a button press.
 */
@FunctionalInterface
public interface ClientConfirmation {
    /**
     * Asks the device's user whether to pair a client; called for a client whose key is not paired yet, on the
     * thread that handles the request, which waits for the answer.
     *
     * @param client the fingerprint of the client's key, to show to the device's user
     * @return true if the user accepted, false if they declined (the client gets 4.03)
     */
    boolean confirm(Fingerprint client);
}
