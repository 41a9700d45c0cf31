package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.tags.Heavy;
import dev.edgepair.testing.ChildJvm;

/**
 * A JVM killed (SIGKILL) while it writes the IAM state, many times: the file always loads, and holds at least every
 * user the child reported as saved before the kill.
 */
@Heavy
class CrashSafetyTest {
    /** 10 in `mvn verify`, 20 with `-Pheavy` (spec/security.md figures). */
    private static final int KILLS = Integer.getInteger("edgepair.writer.kills", 10);

    @TempDir
    Path dir;

    @Test
    void aKilledWriterAlwaysLeavesALoadableStateWithEveryConfirmedUser() throws Exception {
        Path state = dir.resolve("iam-state.json");
        Random random = new Random(42);
        int confirmed = 1;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(ChildJvm.command(StateWriterMain.class, state.toString()))
                    .redirectErrorStream(true).start();
            AtomicInteger lastSaved = new AtomicInteger(-1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("saved ")) {
                            lastSaved.set(Integer.parseInt(line.substring(6)));
                        }
                    }
                } catch (Exception e) {
                    // the child died
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lastSaved.get() < 0 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(150));
            child.destroyForcibly(); // SIGKILL, mid-write or between writes
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            int reported = lastSaved.get();
            IamState loaded = new JsonFileIamStateStore(state).load().orElseThrow();
            assertThat(loaded.users().size()).as("kill %d: users on disk vs last confirmed", kill)
                    .isGreaterThanOrEqualTo(Math.max(confirmed, reported));
            confirmed = loaded.users().size();
        }
        try (var files = Files.list(dir)) {
            // temporary files of killed writers may remain; the state and its journal are the only non-hidden files
            assertThat(files.filter(p -> !p.getFileName().toString().startsWith(".")))
                    .containsExactlyInAnyOrder(state, new JsonFileIamStateStore(state).journal());
        }
        assertThat(confirmed).isGreaterThan(KILLS);
    }

    /**
     * Four threads pair at once, so saves are shared (group commit), and the writer is killed at random moments:
     * every user whose caller had its answer before the kill is in the state that loads afterwards.
     */
    @Test
    void concurrentConfirmedChangesSurviveAKillMidGroupCommit() throws Exception {
        Path state = dir.resolve("iam-state.json");
        Random random = new Random(7);
        java.util.Set<String> confirmed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int kill = 0; kill < KILLS / 2; kill++) {
            Process child = new ProcessBuilder(ChildJvm.command(StateWriterMain.class, state.toString(), "4"))
                    .redirectErrorStream(true).start();
            AtomicInteger lines = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("confirmed ")) {
                            confirmed.add(line.substring(10));
                            lines.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // the child died
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines.get() < 4 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(150));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            IamState loaded = new JsonFileIamStateStore(state).load().orElseThrow();
            for (String name : confirmed) {
                assertThat(loaded.user(name)).as("kill %d: confirmed %s", kill, name).isPresent();
            }
        }
        assertThat(confirmed).hasSizeGreaterThan(KILLS / 2);
    }
}
