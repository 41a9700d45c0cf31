package dev.edgepair.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every test class carries exactly one of {@link Unit}, {@link EndToEnd}, {@link Heavy}: a new test that forgets its
 * tag would silently run inside PIT (slow) or be missed by {@code -Dgroups=unit}.
 */
@Unit
class EveryTestIsTaggedTest {
    @Test
    void everyTestClassHasExactlyOneTag() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(EveryTestIsTaggedTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> untagged = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().matches(".*(Test|Tests|Properties)\\.class")
                    && !f.toString().contains("jmh_generated")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, EveryTestIsTaggedTest.class.getClassLoader());
                long tags = Stream.of(Unit.class, EndToEnd.class, Heavy.class).filter(c::isAnnotationPresent).count();
                seen++;
                if (tags != 1) {
                    untagged.add(name + " has " + tags + " tags");
                }
            }
        }
        assertThat(seen).isGreaterThan(30);
        assertThat(untagged).isEmpty();
    }
}
