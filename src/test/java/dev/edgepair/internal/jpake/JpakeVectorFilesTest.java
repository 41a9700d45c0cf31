package dev.edgepair.internal.jpake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;
import dev.edgepair.vectors.VectorRunner;

/**
 * The J-PAKE vector files (Mbed TLS reference, read-order rejections, exchanges), each file checked in one test.
 * {@code VectorFilesTest} shows one dynamic test per vector but runs every vector while it builds them, so PIT credits
 * the code the vectors run to its first dynamic test and misses what the others would kill (spec/mutation.md); here
 * the test that runs a vector is the test that checks it.
 */
@Unit
class JpakeVectorFilesTest {
    static Path vectorsDir() {
        return Path.of(System.getProperty("edgepair.vectors.dir", "test-vectors"));
    }

    static void assertAllHold(String file, int count) {
        List<VectorRunner.Outcome> outcomes = VectorRunner.standard().run(vectorsDir().resolve(file));
        assertThat(outcomes).hasSize(count);
        assertThat(outcomes.stream().filter(o -> !o.passed()).map(o -> o.name() + ": " + o.why()))
                .as(file).isEmpty();
    }

    @Test
    void theMbedTlsReferenceHolds() {
        assertAllHold("thread-ecjpake-reference.json", 4);
    }

    @Test
    void everyReadVectorIsAcceptedOrRejectedForItsReason() {
        assertAllHold("jpake-read.json", 92);
    }

    @Test
    void everyExchangeIsRebuiltByteForByte() {
        assertAllHold("jpake-exchange.json", 13);
    }
}
