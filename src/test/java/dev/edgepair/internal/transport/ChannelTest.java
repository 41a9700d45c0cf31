package dev.edgepair.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.DeviceKeyChangedException;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.identity.Identity;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/** spec/transport.md over real DTLS on loopback: fingerprints, pinning, locality, exporter, connection lifetime. */
@EndToEnd
class ChannelTest {
    private final Identity deviceKey = Identity.generate();
    private final Identity clientKey = Identity.generate();
    private final AtomicReference<RequestContext> seen = new AtomicReference<>();
    private Device device;

    private Device start(Duration idle) throws Exception {
        device = TestDevices.device(deviceKey).endpoint(new WhoAmI(seen::set))
                .connectionIdleTimeout(idle).build();
        return device.start();
    }

    private Client client() {
        return Client.builder().identity(clientKey).dtlsSettings(TestDevices.FAST).build();
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
    }

    @Test
    void eachSideSeesTheOthersTrueFingerprint() throws Exception {
        start(Duration.ofMinutes(5));
        try (DeviceConnection c = client().connect(device.localAddress())) {
            CborMap answer = DeviceConnection.cbor(c.get("/whoami"));
            assertThat(answer.text("Fingerprint", 64)).isEqualTo(clientKey.fingerprint().hex());
            assertThat(c.deviceFingerprint()).isEqualTo(deviceKey.fingerprint());
        }
    }

    @Test
    void bothSidesDeriveTheSameExporterValuePerSession() throws Exception {
        start(Duration.ofMinutes(5));
        byte[] first;
        try (DeviceConnection c = client().connect(device.remoteAddress())) {
            CborMap answer = DeviceConnection.cbor(c.get("/whoami"));
            first = answer.bytes("Exporter", 32, 32);
            assertThat(first).isEqualTo(c.exporter());
        }
        try (DeviceConnection c = client().connect(device.remoteAddress())) {
            byte[] second = DeviceConnection.cbor(c.get("/whoami")).bytes("Exporter", 32, 32);
            assertThat(second).isEqualTo(c.exporter()).isNotEqualTo(first);
        }
    }

    @Test
    void localIffArrivedOnTheLocalListener() throws Exception {
        start(Duration.ofMinutes(5));
        try (DeviceConnection local = client().connect(device.localAddress());
             DeviceConnection remote = client().connect(device.remoteAddress())) {
            assertThat(DeviceConnection.cbor(local.get("/whoami")).bool("Local")).isTrue();
            assertThat(DeviceConnection.cbor(remote.get("/whoami")).bool("Local")).isFalse();
        }
    }

    @Test
    void aPinnedWrongDeviceKeyIsRefusedInTheHandshake() throws Exception {
        start(Duration.ofMinutes(5));
        KnownDevice impostorPin = new KnownDevice("pr-test", "de-test", Identity.generate().fingerprint(), "", "");
        assertThatThrownBy(() -> client().connect(impostorPin, device.localAddress()))
                .isInstanceOf(DeviceKeyChangedException.class)
                .hasMessageContaining("changed").hasMessageContaining(deviceKey.fingerprint().hex());
        assertThat(seen.get()).isNull();
    }

    @Test
    void aPinnedRightDeviceKeyConnects() throws Exception {
        start(Duration.ofMinutes(5));
        KnownDevice pin = new KnownDevice("pr-test", "de-test", deviceKey.fingerprint(), "", "");
        try (DeviceConnection c = client().connect(pin, device.remoteAddress())) {
            assertThat(c.get("/whoami").isSuccess()).isTrue();
        }
    }

    @Test
    void connectionStateIsDroppedOnCloseAndKeptPerSession() throws Exception {
        start(Duration.ofMinutes(5));
        DeviceConnection c = client().connect(device.localAddress());
        c.get("/whoami");
        ConnectionKey key = seen.get().connection();
        assertThat((device.connectionCount() > 0)).isTrue();
        c.get("/whoami");
        assertThat(seen.get().connection()).isEqualTo(key);
        c.close(); // sends close_notify
        awaitGone(key);
    }

    @Test
    void connectionStateIsDroppedAfterTheIdleTimeout() throws Exception {
        start(Duration.ofMillis(300));
        try (DeviceConnection c = client().connect(device.localAddress())) {
            c.get("/whoami");
            awaitGone(seen.get().connection());
        }
    }

    /**
     * Work handed to connect (a pairing's PBKDF2 and round one) runs on the calling thread once the handshake has
     * started and before connect returns; if it throws, its exception comes out and the connection is closed.
     */
    @Test
    void workHandedToConnectRunsOnTheCallerBeforeConnectReturnsAndItsFailureClosesTheConnection() throws Exception {
        start(Duration.ofMinutes(5));
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        try (ClientTransport t = ClientTransport.connect(clientKey, device.localAddress(), null, TestDevices.FAST,
                () -> ranOn.set(Thread.currentThread()))) {
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            assertThat(t.get("/whoami").code()).isEqualTo("2.05");
        }
        assertThatThrownBy(() -> ClientTransport.connect(clientKey, device.localAddress(), null, TestDevices.FAST,
                () -> {
                    throw new IllegalStateException("derivation failed");
                })).isInstanceOf(IllegalStateException.class).hasMessage("derivation failed");
        // closed: the device drops its state for that connection (close_notify), and the next connect works
        awaitGone(null);
        try (ClientTransport t = ClientTransport.connect(clientKey, device.localAddress(), null, TestDevices.FAST)) {
            assertThat(t.get("/whoami").code()).isEqualTo("2.05");
        }
    }

    /**
     * A client connection runs on two threads of its own executor beside Scandium's receiver (spec/transport.md), and
     * close() ends them all: a client that connects often leaves nothing behind.
     */
    @Test
    void aClosedConnectionLeavesNoThreadBehind() throws Exception {
        start(Duration.ofMinutes(5));
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        java.util.List<String> during = new java.util.ArrayList<>();
        try (DeviceConnection c = client().connect(device.localAddress())) {
            c.get("/whoami");
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(t) && isClientThread(t.getName())) {
                    during.add(t.getName().replaceAll("[0-9:.\\[\\]/-]+$", ""));
                }
            }
        }
        // two executor threads at most (made as tasks arrive) and exactly one receiver, nothing else
        assertThat(during).as("the connection's threads").contains("edgepair-client", "DTLS-Receiver")
                .allMatch(n -> n.equals("edgepair-client") || n.equals("DTLS-Receiver"));
        assertThat(during.stream().filter("edgepair-client"::equals).count()).isLessThanOrEqualTo(2);
        assertThat(during.stream().filter("DTLS-Receiver"::equals).count()).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        java.util.List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName).filter(ChannelTest::isClientThread).toList();
            if (!left.isEmpty()) {
                Thread.sleep(20);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertThat(left).as("threads of the closed connection").isEmpty();
    }

    /** A client connection's threads: its executor's, and Scandium's bound to the wildcard address. */
    private static boolean isClientThread(String name) {
        return name.startsWith("edgepair-client") || (name.startsWith("DTLS-") && !name.contains("127.0.0.1"));
    }

    private void awaitGone(ConnectionKey key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((device.connectionCount() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat((device.connectionCount() > 0)).as("state of " + key + " dropped").isFalse();
    }
}
