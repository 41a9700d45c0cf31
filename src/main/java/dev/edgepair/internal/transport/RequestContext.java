package dev.edgepair.internal.transport;

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
    private final boolean local;
    private final java.net.InetAddress source;

    RequestContext(ConnectionKey connection, Fingerprint clientFingerprint, InetSocketAddress peer,
                   ConnectionState state, boolean onLan, java.net.InetAddress source) {
        this.source = source;
        this.connection = connection;
        this.local = connection.listener() == Listener.LOCAL && onLan;
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

    /**
     * Whether the connection is local: it arrived on the local listener <em>and</em> from a source on the LAN
     * (spec/transport.md); only then may local-only pairing modes run on it.
     */
    public boolean isLocal() {
        return local;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    /**
     * Who this request counts as for per-source limits: a LAN neighbour's own address; otherwise the IPv4 address or
     * the IPv6 /64 (spec/transport.md).
     */
    public java.net.InetAddress source() {
        return source;
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
