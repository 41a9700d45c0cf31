package dev.edgepair.internal.jpake;

import java.util.Arrays;

import javax.security.auth.Destroyable;

/**
 * The outcome of a completed exchange: the premaster secret PMS = SHA-256(x(K)). Both parties hold the same
 * value iff they used the same password. Callers derive their keys from it and then {@link #destroy()} it.
 */
public final class SharedSecret implements Destroyable {
    private final byte[] premasterSecret;
    private final byte[] sharedPoint;
    private boolean destroyed;

    SharedSecret(byte[] premasterSecret, byte[] sharedPoint) {
        this.premasterSecret = premasterSecret;
        this.sharedPoint = sharedPoint;
    }

    /** A copy of the 32-byte premaster secret. */
    public synchronized byte[] premasterSecret() {
        checkLive();
        return premasterSecret.clone();
    }

    /** A copy of K, SEC1 uncompressed; for known-answer tests. */
    public synchronized byte[] sharedPoint() {
        checkLive();
        return sharedPoint.clone();
    }

    @Override
    public synchronized void destroy() {
        Arrays.fill(premasterSecret, (byte) 0);
        Arrays.fill(sharedPoint, (byte) 0);
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("shared secret was destroyed");
        }
    }

    @Override
    public String toString() {
        return "SharedSecret[redacted]";
    }
}
