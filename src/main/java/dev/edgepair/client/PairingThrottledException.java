package dev.edgepair.client;

import java.time.Duration;

/**
 * The device refused to try a password or token now (CoAP 4.29): too many attempts from this source or in total.
 * Nothing was tested; try again after {@link #retryAfter()} (the response's Max-Age).
 */
public final class PairingThrottledException extends PairingException {
    private static final long serialVersionUID = 1L;
    /** The device's Max-Age. */
    private final Duration retryAfter;
    /** The device's diagnostic text. */
    private final String reason;

    /**
     * @param retryAfter how long the device asked the client to wait (its Max-Age)
     * @param reason the device's diagnostic text (may be empty)
     */
    PairingThrottledException(Duration retryAfter, String reason) {
        super("the device throttles pairing attempts: retry in " + retryAfter.toSeconds() + " s"
                + (reason.isEmpty() ? "" : " (the device said \"" + reason + "\")"));
        this.retryAfter = retryAfter;
        this.reason = reason;
    }

    /**
     * @return how long to wait before the next attempt, from the device's Max-Age option (zero or more)
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * @return the device's diagnostic text, possibly empty
     */
    public String reason() {
        return reason;
    }
}
