package dev.edgepair.endpoint;

import dev.edgepair.internal.endpoint.DeviceResource;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * A request is refused with a CoAP error code and a short diagnostic that leaks no secret (design brief item 9).
 * Handlers throw it; {@link DeviceResource} turns it into the response.
 */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final ResponseCode code;
    private final long maxAgeSeconds;

    private Refusal(ResponseCode code, String diagnostic, long maxAgeSeconds) {
        super(diagnostic, null, false, false);
        this.code = code;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    /** 4.00: malformed CBOR, a bad field, a bad point, a step out of order. */
    public static Refusal badRequest(String diagnostic) {
        return new Refusal(ResponseCode.BAD_REQUEST, diagnostic, -1);
    }

    /** 4.01: a failed proof or MAC, or no password authentication on this connection. */
    public static Refusal unauthorized(String diagnostic) {
        return new Refusal(ResponseCode.UNAUTHORIZED, diagnostic, -1);
    }

    /** 4.03: denied by access control, or not a local connection. */
    public static Refusal forbidden(String diagnostic) {
        return new Refusal(ResponseCode.FORBIDDEN, diagnostic, -1);
    }

    /** 4.04: no such thing, or a disabled pairing mode. */
    public static Refusal notFound(String diagnostic) {
        return new Refusal(ResponseCode.NOT_FOUND, diagnostic, -1);
    }

    /** 4.05: the endpoint has no handler for this method. */
    public static Refusal methodNotAllowed() {
        return new Refusal(ResponseCode.METHOD_NOT_ALLOWED, "method not allowed", -1);
    }

    /** 4.09: a username or fingerprint already taken, the initial user already paired. */
    public static Refusal conflict(String diagnostic) {
        return new Refusal(ResponseCode.CONFLICT, diagnostic, -1);
    }

    /** 4.29: throttled; Max-Age says when to retry. */
    public static Refusal tooManyRequests(String diagnostic, long retryAfterSeconds) {
        return new Refusal(ResponseCode.TOO_MANY_REQUESTS, diagnostic, Math.max(1, retryAfterSeconds));
    }

    /** 5.03: the connection changed under the request; retry. */
    public static Refusal unavailable(String diagnostic) {
        return new Refusal(ResponseCode.SERVICE_UNAVAILABLE, diagnostic, 0);
    }

    public ResponseCode code() {
        return code;
    }

    /** Seconds for the Max-Age option, or -1 for none. */
    public long maxAgeSeconds() {
        return maxAgeSeconds;
    }
}
