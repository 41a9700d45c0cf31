package dev.edgepair.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one way tests start a JVM of their own ({@code edgepair device run}, the clients, the crash-test writer, the red
 * team's LAN): this JVM's {@code java}, its class path, and start-up flags that suit a short-lived process. A child
 * that runs a command for a second or two spends most of its CPU on JIT compilation and GC set-up; C1 only and the
 * serial collector halve that (about 1.4 instead of 2.8 CPU seconds for {@code client devices} here), which counts on
 * a 2-core machine where the test and the child share the cores. What the child does is unchanged: same classes,
 * same code, same DTLS. {@code -Dedgepair.child.jvm.flags="..."} replaces the flags (empty: the JVM's defaults).
 */
public final class ChildJvm {
    /** C1 only, the serial collector, the JDK's class data sharing archive. */
    public static final String DEFAULT_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

    private ChildJvm() {
    }

    /** @return the start-up flags: {@code edgepair.child.jvm.flags} if set, else {@link #DEFAULT_FLAGS} */
    public static List<String> flags() {
        String flags = System.getProperty("edgepair.child.jvm.flags", DEFAULT_FLAGS).strip();
        return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
    }

    /** @return {@code java FLAGS -cp CLASSPATH}: append the main class and its arguments */
    public static List<String> java() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        return cmd;
    }

    /**
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @return the command line of a child JVM running it
     */
    public static List<String> command(Class<?> mainClass, String... args) {
        List<String> cmd = java();
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
