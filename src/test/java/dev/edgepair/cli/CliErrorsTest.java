package dev.edgepair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.JsonFileKnownDevices;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.identity.Identity;
import dev.edgepair.testing.ChildJvm;
import dev.edgepair.tags.Heavy;

/**
 * The new user's mistakes (issue 14) and the CLI findings of the security review (issue 11: 7, 12, 13): one or two
 * lines naming the thing and what to do, the documented exit code, no stack trace, nothing written; a first boot that
 * failed is a first boot again; the home lock; the window reopened from the device side; terminal-safe output; the
 * QR code's PNG private.
 */
@Heavy
class CliErrorsTest {
    @TempDir
    Path dir;

    private record Out(int exit, String out, String err) {
        void isOneLineError(int code, String... parts) {
            assertThat(exit).as(out + err).isEqualTo(code);
            assertThat(err.strip().lines().count()).as(err).isBetween(1L, 2L);
            assertThat(err).startsWith("edgepair: ").doesNotContain("\tat ").doesNotContain("Exception");
            for (String p : parts) {
                assertThat(err).contains(p);
            }
        }
    }

    /** Runs the command in this JVM (only for commands that end by themselves). */
    private static Out inProcess(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine(0).execute(args);
            return new Out(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static List<String> command(String... args) {
        return ChildJvm.command(Main.class, args);
    }

    private static Out run(String... args) throws Exception {
        List<String> cmd = command(args);
        if (args[0].equals("client")) {
            cmd.addAll(List.of("--timeout", "60")); // the machine may be loaded; the time is not the subject here
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Out(p.exitValue(), out, err);
    }

    private record Device(Process process, List<String> lines) {
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && process.isAlive()
                    && lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                Thread.sleep(50);
            }
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + " in " + lines));
        }

