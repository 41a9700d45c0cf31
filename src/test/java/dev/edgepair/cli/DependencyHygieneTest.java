package dev.edgepair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/** CLI-only libraries (picocli, QR codes, a logging backend) stay optional and out of the library packages. */
@Unit
class DependencyHygieneTest {
    @Test
    void cliOnlyDependenciesAreOptional() throws Exception {
        String pom = Files.readString(Path.of("pom.xml")).replaceAll("\\s+", "");
        for (String artifact : List.of("picocli", "qrcodegen", "slf4j-simple")) {
            int at = pom.indexOf("<artifactId>" + artifact + "</artifactId>");
            assertThat(at).as(artifact).isPositive();
            String rest = pom.substring(at, pom.indexOf("</dependency>", at));
            assertThat(rest).as(artifact + " must be <optional>true</optional>").contains("<optional>true</optional>");
        }
    }

    @Test
    void oneLoggingFacadeTheOneCaliforniumUses() throws Exception {
        String pom = Files.readString(Path.of("pom.xml")).replaceAll("\\s+", "");
        int at = pom.indexOf("<artifactId>slf4j-api</artifactId>");
        assertThat(at).as("slf4j-api is declared").isPositive();
        assertThat(pom.substring(at, pom.indexOf("</dependency>", at))).as("slf4j-api is the library's own dependency")
                .doesNotContain("<optional>").doesNotContain("<scope>");
        for (String root : List.of("src/main/java", "src/cli/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                List<Path> jul = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                    try {
                        String s = Files.readString(p);
                        return s.contains("java.util.logging") || s.contains("java.logging");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
                assertThat(jul).as("java.util.logging in " + root).isEmpty();
            }
        }
    }

    @Test
    void onlyTheCliPackageUsesThem() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/edgepair"))) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/cli/"))
                    .filter(p -> {
                        try {
                            String s = Files.readString(p);
                            return s.contains("import picocli") || s.contains("io.nayuki") || s.contains("simpleLogger");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList();
            assertThat(offenders).isEmpty();
        }
    }
}
