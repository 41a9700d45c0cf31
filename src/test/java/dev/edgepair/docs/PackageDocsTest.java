package dev.edgepair.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/**
 * Every package of the library says what it is for (package-info.java with a doc comment), and every package under
 * dev.edgepair.internal says it is not API. The member javadoc is checked by {@code mvn -B javadoc:javadoc}.
 */
@Unit
class PackageDocsTest {
    private static final Path ROOT = Path.of("src/main/java");

    private static List<Path> packages() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT)) {
            return dirs.filter(Files::isDirectory).filter(d -> {
                try (Stream<Path> files = Files.list(d)) {
                    return files.anyMatch(f -> f.toString().endsWith(".java")
                            && !f.getFileName().toString().equals("module-info.java"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    @Test
    void everyPackageHasAPackageInfoWithADocComment() throws IOException {
        List<Path> packages = packages();
        assertThat(packages).isNotEmpty();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            assertThat(info).as(ROOT.relativize(dir) + " needs a package-info.java").exists();
            assertThat(Files.readString(info)).as(info.toString()).contains("/**")
                    .contains("package " + ROOT.relativize(dir).toString().replace('/', '.') + ";");
        }
    }

    @Test
    void internalPackagesSayTheyAreNotApi() throws IOException {
        for (Path dir : packages()) {
            if (ROOT.relativize(dir).startsWith("dev/edgepair/internal")) {
                assertThat(Files.readString(dir.resolve("package-info.java"))).as(dir.toString())
                        .contains("Internal: not part of the API");
            }
        }
    }
}
