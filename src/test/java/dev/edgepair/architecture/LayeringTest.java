package dev.edgepair.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.edgepair.tags.Unit;

/**
 * The layering of README's map (spec/architecture.md), read from the sources: each package may import only the
 * packages listed for it, which makes the graph acyclic; Californium stays in the transport and the endpoint runtime;
 * nothing in the library reaches the command's packages. A new import against the arrows fails here.
 */
@Unit
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java");

    /** Package (below dev.edgepair) -> what it may import from EdgePair, lowest layers first. */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        allow("wire");
        allow("internal.jpake");
        allow("internal.storage");
        allow("internal.secret");
        allow("identity", "internal.storage", "internal.secret");
        allow("net", "identity");
        allow("pairing", "identity");
        allow("endpoint", "identity", "wire");
        allow("discovery", "identity");
        allow("iam", "identity", "internal.storage", "internal.secret");
        allow("internal.protocol", "iam", "identity", "wire", "internal.jpake", "internal.secret");
        allow("internal.transport", "identity", "net", "internal.secret");
        allow("internal.endpoint", "endpoint", "iam", "identity", "wire", "internal.transport");
        allow("internal.iam", "endpoint", "iam", "identity", "wire", "internal.endpoint", "internal.protocol");
        allow("internal.pairing", "endpoint", "iam", "identity", "wire", "pairing", "internal.endpoint",
                "internal.protocol", "internal.jpake", "internal.transport");
        allow("device", "endpoint", "iam", "identity", "wire", "pairing", "net", "internal.endpoint", "internal.iam",
                "internal.pairing", "internal.protocol", "internal.transport");
        allow("client", "identity", "wire", "pairing", "net", "iam", "internal.protocol", "internal.jpake",
                "internal.transport", "internal.storage");
    }

    /** Where Californium (CoAP, DTLS) may appear. */
    static final Set<String> CALIFORNIUM = Set.of("internal.transport", "internal.endpoint");

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.edgepair\\.([a-z][a-z0-9.]*?)\\.[A-Z*]");

    private static void allow(String pkg, String... deps) {
        for (String d : deps) {
            if (!ALLOWED.containsKey(d)) {
                throw new IllegalStateException(pkg + " may only use a lower layer, not " + d);
            }
        }
        ALLOWED.put(pkg, new TreeSet<>(List.of(deps)));
    }

    @Test
    void everyPackageImportsOnlyWhatItsLayerAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : sources()) {
            String text = Files.readString(file);
            String pkg = packageOf(text);
            seen.add(pkg);
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                violations.add(pkg + " is not in the layering (add it to README's map and to this test)");
                continue;
            }
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                String dep = m.group(1);
                if (!dep.equals(pkg) && !allowed.contains(dep)) {
                    violations.add(file.getFileName() + " (" + pkg + ") uses " + dep);
                }
            }
            if (text.contains("org.eclipse.californium") && !CALIFORNIUM.contains(pkg)) {
                violations.add(file.getFileName() + " (" + pkg + ") uses Californium");
            }
        }
        assertThat(violations).isEmpty();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    }

    @Test
    void theLibraryNeverReachesTheCommand() throws IOException {
        for (Path file : sources()) {
            assertThat(Files.readString(file)).as(file.toString())
                    .doesNotContainPattern("dev\\.edgepair\\.(cli|demo|bench|vectors|example)\\.");
        }
    }

    @Test
    void theModuleExportsExactlyTheApiPackages() throws IOException {
        String module = Files.readString(MAIN.resolve("module-info.java"));
        Set<String> exported = new TreeSet<>();
        Matcher m = Pattern.compile("exports dev\\.edgepair\\.([a-z.]+);").matcher(module);
        while (m.find()) {
            exported.add(m.group(1));
        }
        Set<String> api = new TreeSet<>(ALLOWED.keySet());
        api.removeIf(p -> p.startsWith("internal."));
        assertThat(exported).isEqualTo(api);
    }

    private static String packageOf(String text) {
        Matcher m = Pattern.compile("^package dev\\.edgepair\\.([a-z.]+);", Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no package line");
        }
        return m.group(1);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN.resolve("dev/edgepair"))) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted()
                    .toList();
        }
    }
}
