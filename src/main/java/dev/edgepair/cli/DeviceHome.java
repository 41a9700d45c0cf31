package dev.edgepair.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.edgepair.identity.Identity;
import dev.edgepair.identity.IdentityException;
import dev.edgepair.storage.AtomicFiles;

/**
 * A device's home directory: {@code device.key} (its identity), {@code device.json} (product and device id, made up on
 * first run unless given) and {@code iam-state.json}. Created mode 0700 on first run.
 */
final class DeviceHome {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path dir;
    final Identity identity;
    final String productId;
    final String deviceId;
    final boolean firstRun;

    private DeviceHome(Path dir, Identity identity, String productId, String deviceId, boolean firstRun) {
        this.dir = dir;
        this.identity = identity;
        this.productId = productId;
        this.deviceId = deviceId;
        this.firstRun = firstRun;
    }

    static DeviceHome open(Path dir, String productId, String deviceId) throws IOException, IdentityException {
        boolean firstRun = !Files.exists(dir.resolve("device.json"));
        createPrivateDirectory(dir);
        Identity identity = Identity.loadOrCreate(dir.resolve("device.key"));
        Path info = dir.resolve("device.json");
        if (firstRun) {
            String p = productId != null ? productId : "pr-" + randomId();
            String d = deviceId != null ? deviceId : "de-" + randomId();
            AtomicFiles.writeAtomically(info, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    JSON.createObjectNode().put("ProductId", p).put("DeviceId", d)), false);
            return new DeviceHome(dir, identity, p, d, true);
        }
        JsonNode node = JSON.readTree(Files.readString(info, StandardCharsets.UTF_8));
        if (!node.path("ProductId").isTextual() || !node.path("DeviceId").isTextual()) {
            throw new IOException(info + ": corrupt device.json");
        }
        return new DeviceHome(dir, identity, node.get("ProductId").asText(), node.get("DeviceId").asText(), false);
    }

    Path stateFile() {
        return dir.resolve("iam-state.json");
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static String randomId() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
