package dev.edgepair.endpoint;

import java.nio.charset.StandardCharsets;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;

/** A successful response of a handler: code, body and content format. */
public final class Reply {
    private final ResponseCode code;
    private final byte[] body;
    private final int contentFormat;

    private Reply(ResponseCode code, byte[] body, int contentFormat) {
        this.code = code;
        this.body = body;
        this.contentFormat = contentFormat;
    }

    public static Reply cbor(ResponseCode code, CborMap body) {
        return new Reply(code, Cbor.encode(body), MediaTypeRegistry.APPLICATION_CBOR);
    }

    public static Reply text(ResponseCode code, String body) {
        return new Reply(code, body.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN);
    }

    /** Any body with its content format (a relay, a binary resource). */
    public static Reply raw(ResponseCode code, byte[] body, int contentFormat) {
        return new Reply(code, body.clone(), contentFormat);
    }

    public static Reply empty(ResponseCode code) {
        return new Reply(code, new byte[0], MediaTypeRegistry.UNDEFINED);
    }

    public ResponseCode code() {
        return code;
    }

    public byte[] body() {
        return body;
    }

    public int contentFormat() {
        return contentFormat;
    }
}
