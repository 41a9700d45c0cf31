package dev.edgepair.endpoint;

import java.util.List;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.transport.RequestContext;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/** One request as a handler sees it: the connection context, the body, and the path below the resource. */
public final class Call {
    private final RequestContext context;
    private final byte[] body;
    private final List<String> path;

    public Call(RequestContext context, byte[] body, List<String> path) {
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

    /**
     * The body as a strict CBOR map (spec/wire.md); an empty body is the empty map (one rule for every endpoint);
     * anything else is a 4.00 naming the problem.
     */
    public CborMap cbor() throws Refusal {
        if (body.length == 0) {
            return CborMap.builder().build();
        }
        try {
            return Cbor.decodeMap(body);
        } catch (WireException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }

    /** Refuses a connection that did not arrive on the local listener. */
    public void requireLocal() throws Refusal {
        if (!isLocal()) {
            throw Refusal.forbidden("only allowed on a local connection");
        }
    }
}
