package dev.edgepair.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.storage.AtomicFiles;

/**
 * Known devices in a JSON file, written atomically after every change:
 * {@code {"version": 1, "devices": [{"productId", "deviceId", "fingerprint", "name", "lastAddress"}]}}.
 * A corrupt file or an unknown version is an error at open, never a silent reset.
 */
public final class JsonFileKnownDevices extends InMemoryKnownDevices {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;
    private final Path file;

    private JsonFileKnownDevices(Path file, List<KnownDevice> initial) {
        super(initial);
        this.file = file;
    }

    /**
     * Opens the file, or an empty store that creates it on the first change.
     *
     * @param file the JSON file
     * @return the store
     * @throws IOException if the file cannot be read, is corrupt or has an unknown version
     */
    public static JsonFileKnownDevices open(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new JsonFileKnownDevices(file, List.of());
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || root.path("version").asInt(-1) != VERSION || !root.path("devices").isArray()) {
                throw new IOException(file + ": not a version " + VERSION + " known-devices file");
            }
            List<KnownDevice> devices = new ArrayList<>();
            for (JsonNode d : root.get("devices")) {
                devices.add(new KnownDevice(text(d, "productId", file), text(d, "deviceId", file),
                        Fingerprint.parse(text(d, "fingerprint", file)), d.path("name").asText(""),
                        d.path("lastAddress").asText("")));
            }
            return new JsonFileKnownDevices(file, devices);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": corrupt known-devices file (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode node, String field, Path file) throws IOException {
        if (!node.path(field).isTextual()) {
            throw new IOException(file + ": a device has no " + field);
        }
        return node.get(field).asText();
    }

    /**
     * @return the JSON file
     */
    public Path file() {
        return file;
    }

    @Override
    void persist(List<KnownDevice> next) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ArrayNode devices = root.putArray("devices");
        for (KnownDevice d : next) {
            devices.addObject()
                    .put("productId", d.productId())
                    .put("deviceId", d.deviceId())
                    .put("fingerprint", d.fingerprint().hex())
                    .put("name", d.name())
                    .put("lastAddress", d.lastAddress());
        }
        AtomicFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
    }
}
