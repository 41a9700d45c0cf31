package dev.edgepair.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;
import dev.edgepair.vectors.VectorRunner;

/**
 * test-vectors/pairing.json (secrets, confirmations, whole exchanges from an independent Python model) in one test,
 * so that PIT credits the protocol code these vectors run to the test that checks them (spec/mutation.md).
 */
@Unit
class PairingVectorFileTest {
    @Test
    void everyPairingVectorHolds() {
        Path dir = Path.of(System.getProperty("edgepair.vectors.dir", "test-vectors"));
        List<VectorRunner.Outcome> outcomes = VectorRunner.standard().run(dir.resolve("pairing.json"));
        assertThat(outcomes).hasSize(17);
        assertThat(outcomes.stream().filter(o -> !o.passed()).map(o -> o.name() + ": " + o.why())).isEmpty();
    }
}
