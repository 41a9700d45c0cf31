package dev.edgepair.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * One process at a time in a home: an OS file lock on {@code DIR/lock}, which holds the owner's pid. A device holds
 * it while it runs; a client command while it runs (it may write known devices). The OS releases it when the
 * process ends, however it ends, so a crash leaves no stale lock.
 */
final class HomeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code wait} for another process to let go; else "home in use by pid N". */
    static HomeLock acquire(Path dir, String what, Duration wait) throws IOException {
        Path file = dir.resolve("lock");
        FileChannel channel;
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process created it first: fine, we lock it below
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new IOException(what + " " + dir + " is not writable: fix its permissions or choose another --home");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.US_ASCII)), 0);
                channel.force(false);
                return new HomeLock(channel, lock);
            }
            if (System.nanoTime() >= deadline) {
                String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
                channel.close();
                throw new IOException(what + " " + dir + " is in use by pid " + (pid.isEmpty() ? "?" : pid)
                        + ": stop that process or choose another --home");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.close();
                throw new IOException("interrupted while waiting for " + dir);
            }
        }
    }

    /** The pid of the process holding the lock of {@code dir}, or -1 if none does. */
    static long holder(Path dir) throws IOException {
        Path file = dir.resolve("lock");
        if (!Files.exists(file)) {
            return -1;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return -1;
            }
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("[0-9]{1,18}") ? Long.parseLong(pid) : 0;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases it at exit anyway
        }
    }
}
