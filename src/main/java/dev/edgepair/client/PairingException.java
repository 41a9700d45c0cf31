package dev.edgepair.client;

/** The device refused to pair, or the user declined; {@link #code()} is the CoAP code when the device refused. */
public final class PairingException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    public PairingException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The CoAP response code ("4.03"), or "" when the client itself stopped. */
    public String code() {
        return code;
    }
}
