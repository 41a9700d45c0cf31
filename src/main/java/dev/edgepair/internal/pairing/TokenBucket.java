package dev.edgepair.internal.pairing;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A token bucket: {@code capacity} tokens, one more every {@code refill}. Not thread-safe; {@link Throttle} locks. */
final class TokenBucket {
    private final int capacity;
    private final long refillNanos;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    TokenBucket(int capacity, Duration refill, LongSupplier clock) {
        this.capacity = capacity;
        this.refillNanos = refill.toNanos();
        this.clock = clock;
        this.tokens = capacity;
        this.last = clock.getAsLong();
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (double) (now - last) / refillNanos);
        last = now;
    }

    boolean available() {
        refill();
        return tokens >= 1;
    }

    void take() {
        tokens -= 1;
    }

    void giveBack() {
        refill();
        tokens = Math.min(capacity, tokens + 1);
    }

    boolean full() {
        refill();
        return tokens >= capacity;
    }

    /** Nanoseconds until one token is available. */
    long nanosUntilAvailable() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * refillNanos);
    }
}
