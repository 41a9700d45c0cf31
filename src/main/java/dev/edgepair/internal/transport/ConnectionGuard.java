package dev.edgepair.internal.transport;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.eclipse.californium.scandium.DtlsDatagramFilter;
import org.eclipse.californium.scandium.dtls.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.edgepair.identity.Fingerprint;

/**
 * Keeps one source from taking every DTLS connection slot of a listener (spec/transport.md, "Connection limits"):
 * <ul>
 * <li>at most {@code perSource} established connections per source (an IPv4 address, or an IPv6 /64);</li>
 * <li>at most {@code handshakeBurst} new handshakes per source, refilled one per {@code handshakeRefillNanos};</li>
 * <li>clients whose key is not paired ({@code paired} says no) may hold at most {@code unpairedQuota} connections in
 *     all: the rest of the listener's connections stay free for paired clients. A newcomer beyond that is closed at
 *     once, so the attacker's slots are the ones that do not grow.</li>
 * <li>Scandium refuses every new handshake, a paired client's too, once more than {@code handshakeBudget} handshakes
 *     completed within its ClientHello replay window ({@link #RECENT_WINDOW_NANOS}); closing a connection does not
 *     give its handshake back. So a source from which no paired client completed a handshake may start one only
 *     while fewer than {@code handshakeBudget - handshakeReserve} completed in that window: many sources completing
 *     handshakes with fresh keys lock out newcomers for the window, not the clients the device already knows.</li>
 * </ul>
 * Refused handshakes are dropped before Scandium keeps any state (a ClientHello that carries a cookie is where it would
 * start to); they are logged at most once per 10 seconds per reason, with the count dropped meanwhile.
 */
