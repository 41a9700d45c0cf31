package dev.edgepair.internal.pairing;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;


/**
 * Limits on guessing (spec/pairing.md): every password authentication that starts takes a token from a device-wide
 * bucket and from its source's bucket, and gets it back only if it confirms. So failed and abandoned exchanges both
 * cost a token. A source's bucket refills slower than the device's, so one source alone can never empty the device
 * bucket and lock everyone else out. Sources come as the device counts them ({@code RequestContext.source()}: a LAN
 * neighbour's address, else an IPv4 address or an IPv6 /64).
 */
final class Throttle {
    static final int MAX_SOURCES = 4096;

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
    synchronized long tryAcquire(InetAddress address) {
        if (!device.available()) {
            // no per-source state is created while the device bucket is empty: a flood cannot grow the table
            return seconds(device.nanosUntilAvailable());
        }
        InetAddress source = address;
        TokenBucket s = sources.get(source);
        if (s == null) {
            makeRoomForOne();
            s = new TokenBucket(sourceCapacity, sourceRefill, clock);
            sources.put(source, s);
        }
        if (!s.available()) {
            return seconds(s.nanosUntilAvailable());
        }
        device.take();
        s.take();
        return 0;
    }

    /** A confirmed authentication gets its token back. */
    synchronized void release(InetAddress address) {
        device.giveBack();
        TokenBucket s = sources.get(address);
        if (s != null) {
            s.giveBack();
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private void makeRoomForOne() {
        if (sources.size() < MAX_SOURCES) {
            return;
        }
        // full buckets first (forgetting them loses nothing), least recently used first; then the least recently used
        sources.values().removeIf(b -> sources.size() >= MAX_SOURCES && b.full());
        var it = sources.entrySet().iterator();
        while (sources.size() >= MAX_SOURCES && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    synchronized int trackedSources() {
        return sources.size();
    }
}
