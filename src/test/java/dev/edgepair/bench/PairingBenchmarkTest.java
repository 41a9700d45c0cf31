package dev.edgepair.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.tags.EndToEnd;
import dev.edgepair.net.BouncyCastleEc;

/** The end-to-end benchmark runs and reports every row; its figures are read by people, not asserted. */
@EndToEnd
class PairingBenchmarkTest {
    @Test
    void aShortRunReportsEveryOperation(@TempDir Path dir) throws Exception {
        List<PairingBenchmark.Row> rows = PairingBenchmark.run(3, List.of(1, 2), dir);
        assertThat(rows).extracting(PairingBenchmark.Row::operation).contains("DTLS handshake (baseline)",
                "password pairing", "CoAP round trip on an open connection", "J-PAKE exchange, both sides (CPU)");
        assertThat(rows).allMatch(r -> r.count() > 0);
        assertThat(rows).filteredOn(r -> !r.operation().startsWith("warm-up")).allMatch(r -> r.p50Millis() > 0);
        // two warm-up rounds (no warm-up limit) of both operations at the most clients: 2 x 2 x 2 clients x 3
        assertThat(rows.get(0).operation()).isEqualTo("warm-up (both, last round's CPU)");
        assertThat(rows.get(0).count()).isEqualTo(24);
        assertThat(rows.get(0).jitMillisPerOp()).isNotNegative();
        assertThat(PairingBenchmark.table(rows)).contains("p50 ms").contains("password pairing");
    }

    /**
     * Every mode at once: SunEC and Bouncy Castle in turn, a state with users already in it, an emulated link with
     * round trips counted at the proxy; the JVM's provider list is as before afterwards.
     */
    @Test
    void everyModeRunsAndTheLinkCountsRoundTrips(@TempDir Path dir) throws Exception {
        boolean before = BouncyCastleEc.isInstalled();
        List<PairingBenchmark.Row> rows = PairingBenchmark.run(new PairingBenchmark.Options(2, List.of(1),
                List.of("SunEC", "BC"), 50, Duration.ofMillis(5), 0), dir);
        assertThat(BouncyCastleEc.isInstalled()).isEqualTo(before);
        assertThat(rows).extracting(PairingBenchmark.Row::operation).contains("DTLS handshake (baseline) [SunEC]",
                "password pairing [BC]", "password pairing, 50 users [BC]", "ECDSA verify (CPU) [SunEC]",
                "ECDSA verify (CPU) [BC]", "identity key generation (CPU)");
        PairingBenchmark.Row handshake = row(rows, "DTLS handshake via 5+5 ms [BC]");
        PairingBenchmark.Row pairing = row(rows, "password pairing via 5+5 ms [BC]");
        // ClientHello, ClientHello with cookie, the client's Finished flight, the CoAP ping, and the device's
        // answer to close_notify (which the client does not wait for, and may be gone by the end of a run)
        assertThat(handshake.roundTrips()).isBetween(4.0, 5.0);
        assertThat(pairing.roundTrips()).isGreaterThan(handshake.roundTrips());
        assertThat(rows).filteredOn(r -> !r.operation().contains(" via ")).allMatch(r -> r.roundTrips() < 0);
    }

    /** Alternating rounds: each block's figures kept, the device's own CPU measured, the targets read off the rows. */
    @Test
    void roundsAlternateAndTheTargetsAreReadOffTheRows(@TempDir Path dir) throws Exception {
        PairingBenchmark.Options o = new PairingBenchmark.Options(2, List.of(2), List.of(), 0, Duration.ofMillis(5), 0,
                2);
        List<PairingBenchmark.Row> rows = PairingBenchmark.run(o, dir);
        PairingBenchmark.Row pairing = row(rows, "password pairing");
        assertThat(pairing.roundPerSecond()).hasSize(2);
        assertThat(pairing.deviceCpuMillisPerOp()).isPositive().isLessThanOrEqualTo(pairing.cpuMillisPerOp());
        String targets = PairingBenchmark.targets(rows, o);
        assertThat(targets).contains("2 clients: ").contains("pairings/s").contains("handshakes/s")
                .contains("ratio per round:").contains("2 clients via 5+5 ms: pairing p50").contains("- 2 x 10 ms")
                .containsPattern("2 clients: ceiling from this run's CPU: a pairing costs at least [0-9.]+ \\(handshake\\) "
                        + "\\+ [0-9.]+ \\(J-PAKE\\) \\+ [0-9.]+ \\(PBKDF2\\)");
        assertThat(PairingBenchmark.isDeviceThread("DTLS-Worker-/127.0.0.1:5684#1")).isTrue();
        assertThat(PairingBenchmark.isDeviceThread("DTLS-Receiver-0-/[0:0:0:0:0:0:0:0]:40000")).isFalse();
    }

    @Test
    void theLinkEmulatorOnlyForwardsToLoopback() {
        assertThatThrownBy(() -> new LinkEmulator(new InetSocketAddress("192.0.2.1", 5684), Duration.ofMillis(1), 0,
                1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    private static PairingBenchmark.Row row(List<PairingBenchmark.Row> rows, String operation) {
        return rows.stream().filter(r -> r.operation().equals(operation)).findFirst().orElseThrow();
    }
}
