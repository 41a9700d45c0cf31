package dev.edgepair.client;

/**
 * Pairing did not happen, and nothing was stored on the client. Each subclass is a case a caller acts on
 * differently: {@link WrongSecretException} (ask for the password or token again), {@link PairingThrottledException}
 * (wait {@link PairingThrottledException#retryAfter()}), {@link KeyConfirmationFailedException} (warn: a man in the
 * middle or the wrong device answered), {@link PairingRefusedException} (the device said no: its code and reason),
 * {@link PairingProtocolException} (the device broke the protocol) and {@link PairingDeclinedException} (the user
 * did not accept the device).
 */
public abstract sealed class PairingException extends Exception
        permits WrongSecretException, PairingThrottledException, KeyConfirmationFailedException,
        PairingRefusedException, PairingProtocolException, PairingDeclinedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, in a sentence
     */
    PairingException(String message) {
        super(message);
    }

    /**
     * The one mapping of a device's error answer during pairing to the exception a caller acts on: 4.01 a wrong
     * secret, 4.29 throttled (retry after Max-Age), any other code a refusal with the device's diagnostic.
     *
     * @param response an error response to a pairing request
     * @return the matching exception
     */
    static PairingException of(Response response) {
        String reason = response.text().strip();
        return switch (response.code()) {
            case "4.01" -> new WrongSecretException(reason);
            case "4.29" -> new PairingThrottledException(java.time.Duration.ofSeconds(Math.max(0, response.maxAge())),
                    reason);
            default -> new PairingRefusedException(response.code(), reason);
        };
    }
}
