package dev.edgepair.internal.pairing;

import dev.edgepair.iam.IamConfig;
import dev.edgepair.device.TestClock;
import dev.edgepair.pairing.PairingOptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.PairingException;
import dev.edgepair.tags.EndToEnd;

/** spec/pairing.md, "Limits on guessing", over real DTLS. */
@EndToEnd
class GuessingLimitsTest {
    /** Usernames that never collide (nanoTime() % 100000 could repeat). */
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    Path dir;

    private static PairingException attempt(PairingFixture f, String password) {
        try {
            PairingFixture.newClient().pair(PairingRequest.passwordOpen(f.device.remoteAddress()).password(password).username("u" + NAMES.incrementAndGet()).build());
            return null;
        } catch (PairingException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wrongPasswordsCostTokensUntil429WithMaxAge() throws Exception {
        var options = PairingOptions.defaults().alwaysOpen()
                .withBuckets(3, Duration.ofMinutes(10), 3, Duration.ofMinutes(10));
        try (PairingFixture f = new PairingFixture(dir, options)) {
            f.enableOpenPassword();
            for (int i = 0; i < 3; i++) {
                assertThat(PairingFailures.code(attempt(f, "wrong-password-" + i))).isEqualTo("4.01");
            }
            PairingException throttled = attempt(f, PairingFixture.OPEN_PASSWORD);
            assertThat(PairingFailures.code(throttled)).isEqualTo("4.29");
            assertThat(throttled.getMessage()).containsPattern("retry in [0-9]+ s");
        }
    }

    @Test
    void abandonedExchangesCostTokensAndSuccessesGiveThemBack() throws Exception {
        var options = PairingOptions.defaults().alwaysOpen()
                .withBuckets(2, Duration.ofMinutes(10), 2, Duration.ofMinutes(10));
        try (PairingFixture f = new PairingFixture(dir, options)) {
            f.enableOpenPassword();
            for (int i = 0; i < 4; i++) { // four successes in a row with a bucket of two: each gives its token back
                assertThat(attempt(f, PairingFixture.OPEN_PASSWORD)).isNull();
            }
            Client c = PairingFixture.newClient();
            try (DeviceConnection conn = c.connect(f.device.remoteAddress())) {
                assertThat(RawPake.openPassword(PairingFixture.OPEN_PASSWORD).start(conn).code()).isEqualTo("2.01");
                assertThat(RawPake.openPassword(PairingFixture.OPEN_PASSWORD).start(conn).code()).isEqualTo("2.01");
                var third = RawPake.openPassword(PairingFixture.OPEN_PASSWORD).start(conn);
                assertThat(third.code()).isEqualTo("4.29");
                assertThat(third.maxAge()).isPositive();
            }
        }
    }

    @Test
    void theWindowGatesPasswordsAndClosesAfterTooManyFailures() throws Exception {
        var options = PairingOptions.defaults().withMaxFailures(2)
                .withBuckets(50, Duration.ofMillis(10), 50, Duration.ofMillis(10));
        try (PairingFixture f = new PairingFixture(dir, options)) {
            f.enableOpenPassword();
            f.pairing.window().close();
            PairingException closed = attempt(f, PairingFixture.OPEN_PASSWORD);
            assertThat(PairingFailures.code(closed)).isEqualTo("4.03");
            assertThat(closed.getMessage()).contains("window");
            f.pairing.window().open(Duration.ofMinutes(1)); // the button
            assertThat(attempt(f, PairingFixture.OPEN_PASSWORD)).isNull();
            assertThat(PairingFailures.code(attempt(f, "wrong-one-1"))).isEqualTo("4.01");
            // one source fills at most a quarter of the window (here 1 of 2): then it alone is refused, for a while
            assertThat(PairingFailures.code(attempt(f, "wrong-one-2"))).isEqualTo("4.29");
            assertThat(PairingFailures.code(attempt(f, PairingFixture.OPEN_PASSWORD))).isEqualTo("4.29");
            assertThat(f.pairing.window().isOpen()).as("still open for everyone else").isTrue();
            f.pairing.window().open(Duration.ofMinutes(1)); // the button clears the failures
            assertThat(attempt(f, PairingFixture.OPEN_PASSWORD)).isNull();
        }
    }

    @Test
    void tokensAreNotBoundToTheWindow() throws Exception {
        var options = PairingOptions.defaults();
        try (PairingFixture f = new PairingFixture(dir, options)) {
            f.pairing.window().close();
            var issued = DeviceConnection.cbor(f.adminConn.post("/iam/pairing-tokens",
                    dev.edgepair.wire.CborMap.builder().put("Username", "remote-rita").build()));
            PairingFixture.newClient().pair(PairingRequest.token(f.device.remoteAddress()).tokenId(issued.text("Id", 8)).token(issued.text("Token", 32)).build());
            assertThat(f.iam.state().user("remote-rita")).isPresent();
        }
    }

    @Test
    void aHalfFinishedExchangeExpires() throws Exception {
        var options = PairingOptions.defaults().alwaysOpen().withExchangeTimeout(Duration.ofMillis(300));
        TestClock clock = new TestClock();
        try (PairingFixture f = new PairingFixture(dir, options, IamConfig.defaults(), clock, true, null)) {
            f.enableOpenPassword();
            Client c = PairingFixture.newClient();
            try (DeviceConnection conn = c.connect(f.device.remoteAddress())) {
                RawPake raw = RawPake.openPassword(PairingFixture.OPEN_PASSWORD);
                raw.start(conn);
                clock.advance(Duration.ofMillis(301));
                var late = raw.finish(conn, c.fingerprint());
                assertThat(late.code()).isEqualTo("4.00");
                assertThat(late.text()).contains("timed out");
            }
        }
    }
}
