package dev.edgepair.client;

/**
 * The device did not accept the password or token (CoAP 4.01 at a password step): it is wrong, or was used, revoked
 * or expired, or the device changed it. A man in the middle that relays the exchange looks the same to the device
 * (the client's proof covers the DTLS session, which the relay cannot forward), so the device refuses it with 4.01
 * too. Nothing was stored on either side.
 */
public final class WrongSecretException extends PairingException {
    private static final long serialVersionUID = 1L;
    /** The device's diagnostic text. */
    private final String reason;

    /**
     * @param reason the device's diagnostic text (may be empty)
     */
    WrongSecretException(String reason) {
        super("wrong password or token (or it was used, revoked or expired)"
                + (reason.isEmpty() ? "" : ": the device said \"" + reason + "\""));
        this.reason = reason;
    }

    /**
     * @return the device's diagnostic text, possibly empty
     */
    public String reason() {
        return reason;
    }
}
