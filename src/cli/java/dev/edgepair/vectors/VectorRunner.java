package dev.edgepair.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads vector files ({@code spec/test-vectors.md}) and checks every vector with the {@link VectorKind} its
 * schema and kind name. The JUnit suite and {@code edgepair vectors check} both run this class.
 */
public final class VectorRunner {
    /** The result of one vector; a file that cannot be read yields one failed outcome named after the file. */
    public record Outcome(String file, String name, boolean passed, String why) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, VectorKind> kinds = new LinkedHashMap<>();

    public VectorRunner(List<VectorKind> kinds) {
        for (VectorKind kind : kinds) {
            this.kinds.put(kind.schema() + "#" + kind.name(), kind);
        }
    }

    /** Every kind EdgePair ships. */
    public static VectorRunner standard() {
        return new VectorRunner(List.of(new JpakeVectors.Read(), new JpakeVectors.Exchange(),
                new PairingVectors.Secret(), new PairingVectors.Confirm(), new PairingVectors.Exchange()));
    }

    /** Every {@code .json} file below a directory, in name order. */
    public static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    public List<Outcome> run(Path file) {
        String fileName = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            return List.of(new Outcome(fileName, fileName, false, "not JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return List.of(new Outcome(fileName, fileName, false, "cannot read: " + e.getMessage()));
        }
        if (root == null || !root.isObject() || !root.path("schema").isTextual()
                || !root.path("vectors").isArray()) {
            return List.of(new Outcome(fileName, fileName, false, "not a vector file (schema, vectors)"));
        }
        String schema = root.get("schema").asText();
        List<Outcome> out = new ArrayList<>();
        int index = 0;
        for (JsonNode vector : root.get("vectors")) {
            String name = vector.path("name").asText("#" + index);
            index++;
            VectorKind kind = kinds.get(schema + "#" + vector.path("kind").asText());
            if (kind == null) {
                out.add(new Outcome(fileName, name, false,
                        "unknown kind '" + vector.path("kind").asText() + "' for schema " + schema));
                continue;
            }
            try {
                kind.check(vector, root);
                out.add(new Outcome(fileName, name, true, ""));
            } catch (VectorFailure e) {
                out.add(new Outcome(fileName, name, false, e.getMessage()));
            } catch (RuntimeException e) {
                // An unchecked exception is itself a finding: the code under test crashed on this input.
                out.add(new Outcome(fileName, name, false, "unexpected " + e));
            }
        }
        return out;
    }
}
