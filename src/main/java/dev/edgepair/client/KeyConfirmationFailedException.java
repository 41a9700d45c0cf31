package dev.edgepair.client;

/**
 * Key confirmation failed: the device's MAC did not match what this client computed, or the DTLS session that the
 * confirmation covered was replaced during pairing. Either a man in the middle sits between the client and the device
 * or another device answered; the client stored nothing and sent nothing that needs the device's trust. Tell the
 * user; do not retry blindly.
 */
public final class KeyConfirmationFailedException extends PairingException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    KeyConfirmationFailedException(String message) {
        super(message);
    }
}