final class ConnectionGuard extends DtlsDatagramFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final int MAX_TRACKED_SOURCES = 4096;
    /**
     * Scandium's window of recent handshakes ({@code DTLSConnector}, 3.14: twice the cookie lifetime of 60 s, plus
     * 15 s): a completed handshake counts against {@code max(maxConnections, 50)} for that long.
     */
    static final long RECENT_WINDOW_NANOS = 135_000_000_000L;

    private final int perSource;
    private final int handshakeBurst;
    private final long handshakeRefillNanos;
    private final int unpairedQuota;
    private final Predicate<Fingerprint> paired;
    private final LongSupplier nanos;
    private final String tag;
    private final Map<InetAddress, Set<Connection>> established = new LinkedHashMap<>();
    private final Map<Connection, InetAddress> sourceOfConnection = new IdentityHashMap<>();
    private final Set<Connection> unpaired = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<InetAddress, double[]> handshakeTokens = new LinkedHashMap<>(16, 0.75f, true);
    private final int handshakeBudget;
    private final int handshakeReserve;
    /** When each handshake of the recent window completed, oldest first. */
    private final java.util.ArrayDeque<Long> recentHandshakes = new java.util.ArrayDeque<>();
    /** Sources from which a paired client completed a handshake, most recent last. */
    private final Map<InetAddress, Boolean> pairedSources = new LinkedHashMap<>(16, 0.75f, true);
    private volatile Closer closer;
    private long lastLogNanos;
    private int droppedSinceLog;

    /** Closes a connection of a given key (the listener's DTLS connector). */
    @FunctionalInterface
    interface Closer {
        void close(Principal key);
    }

    private final Predicate<InetAddress> lanSources;
    private final long staleNanos;

    /**
     * @param lanSources LAN neighbours are each their own source (an IPv6 /64 is a whole LAN there, not one host)
     * @param staleNanos a connection idle this long no longer counts: Scandium may evict it for a newcomer
     */
    ConnectionGuard(int perSource, int handshakeBurst, long handshakeRefillNanos, int unpairedQuota,
                    int handshakeBudget, int handshakeReserve, Predicate<Fingerprint> paired,
                    Predicate<InetAddress> lanSources, long staleNanos, LongSupplier nanos, String tag) {
        this.handshakeBudget = handshakeBudget;
        this.handshakeReserve = handshakeReserve;
        this.lanSources = lanSources;
        this.staleNanos = staleNanos;
        this.perSource = perSource;
        this.handshakeBurst = handshakeBurst;
        this.handshakeRefillNanos = handshakeRefillNanos;
        this.unpairedQuota = unpairedQuota;
        this.paired = paired;
        this.nanos = nanos;
        this.tag = tag;
    }

    void closeWith(Closer closer) {
        this.closer = closer;
    }

    @Override
    public boolean onReceiving(DatagramPacket packet) {
        if (!super.onReceiving(packet)) {
            return false;
        }
        if (!isClientHelloWithCookie(packet.getData(), packet.getOffset(), packet.getLength())) {
            return true;
        }
        return admitHandshake(unitOf(packet.getAddress()));
    }

    /** The unit of the limits: a LAN neighbour's own address; otherwise an IPv4 address or an IPv6 /64. */
    private InetAddress unitOf(InetAddress address) {
        return lanSources.test(address) ? address : SourceAddresses.unitOf(address);
    }

    /**
     * The connections that count now: established, not closed (close_notify, or a fatal alert), and used within the
     * stale threshold. The others are dropped from the books on the way.
     */
    private int live(Set<Connection> connections) {
        if (connections == null) {
            return 0;
        }
        long now = nanos.getAsLong();
        int n = 0;
        for (var it = connections.iterator(); it.hasNext(); ) {
            Connection c = it.next();
            if (c.isClosed()) {
                it.remove();
                unpaired.remove(c);
                sourceOfConnection.remove(c);
            } else if (now - c.getLastMessageNanos() < staleNanos) {
                n++;
            }
        }
        return n;
    }

    private int liveUnpaired() {
        long now = nanos.getAsLong();
        unpaired.removeIf(Connection::isClosed);
        int n = 0;
        for (Connection c : unpaired) {
            if (now - c.getLastMessageNanos() < staleNanos) {
                n++;
            }
        }
        return n;
    }

    /** Whether a new handshake from {@code source} may start now (and takes one of its handshake tokens). */
    synchronized boolean admitHandshake(InetAddress source) {
        if (live(established.get(source)) >= perSource) {
            refused("a source holds " + perSource + " connections already");
            return false;
        }
        long now = nanos.getAsLong();
        if (recentHandshakes(now) >= handshakeBudget - handshakeReserve && !pairedSources.containsKey(source)) {
            refused("the handshakes left in the recent window are kept for the sources of paired clients");
            return false;
        }
        double[] bucket = handshakeTokens.get(source); // [tokens, last refill nanos]
        if (bucket == null) {
            if (handshakeTokens.size() >= MAX_TRACKED_SOURCES) {
                var eldest = handshakeTokens.entrySet().iterator();
                eldest.next();
                eldest.remove();
            }
            bucket = new double[] {handshakeBurst, now};
            handshakeTokens.put(source, bucket);
        }
        bucket[0] = Math.min(handshakeBurst, bucket[0] + (now - (long) bucket[1]) / (double) handshakeRefillNanos);
        bucket[1] = now;
        if (bucket[0] < 1) {
            refused("a source started too many handshakes");
            return false;
        }
        bucket[0] -= 1;
        return true;
    }

    void onEstablished(Connection connection) {
        Principal key = connection.getEstablishedPeerIdentity();
        boolean close = false;
        InetSocketAddress peer = connection.getPeerAddress();
        if (peer == null) {
            return;
        }
        boolean isPaired = key != null && isPaired(key);
        synchronized (this) {
            InetAddress source = unitOf(peer.getAddress());
            long now = nanos.getAsLong();
            recentHandshakes(now);
            recentHandshakes.addLast(now);
            if (isPaired) {
                if (pairedSources.size() >= MAX_TRACKED_SOURCES && !pairedSources.containsKey(source)) {
                    var eldest = pairedSources.entrySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
                pairedSources.put(source, Boolean.TRUE);
            }
            InetAddress before = sourceOfConnection.put(connection, source);
            if (before != null && !before.equals(source)) {
                forget(connection, before);
            }
            Set<Connection> fromSource = established.computeIfAbsent(source,
                    a -> Collections.newSetFromMap(new IdentityHashMap<>()));
            fromSource.add(connection);
            if (live(fromSource) > perSource) {
                // handshakes that were admitted together finished together: keep the source at its share
                close = true;
                refused("a source holds " + perSource + " connections already");
            } else if (!isPaired && unpaired.add(connection) && liveUnpaired() > unpairedQuota) {
                unpaired.remove(connection);
                close = true;
                refused("the connections for unpaired clients are all taken");
            }
        }
        Closer c = closer;
        if (close && c != null && key != null) {
            c.close(key);
        }
    }

    /** A peer's close_notify: its connection stops counting at once. */
    synchronized void onClosed(InetSocketAddress peer) {
        for (Connection c : new java.util.ArrayList<>(sourceOfConnection.keySet())) {
            if (c.isClosed() || peer.equals(c.getPeerAddress())) {
                onRemoved(c);
            }
        }
    }

    synchronized void onRemoved(Connection connection) {
        unpaired.remove(connection);
        InetAddress source = sourceOfConnection.remove(connection);
        if (source != null) {
            forget(connection, source);
        }
    }

    private void forget(Connection connection, InetAddress source) {
        Set<Connection> open = established.get(source);
        if (open != null) {
            open.remove(connection);
            if (open.isEmpty()) {
                established.remove(source);
            }
        }
    }

    /** The handshakes completed within the recent window; older ones are dropped from the books on the way. */
    private int recentHandshakes(long now) {
        while (!recentHandshakes.isEmpty() && now - recentHandshakes.peekFirst() >= RECENT_WINDOW_NANOS) {
            recentHandshakes.pollFirst();
        }
        return recentHandshakes.size();
    }

    synchronized int establishedFrom(InetAddress address) {
        return live(established.get(unitOf(address)));
    }

    private boolean isPaired(Principal key) {
        try {
            return paired.test(PeerKey.fingerprint(key)); // a raw key or a certificate's key alike
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void refused(String why) {
        long now = nanos.getAsLong();
        droppedSinceLog++;
        if (now - lastLogNanos >= LOG_EVERY_NANOS || lastLogNanos == 0) {
            LOG.info("{}: refused {} handshake(s) in the last 10 s; latest because {}", tag, droppedSinceLog, why);
            lastLogNanos = now;
            droppedSinceLog = 0;
        }
    }

    /**
     * A DTLS 1.2 record that is a ClientHello (content type 22, epoch 0, handshake type 1) with a non-empty cookie:
     * the message after which a server keeps state for a new peer.
     */
    static boolean isClientHelloWithCookie(byte[] data, int offset, int length) {
        int record = 13;
        int body = offset + record + 12; // handshake header: type, length, message_seq, fragment offset/length
        if (length < record + 12 + 2 + 32 + 1 || data[offset] != 22 || data[offset + 3] != 0 || data[offset + 4] != 0
                || data[offset + record] != 1) {
            return false;
        }
        int p = body + 2 + 32; // client_version, random
        int end = offset + length;
        int sessionIdLength = data[p] & 0xff;
        p += 1 + sessionIdLength;
        return p < end && (data[p] & 0xff) > 0;
    }
}
