package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.identity.Identity;
import dev.edgepair.tags.Unit;

/**
 * spec/iam.md, "Writes": changes made while a save runs share the next save; every caller returns only after a save
 * holding its change has returned; a failed save refuses its changes and those computed on top of them.
 */
@Unit
class GroupCommitTest {
    private static final int WAITERS = 12;

    @TempDir
    Path dir;

    @Test
    void concurrentChangesShareOneSaveAndAreOnDiskWhenTheirCallersReturn() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store); // save 1
        store.holdSave = 2;
        ExecutorService pool = Executors.newFixedThreadPool(WAITERS + 1);
        try {
            Future<?> first = pool.submit(() -> iam.pairNewUser("first", Identity.generate().fingerprint(), ""));
            assertThat(store.held.await(60, TimeUnit.SECONDS)).isTrue();
            List<Thread> callers = new ArrayList<>();
            List<Future<IamState>> results = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                String name = "user-" + i;
                results.add(pool.submit(() -> {
                    synchronized (callers) {
                        callers.add(Thread.currentThread());
                    }
                    iam.pairNewUser(name, Identity.generate().fingerprint(), "");
                    // what a fresh reader of the files sees the moment the caller has its answer
                    IamState onDisk = new JsonFileIamStateStore(dir.resolve("iam-state.json")).load().orElseThrow();
                    assertThat(onDisk.user(name)).as(name + " on disk when its caller returns").isPresent();
                    assertThat(iam.state().user(name)).isPresent();
                    return onDisk;
                }));
            }
            awaitWaiting(callers, WAITERS);
            assertThat(iam.state().users()).as("nothing published before it is saved").hasSize(1);
            store.release.countDown();
            first.get(60, TimeUnit.SECONDS);
            for (Future<IamState> r : results) {
                r.get(60, TimeUnit.SECONDS);
            }
            assertThat(store.saves.get()).as("the first change, then one save for all the others").isEqualTo(3);
            assertThat(new JsonFileIamStateStore(dir.resolve("iam-state.json")).load().orElseThrow())
                    .isEqualTo(iam.state());
            assertThat(iam.state().users()).hasSize(WAITERS + 2);
        } finally {
            store.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedSaveRefusesItsChangesAndThoseBuiltOnThem() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store); // save 1
        iam.pairNewUser("kept", Identity.generate().fingerprint(), ""); // save 2
        store.holdSave = 3;
        store.failFrom = 3;
        ExecutorService pool = Executors.newFixedThreadPool(WAITERS + 1);
        try {
            Future<?> first = failedBatch(store, iam, pool);
            assertThat(storageError(first)).isTrue();
            store.failFrom = Integer.MAX_VALUE;
            assertLaterChangesAreSaved(iam, "admin", "kept");
        } finally {
            store.release.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * Third review, F4: a save that throws an {@link Error} (out of memory while serialising, a custom store's
     * error) used to leave its batch unfinished, and every later change, pairings included, waited for ever.
     */
    @Test
    void anErrorInASaveFailsItsBatchLikeAFailedSaveAndLaterChangesAreSaved() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store); // save 1
        store.holdSave = 2;
        store.errorAt = 2;
        ExecutorService pool = Executors.newFixedThreadPool(WAITERS + 1);
        try {
            Future<?> first = failedBatch(store, iam, pool);
            try {
                first.get(60, TimeUnit.SECONDS);
                throw new AssertionError("the change whose save threw was answered");
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).as("the saver gets the Error itself").isInstanceOf(OutOfMemoryError.class);
            }
            assertLaterChangesAreSaved(iam, "admin");
        } finally {
            store.release.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * A decision and its change made as one step ({@link Iam#atomically}) hold nothing while their save runs: changes
     * made in sections meanwhile still share the next save (three saves, not one each), and a section reads the newest
     * state (a user whose save is held is there inside a section, not outside).
     */
    @Test
    void sectionsWaitForTheirSaveWithoutHoldingTheOthersBack() throws Exception {
        GatedIamStore store = new GatedIamStore(dir.resolve("iam-state.json"));
        Iam iam = Iam.open(IamConfig.defaults(), store); // save 1
        store.holdSave = 2;
        ExecutorService pool = Executors.newFixedThreadPool(WAITERS + 2);
        try {
            Future<?> first = pool.submit(() -> iam.atomically(
                    () -> iam.pairNewUser("first", Identity.generate().fingerprint(), "")));
            assertThat(store.held.await(60, TimeUnit.SECONDS)).isTrue();
            Future<Optional<User>> inside = pool.submit(() -> iam.atomically(() -> iam.state().user("first")));
            try {
                assertThat(inside.get(30, TimeUnit.SECONDS)).as("the newest state, inside").isPresent();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a section could not start while another section's save ran", e);
            }
            assertThat(iam.state().user("first")).as("the saved state, outside").isEmpty();
            List<Future<?>> results = parkedChanges(pool,
                    name -> iam.atomically(() -> iam.pairNewUser(name, Identity.generate().fingerprint(), "")));
            store.release.countDown();
            first.get(60, TimeUnit.SECONDS);
            for (Future<?> r : results) {
                r.get(60, TimeUnit.SECONDS);
            }
            assertThat(store.saves.get()).as("the first change, then one save for all the others").isEqualTo(3);
            assertThat(iam.state().users()).hasSize(WAITERS + 2);
        } finally {
            store.release.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * A change ("lost") whose save the store holds and then fails, {@value #WAITERS} changes parked behind it, then
     * the save released: each waiter is refused with a storage error. Returns the first change's answer.
     */
    private static Future<?> failedBatch(GatedIamStore store, Iam iam, ExecutorService pool) throws Exception {
        Future<?> first = pool.submit(() -> iam.pairNewUser("lost", Identity.generate().fingerprint(), ""));
        assertThat(store.held.await(60, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> results = parkedChanges(pool,
                name -> iam.pairNewUser(name, Identity.generate().fingerprint(), ""));
        store.release.countDown();
        for (Future<?> r : results) {
            assertThat(storageError(r)).as("a change waiting behind the failed save").isTrue();
        }
        return first;
    }

    /** After a failed batch: only {@code kept} are there, and the next change is saved beside them. */
    private void assertLaterChangesAreSaved(Iam iam, String... kept) throws Exception {
        assertThat(iam.state().users()).extracting(User::username).containsExactly(kept);
        iam.pairNewUser("after", Identity.generate().fingerprint(), "");
        List<String> expected = new ArrayList<>(List.of(kept));
        expected.add("after");
        assertThat(new JsonFileIamStateStore(dir.resolve("iam-state.json")).load().orElseThrow().users())
                .extracting(User::username).containsExactlyElementsOf(expected);
    }

    @FunctionalInterface
    private interface Change {
        Object make(String username) throws Exception;
    }

    /** {@value #WAITERS} changes (users user-0, user-1, ...) on the pool, returned once every caller is parked. */
    private static List<Future<?>> parkedChanges(ExecutorService pool, Change change) throws InterruptedException {
        List<Thread> callers = new ArrayList<>();
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            String name = "user-" + i;
            results.add(pool.submit(() -> {
                synchronized (callers) {
                    callers.add(Thread.currentThread());
                }
                return change.make(name);
            }));
        }
        awaitWaiting(callers, WAITERS);
        return results;
    }

    private static boolean storageError(Future<?> f) throws Exception {
        try {
            f.get(60, TimeUnit.SECONDS);
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof IamException ie && ie.kind() == IamException.Kind.STORAGE;
        }
    }

    /** Until every caller is parked in the commit (not a timing assertion: only a bound on waiting). */
    private static void awaitWaiting(List<Thread> callers, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Thread> snapshot;
            synchronized (callers) {
                snapshot = new ArrayList<>(callers);
            }
            if (snapshot.size() == count && snapshot.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("callers did not reach the commit");
    }
}
