package dev.edgepair.iam;

import dev.edgepair.identity.Fingerprint;

/** Which client keys the device has paired. {@link Iam} implements it over its users' keys. */
public interface AccessList {
    /**
     * Whether a client key is paired.
     *
     * @param client the client key's fingerprint
     * @return true if some user holds this key
     */
    boolean isPaired(Fingerprint client);

    /**
     * Adds a client key.
     *
     * @param client the client key's fingerprint
     * @return true if it was added, false if it was already there
     */
    boolean pair(Fingerprint client);
}
