package dev.edgepair.internal.transport;

/**
 * One DTLS connection as the device sees it: the listener, the DTLS session id and the time of its last handshake.
 * A resumption or a new handshake from the same address is a new key, so per-connection state never carries over.
 */
public record ConnectionKey(Listener listener, String sessionId, long handshakeTimestamp) {
    @Override
    public String toString() {
        return listener.name().toLowerCase(java.util.Locale.ROOT) + ":" + sessionId.substring(0, Math.min(12,
                sessionId.length())) + "@" + handshakeTimestamp;
    }
}
