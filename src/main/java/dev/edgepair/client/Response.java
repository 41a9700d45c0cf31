package dev.edgepair.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A device's CoAP response to a {@link DeviceConnection} request.
 *
 * @param code the response code in dotted form, e.g. {@code "2.05"} or {@code "4.03"}
 * @param payload the body (a copy; empty if none)
 * @param contentFormat the CoAP Content-Format ({@code 60} for CBOR, {@code 0} for text), or -1 if absent
 * @param maxAge the Max-Age option in seconds (the retry time of a 4.29)
 */
public record Response(String code, byte[] payload, int contentFormat, long maxAge) {
    /**
     * @param code the response code in dotted form
     * @param payload the body
     * @param contentFormat the Content-Format, or -1
     * @param maxAge the Max-Age in seconds
     */
    public Response {
        Objects.requireNonNull(code, "code");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /**
     * @return a copy of the body
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * @return whether the code is a success (2.xx)
     */
    public boolean isSuccess() {
        return code.startsWith("2.");
    }

    /**
     * @return the body as UTF-8 text (the diagnostic of an error response)
     */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the code, the Content-Format and the body's length, never the body */
    @Override
    public String toString() {
        return "Response[" + code + ", format " + contentFormat + ", " + payload.length + " bytes]";
    }
}
