package dev.edgepair.internal.pairing;

import dev.edgepair.internal.transport.SourceAddresses;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** spec/pairing.md, "Limits on guessing", on a hand-driven clock. */
@Unit
class ThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final Throttle throttle = new Throttle(10, Duration.ofSeconds(1), 3, Duration.ofSeconds(5), now::get);

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    @Test
    void oneSourceCannotEmptyTheDeviceBucket() throws Exception {
        InetAddress attacker = ip(1);
        int granted = 0;
        for (int second = 0; second < 60; second++) {
            while (throttle.tryAcquire(attacker) == 0) {
                granted++;
            }
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        // 3 at once, then one every 5 s: at most 3 + 12 in a minute
        assertThat(granted).isLessThanOrEqualTo(15);
        assertThat(throttle.tryAcquire(ip(2))).as("another source still gets in").isZero();
    }

    @Test
    void manySourcesEmptyTheDeviceBucketAndAreToldWhenToRetry() throws Exception {
        for (int i = 1; i <= 10; i++) {
            assertThat(throttle.tryAcquire(ip(i))).isZero();
        }
        long wait = throttle.tryAcquire(ip(11));
        assertThat(wait).isEqualTo(1); // the device bucket refills one per second
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(throttle.tryAcquire(ip(11))).isZero();
    }

    @Test
    void aConfirmedAttemptGivesItsTokenBack() throws Exception {
        InetAddress a = ip(1);
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.tryAcquire(a)).isZero();
            throttle.release(a);
        }
    }

    @Test
    void theSourceTableStaysBounded() throws Exception {
        for (int i = 0; i < 6000; i++) {
            throttle.tryAcquire(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}));
            now.addAndGet(Duration.ofSeconds(6).toNanos()); // old sources refill to full and may be forgotten
        }
        assertThat(throttle.trackedSources()).isLessThanOrEqualTo(4096);
    }

    private static InetAddress v6(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void oneIpv6HostIsOneSourceWhateverAddressOfItsSlash64ItUses() throws Exception {
        // security review, finding 8: a host with a /64 used to be 2^64 sources
        int granted = 0;
        for (int i = 1; i <= 50; i++) {
            if (throttle.tryAcquire(SourceAddresses.unitOf(v6("2001:db8:1:2::" + Integer.toHexString(i)))) == 0) {
                granted++;
            }
        }
        assertThat(granted).isEqualTo(3);
        assertThat(throttle.tryAcquire(SourceAddresses.unitOf(v6("2001:db8:1:3::1")))).as("the next /64 is another source")
                .isZero();
    }

    @Test
    void theSourceTableHasAHardCapEvenWhenNoBucketIsFull() throws Exception {
        Throttle roomy = new Throttle(1_000_000, Duration.ofNanos(1), 3, Duration.ofDays(1), now::get);
        for (int i = 0; i < 6000; i++) {
            assertThat(roomy.tryAcquire(InetAddress.getByAddress(new byte[] {10, 2, (byte) (i >> 8), (byte) i})))
                    .isZero(); // every source owes a token: nothing is full
            now.incrementAndGet();
        }
        assertThat(roomy.trackedSources()).isEqualTo(Throttle.MAX_SOURCES);
    }

    @Test
    void anEmptyDeviceBucketCreatesNoSourceState() throws Exception {
        for (int i = 1; i <= 10; i++) {
            assertThat(throttle.tryAcquire(ip(i))).isZero();
        }
        int before = throttle.trackedSources();
        for (int i = 0; i < 100_000; i++) {
            assertThat(throttle.tryAcquire(InetAddress.getByAddress(new byte[] {10, 3, (byte) (i >> 8), (byte) i})))
                    .isPositive();
        }
        assertThat(throttle.trackedSources()).isEqualTo(before);
    }
}
