package dev.edgepair.iam;

import dev.edgepair.identity.Fingerprint;

/** Which client keys the device has paired. The IAM user store implements it; tests use {@link InMemoryAccessList}. */
public interface AccessList {
    boolean isPaired(Fingerprint client);

    /** Adds a client key; returns false if it was already there. */
    boolean pair(Fingerprint client);
}
