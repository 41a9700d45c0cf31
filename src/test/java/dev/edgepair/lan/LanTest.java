package dev.edgepair.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgepair.tags.Heavy;

import dev.edgepair.tags.Heavy;

/**
 * `edgepair device run` on a LAN of network namespaces ({@link LanNamespaces}): with no address options its pairing
 * string works as is from another namespace; `client discover` and an independent browser (python3-zeroconf) see
 * its DNS-SD announcement, updated when a mode closes and withdrawn at shutdown; a string without a= pairs through
 * mDNS, and fp= still pins the key whatever answered; local-initial is for on-link sources only.
 */
@Heavy
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: it mostly waits (pom.xml, surefire)
class LanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An independent DNS-SD browser: one JSON line per add/update/remove of an _edgepair._udp instance. */
    private static final String BROWSER = String.join("\n",
            "import sys, json, time",
            "from zeroconf import Zeroconf, ServiceBrowser, IPVersion",
            "zc = Zeroconf(interfaces=[sys.argv[1]], ip_version=IPVersion.V4Only)",
            "T = '_edgepair._udp.local.'",
            "def show(kind, name):",
            "    d = {'event': kind, 'name': name}",
            "    if kind != 'remove':",
            "        info = zc.get_service_info(T, name, timeout=3000)",
            "        if info:",
            "            d['txt'] = {k.decode(): (v.decode() if v is not None else None) for k, v in info.properties.items()}",
            "            d['addresses'] = info.parsed_addresses()",
            "            d['port'] = info.port",
            "    print(json.dumps(d), flush=True)",
            "class L:",
            "    def add_service(self, z, t, n): show('add', n)",
            "    def update_service(self, z, t, n): show('update', n)",
            "    def remove_service(self, z, t, n): show('remove', n)",
            "ServiceBrowser(zc, T, L())",
            "time.sleep(float(sys.argv[2]))",
            "zc.close()");

    /** The library's on-link rule for local connections (issue 11.2, `LanSources`) is in main: the test runs. */
    static final boolean ON_LINK_RULE_MERGED = true;

    @TempDir
    Path dir;

    private static boolean zeroconfInstalled() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import zeroconf").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String withoutAddress(String pairingString) {
        return pairingString.replaceAll(",a=[^,]*", "");
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aLanClientPairsFromWhatTheDevicePrintsAndFindsTheDeviceByMdns() throws Exception {
        Assumptions.assumeTrue(zeroconfInstalled(), "python3-zeroconf is not installed (apt-get install "
                + "python3-zeroconf); skipped");
        try (LanNamespaces lan = LanNamespaces.create()) {
            // No address options at all: the device works out its LAN address.
            LanNamespaces.Running device = lan.start(LanNamespaces.edgepair(lan.device, "device", "run", "--home",
                    dir.resolve("device").toString(), "--open-password", "lan-test-password"));
            String pairingString = device.await("pairing string: ");
            String fingerprint = device.await("fingerprint: ");
            String label = device.await("first boot: owner token (Administrator, one use; print it on the label): ");
            device.await("mdns: announced as ");
            assertThat(pairingString).endsWith(",a=" + LanNamespaces.DEVICE_IP + ":5684");
            assertThat(shape(device.lines(), dir.resolve("device").toString())).as("README's device run sample")
                    .isEqualTo(shape(readmeSample(), "/tmp/dev"));
            assertThat(device.await("local: coaps://")).isEqualTo(LanNamespaces.DEVICE_IP + ":5592");
            String instance = pairingString.replaceAll("^p=([^,]*),d=([^,]*),.*$", "$1-$2");

            // An independent browser sees the announcement and its TXT record.
            LanNamespaces.Running browser = lan.start(List.of("ip", "netns", "exec", lan.lan, "/usr/bin/python3",
                    "-c", BROWSER, LanNamespaces.LAN_IP, "600")); // stopped below, or by close()
            JsonNode added = JSON.readTree(browser.await("{\"event\": \"add\"").replaceFirst("^", "{\"event\": \"add\""));
            assertThat(added.path("name").asText()).isEqualTo(instance + "._edgepair._udp.local.");
            assertThat(added.path("port").asInt()).isEqualTo(5592);
            assertThat(added.path("addresses").toString()).contains(LanNamespaces.DEVICE_IP);
            JsonNode txt = added.path("txt");
            assertThat(txt.path("productid").asText() + "-" + txt.path("deviceid").asText()).isEqualTo(instance);
            assertThat(txt.path("fp").asText()).isEqualTo(fingerprint);
            assertThat(txt.path("modes").asText().split(",")).contains("local-initial", "password-open", "token");

            // Three clients of the LAN at once: `client discover`, bob with the printed string, and (in sequence, one
            // token) mallory's forged string and the owner's label. They do not depend on each other; their JVM
            // start-ups and mDNS browsing (3 s each) overlap.
            Future<LanNamespaces.Run> discovering = lan.runInBackground(LanNamespaces.edgepair(lan.lan, "client",
                    "discover", "--json"));
            String bob = dir.resolve("bob").toString();
            Future<LanNamespaces.Run> pairing = lan.runInBackground(LanNamespaces.edgepair(lan.lan, "client", "pair",
                    "--timeout", "60", "--home", bob, "--string", pairingString, "--username", "bob"));

            // Without a=: found by mDNS. With a wrong fp=: refused, whoever answered.
            String forged = withoutAddress(label).replace("fp=" + fingerprint, "fp=" + "0".repeat(64));
            LanNamespaces.Run pinned = lan.run(LanNamespaces.edgepair(lan.lan, "client", "pair", "--timeout", "60", "--home",
                    dir.resolve("mallory").toString(), "--string", forged));
            assertThat(pinned.exit()).isEqualTo(1);
            assertThat(pinned.err()).contains("presented key " + fingerprint).contains("not the fp=");
            LanNamespaces.Run owner = lan.run(LanNamespaces.edgepair(lan.lan, "client", "pair", "--timeout", "60", "--home",
                    dir.resolve("owner").toString(), "--string", withoutAddress(label)));
            assertThat(owner.exit()).as(owner.out() + owner.err()).isZero();
            assertThat(owner.out()).contains("looking for").contains("device fingerprint " + fingerprint);

            // `client discover` found it.
            LanNamespaces.Run discover = discovering.get(150, TimeUnit.SECONDS);
            assertThat(discover.exit()).as(discover.err()).isZero();
            JsonNode found = JSON.readTree(discover.out());
            assertThat(found).hasSize(1);
            assertThat(found.get(0).path("Fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(found.get(0).path("Addresses").toString()).contains(LanNamespaces.DEVICE_IP + ":5592");

            // The printed string, as is, from the other namespace.
            LanNamespaces.Run paired = pairing.get(150, TimeUnit.SECONDS);
            assertThat(paired.exit()).as(paired.out() + paired.err()).isZero();
            assertThat(paired.out()).contains("device fingerprint " + fingerprint);
            Path ownerTokenFile = dir.resolve("device").resolve("owner-token.txt");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && Files.exists(ownerTokenFile)) {
                Thread.sleep(100);
            }
            assertThat(Files.exists(ownerTokenFile)).as("the owner token file goes once the token is used")
                    .isFalse();

            // The owner token was used: the token mode closed, and the TXT record says so.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && browser.lines().stream().noneMatch(LanTest::tokenModeClosed)) {
                Thread.sleep(100);
            }
            assertThat(browser.lines()).anyMatch(LanTest::tokenModeClosed);
            // The operator's log: the pairing code's line (mode, local or remote) and the IAM view of it.
            assertThat(device.lines()).anyMatch(l -> l.contains("INFO dev.edgepair.pairing - paired bob (")
                    && l.contains(", remote, key "));
            assertThat(device.lines()).anyMatch(l -> l.contains("INFO edgepair.events - key added: user admin "
                    + "(role Administrator)"));

            // Shutdown withdraws the service (goodbye).
            device.stop();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && browser.lines().stream().noneMatch(l -> l.contains("\"remove\""))) {
                Thread.sleep(100);
            }
            assertThat(browser.lines()).anyMatch(l -> l.contains("\"remove\"") && l.contains(instance));
            browser.stop();
            for (String out : List.of(String.join("\n", device.lines()), discover.err(), paired.err(), pinned.err(),
                    owner.err())) {
                assertThat(out).doesNotContain("\tat ").doesNotContain("Exception");
            }
        }
    }

    /** The output lines of README's `device run` sample. */
    private static List<String> readmeSample() throws java.io.IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        int from = 0;
        while (!readme.get(from).startsWith("$ ./edgepair device run")) {
            from++;
        }
        int to = ++from;
        while (!readme.get(to).startsWith("```")) {
            to++;
        }
        return readme.subList(from, to);
    }

    /** Lines up to mdns:, with what differs between runs (keys, ids, secrets, times, home, addresses) replaced. */
    private static List<String> shape(List<String> lines, String home) {
        List<String> out = new java.util.ArrayList<>();
        for (String l : lines) {
            if (l.isEmpty() || "█▀▄ ".indexOf(l.charAt(0)) >= 0 || l.startsWith("[")) {
                continue; // the QR code (its size follows the string's length), log lines
            }
            out.add(l.replace(home, "HOME").replaceAll("[0-9a-f]{64}", "FP").replaceAll("pr-[A-Za-z0-9]+", "PR")
                    .replaceAll("de-[A-Za-z0-9]+", "DE").replaceAll("tid=[0-9a-f]{8}", "tid=ID")
                    .replaceAll("pwd=[0-9A-Za-z-]+", "pwd=SECRET").replaceAll("[0-9]{2}:[0-9]{2}:[0-9]{2}", "TIME")
                    .replaceAll("fe80[^,\\]]*", "LINKLOCAL").replace(LanNamespaces.DEVICE_IP, "IP"));
            if (l.startsWith("mdns:")) {
                break;
            }
        }
        return out;
    }

    /** An update of the TXT record whose modes no longer list token (and still list password-open). */
    private static boolean tokenModeClosed(String browserLine) {
        try {
            JsonNode event = JSON.readTree(browserLine);
            List<String> modes = List.of(event.path("txt").path("modes").asText().split(","));
            return event.path("event").asText().equals("update") && !modes.contains("token")
                    && modes.contains("password-open");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void localInitialAnswersOnLinkClientsOnly() throws Exception {
        Assumptions.assumeTrue(ON_LINK_RULE_MERGED, "waits for the library's on-link rule (issue 11.2, the lead's "
                + "change); set LanTest.ON_LINK_RULE_MERGED when it is merged");
        try (LanNamespaces lan = LanNamespaces.create()) {
            LanNamespaces.Running device = lan.start(LanNamespaces.edgepair(lan.device, "device", "run", "--home",
                    dir.resolve("device").toString(), "--no-mdns"));
            String local = device.await("local: coaps://");
            device.await("pairing: ");
            LanNamespaces.Run far = lan.run(LanNamespaces.edgepair(lan.far, "client", "pair-local", "--timeout", "60", "--home",
                    dir.resolve("far").toString(), "--address", local));
            assertThat(far.exit()).isEqualTo(1);
            assertThat(far.err()).contains("refused").contains("local connection"); // 4.03 from a routed source
            LanNamespaces.Run near = lan.run(LanNamespaces.edgepair(lan.lan, "client", "pair-local", "--timeout", "60", "--home",
                    dir.resolve("near").toString(), "--address", local));
            assertThat(near.exit()).as(near.err()).isZero(); // 2.01 on-link
            device.stop();
        }
    }
}
