package dev.edgepair.vectors;

/** A vector did not behave as it says, or is not well-formed; the message is the line the runner prints. */
public final class VectorFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public VectorFailure(String message) {
        super(message);
    }
}
