package dev.edgepair.internal.transport;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Per-connection attributes (for example a pairing exchange in progress, or an authenticated username). Dropped
 * with the connection: on close_notify, eviction, a replacing handshake, or an idle timeout.
 */
public final class ConnectionState {
    private final ConnectionKey key;
    private final byte[] exporter;
    private final ConcurrentMap<Class<?>, Object> attributes = new ConcurrentHashMap<>();
    private volatile long lastUsedNanos;
    private volatile boolean closed;

    ConnectionState(ConnectionKey key, byte[] exporter, long nowNanos) {
        this.key = key;
        this.exporter = exporter;
        this.lastUsedNanos = nowNanos;
    }

    public ConnectionKey key() {
        return key;
    }

    byte[] exporter() {
        return exporter.clone();
    }

    /** The attribute of this type, or null. One attribute per type keeps owners from colliding. */
    public <T> T get(Class<T> type) {
        return type.cast(attributes.get(type));
    }

    public <T> T computeIfAbsent(Class<T> type, Supplier<T> create) {
        return type.cast(attributes.computeIfAbsent(type, t -> create.get()));
    }

    public <T> void put(Class<T> type, T value) {
        if (closed) {
            return;
        }
        attributes.put(type, value);
    }

    public void remove(Class<?> type) {
        attributes.remove(type);
    }

    /** Removes and returns the attribute of this type, atomically: of two concurrent takers, one gets it. */
    public <T> T take(Class<T> type) {
        return type.cast(attributes.remove(type));
    }

    public boolean isClosed() {
        return closed;
    }

    void touch(long nowNanos) {
        lastUsedNanos = nowNanos;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void close() {
        closed = true;
        for (Object value : attributes.values()) {
            if (value instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) value).close();
                } catch (Exception e) {
                    // an attribute's cleanup never stops the others
                }
            }
        }
        attributes.clear();
        java.util.Arrays.fill(exporter, (byte) 0);
    }
}
