package dev.edgepair.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A monotonic and a wall clock that move only when a test says so: time-dependent rules without sleeping. */
public final class TestClock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

    public long nanos() {
        return nanos.get();
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    public Clock wall() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plusNanos(nanos.get() - 1_000_000_000_000L);
            }
        };
    }
}
