package dev.edgepair.net;

import java.time.Duration;

/**
 * Tunables a test or an operator may change; defaults suit a LAN or the Internet. When all
 * {@code maxConnections} are taken, a new handshake evicts the least recently used connection idle for longer
 * than {@code staleAfter}; without that, whoever opens {@code maxConnections} connections would lock every
 * new client out.
 *
 * @param maxRetransmissions DTLS handshake retransmissions before giving up
 * @param retransmissionTimeout the first retransmission timeout (doubling after)
 * @param maxConnections connections a listener keeps
 * @param coapTimeout how long a client waits for an answer
 * @param staleAfter how long a connection must be idle before a new handshake may evict it when all are taken
 * @param clientBind the local address client sockets bind to, or null for any
 * @param connectionsPerSource most established connections per source (an IPv4 address or IPv6 /64)
 * @param handshakesPerSource burst of new handshakes per source, refilled 4 per second
 */
public record DtlsSettings(int maxRetransmissions, Duration retransmissionTimeout, int maxConnections,
                       Duration coapTimeout, Duration staleAfter, java.net.InetAddress clientBind,
                       int connectionsPerSource, int handshakesPerSource) {
    /** How long a closed connection keeps its slot (Scandium keeps it for resumption). */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(10);

    /**
     * 4 retransmissions from 1 s, 4096 connections, 30 s per request, 10 s until a closed connection makes
     * room; per source (an IPv4 address or IPv6 /64) at most 32 connections and a burst of 16 handshakes refilled
     * 4 per second.
     *
     * @return the defaults
     */
    public static DtlsSettings defaults() {
        return new DtlsSettings(4, Duration.ofSeconds(1), 4096, Duration.ofSeconds(30), DEFAULT_STALE_AFTER, null, 32, 16);
    }

    /**
     * @param address the local address client sockets bind to (tests with several loopback sources)
     * @return the same with client sockets bound there
     */
    public DtlsSettings bindingClientsTo(java.net.InetAddress address) {
        return new DtlsSettings(maxRetransmissions, retransmissionTimeout, maxConnections, coapTimeout, staleAfter,
                address, connectionsPerSource, handshakesPerSource);
    }

    /**
     * @param connections most established connections per source
     * @param handshakes burst of new handshakes per source (refilled 4 per second)
     * @return the same with other per-source limits
     */
    public DtlsSettings withPerSourceLimits(int connections, int handshakes) {
        return new DtlsSettings(maxRetransmissions, retransmissionTimeout, maxConnections, coapTimeout, staleAfter,
                clientBind, connections, handshakes);
    }

    /**
     * The defaults with other retransmission, size and timeout values.
     *
     * @param maxRetransmissions DTLS handshake retransmissions before giving up
     * @param retransmissionTimeout the first retransmission timeout
     * @param maxConnections connections a listener keeps
     * @param coapTimeout how long a client waits for an answer
     */
    public DtlsSettings(int maxRetransmissions, Duration retransmissionTimeout, int maxConnections,
                        Duration coapTimeout) {
        this(maxRetransmissions, retransmissionTimeout, maxConnections, coapTimeout, DEFAULT_STALE_AFTER, null, 32, 16);
    }
}
