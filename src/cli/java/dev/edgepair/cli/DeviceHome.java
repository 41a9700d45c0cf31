package dev.edgepair.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.edgepair.identity.Identity;
import dev.edgepair.identity.IdentityException;
import dev.edgepair.internal.storage.AtomicFiles;

/**
 * A device's home directory: {@code device.key} (its identity), {@code device.json} (product and device id, made up
 * on first run unless given), {@code iam-state.json}, {@code owner-token.txt} (mode 0600, while the first-boot owner
 * token is unused), {@code lock} and {@code control.sock}. Created mode 0700. {@code device.json} is written last,
 * once the device has started and its owner token is saved: a first start that fails leaves a home whose next start
 * is a first boot again.
 */
final class DeviceHome implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Path dir;
    final Identity identity;
    final String productId;
    final String deviceId;
    final boolean firstRun;
    private final HomeLock lock;

    private DeviceHome(Path dir, Identity identity, String productId, String deviceId, boolean firstRun,
                       HomeLock lock) {
        this.dir = dir;
        this.identity = identity;
        this.productId = productId;
        this.deviceId = deviceId;
        this.firstRun = firstRun;
        this.lock = lock;
    }

    /** Creates the home if needed, locks it ("in use by pid N") and reads or makes up its key and ids. */
    static DeviceHome open(Path dir, String productId, String deviceId) throws IOException, IdentityException {
        createPrivateDirectory(dir, "device home");
        HomeLock lock = HomeLock.acquire(dir, "device home", Duration.ZERO);
        try {
            Path info = dir.resolve("device.json");
            boolean firstRun = !Files.exists(info);
            Identity identity = Identity.loadOrCreate(dir.resolve("device.key"));
            if (firstRun) {
                return new DeviceHome(dir, identity, productId != null ? productId : "pr-" + randomId(),
                        deviceId != null ? deviceId : "de-" + randomId(), true, lock);
            }
            JsonNode node;
            try {
                node = JSON.readTree(Files.readString(info, StandardCharsets.UTF_8));
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.path("ProductId").isTextual() || !node.path("DeviceId").isTextual()) {
                throw new IOException(info + " is corrupt (no ProductId/DeviceId): restore it from a backup, or "
                        + "write {\"ProductId\":\"...\",\"DeviceId\":\"...\"} with the ids on the device's label");
            }
            return new DeviceHome(dir, identity, node.get("ProductId").asText(), node.get("DeviceId").asText(), false,
                    lock);
        } catch (IOException | IdentityException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Writes {@code device.json}: the first boot is complete. */
    void completeFirstBoot() throws IOException {
        AtomicFiles.writeAtomically(dir.resolve("device.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(JSON.createObjectNode().put("ProductId", productId).put("DeviceId", deviceId)),
                false);
    }

    Path stateFile() {
        return dir.resolve("iam-state.json");
    }

    Path ownerTokenFile() {
        return dir.resolve("owner-token.txt");
    }

    Path controlSocket() {
        return dir.resolve("control.sock");
    }

    @Override
    public void close() {
        lock.close();
    }

    static void createPrivateDirectory(Path dir, String what) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw new IOException(what + " " + dir + " is a file, not a directory: choose another --home");
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create " + what + " " + dir + ": permission denied on "
                    + e.getFile() + "; choose another --home");
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
