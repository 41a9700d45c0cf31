package dev.edgepair.iam;

/**
 * The IAM state cannot be loaded (corrupt file, unknown version) or saved. At startup this stops the device with the
 * file named: never a silent reset to an empty state.
 */
public final class IamStateException extends Exception {
    private static final long serialVersionUID = 1L;

    public IamStateException(String message) {
        super(message);
    }

    public IamStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
