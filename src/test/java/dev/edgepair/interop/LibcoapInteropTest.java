package dev.edgepair.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamStateStore;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.pairing.FingerprintConfirmPairing;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/**
 * A client nobody here wrote: libcoap's {@code coap-client-gnutls} with its own OpenSSL key, over DTLS with raw
 * public keys, walks the 5.1 flow. Skipped, saying so, where libcoap3-bin or openssl is not installed.
 */
@EndToEnd
class LibcoapInteropTest {
    private static final String COAP_CLIENT = "coap-client-gnutls";

    @TempDir
    Path dir;

    private Device device;
    private Iam access;
    private final List<Fingerprint> confirmed = new CopyOnWriteArrayList<>();
    private Path key;

    record Result(int exit, byte[] stdout, String stderr) {
        /** coap-client prints the payload followed by a newline. */
        byte[] payload() {
            int n = stdout.length > 0 && stdout[stdout.length - 1] == '\n' ? stdout.length - 1 : stdout.length;
            return java.util.Arrays.copyOf(stdout, n);
        }

        String out() {
            return new String(payload(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(onPath(COAP_CLIENT), "skipped: " + COAP_CLIENT
                + " not installed (apt-get install libcoap3-bin)");
        Assumptions.assumeTrue(onPath("openssl"), "skipped: openssl not installed");
        key = dir.resolve("libcoap-client.pem");
        run(List.of("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString()));
        access = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
        device = TestDevices.device(Identity.generate()).iam(access)
                .fingerprintConfirmPairing(access, fp -> confirmed.add(fp))
                .endpoint(new HelloEndpoint())
                .build().start();
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
    }

    private Result coap(String method, int port, String path) throws Exception {
        return run(List.of(COAP_CLIENT, "-M", key.toString(), "-m", method, "-B", "10",
                "coaps://127.0.0.1:" + port + path));
    }

    @Test
    void libcoapWalksThe51FlowAndTheDeviceSeesOpensslsFingerprint() throws Exception {
        String opensslFingerprint = new String(run(List.of("sh", "-c",
                "openssl ec -in '" + key + "' -pubout -outform DER 2>/dev/null | sha256sum")).stdout(),
                StandardCharsets.US_ASCII).split("\\s+")[0];

        Result info = coap("get", device.localAddress().getPort(), "/iam/pairing");
        CborMap body = Cbor.decodeMap(info.payload());
        assertThat(body.text("ProductId", 64)).isEqualTo("pr-test");
        assertThat(body.textList("Modes", 8, 64)).contains(FingerprintConfirmPairing.NAME, "LocalInitial");

        assertThat(coap("get", device.remoteAddress().getPort(), "/hello").stderr()).contains("4.03");
        assertThat(coap("post", device.remoteAddress().getPort(), "/pair").stderr()).contains("4.03");
        assertThat(confirmed).isEmpty();

        Result pair = coap("post", device.localAddress().getPort(), "/pair");
        assertThat(pair.stderr()).doesNotContain("4.0");
        assertThat(confirmed).extracting(Fingerprint::hex).containsExactly(opensslFingerprint);

        assertThat(coap("get", device.remoteAddress().getPort(), "/hello").out()).isEqualTo("Hello world");
    }

    static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(p.exitValue(), out, err);
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
