package dev.edgepair.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.User;

/**
 * The device's pairing events for an operator, at INFO on the SLF4J logger {@code edgepair.events} (on by default
 * for {@code device run}, on standard error): keys added (user, role, key) and users deleted, from the IAM state,
 * watched once a second. The pairing code's own lines (who paired in which mode, failed and throttled attempts, at
 * most one line per 10 s of each kind) are on the library's logger {@code dev.edgepair.pairing}, which {@link Logs}
 * turns on at INFO too for {@code device run}. Names are escaped ({@link Safe}); the library's lines hold only
 * validated names, token ids, addresses and key fingerprints; no secret is ever logged.
 */
final class PairingEvents {
    static final String LOGGER = "edgepair.events";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private final Iam iam;
    private Map<String, Set<String>> known;

    PairingEvents(Iam iam) {
        this.iam = iam;
        this.known = keys(iam.state());
    }

    /** Logs what changed since the last call. */
    synchronized void check() {
        Map<String, Set<String>> now = keys(iam.state());
        for (Map.Entry<String, Set<String>> e : now.entrySet()) {
            Set<String> before = known.getOrDefault(e.getKey(), Set.of());
            for (String fp : e.getValue()) {
                if (!before.contains(fp)) {
                    User u = iam.state().user(e.getKey()).orElse(null);
                    LOG.info("key added: user {} (role {}), client key {}", Safe.text(e.getKey()),
                            u == null ? "?" : Safe.text(u.role()), fp.substring(0, 16));
                }
            }
        }
        for (String gone : known.keySet()) {
            if (!now.containsKey(gone)) {
                LOG.info("user {} deleted", Safe.text(gone));
            }
        }
        known = now;
    }

    private static Map<String, Set<String>> keys(IamState s) {
        Map<String, Set<String>> m = new HashMap<>();
        for (User u : s.users()) {
            Set<String> fps = new HashSet<>();
            u.fingerprints().forEach(f -> fps.add(f.fingerprint().hex()));
            m.put(u.username(), fps);
        }
        return m;
    }
}
