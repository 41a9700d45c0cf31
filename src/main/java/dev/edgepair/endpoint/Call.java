package dev.edgepair.endpoint;

import java.net.InetSocketAddress;
import java.util.List;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.wire.CborMap;

/**
 * One request as an endpoint sees it: who sent it (the key the DTLS handshake authenticated), on which listener, the
 * path and the body. The device creates it; an endpoint only reads it.
 */
public interface Call {

    /**
     * The fingerprint of the key the client proved in this connection's DTLS handshake.
     *
     * @return the client's fingerprint
     */
    Fingerprint clientFingerprint();

    /**
     * Whether the request arrived on the local listener from a LAN source (spec/transport.md).
     *
     * @return true for a local connection
     */
    boolean isLocal();

    /**
     * The client's address and port as the device sees them.
     *
     * @return the peer address
     */
    InetSocketAddress peer();

    /**
     * The full request path as segments, for example {@code ["iam", "users", "alice"]}.
     *
     * @return the path, unmodifiable
     */
    List<String> path();

    /**
     * The raw request body (empty when there is none).
     *
     * @return a copy of the body
     */
    byte[] body();

    /**
     * The body as a strict CBOR map (spec/wire.md); an empty body is the empty map, the same rule for every endpoint.
     *
     * @return the decoded map
     * @throws Refusal 4.00 naming the problem when the body is not a strict CBOR map
     */
    CborMap cbor() throws Refusal;

    /**
     * Refuses a request that did not arrive on a local connection.
     *
     * @throws Refusal 4.03 when {@link #isLocal()} is false
     */
    default void requireLocal() throws Refusal {
        if (!isLocal()) {
            throw Refusal.forbidden("only allowed on a local connection");
        }
    }
}
