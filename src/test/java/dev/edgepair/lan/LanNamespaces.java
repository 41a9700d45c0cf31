package dev.edgepair.lan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

import dev.edgepair.cli.Main;
import dev.edgepair.testing.ChildJvm;

/**
 * A small LAN made of network namespaces this test creates (never the host's interfaces), removed in {@link #close}:
 * <pre>
 *   device ns  192.0.2.2/24 ──veth── 192.0.2.1/24  lan ns  198.51.100.1/24 ──veth── 198.51.100.2/24  far ns
 * </pre>
 * {@code lan} is on the device's link (an on-link client) and routes to {@code far}, a client that reaches the
 * device through a router (not on-link). Addresses are the documentation ranges of RFC 5737. Names carry this JVM's
 * pid and a counter, so parallel runs do not collide.
 */
final class LanNamespaces implements AutoCloseable {
    static final String DEVICE_IP = "192.0.2.2";
    static final String LAN_IP = "192.0.2.1";
    static final String FAR_IP = "198.51.100.2";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    final String device;
    final String lan;
    final String far;
    private final List<Process> processes = new CopyOnWriteArrayList<>();

    private LanNamespaces(String prefix) {
        this.device = prefix + "d";
        this.lan = prefix + "l";
        this.far = prefix + "f";
    }

    /** Skips the test, saying why, where namespaces cannot be made (not root, no ip(8)). */
    static LanNamespaces create() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "LAN tests need root to create network namespaces; skipped");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "LAN tests need ip(8) (iproute2); skipped");
        String prefix = "ep" + ProcessHandle.current().pid() + "n" + COUNTER.incrementAndGet();
        LanNamespaces n = new LanNamespaces(prefix);
        try {
            for (String ns : List.of(n.device, n.lan, n.far)) {
                ip("netns", "add", ns);
                ip("-n", ns, "link", "set", "lo", "up");
            }
            ip("-n", n.device, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", n.lan);
            ip("-n", n.lan, "link", "add", "eth1", "type", "veth", "peer", "name", "eth0", "netns", n.far);
            ip("-n", n.device, "addr", "add", DEVICE_IP + "/24", "dev", "eth0");
            ip("-n", n.lan, "addr", "add", LAN_IP + "/24", "dev", "eth0");
            ip("-n", n.lan, "addr", "add", "198.51.100.1/24", "dev", "eth1");
            ip("-n", n.far, "addr", "add", FAR_IP + "/24", "dev", "eth0");
            ip("-n", n.device, "link", "set", "eth0", "up");
            ip("-n", n.lan, "link", "set", "eth0", "up");
            ip("-n", n.lan, "link", "set", "eth1", "up");
            ip("-n", n.far, "link", "set", "eth0", "up");
            ip("-n", n.device, "route", "add", "default", "via", LAN_IP);
            ip("-n", n.far, "route", "add", "default", "via", "198.51.100.1");
            exec(List.of("ip", "netns", "exec", n.lan, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1"));
            return n;
        } catch (Exception | AssertionError e) {
            n.close();
            throw e;
        }
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        exec(cmd);
    }

    private static void exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** {@code edgepair ARGS} as a process in namespace {@code ns}. */
    static List<String> edgepair(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(ChildJvm.command(Main.class, args));
        return cmd;
    }

    record Run(int exit, String out, String err) {
    }

    /** Runs a command to its end (at most 120 s). */
    Run run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        processes.add(p);
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
        t.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not end");
        }
        return new Run(p.exitValue(), out, err.get(10, TimeUnit.SECONDS));
    }

    /** {@link #run} on a thread of its own, so that commands that do not depend on each other overlap. */
    Future<Run> runInBackground(List<String> cmd) {
        FutureTask<Run> task = new FutureTask<>(() -> run(cmd));
        Thread t = new Thread(task, "lan-run");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** A long-running process whose output lines (stdout and stderr) are collected. */
    record Running(Process process, List<String> lines) {
        /** Waits (bounded) for a line starting with {@code prefix}; returns the rest of it. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                for (String l : lines) {
                    if (l.startsWith(prefix)) {
                        return l.substring(prefix.length());
                    }
                }
                if (!process.isAlive() && lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                    Thread.sleep(200); // let the reader drain
                    break;
                }
                Thread.sleep(50);
            }
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no line '" + prefix + "' in " + lines));
        }

        /** SIGTERM, then waits for the end (bounded). */
        void stop() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    Running start(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Running(p, lines);
    }

    /** Ends every process this LAN started, then removes the namespaces (their veth pairs go with them). */
    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                // `ip netns exec` hands over to the command (exec), so the pid is the command's own
                p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (String ns : List.of(device, lan, far)) {
            new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start().waitFor(30,
                    TimeUnit.SECONDS);
        }
    }
}
