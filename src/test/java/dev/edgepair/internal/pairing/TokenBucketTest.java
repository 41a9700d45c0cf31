package dev.edgepair.internal.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** The throttle's bucket on a hand-driven clock: capacity, refill to the nanosecond, give back, wait. */
@Unit
class TokenBucketTest {
    private static final long S = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(7 * S);
    private final TokenBucket bucket = new TokenBucket(3, Duration.ofSeconds(2), now::get);

    @Test
    void startsFullEmptiesAndRefillsOneTokenPerPeriod() {
        assertThat(bucket.full()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.available()).isTrue();
            bucket.take();
        }
        assertThat(bucket.available()).isFalse();
        assertThat(bucket.full()).isFalse();
        assertThat(bucket.nanosUntilAvailable()).isEqualTo(2 * S);
        now.addAndGet(2 * S - 1);
        assertThat(bucket.available()).isFalse();
        assertThat(bucket.nanosUntilAvailable()).as("a nanosecond or two (the bucket counts in doubles)").isBetween(1L, 2L);
        now.addAndGet(1);
        assertThat(bucket.available()).isTrue();
        assertThat(bucket.nanosUntilAvailable()).isZero();
        now.addAndGet(100 * S);
        assertThat(bucket.full()).as("never more than its capacity").isTrue();
        bucket.take();
        assertThat(bucket.full()).isFalse();
        bucket.take();
        bucket.take();
        assertThat(bucket.available()).isFalse();
    }

    @Test
    void aTokenGivenBackIsThereAtOnceButNeverBeyondCapacity() {
        bucket.take();
        assertThat(bucket.full()).isFalse();
        bucket.giveBack();
        assertThat(bucket.full()).isTrue();
        bucket.giveBack();
        bucket.take();
        assertThat(bucket.full()).as("giving back to a full bucket adds nothing").isFalse();
    }
}
