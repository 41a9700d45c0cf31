package dev.edgepair.internal.pairing;

import dev.edgepair.pairing.PairingWindow;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * When password authentication (open and invite) is possible: for a set time after start, or after
 * {@link #open(Duration)} (a button press). Each failed open-password confirmation counts for a while
 * ({@code failureMemory}); while {@code maxFailures} count, the window is closed, and it reopens as they age out or
 * when it is opened again (Matter closes its window after 20). One source counts for at most a quarter of them and is
 * then refused on its own until they age out. Invitations and pairing tokens are not bound to the window and never
 * count against it: they are one-user secrets with their own lifetime (an invitation lasts until used or revoked).
 */
final class PasswordWindow implements PairingWindow {
    private final LongSupplier clock;
    private final int maxFailures;
    private final long failureMemoryNanos;
    private final ArrayDeque<Failure> failures = new ArrayDeque<>();

    /** A failed password confirmation: when, and from which source. */
    private record Failure(long atNanos, InetAddress source) {
    }
    private long openUntil;
    private boolean always;

    PasswordWindow(Duration afterStart, int maxFailures, Duration failureMemory, LongSupplier clock) {
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
    @Override
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
    @Override
    public synchronized void open(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a negative duration");
        }
        always = false;
        openUntil = clock.getAsLong() + duration.toNanos();
        failures.clear();
    }

    /** Closes the window now. */
    @Override
    public synchronized void close() {
        always = false;
        openUntil = clock.getAsLong();
    }

    /**
     * Records a failed password confirmation from {@code source}. One source fills at most a quarter of the
     * window's failures: beyond its share it is refused by {@link #secondsUntilSourceMayTry} instead, so closing
     * the window for everyone takes several sources.
     */
    synchronized void recordFailure(InetAddress source) {
        long now = clock.getAsLong();
        forgetOldFailures(now);
        if (countFrom(source) >= sourceShare()) {
            return; // already refused until its failures age out
        }
        if (failures.size() >= maxFailures) {
            failures.removeFirst(); // the window stays closed; the memory stays bounded
        }
        failures.addLast(new Failure(now, source));
    }

    /** 0 if {@code source} may try a password now, else the seconds until its oldest counted failure ages out. */
    synchronized long secondsUntilSourceMayTry(InetAddress source) {
        long now = clock.getAsLong();
        forgetOldFailures(now);
        if (countFrom(source) < sourceShare()) {
            return 0;
        }
        long oldest = failures.stream().filter(f -> f.source().equals(source)).mapToLong(Failure::atNanos).min()
                .orElse(now);
        long nanos = oldest + failureMemoryNanos - now;
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private int sourceShare() {
        return Math.max(1, maxFailures / 4);
    }

    private long countFrom(InetAddress source) {
        return failures.stream().filter(f -> f.source().equals(source)).count();
    }

    /** The failed password confirmations that count now. */
    @Override
    public synchronized int failures() {
        forgetOldFailures(clock.getAsLong());
        return failures.size();
    }

    private void forgetOldFailures(long now) {
        while (!failures.isEmpty() && now - failures.peekFirst().atNanos() >= failureMemoryNanos) {
            failures.removeFirst();
        }
    }
}
