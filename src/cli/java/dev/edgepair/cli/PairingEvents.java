package dev.edgepair.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.User;

/**
 * The device's pairing events for an operator, at INFO on the SLF4J logger {@code edgepair.events} (on by default
 * for {@code device run}, on standard error): who paired (user, role, key), users deleted, and failed password or
 * token attempts, rate-limited. Watches the IAM state once a second, and forwards the pairing code's own messages
 * about failed attempts. Names are escaped ({@link Safe}); no secret is ever in these lines.
 */
final class PairingEvents {
    static final String LOGGER = "edgepair.events";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final java.util.logging.Logger[] PAIRING_LOGGER = new java.util.logging.Logger[1];
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

    /**
     * Forwards the pairing code's messages (java.util.logging, {@code dev.edgepair.pairing}) to the events logger,
     * at most 5 lines per 10 s; the lines held back are counted in the next one.
     */
    static void forwardPairingLogs() {
        java.util.logging.Logger pairing = java.util.logging.Logger.getLogger("dev.edgepair.internal.pairing");
        PAIRING_LOGGER[0] = pairing; // LogManager holds loggers weakly: without this the configuration is lost
        pairing.setLevel(java.util.logging.Level.INFO);
        pairing.setUseParentHandlers(false);
        pairing.addHandler(new Handler() {
            private long windowStart;
            private int inWindow;
            private int held;

            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() < java.util.logging.Level.INFO.intValue()) {
                    return;
                }
                long now = System.nanoTime();
                if (now - windowStart > 10_000_000_000L) {
                    windowStart = now;
                    inWindow = 0;
                }
                if (inWindow >= 5) {
                    held++;
                    return;
                }
                inWindow++;
                String more = held == 0 ? "" : " (" + held + " similar lines held back)";
                held = 0;
                LOG.info("{}{}", Safe.text(record.getMessage()), more);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
