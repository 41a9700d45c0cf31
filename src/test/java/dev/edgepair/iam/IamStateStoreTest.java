package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.identity.Identity;
import dev.edgepair.tags.Unit;

/** spec/iam.md, "State". */
@Unit
class IamStateStoreTest {
    @TempDir
    Path dir;

    @Test
    void aFirstStartSavesTheInitialStateMode0600() throws Exception {
        Path file = dir.resolve("iam-state.json");
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file));
        assertThat(iam.state()).isEqualTo(IamState.initial());
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(file)).contains("\"Version\" : 1").contains("\"InitialPairingUsername\" : \"admin\"");
    }

    @Test
    void everyChangeIsOnDiskBeforeItIsVisible() throws Exception {
        Path file = dir.resolve("iam-state.json");
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file));
        var phone = Identity.generate().fingerprint();
        iam.pairNewUser("alice", phone, "phone");
        iam.setDisplayName("alice", "Alice A.");
        iam.setSetting(IamState.Setting.LOCAL_OPEN_PAIRING, true);
        IamState reloaded = new JsonFileIamStateStore(file).load().orElseThrow();
        assertThat(reloaded).isEqualTo(iam.state());
        assertThat(reloaded.user("alice").orElseThrow().fingerprints())
                .containsExactly(new User.NamedFingerprint(phone, "phone"));
    }

    @Test
    void aCorruptFileStopsStartupNamingTheFile() throws Exception {
        Path file = dir.resolve("iam-state.json");
        Files.writeString(file, "{\"Version\": 1, \"Users\": [");
        assertThatThrownBy(() -> Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file)))
                .isInstanceOf(IamStateException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt");
        assertThat(Files.readString(file)).isEqualTo("{\"Version\": 1, \"Users\": [");
    }

    @Test
    void anUnknownVersionStopsStartup() throws Exception {
        Path file = dir.resolve("iam-state.json");
        Files.writeString(file, "{\"Version\": 9}");
        assertThatThrownBy(() -> Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file)))
                .isInstanceOf(IamStateException.class).hasMessageContaining("unknown version 9");
    }

    @Test
    void aBadFingerprintOrUsernameInTheFileStopsStartup() throws Exception {
        Path file = dir.resolve("iam-state.json");
        Files.writeString(file, """
                {"Version": 1, "LocalOpenPairing": false, "LocalInitialPairing": true, "PasswordOpenPairing": false,
                 "PasswordInvitePairing": false, "OpenPairingRole": "Standard",
                 "Users": [{"Username": "Bad Name", "Role": "Standard", "Fingerprints": []}]}""");
        assertThatThrownBy(() -> Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(file)))
                .isInstanceOf(IamStateException.class).hasMessageContaining("usernames");
    }

    @Test
    void aFailedSaveChangesNothing() throws Exception {
        IamStateStore failing = new IamStateStore() {
            int saves;

            @Override
            public java.util.Optional<IamState> load() {
                return java.util.Optional.empty();
            }

            @Override
            public void save(IamState state) throws IamStateException {
                if (saves++ > 0) {
                    throw new IamStateException("disk full");
                }
            }
        };
        Iam iam = Iam.open(IamConfig.defaults(), failing);
        assertThatThrownBy(() -> iam.createUser("bob", "", "Guest")).isInstanceOf(IamException.class)
                .extracting(e -> ((IamException) e).kind()).isEqualTo(IamException.Kind.STORAGE);
        assertThat(iam.state().user("bob")).isEmpty();
    }

    @Test
    void conflictsAreRefusedAndChangeNothing() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
        var phone = Identity.generate().fingerprint();
        iam.pairNewUser("alice", phone, "");
        assertThat(iam.pairNewUser("alice", phone, "")).isEqualTo(iam.state().user("alice").orElseThrow());
        IamState before = iam.state();
        assertThatThrownBy(() -> iam.pairNewUser("bob", phone, "")).extracting(e -> ((IamException) e).kind())
                .isEqualTo(IamException.Kind.CONFLICT);
        assertThatThrownBy(() -> iam.pairNewUser("alice", Identity.generate().fingerprint(), ""))
                .extracting(e -> ((IamException) e).kind()).isEqualTo(IamException.Kind.CONFLICT);
        assertThatThrownBy(() -> iam.createUser("Bad", "", "Guest")).extracting(e -> ((IamException) e).kind())
                .isEqualTo(IamException.Kind.INVALID);
        assertThatThrownBy(() -> iam.setRole("alice", "Root")).extracting(e -> ((IamException) e).kind())
                .isEqualTo(IamException.Kind.INVALID);
        assertThat(iam.state()).isEqualTo(before);
        assertThat(before.users()).extracting(User::username).containsExactlyInAnyOrder("admin", "alice");
        assertThat(List.of(iam.state().openPairingRole())).containsExactly("Standard");
    }
}
