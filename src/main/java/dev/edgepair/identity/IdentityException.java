package dev.edgepair.identity;

import java.nio.file.Path;

/** A key file is missing, unreadable, or not a P-256 key; the message names the file. */
public final class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    public IdentityException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public IdentityException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
