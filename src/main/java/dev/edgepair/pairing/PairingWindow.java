package dev.edgepair.pairing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * When password authentication (open and invite) is possible: for a set time after start, or after
 * {@link #open(Duration)} (a button press). Each failed password confirmation counts for a while
 * ({@code failureMemory}); while {@code maxFailures} count, the window is closed, and it reopens as they age out or
 * when it is opened again (Matter closes its window after 20). Pairing tokens are not bound to the window and never
 * count against it: they are 80-bit secrets with their own expiry, meant for remote pairing at any time.
 */
public final class PairingWindow {
    private final LongSupplier clock;
    private final int maxFailures;
    private final long failureMemoryNanos;
    private final ArrayDeque<Long> failures = new ArrayDeque<>();
    private long openUntil;
    private boolean always;

    PairingWindow(Duration afterStart, int maxFailures, Duration failureMemory, LongSupplier clock) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.failureMemoryNanos = failureMemory.toNanos();
        if (afterStart == null) {
            always = true;
        } else {
            openUntil = clock.getAsLong() + afterStart.toNanos();
        }
    }

    /** Whether password authentication is allowed now. */
    public synchronized boolean isOpen() {
        long now = clock.getAsLong();
        forgetOldFailures(now);
        return failures.size() < maxFailures && (always || now - openUntil < 0);
    }

    /**
     * Opens (or re-opens) the window for {@code duration} from now and forgets earlier failures: the device-side
     * call behind a button or {@code edgepair device window open}.
     *
     * @param duration how long the window stays open
     */
    public synchronized void open(Duration duration) {
        always = false;
        openUntil = clock.getAsLong() + duration.toNanos();
        failures.clear();
    }

    /** Closes the window now. */
    public synchronized void close() {
        always = false;
        openUntil = clock.getAsLong();
    }

    synchronized void recordFailure() {
        long now = clock.getAsLong();
        forgetOldFailures(now);
        if (failures.size() >= maxFailures) {
            failures.removeFirst(); // the window stays closed; the memory stays bounded
        }
        failures.addLast(now);
    }

    /** The failed password confirmations that count now. */
    public synchronized int failures() {
        forgetOldFailures(clock.getAsLong());
        return failures.size();
    }

    private void forgetOldFailures(long now) {
        while (!failures.isEmpty() && now - failures.peekFirst() >= failureMemoryNanos) {
            failures.removeFirst();
        }
    }
}
