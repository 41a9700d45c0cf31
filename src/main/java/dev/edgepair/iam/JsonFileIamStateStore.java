package dev.edgepair.iam;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.storage.AtomicFiles;

/**
 * The IAM state as versioned JSON (spec/iam.md), mode 0600: a snapshot file written atomically (temp file, fsync,
 * rename, directory fsync) and beside it an append-only journal ({@code <file>.journal}) of the changes made since.
 * A save appends one record (the users added, changed or removed, the settings, the tokens if they changed) and
 * fsyncs the journal, so its cost does not grow with the number of users. The first save of a store, a change the
 * journal cannot express, and a journal grown larger than the snapshot (and than {@value #MIN_JOURNAL_BYTES} bytes)
 * write a new snapshot instead, which names the last record it holds; the journal is then emptied. A record is one
 * line, {@code <crc32 hex> <json>}. A torn last record (a write a crash cut off, so never confirmed) is ignored; any
 * other bad record, a gap in the record numbers, a corrupt snapshot or an unknown version is an
 * {@link IamStateException} naming the file. One process writes a state; any may read it.
 */
public final class JsonFileIamStateStore implements IamStateStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MIN_JOURNAL_BYTES = 1 << 20;
    private final Path file;
    private final Path journal;
    // the writer's state, guarded by this: what the files hold now (null: unknown, write a snapshot next)
    private IamState saved;
    private long seq;
    private long snapshotBytes;
    private FileChannel journalChannel;
    private final int minJournalBytes;

    /**
     * A store on a file; nothing is read or written until {@link #load} or {@link #save}.
     *
     * @param file the snapshot file; the journal goes beside it
     */
    public JsonFileIamStateStore(Path file) {
        this(file, MIN_JOURNAL_BYTES);
    }

    /** Tests: a snapshot as soon as the journal outgrows {@code minJournalBytes} and the snapshot. */
    JsonFileIamStateStore(Path file, int minJournalBytes) {
        this.file = file;
        this.journal = file.resolveSibling(file.getFileName() + ".journal");
        this.minJournalBytes = minJournalBytes;
    }

    /**
     * The snapshot file.
     *
     * @return the file given to the constructor
     */
    public Path file() {
        return file;
    }

    /**
     * The journal beside the snapshot.
     *
     * @return {@code <file>.journal}
     */
    public Path journal() {
        return journal;
    }

    @Override
    public Optional<IamState> load() throws IamStateException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (journal.toFile().length() > 0) {
                throw new IamStateException(file + ": missing, but its journal " + journal.getFileName()
                        + " is not empty; refusing to start with an empty state");
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IamStateException(file + ": cannot read IAM state: " + e.getMessage(), e);
        }
        IamState state;
        long last;
        try {
            JsonNode root = JSON.readTree(bytes);
            state = parse(root);
            last = root.path("Journal").asLong(0);
        } catch (IOException e) {
            throw new IamStateException(file + ": corrupt IAM state (not JSON); refusing to start with an empty one");
        } catch (IamStateException | IllegalArgumentException e) {
            throw new IamStateException(file + ": invalid IAM state: " + e.getMessage());
        }
        byte[] records;
        try {
            records = Files.readAllBytes(journal);
        } catch (NoSuchFileException e) {
            records = new byte[0];
        } catch (IOException e) {
            throw new IamStateException(journal + ": cannot read IAM journal: " + e.getMessage(), e);
        }
        int at = 0;
        while (at < records.length) {
            int end = indexOf(records, (byte) '\n', at);
            if (end < 0) {
                break; // a torn last record: its save never returned
            }
            JsonNode record = record(records, at, end);
            if (record == null) {
                if (end + 1 == records.length) {
                    break; // a torn last record whose newline reached the disk
                }
                throw new IamStateException(journal + ": corrupt IAM journal record at byte " + at);
            }
            long n = record.path("Seq").asLong(-1);
            if (n > last) {
                if (n != last + 1) {
                    throw new IamStateException(journal + ": IAM journal record " + n + " follows " + last);
                }
                try {
                    state = apply(state, record);
                } catch (IamStateException | IllegalArgumentException e) {
                    throw new IamStateException(journal + ": invalid IAM journal record " + n + ": "
                            + e.getMessage());
                }
                last = n;
            }
            at = end + 1;
        }
        synchronized (this) {
            saved = null; // the first save writes a snapshot (which also drops a torn last record)
            seq = last;
        }
        return Optional.of(state);
    }

    /** The record in {@code records[from, end)} if its checksum is right and it parses, else null. */
    private static JsonNode record(byte[] records, int from, int end) {
        int space = indexOf(records, (byte) ' ', from);
        if (space < 0 || space > end) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(records, space + 1, end - space - 1);
        String sum = new String(records, from, space - from, StandardCharsets.US_ASCII);
        if (!sum.equals(String.format("%08x", crc.getValue()))) {
            return null;
        }
        try {
            return JSON.readTree(records, space + 1, end - space - 1);
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A record replayed: settings, tokens if present, removed users, then added or changed ones at the end. Applied to
     * the users' index change by change, as the writer made them, so replaying a journal of thousands of records
     * onto thousands of users does not rebuild the list for each record.
     */
    private static IamState apply(IamState s, JsonNode record) throws IamStateException {
        List<PairingToken> tokens = record.has("PairingTokens") ? tokens(record) : s.tokens();
        IamState users = s;
        for (JsonNode name : array(record, "Removed")) {
            users = users.withoutUser(name.asText());
        }
        for (JsonNode u : array(record, "Users")) {
            users = users.withUser(user(u));
        }
        if (!record.path("Settings").isObject()) {
            throw new IamStateException("Settings must be an object");
        }
        return settings(record.get("Settings"), users.users(), tokens);
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
            users.add(user(u));
        }
        return settings(root, users, root.has("PairingTokens") ? tokens(root) : List.of());
    }

    private static User user(JsonNode u) throws IamStateException {
        List<User.NamedFingerprint> fps = new ArrayList<>();
        for (JsonNode f : array(u, "Fingerprints")) {
            fps.add(new User.NamedFingerprint(Fingerprint.parse(text(f, "Fingerprint")), f.path("Name").asText("")));
        }
        return new User(text(u, "Username"), u.path("DisplayName").asText(""), text(u, "Role"), fps,
                u.has("InvitationSecret") ? PakeSecret.parse(text(u, "InvitationSecret")) : null);
    }

    private static List<PairingToken> tokens(JsonNode node) throws IamStateException {
        List<PairingToken> tokens = new ArrayList<>();
        for (JsonNode t : array(node, "PairingTokens")) {
            if (!t.path("Expires").canConvertToLong()) {
                throw new IamStateException("token Expires must be a number");
            }
            tokens.add(new PairingToken(text(t, "Id"), text(t, "Username"), text(t, "Role"),
                    t.get("Expires").asLong(), PakeSecret.parse(text(t, "Secret"))));
        }
        return tokens;
    }

    /** A state from the settings in {@code node} (the snapshot's root or a record's Settings) and these lists. */
    private static IamState settings(JsonNode node, List<User> users, List<PairingToken> tokens)
            throws IamStateException {
        return new IamState(node.path("FriendlyName").asText(""), bool(node, "LocalOpenPairing"),
                bool(node, "LocalInitialPairing"), bool(node, "PasswordOpenPairing"),
                bool(node, "PasswordInvitePairing"), text(node, "OpenPairingRole"),
                node.path("InitialPairingUsername").asText(""), users,
                node.has("OpenPairingSecret") ? PakeSecret.parse(text(node, "OpenPairingSecret")) : null, tokens);
    }

    static byte[] serialize(IamState s) throws JsonProcessingException {
        return serialize(s, 0);
    }

    private static byte[] serialize(IamState s, long journalSeq) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("Version", IamState.VERSION);
        putSettings(root, s);
        ArrayNode users = root.putArray("Users");
        for (User u : s.users()) {
            putUser(users.addObject(), u);
        }
        putTokens(root, s);
        if (journalSeq > 0) {
            root.put("Journal", journalSeq);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static void putSettings(ObjectNode node, IamState s) {
        node.put("FriendlyName", s.friendlyName());
        node.put("LocalOpenPairing", s.localOpenPairing());
        node.put("LocalInitialPairing", s.localInitialPairing());
        node.put("PasswordOpenPairing", s.passwordOpenPairing());
        node.put("PasswordInvitePairing", s.passwordInvitePairing());
        node.put("OpenPairingRole", s.openPairingRole());
        node.put("InitialPairingUsername", s.initialUsername());
        if (s.openPairingSecret() != null) {
            node.put("OpenPairingSecret", s.openPairingSecret().hex());
        }
    }

    private static void putUser(ObjectNode n, User u) {
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

    private static void putTokens(ObjectNode node, IamState s) {
        ArrayNode tokens = node.putArray("PairingTokens");
        for (PairingToken t : s.tokens()) {
            tokens.addObject().put("Id", t.id()).put("Username", t.username()).put("Role", t.role())
                    .put("Expires", t.expiresAtEpochSecond()).put("Secret", t.secret().hex());
        }
    }

    @Override
    public synchronized void save(IamState state) throws IamStateException {
        try {
            byte[] record = saved == null ? null : record(saved, state, seq + 1);
            if (record == null
                    || journalBytes() + record.length > Math.max(minJournalBytes, snapshotBytes)) {
                snapshot(state);
            } else {
                append(record);
            }
            saved = state;
        } catch (IOException e) {
            saved = null; // where the journal ends is unknown now: the next save writes a snapshot
            closeJournal();
            throw new IamStateException(file + ": cannot save IAM state: " + e.getMessage(), e);
        }
    }

    /**
     * The journal line that turns {@code from} into {@code to}; null if replaying cannot give the user order of
     * {@code to} (unchanged users in their old order, then the added or changed ones).
     */
    private static byte[] record(IamState from, IamState to, long n) throws JsonProcessingException {
        // Users before the first difference are the same objects in both (most changes touch only the end): skip
        // them, then compare the rest by name.
        int same = 0;
        while (same < from.users().size() && same < to.users().size()
                && from.users().get(same) == to.users().get(same)) {
            same++;
        }
        List<User> fromRest = from.users().subList(same, from.users().size());
        Map<String, User> old = new HashMap<>();
        for (User u : fromRest) {
            old.put(u.username(), u);
        }
        Set<String> present = new HashSet<>();
        List<User> kept = new ArrayList<>();
        ArrayNode changed = JSON.createArrayNode();
        for (User u : to.users().subList(same, to.users().size())) {
            present.add(u.username());
            if (old.get(u.username()) == u) {
                if (!changed.isEmpty()) {
                    return null; // an unchanged user after a changed one
                }
                kept.add(u);
            } else {
                putUser(changed.addObject(), u);
            }
        }
        int next = 0;
        for (User u : fromRest) {
            if (next < kept.size() && kept.get(next) == u) {
                next++;
            }
        }
        if (next != kept.size()) {
            return null; // unchanged users in another order
        }
        ObjectNode r = JSON.createObjectNode();
        r.put("Seq", n);
        putSettings(r.putObject("Settings"), to);
        if (!to.tokens().equals(from.tokens())) {
            putTokens(r, to);
        }
        ArrayNode removed = r.putArray("Removed");
        for (User u : fromRest) {
            if (!present.contains(u.username())) {
                removed.add(u.username());
            }
        }
        r.set("Users", changed);
        byte[] json = JSON.writeValueAsBytes(r);
        CRC32 crc = new CRC32();
        crc.update(json);
        byte[] sum = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[sum.length + json.length + 1];
        System.arraycopy(sum, 0, line, 0, sum.length);
        System.arraycopy(json, 0, line, sum.length, json.length);
        line[line.length - 1] = '\n';
        return line;
    }

    private long journalBytes() throws IOException {
        return journalChannel == null ? 0 : journalChannel.size();
    }

    /**
     * A snapshot takes the next record number itself: two snapshots never carry the same {@code Journal} number, so a
     * journal continues only the snapshot it was written after. (When a snapshot kept the number of the last record,
     * the first save after each restart wrote a snapshot with the same number as the one before but more changes:
     * an older snapshot restored from a backup then replayed the newer journal on top, silently without the changes
     * in between. Now the newer journal's first record does not follow the older snapshot's number: startup stops.)
     */
    private void snapshot(IamState state) throws IOException {
        long n = seq + 1;
        byte[] bytes = serialize(state, n);
        AtomicFiles.writeAtomically(file, bytes, true);
        seq = n;
        snapshotBytes = bytes.length;
        // The snapshot holds every record up to seq and the change is durable: the save has succeeded whatever
        // follows. Empty the journal, best effort: records left in it are skipped on replay (their numbers are at
        // most seq), a record refused by a failed append included, and later records follow them.
        try {
            if (journalChannel == null && Files.exists(journal)) {
                openJournal();
            }
            if (journalChannel != null) {
                journalChannel.truncate(0);
                journalChannel.force(true);
            }
        } catch (IOException e) {
            closeJournal(); // reopened by the next append
        }
    }

    /**
     * Appends a record and makes it durable. If that fails the caller is refused, so the record must not come back:
     * the journal is cut back to where it ended (best effort; what is left of it has the number the next snapshot
     * takes, so replay skips it once that snapshot is written).
     */
    private void append(byte[] line) throws IOException {
        if (journalChannel == null) {
            openJournal();
        }
        long end = journalChannel.size();
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                journalChannel.write(buf);
            }
            journalChannel.force(false);
        } catch (IOException e) {
            try {
                journalChannel.truncate(end);
                journalChannel.force(false);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        seq++;
    }

    private void openJournal() throws IOException {
        boolean created = !Files.exists(journal);
        if (created && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(journal, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
        // never through a symbolic link: the journal holds pairing secrets
        journalChannel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        if (created) {
            AtomicFiles.syncDirectory(journal.toAbsolutePath().getParent());
        }
    }

    private void closeJournal() {
        if (journalChannel != null) {
            try {
                journalChannel.close();
            } catch (IOException e) {
                // closing after a failed write: nothing more to do
            }
            journalChannel = null;
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
