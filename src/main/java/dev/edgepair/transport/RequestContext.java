package dev.edgepair.transport;

import java.net.InetSocketAddress;

import dev.edgepair.identity.Fingerprint;

/**
 * What a device-side handler knows about the connection a request came on: the DTLS connection, the client's key
 * fingerprint, whether it arrived on the local listener, and the session's RFC 5705 exporter value.
 */
public final class RequestContext {
    private final ConnectionKey connection;
    private final Fingerprint clientFingerprint;
    private final InetSocketAddress peer;
    private final ConnectionState state;

    RequestContext(ConnectionKey connection, Fingerprint clientFingerprint, InetSocketAddress peer,
                   ConnectionState state) {
        this.connection = connection;
        this.clientFingerprint = clientFingerprint;
        this.peer = peer;
        this.state = state;
    }

    public ConnectionKey connection() {
        return connection;
    }

    public Fingerprint clientFingerprint() {
        return clientFingerprint;
    }

    public boolean isLocal() {
        return connection.listener() == Listener.LOCAL;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    /** 32 bytes of RFC 5705 keying material for this DTLS session, label {@link Dtls#EXPORTER_LABEL}. */
    public byte[] exporter() {
        return state.exporter();
    }

    /** State that lives exactly as long as this connection (see {@code spec/transport.md}). */
    public ConnectionState state() {
        return state;
    }

    @Override
    public String toString() {
        return "RequestContext[" + connection + ", client " + clientFingerprint.shortHex() + "]";
    }
}
