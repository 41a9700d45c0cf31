package dev.edgepair.iam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.storage.AtomicFiles;

/**
 * The IAM state as versioned JSON (spec/iam.md), written atomically (temp file, fsync, rename, directory fsync) after
 * every change, mode 0600. A corrupt file or an unknown version is an {@link IamStateException} naming the file.
 */
public final class JsonFileIamStateStore implements IamStateStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public JsonFileIamStateStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<IamState> load() throws IamStateException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IamStateException(file + ": cannot read IAM state: " + e.getMessage(), e);
        }
        try {
            return Optional.of(parse(JSON.readTree(bytes)));
        } catch (IOException e) {
            throw new IamStateException(file + ": corrupt IAM state (not JSON); refusing to start with an empty one");
        } catch (IamStateException | IllegalArgumentException e) {
            throw new IamStateException(file + ": invalid IAM state: " + e.getMessage());
        }
    }

    static IamState parse(JsonNode root) throws IamStateException {
        if (root == null || !root.isObject()) {
            throw new IamStateException("not a JSON object");
        }
        int version = root.path("Version").asInt(-1);
        if (version != IamState.VERSION) {
            throw new IamStateException("unknown version " + root.path("Version") + " (this EdgePair reads "
                    + IamState.VERSION + ")");
        }
        List<User> users = new ArrayList<>();
        for (JsonNode u : array(root, "Users")) {
            List<User.NamedFingerprint> fps = new ArrayList<>();
            for (JsonNode f : array(u, "Fingerprints")) {
                fps.add(new User.NamedFingerprint(Fingerprint.parse(text(f, "Fingerprint")),
                        f.path("Name").asText("")));
            }
            users.add(new User(text(u, "Username"), u.path("DisplayName").asText(""), text(u, "Role"), fps,
                    u.has("InvitationSecret") ? PakeSecret.parse(text(u, "InvitationSecret")) : null));
        }
        List<PairingToken> tokens = new ArrayList<>();
        if (root.has("PairingTokens")) {
            for (JsonNode t : array(root, "PairingTokens")) {
                if (!t.path("Expires").canConvertToLong()) {
                    throw new IamStateException("token Expires must be a number");
                }
                tokens.add(new PairingToken(text(t, "Id"), text(t, "Username"), text(t, "Role"),
                        t.get("Expires").asLong(), PakeSecret.parse(text(t, "Secret"))));
            }
        }
        return new IamState(root.path("FriendlyName").asText(""), bool(root, "LocalOpenPairing"),
                bool(root, "LocalInitialPairing"), bool(root, "PasswordOpenPairing"),
                bool(root, "PasswordInvitePairing"), text(root, "OpenPairingRole"),
                root.path("InitialPairingUsername").asText(""), users,
                root.has("OpenPairingSecret") ? PakeSecret.parse(text(root, "OpenPairingSecret")) : null, tokens);
    }

    static byte[] serialize(IamState s) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", IamState.VERSION);
        root.put("FriendlyName", s.friendlyName());
        root.put("LocalOpenPairing", s.localOpenPairing());
        root.put("LocalInitialPairing", s.localInitialPairing());
        root.put("PasswordOpenPairing", s.passwordOpenPairing());
        root.put("PasswordInvitePairing", s.passwordInvitePairing());
        root.put("OpenPairingRole", s.openPairingRole());
        root.put("InitialPairingUsername", s.initialUsername());
        ArrayNode users = root.putArray("Users");
        for (User u : s.users()) {
            ObjectNode n = users.addObject();
            n.put("Username", u.username());
            n.put("DisplayName", u.displayName());
            n.put("Role", u.role());
            ArrayNode fps = n.putArray("Fingerprints");
            for (User.NamedFingerprint f : u.fingerprints()) {
                fps.addObject().put("Fingerprint", f.fingerprint().hex()).put("Name", f.name());
            }
            if (u.invitation() != null) {
                n.put("InvitationSecret", u.invitation().hex());
            }
        }
        if (s.openPairingSecret() != null) {
            root.put("OpenPairingSecret", s.openPairingSecret().hex());
        }
        ArrayNode tokens = root.putArray("PairingTokens");
        for (PairingToken t : s.tokens()) {
            tokens.addObject().put("Id", t.id()).put("Username", t.username()).put("Role", t.role())
                    .put("Expires", t.expiresAtEpochSecond()).put("Secret", t.secret().hex());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    @Override
    public void save(IamState state) throws IamStateException {
        try {
            AtomicFiles.writeAtomically(file, serialize(state), true);
        } catch (IOException e) {
            throw new IamStateException(file + ": cannot save IAM state: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) throws IamStateException {
        if (!node.path(field).isTextual()) {
            throw new IamStateException(field + " must be a string");
        }
        return node.get(field).asText();
    }

    private static boolean bool(JsonNode node, String field) throws IamStateException {
        if (!node.path(field).isBoolean()) {
            throw new IamStateException(field + " must be true or false");
        }
        return node.get(field).asBoolean();
    }

    private static JsonNode array(JsonNode node, String field) throws IamStateException {
        if (!node.path(field).isArray()) {
            throw new IamStateException(field + " must be an array");
        }
        return node.get(field);
    }
}
