package dev.edgepair.device;

import java.util.List;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.transport.RequestContext;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/** One request as a handler sees it: the connection context, the body, and the path below the resource. */
public final class Call {
    private final RequestContext context;
    private final byte[] body;
    private final List<String> path;

    Call(RequestContext context, byte[] body, List<String> path) {
        this.context = context;
        this.body = body;
        this.path = List.copyOf(path);
    }

    public RequestContext context() {
        return context;
    }

    public Fingerprint clientFingerprint() {
        return context.clientFingerprint();
    }

    public boolean isLocal() {
        return context.isLocal();
    }

    /** The full request path as segments, e.g. {@code ["iam", "users", "alice"]}. */
    public List<String> path() {
        return path;
    }

    public byte[] body() {
        return body.clone();
    }

    /** The body as a strict CBOR map (spec/wire.md); anything else is a 4.00 naming the problem. */
    public CborMap cbor() throws Refusal {
        try {
            return Cbor.decodeMap(body);
        } catch (WireException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }

    /** An optional CBOR body: an empty body is an empty map. */
    public CborMap cborOrEmpty() throws Refusal {
        return body.length == 0 ? CborMap.builder().build() : cbor();
    }

    /** Refuses a connection that did not arrive on the local listener. */
    public void requireLocal() throws Refusal {
        if (!isLocal()) {
            throw Refusal.forbidden("only allowed on a local connection");
        }
    }
}
