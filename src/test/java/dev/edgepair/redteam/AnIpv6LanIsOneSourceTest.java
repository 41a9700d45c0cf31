package dev.edgepair.redteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import dev.edgepair.tags.EndToEnd;
import dev.edgepair.testing.ChildJvm;

/**
 * Red-team finding (medium): on an IPv6 LAN every neighbour is the same "source", so any one LAN host spends the
 * per-source limits of all of them, including paired clients.
 *
 * <p>SourceAddresses keys IPv6 by /64 ("one host usually owns a whole /64"). On a LAN that is false: every SLAAC
 * address of the LAN is in the device's own on-link /64, and every link-local address is in fe80::/64. So the
 * per-source throttle (3 /pake/1, then one per 5 s) and the connection guard (32 connections, 16 handshakes) are
 * shared by the whole LAN. Attack, in a network namespace with 2001:db8::1 (device), ::2 (attacker), ::3 (paired
 * owner), ::4 (a guest with the open password), all on one /64: the attacker sends three abandoned {@code /pake/1}
 * (no password needed) and the guest's pairing with the right password gets 4.29; the attacker then holds 32 idle
 * DTLS connections to the local listener and the paired owner cannot connect at all. Without the guard, the
 * attacker would need the whole store (1000 here, 4096 by default). Expected: distinct LAN hosts are distinct
 * sources (key on-link and link-local IPv6 sources by address, with a cap on addresses per /64 instead), and the
 * paired owner's connection is never refused because of somebody else's connections.
 */
@EndToEnd
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: it mostly waits (pom.xml, surefire)
class AnIpv6LanIsOneSourceTest {
    @TempDir
    Path dir;

    @Test
    void oneLanNeighbourStarvesTheOthers() throws Exception {
        String setup = "ip link set lo up && ip -6 addr add 2001:db8::1/64 dev lo nodad"
                + " && ip -6 addr add 2001:db8::2/64 dev lo nodad && ip -6 addr add 2001:db8::3/64 dev lo nodad"
                + " && ip -6 addr add 2001:db8::4/64 dev lo nodad";
        Process probe = new ProcessBuilder("unshare", "-rn", "sh", "-c", setup).redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "needs unshare -rn and ip (user and network namespaces) to build a LAN");
        Path log = dir.resolve("lan.log");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-rn", "sh", "-c", setup + " && exec \"$@\"", "sh"));
        cmd.addAll(ChildJvm.command(LanNeighbourMain.class));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(150, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        List<String> lines = out.lines().filter(l -> l.matches("[A-Z_0-9]+=.*")).toList();
        assertThat(done).as(out).isTrue();
        assertThat(lines).as(out).contains("OWNER_LOCAL_INITIAL=2.01", "OPEN_PASSWORD=2.042.04");
        assertThat(lines).as(out).anyMatch(l -> l.startsWith("NEIGHBOUR_CONNECTIONS="));
        // the correct behaviour: another LAN host's pairing and the paired owner are not affected
        assertThat(lines).as(out).contains("GUEST_PAIRING=2.01", "OWNER_AFTER=2.05");
    }
}
