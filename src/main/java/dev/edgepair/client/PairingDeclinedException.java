package dev.edgepair.client;

/**
 * The user did not accept the device shown by {@link DeviceConfirmation}: nothing was sent to the device and nothing
 * was stored.
 */
public final class PairingDeclinedException extends PairingException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was declined
     */
    PairingDeclinedException(String message) {
        super(message);
    }
}
