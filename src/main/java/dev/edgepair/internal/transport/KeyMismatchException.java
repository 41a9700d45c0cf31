package dev.edgepair.internal.transport;

import dev.edgepair.identity.Fingerprint;

/** The device presented another key than the pinned one; the handshake was aborted before any request. */
public final class KeyMismatchException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Fingerprint expected;
    private final Fingerprint presented;

    public KeyMismatchException(Fingerprint expected, Fingerprint presented) {
        super("device presented key " + presented.hex() + " but " + expected.hex() + " is pinned");
        this.expected = expected;
        this.presented = presented;
    }

    public Fingerprint expected() {
        return expected;
    }

    public Fingerprint presented() {
        return presented;
    }
}
