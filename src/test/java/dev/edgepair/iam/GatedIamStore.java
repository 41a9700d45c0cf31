package dev.edgepair.iam;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tests: the real file store, with a gate that holds one chosen save until the test opens it, and saves that fail
 * (a storage error from one on, or an {@link Error} at one). Holding a save open makes the window of group commit,
 * one fsync on a device, as long as a test needs.
 */
public final class GatedIamStore implements IamStateStore {
    private final JsonFileIamStateStore files;
    /** Saves so far. */
    public final AtomicInteger saves = new AtomicInteger();
    /** From this save on, every save fails with a storage error. */
    public volatile int failFrom = Integer.MAX_VALUE;
    /** This save throws an {@link OutOfMemoryError}. */
    public volatile int errorAt = -1;
    /** This save waits for {@link #release}. */
    public volatile int holdSave = -1;
    /** Counted down when the held save has started. */
    public final CountDownLatch held = new CountDownLatch(1);
    /** Lets the held save go on. */
    public final CountDownLatch release = new CountDownLatch(1);

    /** @param file the snapshot file */
    public GatedIamStore(Path file) {
        files = new JsonFileIamStateStore(file);
    }

    /** Holds the next save. */
    public void holdNextSave() {
        holdSave = saves.get() + 1;
    }

    @Override
    public Optional<IamState> load() throws IamStateException {
        return files.load();
    }

    @Override
    public void save(IamState state) throws IamStateException {
        int n = saves.incrementAndGet();
        if (n == holdSave) {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (n >= failFrom) {
            throw new IamStateException("disk full");
        }
        if (n == errorAt) {
            throw new OutOfMemoryError("simulated: heap space while serialising");
        }
        files.save(state);
    }
}
