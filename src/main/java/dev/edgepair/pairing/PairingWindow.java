package dev.edgepair.pairing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When password authentication (open and invite) is possible: for a set time after start, or after
 * {@link #open(Duration)} (a button press), and never again after {@code maxFailures} failed confirmations until it is
 * opened again (Matter closes its window after 20). Pairing tokens are not bound to the window: they are 80-bit
 * secrets with their own expiry, meant for remote pairing at any time.
 */
public final class PairingWindow {
    private final LongSupplier clock;
    private final int maxFailures;
    private long openUntil;
    private boolean always;
    private int failures;

    PairingWindow(Duration afterStart, int maxFailures, LongSupplier clock) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        if (afterStart == null) {
            always = true;
        } else {
            openUntil = clock.getAsLong() + afterStart.toNanos();
        }
    }

    public synchronized boolean isOpen() {
        return failures < maxFailures && (always || clock.getAsLong() < openUntil);
    }

    /** Opens (or re-opens) the window for {@code duration} and forgets earlier failures. */
    public synchronized void open(Duration duration) {
        always = false;
        openUntil = clock.getAsLong() + duration.toNanos();
        failures = 0;
    }

    public synchronized void close() {
        always = false;
        openUntil = clock.getAsLong();
    }

    synchronized void recordFailure() {
        failures++;
    }

    public synchronized int failures() {
        return failures;
    }
}
