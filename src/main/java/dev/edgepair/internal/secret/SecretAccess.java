package dev.edgepair.internal.secret;

import java.util.function.Function;

/**
 * Lets EdgePair's own code read the bytes of a stored J-PAKE secret, which no public API hands out (the JDK's
 * "shared secrets" pattern): {@code PakeSecret} (package iam) installs the reader when its class initialises,
 * and this package is not exported.
 */
public final class SecretAccess {
    private static volatile Function<Object, byte[]> pakeSecretReader;

    private SecretAccess() {
    }

    /**
     * Installs the reader; once only.
     *
     * @param reader returns a copy of a secret's bytes
     * @throws IllegalStateException if a reader is installed already
     */
    public static synchronized void installPakeSecretReader(Function<Object, byte[]> reader) {
        if (pakeSecretReader != null) {
            throw new IllegalStateException("installed already");
        }
        pakeSecretReader = reader;
    }

    /**
     * A copy of a secret's bytes; the caller wipes it when done. (An instance exists, so its class has initialised and
     * installed the reader.)
     *
     * @param secret a {@code PakeSecret}
     * @return a copy of its 32 bytes
     */
    public static byte[] pakeSecretBytes(Object secret) {
        return pakeSecretReader.apply(secret);
    }
}
