package dev.edgepair.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.tags.EndToEnd;

/** The end-to-end benchmark runs and reports every row; its figures are read by people, not asserted. */
@EndToEnd
class PairingBenchmarkTest {
    @Test
    void aShortRunReportsEveryOperation(@TempDir Path dir) throws Exception {
        List<PairingBenchmark.Row> rows = PairingBenchmark.run(3, List.of(1, 2), dir);
        assertThat(rows).extracting(PairingBenchmark.Row::operation).contains("DTLS handshake (baseline)",
                "password pairing", "CoAP round trip on an open connection", "J-PAKE exchange, both sides (CPU)");
        assertThat(rows).allMatch(r -> r.count() > 0 && r.p50Millis() > 0);
        assertThat(PairingBenchmark.table(rows)).contains("p50 ms").contains("password pairing");
    }
}
