package dev.edgepair.endpoint;

/**
 * A refused request: a CoAP 4.xx or 5.xx code and a short diagnostic that leaks no secret. Endpoints throw it; the
 * device answers with the code and the diagnostic as text.
 */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** The CoAP code as its byte. */
    private final int code;
    /** Seconds for the Max-Age option, or -1. */
    private final long maxAgeSeconds;

    private Refusal(int code, String diagnostic, long maxAgeSeconds) {
        super(diagnostic, null, false, false);
        this.code = code;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /**
     * 4.00: malformed CBOR, a bad field, a bad point, a step out of order.
     *
     * @param diagnostic what is wrong, without secrets
     * @return the refusal
     */
    public static Refusal badRequest(String diagnostic) {
        return new Refusal(0x80, diagnostic, -1);
    }

    /**
     * 4.01: a failed proof or MAC, or no password authentication on this connection.
     *
     * @param diagnostic what is wrong, without secrets
     * @return the refusal
     */
    public static Refusal unauthorized(String diagnostic) {
        return new Refusal(0x81, diagnostic, -1);
    }

    /**
     * 4.03: denied by access control, or not a local connection.
     *
     * @param diagnostic what is wrong, without secrets
     * @return the refusal
     */
    public static Refusal forbidden(String diagnostic) {
        return new Refusal(0x83, diagnostic, -1);
    }

    /**
     * 4.04: no such thing, or a pairing mode that is switched off.
     *
     * @param diagnostic what is missing
     * @return the refusal
     */
    public static Refusal notFound(String diagnostic) {
        return new Refusal(0x84, diagnostic, -1);
    }

    /**
     * 4.05: the path exists but not for this method.
     *
     * @return the refusal
     */
    public static Refusal methodNotAllowed() {
        return new Refusal(0x85, "method not allowed", -1);
    }

    /**
     * 4.09: a username or key already taken, the initial user already paired.
     *
     * @param diagnostic what conflicts
     * @return the refusal
     */
    public static Refusal conflict(String diagnostic) {
        return new Refusal(0x89, diagnostic, -1);
    }

    /**
     * 4.29: throttled; the Max-Age option says when to retry.
     *
     * @param diagnostic what is throttled
     * @param retryAfterSeconds seconds until a retry can succeed (at least 1 is sent)
     * @return the refusal
     */
    public static Refusal tooManyRequests(String diagnostic, long retryAfterSeconds) {
        return new Refusal(0x9d, diagnostic, Math.max(1, retryAfterSeconds));
    }

    /**
     * 5.03: the request could not be served now (the connection changed under it, the state could not be saved);
     * nothing changed, retry.
     *
     * @param diagnostic what happened
     * @return the refusal
     */
    public static Refusal unavailable(String diagnostic) {
        return new Refusal(0xa3, diagnostic, 0);
    }

    /**
     * 5.00: an endpoint failed unexpectedly; the diagnostic says nothing more.
     *
     * @return the refusal
     */
    public static Refusal internalError() {
        return new Refusal(0xa0, "internal error", -1);
    }

    /**
     * Any 4.xx or 5.xx code (a relay passing on another device's answer).
     *
     * @param code the CoAP code as its byte, class 4 or 5
     * @param diagnostic the diagnostic text
     * @return the refusal
     * @throws IllegalArgumentException if the code is not an error code
     */
    public static Refusal of(int code, String diagnostic) {
        if ((code >> 5) != 4 && (code >> 5) != 5) {
            throw new IllegalArgumentException("a refusal has a 4.xx or 5.xx code");
        }
        return new Refusal(code, diagnostic, -1);
    }

    /**
     * The CoAP response code as its byte (class in the top three bits), for example {@code 0x83} for 4.03.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The code as CoAP writes it, for example {@code "4.03"}.
     *
     * @return the code in c.dd form
     */
    public String codeText() {
        return codeText(code);
    }

    /**
     * Seconds for the Max-Age option of the answer, or -1 for none.
     *
     * @return the Max-Age, or -1
     */
    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }

    static String codeText(int code) {
        return (code >> 5) + "." + String.format("%02d", code & 0x1f);
    }
}
