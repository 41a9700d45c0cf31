package dev.edgepair.wire;

/** A message body is not what the protocol allows. The message is a short diagnostic safe to send to the peer. */
public final class WireException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A body that breaks the protocol's rules.
     *
     * @param message what is wrong (for example the field's name), safe to send to the peer: never a secret
     */
    public WireException(String message) {
        super(message);
    }
}
