package dev.edgepair.client;

/**
 * The device refused to pair with a CoAP error other than a wrong secret (4.01) or throttling (4.29): for instance
 * 4.03 (not on the local network, or the pairing window is closed), 4.04 (that pairing mode is switched off) or 4.09
 * (the username is taken, or this client's key belongs to another user). {@link #code()} and {@link #reason()} say
 * which.
 */
public final class PairingRefusedException extends PairingException {
    private static final long serialVersionUID = 1L;
    /** The CoAP response code. */
    private final String code;
    /** The device's diagnostic text. */
    private final String reason;

    /**
     * @param code the CoAP response code, e.g. {@code "4.03"}
     * @param reason the device's diagnostic text (may be empty)
     */
    PairingRefusedException(String code, String reason) {
        super("the device refused pairing (" + code + ")" + (reason.isEmpty() ? "" : ": " + reason));
        this.code = code;
        this.reason = reason;
    }

    /**
     * @return the CoAP response code in dotted form, e.g. {@code "4.09"}
     */
    public String code() {
        return code;
    }

    /**
     * @return the device's diagnostic text, possibly empty
     */
    public String reason() {
        return reason;
    }
}
