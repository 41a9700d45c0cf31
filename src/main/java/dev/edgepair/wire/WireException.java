package dev.edgepair.wire;

/** A message body is not what the protocol allows. The message is a short diagnostic safe to send to the peer. */
public final class WireException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message);
    }
}
