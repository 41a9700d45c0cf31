package dev.edgepair.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;

/** The successful answer of an endpoint: a CoAP 2.xx code, a body and its content format. Immutable. */
public final class Reply {
    /** CoAP content format of a CBOR body (RFC 7049, registry value 60). */
    public static final int CBOR = 60;
    /** CoAP content format of a UTF-8 text body (registry value 0). */
    public static final int TEXT = 0;
    /** No content format: the reply has no body. */
    public static final int NONE = -1;

    private static final int CREATED = 0x41;
    private static final int DELETED = 0x42;
    private static final int CHANGED = 0x44;
    private static final int CONTENT = 0x45;

    private final int code;
    private final byte[] body;
    private final int contentFormat;

    private Reply(int code, byte[] body, int contentFormat) {
        this.code = code;
        this.body = body;
        this.contentFormat = contentFormat;
    }

    /**
     * 2.05 Content with a CBOR map.
     *
     * @param body the map
     * @return the reply
     */
    public static Reply content(CborMap body) {
        return new Reply(CONTENT, Cbor.encode(Objects.requireNonNull(body)), CBOR);
    }

    /**
     * 2.05 Content with UTF-8 text.
     *
     * @param text the text
     * @return the reply
     */
    public static Reply text(String text) {
        return new Reply(CONTENT, text.getBytes(StandardCharsets.UTF_8), TEXT);
    }

    /**
     * 2.05 Content with any body and its CoAP content format (a relay, a binary resource).
     *
     * @param body the body, copied
     * @param contentFormat the CoAP content format number, 0-65535
     * @return the reply
     * @throws IllegalArgumentException if the content format is out of range
     */
    public static Reply raw(byte[] body, int contentFormat) {
        if (contentFormat < 0 || contentFormat > 0xffff) {
            throw new IllegalArgumentException("a content format is 0-65535");
        }
        return new Reply(CONTENT, body.clone(), contentFormat);
    }

    /**
     * Any 2.xx code with any body (a relay).
     *
     * @param code the CoAP code as its byte, class 2 (0x40-0x5f)
     * @param body the body, copied
     * @param contentFormat the CoAP content format number, or {@link #NONE}
     * @return the reply
     * @throws IllegalArgumentException if the code is not a success code or the format is out of range
     */
    public static Reply of(int code, byte[] body, int contentFormat) {
        if ((code >> 5) != 2) {
            throw new IllegalArgumentException("a reply has a 2.xx code; refuse with Refusal");
        }
        if (contentFormat < NONE || contentFormat > 0xffff) {
            throw new IllegalArgumentException("a content format is 0-65535");
        }
        return new Reply(code, body.clone(), contentFormat);
    }

    /**
     * 2.01 Created without a body.
     *
     * @return the reply
     */
    public static Reply created() {
        return new Reply(CREATED, new byte[0], NONE);
    }

    /**
     * 2.01 Created with a CBOR map (the thing created).
     *
     * @param body the map
     * @return the reply
     */
    public static Reply created(CborMap body) {
        return new Reply(CREATED, Cbor.encode(Objects.requireNonNull(body)), CBOR);
    }

    /**
     * 2.04 Changed without a body.
     *
     * @return the reply
     */
    public static Reply changed() {
        return new Reply(CHANGED, new byte[0], NONE);
    }

    /**
     * 2.02 Deleted without a body.
     *
     * @return the reply
     */
    public static Reply deleted() {
        return new Reply(DELETED, new byte[0], NONE);
    }

    /**
     * The CoAP response code as its byte (class in the top three bits), for example {@code 0x45} for 2.05.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The body.
     *
     * @return a copy of the body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The CoAP content format of the body, or {@link #NONE}.
     *
     * @return the content format
     */
    public int contentFormat() {
        return contentFormat;
    }

    @Override
    public String toString() {
        return "Reply[" + Refusal.codeText(code) + ", " + body.length + " bytes]";
    }
}
