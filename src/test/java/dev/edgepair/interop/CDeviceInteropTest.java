package dev.edgepair.interop;

import dev.edgepair.pairing.PairingOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.JsonFileKnownDevices;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.client.PairingException;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.IamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.internal.iam.PairingTokens;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.tags.Heavy;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client pairs with the C reference device of {@code interop/c-device}: a peer written from spec/ alone in
 * C on libcoap, Mbed TLS's EC arithmetic and libcbor. Password-open pairing (protocol 2: two round trips after the
 * handshake), a wrong password refused with nothing stored on either side, and {@code /hello} over a new pinned
 * connection; over a raw public key (the GnuTLS build) and over a self-signed certificate (the OpenSSL build).
 * The other way round, the C client of the same directory ({@code tests/pair_client.c}: the J-PAKE rounds in Mbed
 * TLS's framing with its prover ids, as a client on stock {@code mbedtls_ecjpake_*} would send them) pairs with the
 * Java device. The test builds both into {@code target/c-device} with the Makefile. Skipped, saying so, where make, a C
 * compiler or the C libraries' headers are missing.
 */
@Heavy
class CDeviceInteropTest {
    private static final Path SOURCE = Path.of("interop", "c-device");
    private static final Path BUILD = Path.of("target", "c-device").toAbsolutePath();
    private static final String PASSWORD = "correct horse battery";
    private static final String PACKAGES = "apt-get install gcc make pkg-config libcoap3-dev libgnutls28-dev "
            + "libssl-dev libmbedtls-dev libcbor-dev";
    private static String missing;

    @TempDir
    Path dir;

    private Process device;

    /** A running C device: its address, the fingerprint it printed, its home and its request log. */
    record CDevice(InetSocketAddress address, String fingerprint, Path home, Path log) {
        PairingString pairingString(String password) {
            return PairingString.parse("p=pr-c-device,d=de-c-0001,pwd=" + password + ",fp=" + fingerprint
                    + ",a=127.0.0.1:" + address.getPort());
        }

        /** The device's answers, one "METHOD /path -> code" per request, in order. */
        List<String> requests() throws IOException {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("request ")) {
                    out.add(line.substring("request ".length()));
                }
            }
            return out;
        }

        Path paired() {
            return home.resolve("paired.txt");
        }
    }

    @BeforeAll
    static void build() throws Exception {
        List<String> absent = new ArrayList<>();
        for (String tool : List.of("make", "cc", "pkg-config")) {
            if (!LibcoapInteropTest.onPath(tool)) {
                absent.add(tool);
            }
        }
        for (String header : List.of("coap3/coap.h", "mbedtls/ecp.h", "cbor.h", "gnutls/gnutls.h", "openssl/ssl.h")) {
            if (!Files.exists(Path.of("/usr/include", header))) {
                absent.add("/usr/include/" + header);
            }
        }
        if (!absent.isEmpty()) {
            missing = "skipped: the C device cannot be built here, missing " + absent + " (" + PACKAGES + ")";
            return;
        }
        Process make = new ProcessBuilder("make", "-C", SOURCE.toString(), "BUILD=" + BUILD, "all", "clients")
                .redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!make.waitFor(300, TimeUnit.SECONDS)) {
            make.destroyForcibly();
            throw new AssertionError("make did not finish:\n" + output);
        }
        assertThat(make.exitValue()).as("make -C interop/c-device all:\n" + output).isZero();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (device != null) {
            device.destroy(); // SIGTERM: the device stops cleanly
            if (!device.waitFor(10, TimeUnit.SECONDS)) {
                device.destroyForcibly();
            }
        }
    }

    private CDevice start(String backend) throws Exception {
        Assumptions.assumeTrue(missing == null, missing);
        Path home = dir.resolve("device-" + backend);
        Path out = dir.resolve(backend + ".out");
        Path log = dir.resolve(backend + ".log");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        device = new ProcessBuilder(BUILD.resolve("edgepair-c-device-" + backend).toString(), "--home",
                home.toString(), "--password", PASSWORD, "--port", String.valueOf(port), "--window-minutes", "0")
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        for (int i = 0; i < 200; i++) { // readiness only: the device prints its fingerprint once it listens
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.startsWith("fingerprint ")) {
                    return new CDevice(new InetSocketAddress("127.0.0.1", port), line.substring(12).trim(), home,
                            log);
                }
            }
            if (!device.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the C device did not start: " + Files.readString(log));
    }

    private Client client(KnownDevices known) {
        return Client.builder().identity(Identity.generate()).knownDevices(known).build();
    }

    private void pairsAndSaysHello(String backend) throws Exception {
        CDevice c = start(backend);
        KnownDevices known = JsonFileKnownDevices.open(dir.resolve("known-devices.json"));
        Identity identity = Identity.generate();
        Client alice = Client.builder().identity(identity).knownDevices(known).build();

        KnownDevice paired = alice.pair(c.pairingString(PASSWORD), null, "alice", "phone");

        assertThat(paired.fingerprint().hex()).isEqualTo(c.fingerprint());
        assertThat(known.list()).containsExactly(paired);
        // two round trips after the handshake, nothing before /pake/1
        assertThat(c.requests()).containsExactly("POST /pake/1 -> 2.01", "POST /pake/2 -> 2.01");
        assertThat(Files.readAllLines(c.paired())).singleElement().asString()
                .startsWith(identity.fingerprint().hex() + " alice Standard");

        try (DeviceConnection connection = alice.connect(paired, null)) {
            assertThat(connection.deviceFingerprint().hex()).isEqualTo(c.fingerprint());
            var hello = connection.get("/hello");
            assertThat(hello.code()).isEqualTo("2.05");
            assertThat(hello.text()).isEqualTo("Hello world");
        }
        try (DeviceConnection stranger = client(KnownDevices.inMemory()).connect(c.address())) {
            assertThat(stranger.get("/hello").code()).isEqualTo("4.03");
        }
    }

    @Test
    void theJavaClientPairsWithTheCDeviceOverARawPublicKey() throws Exception {
        pairsAndSaysHello("gnutls");
    }

    @Test
    void theJavaClientPairsWithTheCDeviceOverASelfSignedCertificate() throws Exception {
        pairsAndSaysHello("openssl");
    }

    @Test
    void aClientWithoutThePairingStringReadsTheDeviceIdsFromIamPairingOnTheSameSession() throws Exception {
        CDevice c = start("gnutls");
        KnownDevices known = KnownDevices.inMemory();

        KnownDevice paired = client(known).pair(PairingRequest.passwordOpen(c.address()).password(PASSWORD).username("bob").keyName("laptop").build());

        assertThat(paired.productId()).isEqualTo("pr-c-device");
        assertThat(paired.deviceId()).isEqualTo("de-c-0001");
        assertThat(paired.fingerprint().hex()).isEqualTo(c.fingerprint());
        assertThat(c.requests()).containsExactly("GET /iam/pairing -> 2.05", "POST /pake/1 -> 2.01",
                "POST /pake/2 -> 2.01");
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsStoredOnEitherSide() throws Exception {
        CDevice c = start("gnutls");
        KnownDevices known = JsonFileKnownDevices.open(dir.resolve("known-devices.json"));

        assertThatThrownBy(() -> client(known).pair(c.pairingString("wrong horse battery"), null, "mallory", "x"))
                .isInstanceOf(PairingException.class)
                .satisfies(e -> assertThat(PairingFailures.code((PairingException) e)).isEqualTo("4.01"));

        assertThat(known.list()).isEmpty();
        assertThat(c.paired()).doesNotExist();
        assertThat(c.requests()).containsExactly("POST /pake/1 -> 2.01", "POST /pake/2 -> 4.01");
    }

    record ClientRun(int exit, String out) {
    }

    private ClientRun cClient(String backend, int port, Path home, String... mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(BUILD.resolve("pair-client-" + backend).toString(), "--port",
                String.valueOf(port), "--home", home.toString(), "--product-id", "pr-test", "--device-id", "de-test"));
        command.addAll(List.of(mode));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the C client did not finish: " + out);
        }
        return new ClientRun(p.exitValue(), out);
    }

    private static String clientFingerprint(ClientRun run) {
        return run.out().lines().filter(l -> l.startsWith("client fingerprint ")).findFirst().orElseThrow()
                .substring("client fingerprint ".length()).trim();
    }

    private void cClientPairsWithTheJavaDevice(String backend) throws Exception {
        Assumptions.assumeTrue(missing == null, missing);
        Iam iam = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
        Device.Builder builder = TestDevices.device(Identity.generate()).iam(iam)
                .endpoint(new HelloEndpoint());
        Device javaDevice = builder.passwordPairing(PairingOptions.defaults().alwaysOpen()).build().start();
        DeviceSecretDerivation secrets = new DeviceSecretDerivation(javaDevice.info().productId(), javaDevice.info().deviceId());
        try {
            int port = javaDevice.remoteAddress().getPort();
            iam.setOpenPairingSecret(secrets.password("", PASSWORD));
            iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
            iam.createUser("carol", "", "Standard");
            iam.setInvitation("carol", secrets.password("carol", "7KQ2-M9XH-4TRC"));
            iam.setSetting(IamState.Setting.PASSWORD_INVITE_PAIRING, true);
            PairingTokens.IssuedToken token = PairingTokens.issue(iam, secrets, "dave", "Guest", 600,
                    Instant.now().getEpochSecond());

            ClientRun wrong = cClient(backend, port, dir.resolve("mallory"), "--password", "wrong horse battery",
                    "--username", "mallory");
            assertThat(wrong.exit()).as(wrong.out()).isEqualTo(3);
            assertThat(wrong.out()).contains("/pake/2: 4.01");
            assertThat(iam.state().user("mallory")).isEmpty();
            assertThat(dir.resolve("mallory").resolve("known-device")).doesNotExist();

            // password-open, then an invitation typed in lower case without dashes, then a token with dashes
            ClientRun alice = cClient(backend, port, dir.resolve("alice"), "--password", PASSWORD,
                    "--username", "alice");
            ClientRun carol = cClient(backend, port, dir.resolve("carol"), "--password", "7kq2m9xh4trc",
                    "--username", "carol", "--invited");
            String dashed = token.token().substring(0, 4) + "-" + token.token().substring(4, 8) + "-"
                    + token.token().substring(8, 12) + "-" + token.token().substring(12);
            ClientRun dave = cClient(backend, port, dir.resolve("dave"), "--token-id", token.id(), "--token", dashed);
            for (var run : List.of(alice, carol, dave)) {
                assertThat(run.exit()).as(run.out()).isZero();
                assertThat(run.out()).contains("in 2 round trips");
            }
            assertThat(alice.out()).contains("paired as alice (Standard)", "hello: Hello world");
            assertThat(carol.out()).contains("paired as carol (Standard)", "hello: Hello world");
            assertThat(dave.out()).contains("paired as dave (Guest)", "/hello: 4.03"); // Guest: no Hello:Get
            for (var paired : Map.of("alice", alice, "carol", carol, "dave", dave).entrySet()) {
                assertThat(iam.state().user(paired.getKey()).orElseThrow().fingerprints())
                        .extracting(f -> f.fingerprint().hex()).containsExactly(clientFingerprint(paired.getValue()));
            }
        } finally {
            javaDevice.close();
        }
    }

    @Test
    void theCClientPairsWithTheJavaDeviceInEveryPasswordModeOverARawPublicKey() throws Exception {
        cClientPairsWithTheJavaDevice("gnutls");
    }

    @Test
    void theCClientPairsWithTheJavaDeviceInEveryPasswordModeOverASelfSignedCertificate() throws Exception {
        cClientPairsWithTheJavaDevice("openssl");
    }
}
