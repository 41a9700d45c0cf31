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
