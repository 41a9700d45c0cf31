package dev.edgepair.iam;

/**
 * The IAM state cannot be loaded (corrupt file, unknown version) or saved. At startup this stops the device with the
 * file named: never a silent reset to an empty state.
 */
public final class IamStateException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A state that cannot be loaded or saved.
     *
     * @param message what and where (the file), for a person to read
     */
    public IamStateException(String message) {
        super(message);
    }

    /**
     * A state that cannot be loaded or saved, with the exception that revealed it.
     *
     * @param message what and where (the file), for a person to read
     * @param cause the underlying exception
     */
    public IamStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
