package dev.edgepair.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.device.Device;
import dev.edgepair.iam.IamState;
import dev.edgepair.internal.protocol.DeviceSecrets;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.tags.EndToEnd;

/** The README's two examples are the code in ReadmeExamples, and that code pairs and says hello. */
@EndToEnd
class ReadmeExamplesTest {
    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static List<String> snippets(String source) {
        Matcher m = Pattern.compile("// README: (device|client)\\n(.*?)// README: end", Pattern.DOTALL)
                .matcher(source);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }

    @Test
    void theReadmeShowsExactlyTheCompiledExamples() throws Exception {
        String readme = normalize(Files.readString(Path.of("README.md")));
        List<String> snippets = snippets(Files.readString(
                Path.of("src/test/java/dev/edgepair/readme/ReadmeExamples.java")));
        assertThat(snippets).hasSize(2);
        for (String snippet : snippets) {
            // the README shows the method bodies
            String body = snippet.substring(snippet.indexOf('{') + 1, snippet.lastIndexOf('}'));
            assertThat(readme).contains(normalize(body));
        }
    }

    @Test
    void theExamplesPairAndSayHello(@TempDir Path dir) throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (Device device = ReadmeExamples.startDevice(dir.resolve("device"), loopback, loopback)) {
            // the device's owner turns on password-open pairing (edgepair does it with --open-password)
            var iam = (dev.edgepair.iam.Iam) device.accessControl();
            iam.setOpenPairingSecret(new DeviceSecrets("pr-thermo", "de-0001").password("", "thermo-pass-1"));
            iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
            String ps = new PairingString("pr-thermo", "de-0001", null, "thermo-pass-1", null, device.fingerprint(),
                    Client.format(device.remoteAddress())).format();
            assertThat(ReadmeExamples.pairAndSayHello(dir.resolve("client"), ps)).isEqualTo("Hello world");
        }
    }
}
