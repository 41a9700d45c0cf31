package dev.edgepair.client;

/**
 * The device's answer broke the pairing protocol: a body that does not decode, an invalid J-PAKE message (a point
 * off the curve, a bad zero-knowledge proof) or a missing field. An honest device never does this; the client stored
 * nothing.
 */
public final class PairingProtocolException extends PairingException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong with the device's answer
     */
    PairingProtocolException(String message) {
        super(message);
    }
}
