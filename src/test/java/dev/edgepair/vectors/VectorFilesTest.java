package dev.edgepair.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.edgepair.tags.Unit;

/** Every vector of every file under test-vectors/, one JUnit test each, through the same runner as the CLI. */
@Unit
class VectorFilesTest {
    static Path vectorsDir() {
        return Path.of(System.getProperty("edgepair.vectors.dir", "test-vectors"));
    }

    @TestFactory
    Stream<DynamicTest> everyVectorHolds() throws Exception {
        VectorRunner runner = VectorRunner.standard();
        return VectorRunner.filesUnder(vectorsDir()).stream()
                .flatMap(file -> runner.run(file).stream())
                .map(o -> DynamicTest.dynamicTest(Path.of(o.file()).getFileName() + ": " + o.name(),
                        () -> assertThat(o.passed()).as(o.why()).isTrue()));
    }

    @Test
    void theMbedTlsReferenceFileIsShippedWhole() {
        List<VectorRunner.Outcome> outcomes = VectorRunner.standard()
                .run(vectorsDir().resolve("thread-ecjpake-reference.json"));
        assertThat(outcomes).hasSize(4).allMatch(VectorRunner.Outcome::passed);
    }

    @Test
    void theRunnerFailsAVectorThatLies(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String original = java.nio.file.Files.readString(vectorsDir().resolve("jpake-exchange.json"));
        // Change the expected PMS of every vector: the runner must report each one as failed.
        String lying = original.replaceAll("\"pms\": \"(.)", "\"pms\": \"$1$1").replaceAll("\"pms\": \"(.{64}).\"", "\"pms\": \"$1\"");
        Path file = dir.resolve("lying.json");
        java.nio.file.Files.writeString(file, lying);
        List<VectorRunner.Outcome> outcomes = VectorRunner.standard().run(file);
        assertThat(outcomes).isNotEmpty().noneMatch(VectorRunner.Outcome::passed);
    }

    @Test
    void aFileThatIsNotJsonIsOneFailureNotACrash(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        java.nio.file.Files.writeString(file, "{\"schema\": ");
        assertThat(VectorRunner.standard().run(file)).singleElement()
                .satisfies(o -> assertThat(o.passed()).isFalse())
                .satisfies(o -> assertThat(o.why()).startsWith("not JSON"));
    }

    @Test
    void shipsTheVectorsTheSpecPromises() {
        VectorRunner runner = VectorRunner.standard();
        List<VectorRunner.Outcome> exchange = runner.run(vectorsDir().resolve("jpake-exchange.json"));
        List<VectorRunner.Outcome> read = runner.run(vectorsDir().resolve("jpake-read.json"));
        assertThat(exchange).hasSizeGreaterThanOrEqualTo(12);
        assertThat(read).hasSizeGreaterThanOrEqualTo(40);
        for (String reader : List.of("client reads round 1", "server reads round 1",
                "client reads round 2", "server reads round 2")) {
            assertThat(read).filteredOn(o -> o.name().startsWith(reader)).hasSizeGreaterThan(10);
        }
    }
}
