package dev.edgepair.internal.secret;

import java.security.PrivateKey;
import java.util.function.Function;

/**
 * Lets EdgePair's own code read what no public API hands out (the JDK's "shared secrets" pattern): the bytes of a
 * stored J-PAKE secret and an identity's private key. {@code PakeSecret} (package iam) and {@code Identity} install
 * the readers when their classes initialise; this package is not exported.
 */
public final class SecretAccess {
    private static volatile Function<Object, byte[]> pakeSecretReader;
    private static volatile Function<Object, PrivateKey> privateKeyReader;

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

    /**
     * Installs the private-key reader; once only.
     *
     * @param reader returns an identity's private key
     * @throws IllegalStateException if a reader is installed already
     */
    public static synchronized void installPrivateKeyReader(Function<Object, PrivateKey> reader) {
        if (privateKeyReader != null) {
            throw new IllegalStateException("installed already");
        }
        privateKeyReader = reader;
    }

    /**
     * An identity's private key, for the DTLS layer.
     *
     * @param identity an {@code Identity}
     * @return its private key
     */
    public static PrivateKey privateKey(Object identity) {
        return privateKeyReader.apply(identity);
    }
}
