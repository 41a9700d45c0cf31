package dev.edgepair.internal.endpoint;

import java.net.InetSocketAddress;
import java.util.List;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.transport.RequestContext;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/** The {@link Call} of a request on a DTLS connection; EdgePair's own endpoints also read its connection context. */
public final class ConnectionCall implements Call {
    private final RequestContext context;
    private final byte[] body;
    private final List<String> path;

    /**
     * @param context the connection the request came on
     * @param body the request body
     * @param path the request path segments
     */
    public ConnectionCall(RequestContext context, byte[] body, List<String> path) {
        this.context = context;
        this.body = body.clone();
        this.path = List.copyOf(path);
    }

    /**
     * The connection context of a call the device made (every call an endpoint receives on a device is one).
     *
     * @param call the call
     * @return its connection context
     * @throws IllegalArgumentException for a call the device did not make
     */
    public static RequestContext context(Call call) {
        if (call instanceof ConnectionCall c) {
            return c.context;
        }
        throw new IllegalArgumentException("not a device call: " + call);
    }

    @Override
    public Fingerprint clientFingerprint() {
        return context.clientFingerprint();
    }

    @Override
    public boolean isLocal() {
        return context.isLocal();
    }

    @Override
    public InetSocketAddress peer() {
        return context.peer();
    }

    @Override
    public List<String> path() {
        return path;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
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

    @Override
    public String toString() {
        return "Call[" + String.join("/", path) + " from " + context + "]";
    }
}
