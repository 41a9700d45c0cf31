package dev.edgepair.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.device.Device;
import dev.edgepair.tags.EndToEnd;

/**
 * The README's library examples are the code in ReadmeExamples, and that code works: a device with an application
 * endpoint guarded by its own IAM action prints a pairing string; after a button press a client pairs from that
 * string and calls the endpoint.
 */
@EndToEnd
class ReadmeExamplesTest {
    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    static Map<String, String> snippets(String source) {
        Matcher m = Pattern.compile("// README: ([a-z-]+)\\n(.*?)// README: end", Pattern.DOTALL).matcher(source);
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void theReadmeShowsExactlyTheCompiledExamples() throws Exception {
        String readme = normalize(Files.readString(Path.of("README.md")));
        Map<String, String> snippets = snippets(Files.readString(
                Path.of("src/test/java/dev/edgepair/readme/ReadmeExamples.java")));
        assertThat(snippets).containsOnlyKeys("endpoint", "device", "pairing-string", "button", "client");
        snippets.forEach((name, code) -> assertThat(readme).as(name).contains(normalize(code)));
    }

    @Test
    void theExamplesPairAndCallTheApplicationEndpoint(@TempDir Path dir) throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        AtomicInteger target = new AtomicInteger();
        try (Device device = ReadmeExamples.startDevice(dir.resolve("device"), loopback, loopback, target)) {
            String pairingString = ReadmeExamples.pairingString(device);
            device.pairing().window().close();
            ReadmeExamples.buttonPressed(device);
            assertThat(device.pairing().window().isOpen()).isTrue();
            assertThat(ReadmeExamples.pairAndSetTarget(dir.resolve("client"), pairingString, device.remoteAddress()))
                    .isEqualTo("2.04");
            assertThat(target.get()).isEqualTo(21);
        }
    }

    @Test
    void anUnpairedClientIsRefusedTheApplicationAction(@TempDir Path dir) throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        AtomicInteger target = new AtomicInteger(18);
        try (Device device = ReadmeExamples.startDevice(dir.resolve("device"), loopback, loopback, target);
             var c = Client.builder().identity(dev.edgepair.identity.Identity.generate()).build()
                     .connect(device.localAddress())) {
            var reply = c.put("/thermostat/target", dev.edgepair.wire.CborMap.builder().put("Celsius", 30).build());
            assertThat(reply.code()).isEqualTo("4.03");
            assertThat(reply.text()).contains("Thermostat:Set");
            assertThat(target.get()).isEqualTo(18);
        }
    }
}
