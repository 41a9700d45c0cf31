package dev.edgepair.iam;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.edgepair.identity.Fingerprint;

/** An access list that lives as long as the process. */
public final class InMemoryAccessList implements AccessList {
    private final Set<Fingerprint> paired = ConcurrentHashMap.newKeySet();

    @Override
    public boolean isPaired(Fingerprint client) {
        return paired.contains(client);
    }

    @Override
    public boolean pair(Fingerprint client) {
        return paired.add(client);
    }
}
