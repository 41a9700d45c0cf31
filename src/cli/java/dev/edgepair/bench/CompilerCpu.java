package dev.edgepair.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU time of the JIT compilers' threads so far. On Linux it is read from {@code /proc/self/task/<tid>/stat}
 * (user and system time of the threads named {@code C1 CompilerThread…} and {@code C2 CompilerThread…}, in clock
 * ticks of 10 ms): their CPU, not their busy time. Elsewhere it falls back to the JVM's total compilation time, which
 * is elapsed time and, on a loaded machine, more than the compilers' CPU. A compiler thread the JVM stops keeps the
 * last figure read for it, so the total never goes back; what it used after that last reading is not counted.
 */
final class CompilerCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000L;
    /** The last ticks read per compiler thread id, kept after the thread is gone. */
    private static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

    private CompilerCpu() {
    }

    /** Whether {@link #nanos()} is the compilers' CPU time (true) or their elapsed busy time (false). */
    static boolean isCpu() {
        return Files.isDirectory(TASKS);
    }

    /** Nanoseconds the compilers have used so far, or -1 if neither source says. */
    static long nanos() {
        if (isCpu()) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path task : tasks) {
                    long ticks = compilerTicks(task);
                    if (ticks > 0) {
                        SEEN.merge(task.getFileName().toString(), ticks, Math::max);
                    }
                }
                long ticks = 0;
                for (long t : SEEN.values()) {
                    ticks += t;
                }
                return ticks * NANOS_PER_TICK;
            } catch (IOException | RuntimeException e) {
                // fall through to the JVM's own figure
            }
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit == null || !jit.isCompilationTimeMonitoringSupported() ? -1
                : jit.getTotalCompilationTime() * 1_000_000L;
    }

    /** The thread's user + system ticks if it is a compiler thread, else 0 (also if it ended meanwhile). */
    private static long compilerTicks(Path task) {
        try {
            String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII);
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            // fields after the name, which ends at the last ')': state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
