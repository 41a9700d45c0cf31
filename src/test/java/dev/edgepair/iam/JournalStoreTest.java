package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.identity.Identity;
import dev.edgepair.tags.Unit;

/** spec/iam.md, "State": the snapshot and its append-only journal. */
@Unit
class JournalStoreTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("iam-state.json");
    }

    @Test
    void changesAreAppendedToTheJournalAndReplayedOnLoad() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file())); // first save: a snapshot
        byte[] snapshot = Files.readAllBytes(file());
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "phone");
        iam.pairNewUser("bob", Identity.generate().fingerprint(), "laptop");
        iam.setDisplayName("alice", "Alice A.");
        iam.setSetting(IamState.Setting.LOCAL_OPEN_PAIRING, true);
        iam.createToken(new PairingToken("0123abcd", "carol", "Guest", 4_000_000_000L, new PakeSecret(new byte[32])),
                0);
        iam.deleteUser("bob");
        assertThat(Files.readAllBytes(file())).as("the snapshot is not rewritten").isEqualTo(snapshot);
        assertThat(Files.readAllLines(journal())).hasSize(6);
        assertThat(Files.getPosixFilePermissions(journal()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(new JsonFileIamStateStore(file()).load().orElseThrow()).isEqualTo(iam.state());
        // a second life continues the same files
        Iam again = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        assertThat(again.state()).isEqualTo(iam.state());
        again.pairNewUser("dave", Identity.generate().fingerprint(), "");
        again.setRole("alice", "Guest");
        assertThat(new JsonFileIamStateStore(file()).load().orElseThrow()).isEqualTo(again.state());
    }

    @Test
    void aLongJournalIsFoldedIntoANewSnapshot() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file(), 4096));
        for (int i = 0; i < 40; i++) {
            iam.pairNewUser("u" + i, Identity.generate().fingerprint(), "k");
        }
        assertThat(Files.readString(file())).contains("\"Journal\" : ");
        assertThat(Files.size(journal())).isLessThanOrEqualTo(Math.max(4096, Files.size(file())));
        assertThat(new JsonFileIamStateStore(file()).load().orElseThrow()).isEqualTo(iam.state());
        assertThat(iam.state().users()).hasSize(41);
    }

    @Test
    void aSnapshotThatCrashedBeforeTheJournalWasEmptiedReplaysNothingTwice() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "");
        iam.pairNewUser("bob", Identity.generate().fingerprint(), "");
        byte[] journalBefore = Files.readAllBytes(journal());
        // a new life writes a snapshot on its first change; put the old records back as if it died before emptying
        Iam second = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        second.deleteUser("bob");
        Files.write(journal(), journalBefore);
        IamState loaded = new JsonFileIamStateStore(file()).load().orElseThrow();
        assertThat(loaded).isEqualTo(second.state());
        assertThat(loaded.user("bob")).isEmpty();
    }

    @Test
    void aTornLastRecordIsIgnoredAndDroppedByTheNextSave() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "");
        iam.pairNewUser("bob", Identity.generate().fingerprint(), "");
        IamState confirmed = iam.state();
        List<String> lines = Files.readAllLines(journal());
        String last = lines.get(lines.size() - 1);
        // a third record cut off mid-write, with and without its newline
        for (String torn : List.of(last.substring(0, last.length() / 2), last.replace("bob", "eve") + "\n",
                "\0\0\0\0")) {
            byte[] before = Files.readAllBytes(journal());
            Files.writeString(journal(), torn, StandardOpenOption.APPEND);
            assertThat(new JsonFileIamStateStore(file()).load().orElseThrow()).isEqualTo(confirmed);
            Files.write(journal(), before);
        }
        Files.writeString(journal(), last.substring(0, 20), StandardOpenOption.APPEND);
        Iam again = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        again.pairNewUser("carol", Identity.generate().fingerprint(), "");
        again.pairNewUser("dave", Identity.generate().fingerprint(), "");
        assertThat(new JsonFileIamStateStore(file()).load().orElseThrow()).isEqualTo(again.state());
    }

    @Test
    void aDamagedRecordBeforeTheLastStopsStartupNamingTheJournal() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "");
        iam.pairNewUser("bob", Identity.generate().fingerprint(), "");
        iam.pairNewUser("carol", Identity.generate().fingerprint(), "");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal()));
        lines.set(0, lines.get(0).replace("alice", "alicf"));
        Files.write(journal(), lines);
        byte[] damaged = Files.readAllBytes(journal());
        assertThatThrownBy(() -> Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file())))
                .isInstanceOf(IamStateException.class).hasMessageContaining(journal().toString())
                .hasMessageContaining("corrupt");
        assertThat(Files.readAllBytes(journal())).as("nothing changed").isEqualTo(damaged);
    }

    /**
     * Third review, F3: the first save after a restart wrote a snapshot with the same {@code Journal} number as the
     * snapshot before it, though it held more changes. An older snapshot restored from a backup then loaded without
     * a word and replayed the newer journal on top: a state that never existed (here mallory's demotion, made before
     * carol was created, gone while carol is there). Every snapshot now takes a number of its own, so the newer
     * journal does not follow the older snapshot, and startup stops.
     */
    @Test
    void anOlderSnapshotRestoredBesideANewerJournalStopsStartup() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.createUser("mallory", "", "Administrator");
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.createUser("x", "", "Guest");
        Path backup = dir.resolve("backup.json");
        Files.copy(file(), backup);
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.setRole("mallory", "Guest");
        iam.createUser("carol", "", "Standard");
        Files.copy(backup, file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> new JsonFileIamStateStore(file()).load()).isInstanceOf(IamStateException.class)
                .hasMessageContaining("follows");
    }

    @Test
    void everySnapshotTakesANumberOfItsOwn() throws Exception {
        Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file())) // a snapshot
                .pairNewUser("first", Identity.generate().fingerprint(), ""); // a record
        List<Long> numbers = new ArrayList<>();
        for (int life = 0; life < 3; life++) {
            // each life's first change is a snapshot; no record comes between them
            Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()))
                    .pairNewUser("user" + life, Identity.generate().fingerprint(), "");
            numbers.add(journalNumber());
        }
        assertThat(numbers).as("the snapshots' Journal numbers").doesNotHaveDuplicates().isSorted();
        assertThat(new JsonFileIamStateStore(file()).load().orElseThrow().users()).hasSize(5);
    }

    /**
     * Third review, F5: an append whose fsync fails is refused; the journal is cut back, and if even that fails, the
     * record left behind has the number the next snapshot takes, so replay skips it: the refused change never comes
     * back. Here the leftover is put in place by hand (a record numbered like the snapshot after it, holding a
     * change that snapshot does not have).
     */
    @Test
    void aRecordLeftByARefusedAppendIsSkippedOnceTheNextSnapshotTookItsNumber() throws Exception {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Iam elsewhere = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(other.resolve("s.json"))); // J 1
        elsewhere.createUser("before", "", "Guest"); // record 2
        elsewhere.createUser("refused", "", "Administrator"); // record 3
        String leftover = Files.readAllLines(other.resolve("s.json.journal")).get(1);
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file())); // snapshot J 1
        iam.createUser("before", "", "Guest"); // record 2
        iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.createUser("kept", "", "Guest"); // the snapshot after a failed append: J 3
        assertThat(journalNumber()).isEqualTo(3);
        Files.writeString(journal(), leftover + "\n", StandardOpenOption.APPEND);
        IamState loaded = new JsonFileIamStateStore(file()).load().orElseThrow();
        assertThat(loaded.user("refused")).isEmpty();
        assertThat(loaded).isEqualTo(iam.state());
    }

    /**
     * Found by the review of the fixes: once a snapshot is renamed into place its change is durable, but a journal
     * that could not be emptied after it failed the save, so the caller was refused a change that came back at the
     * next start. Here the journal is a symbolic link, which the store never opens for writing.
     */
    @Test
    void aSnapshotIsSavedEvenWhenTheJournalCannotBeEmptiedAfterIt() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "");
        Path elsewhere = dir.resolve("elsewhere");
        Files.move(journal(), elsewhere);
        Files.createSymbolicLink(journal(), elsewhere);
        Iam second = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        second.pairNewUser("bob", Identity.generate().fingerprint(), ""); // a snapshot; emptying the journal fails
        assertThat(second.state().user("bob")).isPresent();
        assertThat(new JsonFileIamStateStore(file()).load().orElseThrow()).isEqualTo(second.state());
        // an append cannot open the journal either: refused, and nothing of it comes back; the next save is a snapshot
        assertThatThrownBy(() -> second.pairNewUser("carol", Identity.generate().fingerprint(), ""))
                .isInstanceOf(IamException.class);
        second.pairNewUser("dave", Identity.generate().fingerprint(), "");
        IamState loaded = new JsonFileIamStateStore(file()).load().orElseThrow();
        assertThat(loaded).isEqualTo(second.state());
        assertThat(loaded.user("carol")).isEmpty();
    }

    private long journalNumber() throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(file().toFile()).path("Journal").asLong();
    }

    @Test
    void aMissingRecordStopsStartup() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "");
        iam.pairNewUser("bob", Identity.generate().fingerprint(), "");
        iam.pairNewUser("carol", Identity.generate().fingerprint(), "");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal()));
        lines.remove(0);
        Files.write(journal(), lines);
        assertThatThrownBy(() -> new JsonFileIamStateStore(file()).load()).isInstanceOf(IamStateException.class)
                .hasMessageContaining("follows");
    }

    @Test
    void aJournalWithoutItsSnapshotStopsStartup() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file()));
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "");
        iam.pairNewUser("bob", Identity.generate().fingerprint(), "");
        Files.delete(file());
        assertThatThrownBy(() -> Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file())))
                .isInstanceOf(IamStateException.class).hasMessageContaining("journal");
        assertThat(file()).doesNotExist();
    }

    @Test
    void aStateInAnotherUserOrderIsSavedAsASnapshot() throws Exception {
        JsonFileIamStateStore store = new JsonFileIamStateStore(file());
        Iam iam = Iam.open(IamConfig.defaults(), store);
        iam.pairNewUser("alice", Identity.generate().fingerprint(), "");
        iam.pairNewUser("bob", Identity.generate().fingerprint(), "");
        List<User> reversed = new ArrayList<>(iam.state().users());
        Collections.reverse(reversed);
        IamState other = iam.state().withUsers(reversed);
        store.save(other);
        assertThat(new JsonFileIamStateStore(file()).load().orElseThrow()).isEqualTo(other);
    }

    private Path journal() {
        return dir.resolve("iam-state.json.journal");
    }
}
