package dev.edgepair.internal.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/**
 * spec/pairing.md, "The pairing window" and "Limits on guessing", on a hand-driven clock: every boundary exactly, so
 * that a rule moved by a nanosecond or an off-by-one shows.
 */
@Unit
class PasswordWindowTest {
    private static final long S = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * S);

    private static InetAddress ip(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }

    /** Open for 15 minutes after start; 8 failures close it; a failure counts for 10 minutes. */
    private PasswordWindow window() {
        return new PasswordWindow(Duration.ofMinutes(15), 8, Duration.ofMinutes(10), now::get);
    }

    @Test
    void openUntilTheLastNanosecondAfterStartThenClosed() {
        PasswordWindow w = window();
        assertThat(w.isOpen()).isTrue();
        now.addAndGet(15 * 60 * S - 1);
        assertThat(w.isOpen()).isTrue();
        now.addAndGet(1);
        assertThat(w.isOpen()).isFalse();
    }

    @Test
    void withoutAnEndItIsAlwaysOpenUntilClosed() {
        PasswordWindow w = new PasswordWindow(null, 8, Duration.ofMinutes(10), now::get);
        now.addAndGet(1_000_000 * S);
        assertThat(w.isOpen()).isTrue();
        w.close();
        assertThat(w.isOpen()).isFalse();
    }

    @Test
    void openingAgainStartsTheDurationNowAndForgetsFailures() throws Exception {
        PasswordWindow w = window();
        for (int i = 0; i < 8; i++) {
            w.recordFailure(ip(1 + i / 2));
        }
        assertThat(w.failures()).isEqualTo(8);
        assertThat(w.isOpen()).isFalse();
        now.addAndGet(20 * 60 * S);
        w.open(Duration.ofMinutes(1));
        assertThat(w.failures()).isZero();
        assertThat(w.isOpen()).isTrue();
        now.addAndGet(60 * S - 1);
        assertThat(w.isOpen()).isTrue();
        now.addAndGet(1);
        assertThat(w.isOpen()).isFalse();
        assertThatThrownBy(() -> w.open(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        w.open(Duration.ZERO);
        assertThat(w.isOpen()).isFalse();
    }

    @Test
    void closingEndsAnAlwaysOpenWindowAndAnOpenOne() {
        PasswordWindow w = window();
        w.close();
        assertThat(w.isOpen()).isFalse();
        w.open(Duration.ofMinutes(5));
        assertThat(w.isOpen()).isTrue();
        w.close();
        assertThat(w.isOpen()).isFalse();
    }

    @Test
    void theEighthFailureClosesItAndFailuresAgeOutAfterTenMinutes() throws Exception {
        PasswordWindow w = window();
        for (int i = 0; i < 7; i++) {
            w.recordFailure(ip(1 + i / 2)); // four sources, two each at most
            now.addAndGet(S);
        }
        assertThat(w.failures()).isEqualTo(7);
        assertThat(w.isOpen()).isTrue();
        w.recordFailure(ip(4));
        assertThat(w.failures()).isEqualTo(8);
        assertThat(w.isOpen()).isFalse();
        // the first failure was at 5 s: it counts until 10 minutes later, to the nanosecond
        now.set(5 * S + 10 * 60 * S - 1);
        assertThat(w.failures()).isEqualTo(8);
        assertThat(w.isOpen()).isFalse();
        now.set(5 * S + 10 * 60 * S);
        assertThat(w.failures()).isEqualTo(7);
        assertThat(w.isOpen()).isTrue();
    }

    @Test
    void oneSourceFillsAtMostAQuarterAndWaitsUntilItsOldestFailureAgesOut() throws Exception {
        PasswordWindow w = window();
        InetAddress attacker = ip(9);
        assertThat(w.secondsUntilSourceMayTry(attacker)).isZero();
        w.recordFailure(attacker);
        assertThat(w.secondsUntilSourceMayTry(attacker)).isZero();
        now.addAndGet(3 * S);
        w.recordFailure(attacker);
        // its share is 8 / 4 = 2: refused now, until its first failure (3 s ago) is 10 minutes old
        assertThat(w.secondsUntilSourceMayTry(attacker)).isEqualTo(10 * 60 - 3);
        now.addAndGet(S / 2);
        assertThat(w.secondsUntilSourceMayTry(attacker)).as("rounded up").isEqualTo(10 * 60 - 3);
        w.recordFailure(attacker);
        w.recordFailure(attacker);
        assertThat(w.failures()).as("beyond its share it counts no more").isEqualTo(2);
        assertThat(w.secondsUntilSourceMayTry(ip(10))).as("another source").isZero();
        now.set(5 * S + 10 * 60 * S - 1);
        assertThat(w.secondsUntilSourceMayTry(attacker)).isEqualTo(1);
        now.set(5 * S + 10 * 60 * S);
        assertThat(w.secondsUntilSourceMayTry(attacker)).isZero();
        assertThat(w.failures()).isEqualTo(1);
    }

    @Test
    void aSmallWindowStillGivesEverySourceOneTryAndKeepsItsMemoryBounded() throws Exception {
        PasswordWindow w = new PasswordWindow(Duration.ofMinutes(15), 2, Duration.ofMinutes(10), now::get);
        w.recordFailure(ip(1));
        assertThat(w.secondsUntilSourceMayTry(ip(1))).isPositive();
        w.recordFailure(ip(2));
        assertThat(w.isOpen()).isFalse();
        w.recordFailure(ip(3));
        assertThat(w.failures()).as("the oldest makes room: still closed, still 2").isEqualTo(2);
        assertThat(w.secondsUntilSourceMayTry(ip(1))).as("its failure was the one dropped").isZero();
    }
}
