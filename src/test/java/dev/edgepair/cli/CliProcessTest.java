package dev.edgepair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.testing.ChildJvm;
import dev.edgepair.tags.Heavy;

/** A device and clients started as separate processes pair and talk; SIGTERM stops the device with state kept. */
@Heavy
class CliProcessTest {
    @TempDir
    Path dir;

    private static List<String> command(String... args) {
        return ChildJvm.command(Main.class, args);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) throws Exception {
        List<String> cmd = command(args);
        if (args[0].equals("client")) {
            cmd.addAll(List.of("--timeout", "60")); // the machine may be loaded; the time is not the subject here
        }
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private static String after(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + lines));
    }

    @Test
    void aDeviceAndClientsInSeparateProcessesPairAndTalk() throws Exception {
        Path deviceHome = dir.resolve("device");
        Process device = new ProcessBuilder(command("device", "run", "--home", deviceHome.toString(), "--bind",
                "127.0.0.1", "--local-port", "0", "--remote-port", "0", "--open-password", "proc-test-pw"))
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(device.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (Exception e) {
                // process ended
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(l -> l.startsWith("pairing:")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String fingerprint = after(lines, "fingerprint: ");
            assertThat(fingerprint).matches("[0-9a-f]{64}");
            String local = after(lines, "local: coaps://");
            String pairingString = after(lines, "pairing string: ");
            assertThat(pairingString).contains("fp=" + fingerprint).contains("pwd=proc-test-pw");
            assertThat(lines.stream().anyMatch(l -> l.startsWith("first boot: owner token"))).isTrue();

            String admin = dir.resolve("admin").toString();
            Run paired = run("client", "pair-local", "--home", admin, "--address", local, "--name", "laptop");
            assertThat(paired.exit()).as(paired.err()).isZero();
            assertThat(paired.out()).contains("device fingerprint " + fingerprint);
            assertThat(run("client", "get", "/iam/me", "--home", admin).out()).contains("\"admin\"");

            String bob = dir.resolve("bob").toString();
            Run open = run("client", "pair", "--home", bob, "--string", pairingString, "--username", "bob");
            assertThat(open.exit()).as(open.err()).isZero();
            assertThat(run("client", "get", "/hello", "--home", bob).out()).contains("2.05 Hello world");

            Run denied = run("client", "post", "/iam/users", "--field", "Username=mallory", "--home", bob);
            assertThat(denied.exit()).isEqualTo(1);
            assertThat(denied.err()).contains("denied");
            Run wrong = run("client", "pair-password", "--home", dir.resolve("eve").toString(), "--address", local,
                    "--password", "not-the-password", "--username", "eve");
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.err()).contains("pairing failed").contains("wrong password");
            assertThat(run("client", "users", "--home", admin).out()).contains("\"bob\"").contains("\"admin\"");
        } finally {
            device.toHandle().destroy(); // SIGTERM, without closing our end of its output (Process.destroy would)
            assertThat(device.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
        }
        assertThat(lines).anyMatch(l -> l.startsWith("device stopped"));
        // Without -v the device logs its pairing events only (spec/cli.md, "Logs"): the pairing code's lines on the
        // library's logger dev.edgepair.pairing, the IAM view on edgepair.events; nothing from Californium.
        assertThat(lines)
                .anyMatch(l -> l.contains(" INFO dev.edgepair.pairing - paired bob (PasswordOpen, remote, key "));
        assertThat(lines).anyMatch(l -> l.contains(" INFO dev.edgepair.pairing - password authentication failed for "));
        assertThat(lines).anyMatch(l -> l.contains(" INFO edgepair.events - key added: user bob (role "));
        assertThat(lines).noneMatch(l -> l.contains("org.eclipse.californium") || l.contains(" DEBUG "))
                .noneMatch(l -> l.contains("proc-test-pw") && !l.startsWith("pairing string: "));
        var state = new JsonFileIamStateStore(deviceHome.resolve("iam-state.json")).load().orElseThrow();
        assertThat(state.users()).extracting(u -> u.username()).contains("admin", "bob");
    }
}
