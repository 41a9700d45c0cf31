package dev.edgepair.identity;

import java.nio.file.Path;

/** A key file is missing, unreadable, or not a P-256 key; the message names the file. */
public final class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A problem with a key or certificate file.
     *
     * @param file the file
     * @param problem what is wrong with it, for a person to read
     */
    public IdentityException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * A problem with a key or certificate file, with the exception that revealed it.
     *
     * @param file the file
     * @param problem what is wrong with it, for a person to read
     * @param cause the underlying exception
     */
    public IdentityException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
