package dev.edgepair.internal.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-connection state of every live DTLS connection on the device, keyed by {@link ConnectionKey}.
 * Entries go when Scandium removes the connection, when the peer sends close_notify, when a new handshake from
 * the same address replaces it, or when unused for the idle timeout.
 */
public final class ConnectionRegistry {
    private final Map<ConnectionKey, ConnectionState> states = new ConcurrentHashMap<>();
    private final Map<ConnectionKey, InetSocketAddress> addresses = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final LongSupplier clock;

    public ConnectionRegistry(Duration idleTimeout, LongSupplier nanoClock) {
        this.idleNanos = idleTimeout.toNanos();
        this.clock = nanoClock;
    }

    /** The state of a connection, created with its exporter value on first use. */
    ConnectionState open(ConnectionKey key, InetSocketAddress peer, java.util.function.Supplier<byte[]> exporter) {
        long now = clock.getAsLong();
        ConnectionState state = states.computeIfAbsent(key, k -> {
            // A new session from an address replaces whatever that address had on this listener.
            addresses.forEach((other, address) -> {
                if (address.equals(peer) && other.listener() == k.listener() && !other.equals(k)) {
                    drop(other);
                }
            });
            addresses.put(k, peer);
            return new ConnectionState(k, exporter.get(), now);
        });
        state.touch(now);
        return state;
    }

    public int size() {
        return states.size();
    }

    public boolean contains(ConnectionKey key) {
        return states.containsKey(key);
    }

    void dropSession(Listener listener, String sessionId) {
        states.keySet().stream()
                .filter(k -> k.listener() == listener && k.sessionId().equals(sessionId))
                .forEach(this::drop);
    }

    void dropAddress(Listener listener, InetSocketAddress peer) {
        addresses.forEach((key, address) -> {
            if (key.listener() == listener && address.equals(peer)) {
                drop(key);
            }
        });
    }

    /** Drops connections idle longer than the timeout; the device calls this periodically. */
    public void sweep() {
        long now = clock.getAsLong();
        states.forEach((key, state) -> {
            if (now - state.lastUsedNanos() > idleNanos) {
                drop(key);
            }
        });
    }

    public void clear() {
        states.keySet().forEach(this::drop);
    }

    private void drop(ConnectionKey key) {
        addresses.remove(key);
        ConnectionState state = states.remove(key);
        if (state != null) {
            state.close();
        }
    }
}
