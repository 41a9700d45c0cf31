package dev.edgepair.internal.transport;

/** The DTLS connection a request arrived on is gone or was replaced before it could be bound; the client retries. */
public final class ConnectionChangedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConnectionChangedException(String message) {
        super(message);
    }
}
