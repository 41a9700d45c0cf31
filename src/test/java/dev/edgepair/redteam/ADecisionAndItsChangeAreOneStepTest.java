package dev.edgepair.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.GatedIamStore;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.User;
import dev.edgepair.identity.Identity;
import dev.edgepair.tags.EndToEnd;
import dev.edgepair.wire.CborMap;

/**
 * Third review (2026-11-30), F1: with group commit the newest IAM state runs ahead of the saved one for the length
 * of a save, and the device decided access on the saved state but computed the change on the newest. A request that
 * arrived during a save passed a check the change being saved had already closed. Each test holds one save open (on a
 * device it is one fsync), sends the attack over real DTLS in that window, and checks the exact answer and that the
 * state holds what the saved change said. spec/iam.md, "Decisions and changes".
 */
@EndToEnd
class ADecisionAndItsChangeAreOneStepTest {
    @TempDir
    Path dir;

    /** Runs {@code change} on another thread and returns once its save is held open. */
    private static CompletableFuture<Object> whileSaving(GatedIamStore store, IamChange change) throws Exception {
        store.holdNextSave();
        CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> {
            try {
                return change.run();
            } catch (Exception e) {
                return e;
            }
        });
        assertThat(store.held.await(30, TimeUnit.SECONDS)).as("the change's save started").isTrue();
        return f;
    }

    @FunctionalInterface
    interface IamChange {
        Object run() throws Exception;
    }

    /**
     * Sends a request while the save is held and returns its answer. Decided on the newest state, the refusal comes
     * while the save is still held; a request let through (the flaw) waits for the save, so after 2 s the save is
     * released and the answer read then (within the client's request timeout): either way the assertion sees the device's actual code.
     */
    private static String sendWhileHeld(GatedIamStore store, IamChange request) throws Exception {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return (String) request.run();
            } catch (Exception e) {
                return e.toString();
            }
        });
        try {
            return answer.get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            store.release.countDown();
            return answer.get(30, TimeUnit.SECONDS);
        } finally {
            store.release.countDown();
        }
    }

    @Test
    void localInitialIsRefusedOnceAnAdministratorsFirstKeyIsBeingSaved() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store);
        iam.createUser("alice", "", "Administrator");
        Identity alice = Identity.generate();
        Client neighbourClient = RedTeamDevice.client(null);
        try (Device device = TestDevices.device(Identity.generate()).iam(iam).build().start();
             DeviceConnection neighbour = neighbourClient.connect(device.localAddress())) {
            // alice pairs (as her invitation or token would make it happen); her save is held open
            CompletableFuture<Object> alicePairs = whileSaving(store,
                    () -> iam.pairExistingUser("alice", alice.fingerprint(), "phone"));
            String code = sendWhileHeld(store, () -> neighbour.post("/iam/pairing/local-initial",
                    CborMap.builder().build()).code());
            assertThat(alicePairs.get(30, TimeUnit.SECONDS)).isInstanceOf(User.class);
            assertThat(code).as("local-initial while an Administrator's first key is being saved").isEqualTo("4.09");
            assertThat(iam.state().user("admin").orElseThrow().fingerprints()).as("admin got no key").isEmpty();
            assertThat(iam.state().userWith(neighbourClient.identity().fingerprint())).isEmpty();
        }
    }

    @Test
    void localOpenIsRefusedOnceItsSwitchingOffIsBeingSaved() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store);
        iam.setSetting(IamState.Setting.LOCAL_OPEN_PAIRING, true);
        try (Device device = TestDevices.device(Identity.generate()).iam(iam).build().start();
             DeviceConnection neighbour = RedTeamDevice.client(null).connect(device.localAddress())) {
            CompletableFuture<Object> off = whileSaving(store, () -> {
                iam.setSetting(IamState.Setting.LOCAL_OPEN_PAIRING, false);
                return "off";
            });
            String code = sendWhileHeld(store, () -> neighbour.post("/iam/pairing/local-open",
                    CborMap.builder().put("Username", "mallory").build()).code());
            assertThat(off.get(30, TimeUnit.SECONDS)).isEqualTo("off");
            assertThat(code).as("local-open while its switching off is being saved").isEqualTo("4.04");
            assertThat(iam.state().user("mallory")).isEmpty();
            assertThat(iam.state().localOpenPairing()).isFalse();
        }
    }

    @Test
    void anAdministratorBeingDemotedCannotDemoteTheOther() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store);
        Identity aliceKey = Identity.generate();
        Identity bobKey = Identity.generate();
        iam.createUser("alice", "", "Administrator");
        iam.setFingerprint("alice", aliceKey.fingerprint(), "phone");
        iam.createUser("bob", "", "Administrator");
        iam.setFingerprint("bob", bobKey.fingerprint(), "phone");
        Client bob = Client.builder().identity(bobKey).knownDevices(KnownDevices.inMemory())
                .dtlsSettings(TestDevices.FAST).build();
        try (Device device = TestDevices.device(Identity.generate()).iam(iam).build().start();
             DeviceConnection bobs = bob.connect(device.remoteAddress())) {
            // alice demotes bob (her request's change is being saved) while bob demotes alice
            CompletableFuture<Object> demoteBob = whileSaving(store, () -> iam.setRole("bob", "Guest"));
            String code = sendWhileHeld(store, () -> bobs.put("/iam/users/alice/role", CborMap.builder()
                    .put("Role", "Guest").build()).code());
            assertThat(demoteBob.get(30, TimeUnit.SECONDS)).isInstanceOf(User.class);
            assertThat(code).as("a demoted administrator's request decided on the newest state").isEqualTo("4.03");
            assertThat(iam.state().user("alice").orElseThrow().role()).isEqualTo("Administrator");
            assertThat(iam.state().user("bob").orElseThrow().role()).isEqualTo("Guest");
        }
    }

    /**
     * Found by the read-only review of the fix: fingerprint confirmation lets an already paired key through without
     * asking the person and then adds it; while its user's deletion was being saved, the client added itself back
     * (a new user {@code client-<hex>}) without anybody confirming. Only a person's confirmation adds a key now.
     */
    @Test
    void aClientWhoseUserIsBeingDeletedCannotPairItselfBackWithoutThePerson() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store);
        Client phone = RedTeamDevice.client(null);
        iam.pair(phone.identity().fingerprint());
        String name = iam.state().userWith(phone.identity().fingerprint()).orElseThrow().username();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (Device device = TestDevices.device(Identity.generate()).iam(iam)
                .fingerprintConfirmPairing(iam, fp -> asked.incrementAndGet() < 0).build().start();
             DeviceConnection stolen = phone.connect(device.localAddress())) {
            CompletableFuture<Object> delete = whileSaving(store, () -> {
                iam.deleteUser(name);
                return "deleted";
            });
            String code = sendWhileHeld(store, () -> stolen.post("/pair", CborMap.builder().build()).code());
            assertThat(delete.get(30, TimeUnit.SECONDS)).isEqualTo("deleted");
            assertThat(code).as("paired when it asked: nothing to do").isEqualTo("2.01");
            assertThat(iam.state().userWith(phone.identity().fingerprint())).as("the key stays removed").isEmpty();
            assertThat(asked.get()).as("the person was not asked").isZero();
            try (DeviceConnection again = phone.connect(device.localAddress())) {
                assertThat(again.post("/pair", CborMap.builder().build()).code()).as("now the person declines")
                        .isEqualTo("4.03");
            }
            assertThat(iam.state().userWith(phone.identity().fingerprint())).isEmpty();
        }
    }
}
