package dev.edgepair.pairing;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Limits on guessing (design brief item 7): every password authentication that starts takes a token from a
 * device-wide bucket and from its source address's bucket, and gets it back only if it confirms. So failed and
 * abandoned exchanges both cost a token. A source's bucket refills slower than the device's, so one source alone
 * can never empty the device bucket and lock everyone else out.
 */
final class Throttle {
    private static final int MAX_SOURCES = 4096;

    private final TokenBucket device;
    private final int sourceCapacity;
    private final Duration sourceRefill;
    private final LongSupplier clock;
    private final Map<InetAddress, TokenBucket> sources = new LinkedHashMap<>(16, 0.75f, true);

    Throttle(int deviceCapacity, Duration deviceRefill, int sourceCapacity, Duration sourceRefill, LongSupplier clock) {
        this.device = new TokenBucket(deviceCapacity, deviceRefill, clock);
        this.sourceCapacity = sourceCapacity;
        this.sourceRefill = sourceRefill;
        this.clock = clock;
    }

    /** Takes a token from both buckets, or returns the seconds to wait (and takes nothing). 0 means taken. */
    synchronized long tryAcquire(InetAddress source) {
        TokenBucket s = sources.computeIfAbsent(source, a -> new TokenBucket(sourceCapacity, sourceRefill, clock));
        if (!device.available() || !s.available()) {
            long wait = Math.max(device.nanosUntilAvailable(), s.nanosUntilAvailable());
            return Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
        }
        device.take();
        s.take();
        trim();
        return 0;
    }

    /** A confirmed authentication gets its token back. */
    synchronized void release(InetAddress source) {
        device.giveBack();
        TokenBucket s = sources.get(source);
        if (s != null) {
            s.giveBack();
        }
    }

    private void trim() {
        var it = sources.entrySet().iterator();
        while (sources.size() > MAX_SOURCES && it.hasNext()) {
            // least recently used first; a source that is not full still owes its debt, so only full ones go
            if (it.next().getValue().full()) {
                it.remove();
            }
        }
    }

    synchronized int trackedSources() {
        return sources.size();
    }
}
