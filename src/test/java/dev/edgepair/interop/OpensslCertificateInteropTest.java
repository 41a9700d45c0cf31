package dev.edgepair.interop;

import static dev.edgepair.interop.LibcoapInteropTest.onPath;
import static dev.edgepair.interop.LibcoapInteropTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.DeviceKeyChangedException;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamStateStore;
import dev.edgepair.iam.User;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.wire.Cbor;
import dev.edgepair.tags.EndToEnd;

/**
 * Peers without raw public keys: libcoap's OpenSSL back end presents and expects X.509 certificates. Its client,
 * with a self-signed certificate openssl made, pairs with the Java device; the Java client pins the key inside the
 * certificate of its server. Skipped, saying so, where libcoap3-bin or openssl is not installed.
 */
@EndToEnd
class OpensslCertificateInteropTest {
    private static final String COAP_CLIENT = "coap-client-openssl";
    private static final String COAP_SERVER = "coap-server-openssl";

    @TempDir
    Path dir;

    private Path cert;
    private Path key;
    private Device device;
    private Process server;

    @BeforeEach
    void tools() throws Exception {
        Assumptions.assumeTrue(onPath("openssl"), "skipped: openssl not installed");
        cert = dir.resolve("peer.crt.pem");
        key = dir.resolve("peer.key.pem");
        LibcoapInteropTest.Result made = run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=libcoap-openssl-peer", "-days", "2"));
        assertThat(made.exit()).as(made.stderr()).isZero();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (device != null) {
            device.close();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** SHA-256 of the DER SubjectPublicKeyInfo of the key inside {@code certificate}, as openssl computes it. */
    private static String opensslFingerprint(Path certificate) throws Exception {
        LibcoapInteropTest.Result r = run(List.of("sh", "-c", "openssl x509 -in '" + certificate
                + "' -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum"));
        String hex = r.out().split("\\s+")[0];
        assertThat(Fingerprint.isValid(hex)).as("openssl fingerprint " + hex + " " + r.stderr()).isTrue();
        return hex;
    }

    private LibcoapInteropTest.Result coap(String method, int port, String path) throws Exception {
        return run(List.of(COAP_CLIENT, "-c", cert.toString(), "-j", key.toString(), "-n", "-m", method,
                "-B", "10", "coaps://127.0.0.1:" + port + path));
    }

    @Test
    void opensslClientWithASelfSignedCertificatePairsLocalInitialAndIsKnownByItsKey() throws Exception {
        Assumptions.assumeTrue(onPath(COAP_CLIENT), "skipped: " + COAP_CLIENT
                + " not installed (apt-get install libcoap3-bin)");
        Iam access = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
        device = TestDevices.device(Identity.generate()).iam(access).build().start();
        int local = device.localAddress().getPort();
        int remote = device.remoteAddress().getPort();
        String expected = opensslFingerprint(cert);

        LibcoapInteropTest.Result info = coap("get", local, "/iam/pairing");
        assertThat(info.stderr()).as("GET /iam/pairing: 2.05 prints no code").doesNotContain("4.", "5.");
        assertThat(Cbor.decodeMap(info.payload()).text("ProductId", 64)).isEqualTo("pr-test");

        assertThat(coap("post", remote, "/iam/pairing/local-initial").stderr()).contains("4.03");
        assertThat(access.state().users()).allSatisfy(u -> assertThat(u.fingerprints()).isEmpty());

        LibcoapInteropTest.Result paired = coap("post", local, "/iam/pairing/local-initial");
        assertThat(paired.exit()).as(paired.stderr()).isZero();
        assertThat(paired.stderr()).as("2.01 prints no code").doesNotContain("4.", "5.");
        assertThat(access.state().users().stream().flatMap(u -> u.fingerprints().stream())
                .map(f -> f.fingerprint().hex())).containsExactly(expected);

        LibcoapInteropTest.Result me = coap("get", remote, "/iam/me");
        assertThat(me.stderr()).doesNotContain("4.", "5.");
        assertThat(Cbor.decodeMap(me.payload()).text("Username", 64))
                .isEqualTo(access.userOf(Fingerprint.parse(expected)).map(User::username).orElseThrow());
    }

    @Test
    void javaClientPinsTheKeyInsideTheCertificateOfAnOpensslServer() throws Exception {
        Assumptions.assumeTrue(onPath(COAP_SERVER), "skipped: " + COAP_SERVER
                + " not installed (apt-get install libcoap3-bin)");
        Identity clientKey = Identity.loadOrCreate(dir.resolve("client.key"));
        Path log = dir.resolve("server.log");
        // -C: the server asks for a client certificate and verifies it against the Java client's own
        // self-signed certificate, so the handshake only completes if the client presents it.
        InetSocketAddress address = startServer(List.of("-c", cert.toString(), "-j", key.toString(),
                "-C", Identity.certificateFile(dir.resolve("client.key")).toString()), log);
        Fingerprint inCertificate = Fingerprint.parse(opensslFingerprint(cert));
        Client client = Client.builder().identity(clientKey).dtlsSettings(TestDevices.FAST).build();

        KnownDevice wrong = new KnownDevice("pr-x", "de-x", Identity.generate().fingerprint(), "", "");
        assertThatThrownBy(() -> client.connect(wrong, address)).isInstanceOf(DeviceKeyChangedException.class)
                .hasMessageContaining(inCertificate.hex());
        assertThat(Files.readString(log)).as("no request reached the server").doesNotContain("c:GET");

        try (DeviceConnection first = client.connect(address)) {
            assertThat(first.deviceFingerprint()).isEqualTo(inCertificate);
        }
        KnownDevice pinned = new KnownDevice("pr-x", "de-x", inCertificate, "", "");
        try (DeviceConnection again = client.connect(pinned, address)) {
            var reply = again.get("/");
            assertThat(reply.code()).isEqualTo("2.05");
            assertThat(reply.text()).contains("libcoap");
        }
        assertThat(Files.readString(log)).contains("read client certificate").contains("c:GET");
    }

    /** Starts coap-server-openssl on loopback: UDP on a free port p, DTLS on p+1 (its rule); returns p+1. */
    private InetSocketAddress startServer(List<String> pki, Path log) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePortPair();
            List<String> command = new java.util.ArrayList<>(List.of(COAP_SERVER, "-A", "127.0.0.1",
                    "-p", Integer.toString(port), "-v", "7"));
            command.addAll(pki);
            server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String ready = "created DTLS endpoint 127.0.0.1:" + (port + 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.isAlive() && System.nanoTime() < deadline
                    && !Files.readString(log, StandardCharsets.UTF_8).contains(ready)) {
                Thread.sleep(20);
            }
            if (server.isAlive() && Files.readString(log, StandardCharsets.UTF_8).contains(ready)) {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1);
            }
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS); // the port was taken meanwhile: try another
        }
        throw new AssertionError(COAP_SERVER + " did not start: " + Files.readString(log));
    }

    /** A port p with p and p+1 free for UDP on loopback (coap-server-openssl also opens TCP on both). */
    private static int freePortPair() throws Exception {
        for (int i = 0; i < 50; i++) {
            int p;
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            if (p < 65535 && free(p) && free(p + 1)) {
                return p;
            }
        }
        throw new AssertionError("no free pair of loopback ports");
    }

    private static boolean free(int port) {
        try (DatagramSocket u = new DatagramSocket(port, InetAddress.getLoopbackAddress());
             java.net.ServerSocket t = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return u.getLocalPort() == port && t.getLocalPort() == port;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
