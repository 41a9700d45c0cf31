package dev.edgepair.iam;

/** An IAM change was refused; {@link #kind()} says why, the message says what (no secrets). */
public final class IamException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a change was refused, each with the CoAP code the device answers. */
    public enum Kind {
        /** No such user, fingerprint or setting (4.04). */
        NOT_FOUND,
        /** A username or key already taken, the initial user already paired (4.09). */
        CONFLICT,
        /** A malformed username, an unknown role (4.00). */
        INVALID,
        /** The connection is not authenticated for this (an invitation or token used up meanwhile) (4.01). */
        UNAUTHORIZED,
        /** The state could not be saved; nothing changed (5.03). */
        STORAGE
    }

    /** Why the change was refused. */
    private final Kind kind;

    /**
     * A refused change.
     *
     * @param kind why
     * @param message what, without secrets
     */
    public IamException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * Why the change was refused.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