        void stop() throws InterruptedException {
            process.toHandle().destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Device start(String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (Exception e) {
                // ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Device(p, lines);
    }

    @Test
    void startMistakesAreOneLineExitTwoAndWriteNothing() throws Exception {
        Path home = dir.resolve("device");
        String h = home.toString();
        Out bare = inProcess();
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("Usage: edgepair");
        inProcess("device", "run", "--home", h, "--local-port", "70000").isOneLineError(2, "--local-port 70000",
                "0-65535");
        inProcess("device", "run", "--home", h, "--bind", "nosuchhost.invalid").isOneLineError(2,
                "--bind nosuchhost.invalid", "no such host");
        inProcess("device", "run", "--home", h, "--bind", "127.0.0.1", "--open-password", "abc").isOneLineError(2,
                "--open-password", "8 characters");
        // 11.7: equal ports, and a remote port already taken: refused, never a device with one listener.
        inProcess("device", "run", "--home", h, "--bind", "127.0.0.1", "--local-port", "5599", "--remote-port",
                "5599").isOneLineError(2, "both 5599", "different ports");
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            inProcess("device", "run", "--home", h, "--bind", "127.0.0.1", "--local-port", "0", "--remote-port",
                    String.valueOf(port)).isOneLineError(2, "127.0.0.1:" + port, "remote listener",
                    "--remote-port");
        }
        assertThat(home).doesNotExist();
        inProcess("device", "window", "open", "--home", h).isOneLineError(1, "no device home");
        inProcess("client", "get", "hello", "--home", dir.resolve("c").toString(), "--address", "nosuchhost.invalid:5684")
                .isOneLineError(1, "cannot resolve host nosuchhost.invalid");
    }

    @Test
    void aCorruptStateFileIsNamedWithWhatToDo() throws Exception {
        Path home = dir.resolve("device");
        Files.createDirectories(home);
        Files.writeString(home.resolve("iam-state.json"), "{ not json");
        inProcess("device", "run", "--home", home.toString(), "--bind", "127.0.0.1", "--local-port", "0",
                "--remote-port", "0").isOneLineError(2, home.resolve("iam-state.json").toString(), "backup");
        assertThat(home.resolve("device.json")).doesNotExist();
    }

    @Test
    void aSilentDeviceTimesOutWithAHint() throws Exception {
        int port;
        try (DatagramSocket nobody = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = nobody.getLocalPort(); // bound and never answering
            Path client = dir.resolve("client");
            JsonFileKnownDevices.open(client.resolve("known-devices.json")).remember(new KnownDevice("pr-a", "de-b",
                    Identity.generate().fingerprint(), "", "127.0.0.1:" + port));
            inProcess("client", "get", "/hello", "--home", client.toString(), "--timeout", "1")
                    .isOneLineError(1, "no answer from the device at 127.0.0.1:" + port + " within 1 s", "--timeout");
        }
    }

    /** Issue 14: an unwritable client home is named before any device is contacted (a read-only bind mount). */
    @Test
    void anUnwritableClientHomeIsRefusedBeforeAnyDeviceIsContacted() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/unshare")), "needs root and unshare(1) for a private "
                + "read-only mount; skipped");
        Path home = Files.createDirectories(dir.resolve("client"));
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "-m", "sh", "-c",
                "mount --bind \"$1\" \"$1\" && mount -o remount,ro,bind \"$1\" && shift && exec \"$@\"", "sh",
                home.toString()));
        cmd.addAll(command("client", "pair", "--home", home.toString(), "--string",
                "p=pr-a,d=de-b,pwd=some-password,a=127.0.0.1:9", "--username", "bob"));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        new Out(p.exitValue(), out, err).isOneLineError(1, "client home " + home + " is not writable",
                "nothing was sent to any device");
        assertThat(out).doesNotContain("pairing with");
    }

    /** 11.12: a name with ESC [ 2 J and BEL from a device prints escaped. */
    @Test
    void namesFromDevicesPrintEscaped() throws Exception {
        Path client = dir.resolve("client");
        JsonFileKnownDevices.open(client.resolve("known-devices.json")).remember(new KnownDevice("pr-a", "de-b",
                Identity.generate().fingerprint(), "kitchen\u001b[2J\u0007\u202e", "127.0.0.1:5684"));
        Out devices = inProcess("client", "devices", "--home", client.toString());
        assertThat(devices.exit()).isZero();
        assertThat(devices.out()).contains("kitchen\\x1b[2J\\x07\\u{202e}").doesNotContain("\u001b")
                .doesNotContain("\u0007").doesNotContain("\u202e");
        Out json = inProcess("client", "devices", "--home", client.toString(), "--json");
        assertThat(json.out()).contains("kitchen\\u001B[2J\\u0007").doesNotContain("\u001b");
        assertThat(Safe.text("a\\b\r\n\u009b")).isEqualTo("a\\\\b\\x0d\\x0a\\x9b");
    }

    @Test
    void aRunningDeviceLocksItsHomeKeepsItsOwnerTokenAndReopensItsWindow() throws Exception {
        Path home = dir.resolve("device");
        Path png = dir.resolve("qr.png");
        String[] args = {"device", "run", "--home", home.toString(), "--bind", "127.0.0.1", "--local-port", "0",
                "--remote-port", "0", "--open-password", "generate", "--qr-png", png.toString()};
        Device device = start(args);
        try {
            String label = device.await("first boot: owner token (Administrator, one use; print it on the label): ");
            assertThat(device.await("QR code written to ")).isEqualTo(png.toAbsolutePath() + " (mode 0600)");
            device.await("pairing: ");
            // 11.13: the PNG holds the pairing secret: owner-only, like the owner token's file.
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(png))).isEqualTo("rw-------");
            Path tokenFile = home.resolve("owner-token.txt");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(Files.readString(tokenFile).trim()).isEqualTo(label);

            run(args).isOneLineError(1, "is in use by pid " + device.process().pid());
            // A client that paired but lost its known-devices file gets the device back with fp= alone.
            Path admin = dir.resolve("admin");
            String local = device.await("local: coaps://");
            Out paired = run("client", "pair-local", "--home", admin.toString(), "--address", local);
            assertThat(paired.exit()).as(paired.err()).isZero();
            Files.delete(admin.resolve("known-devices.json"));
            String fingerprint = device.await("fingerprint: ");
            Out remembered = run("client", "remember", "--home", admin.toString(), "--fp", fingerprint, "--address",
                    local);
            assertThat(remembered.exit()).as(remembered.err()).isZero();
            assertThat(remembered.out()).startsWith("stored pr-").contains("\"admin\"");
            Out window = run("device", "window", "open", "--home", home.toString(), "--minutes", "5");
            assertThat(window.exit()).as(window.err()).isZero();
            assertThat(window.out()).startsWith("password pairing window open until ").contains("(5 min)");
            assertThat(device.await("[edgepair-control] INFO edgepair.events - ")).contains("opened for 5 min");
        } finally {
            device.stop();
        }
        run("device", "window", "open", "--home", home.toString()).isOneLineError(1, "no device is running");
        // The unused owner token is shown again at the next start, from its file.
        Device again = start(args);
        try {
            assertThat(again.await("owner token (unused): ")).isEqualTo(Files.readString(
                    home.resolve("owner-token.txt")).trim());
            again.await("pairing: ");
        } finally {
            again.stop();
        }
    }
}
