package dev.edgepair.internal.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.DeviceDescription;
import dev.edgepair.client.JsonFileKnownDevices;
import dev.edgepair.client.KnownDevice;
import dev.edgepair.client.PairingException;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.example.HelloEndpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamStateStore;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.tags.EndToEnd;

/** The Nabto Edge 5.1 pairing example, reproduced over real DTLS (spec/transport.md, "The 5.1 flow"). */
@EndToEnd
class FingerprintConfirmFlowTest {
    @TempDir
    Path home;

    private final Identity deviceKey = Identity.generate();
    private Iam access;
    private final List<Fingerprint> shownOnDevice = new CopyOnWriteArrayList<>();
    private final AtomicBoolean deviceUserAccepts = new AtomicBoolean(true);
    private Device device;
    private Client client;

    @BeforeEach
    void start() throws Exception {
        access = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
        device = TestDevices.device(deviceKey).iam(access)
                .fingerprintConfirmPairing(access, fp -> {
                    shownOnDevice.add(fp);
                    return deviceUserAccepts.get();
                })
                .endpoint(new HelloEndpoint())
                .build().start();
        client = Client.builder().identity(Identity.generate()).dtlsSettings(TestDevices.FAST)
                .knownDevices(JsonFileKnownDevices.open(home.resolve("known.json"))).build();
    }

    @AfterEach
    void stop() {
        device.close();
    }

    @Test
    void pairsLocallyThenSaysHelloRemotelyPinnedToTheDeviceKey() throws Exception {
        try (DeviceConnection c = client.connect(device.remoteAddress())) {
            assertThat(c.get("/hello").code()).isEqualTo("4.03");
        }
        List<DeviceDescription> shownOnClient = new CopyOnWriteArrayList<>();
        KnownDevice known = client.pairWithFingerprintConfirmation(device.localAddress(), d -> {
            shownOnClient.add(d);
            return true;
        });
        assertThat(shownOnClient).singleElement().satisfies(d -> {
            assertThat(d.fingerprint()).isEqualTo(deviceKey.fingerprint());
            assertThat(d.productId()).isEqualTo("pr-test");
            assertThat(d.modes()).contains(FingerprintConfirmPairing.NAME);
        });
        assertThat(shownOnDevice).containsExactly(client.fingerprint());
        assertThat(known.fingerprint()).isEqualTo(deviceKey.fingerprint());
        assertThat(JsonFileKnownDevices.open(home.resolve("known.json")).find("pr-test", "de-test"))
                .contains(known);
        try (DeviceConnection c = client.connect(known, device.remoteAddress())) {
            assertThat(c.get("/hello").text()).isEqualTo("Hello world");
        }
    }

    @Test
    void pairIsRefusedOnTheRemoteListenerWithoutAskingTheDeviceUser() throws Exception {
        try (DeviceConnection c = client.connect(device.remoteAddress())) {
            assertThat(DeviceConnection.cbor(c.get("/iam/pairing")).textList("Modes", 9, 64)).isEmpty();
            var reply = c.post("/pair", new byte[0], -1);
            assertThat(reply.code()).isEqualTo("4.03");
            assertThat(reply.text()).contains("local");
        }
        assertThat(shownOnDevice).isEmpty();
        assertThat(access.isPaired(client.fingerprint())).isFalse();
    }

    @Test
    void aDeviceUserWhoDeclinesPairsNobody() throws Exception {
        deviceUserAccepts.set(false);
        assertThatThrownBy(() -> client.pairWithFingerprintConfirmation(device.localAddress(), d -> true))
                .isInstanceOf(PairingException.class).extracting(e -> PairingFailures.code((PairingException) e))
                .isEqualTo("4.03");
        assertThat(access.isPaired(client.fingerprint())).isFalse();
        assertThat(client.knownDevices().list()).isEmpty();
    }

    @Test
    void aClientUserWhoDeclinesSendsNothing() throws Exception {
        assertThatThrownBy(() -> client.pairWithFingerprintConfirmation(device.localAddress(), d -> false))
                .isInstanceOf(PairingException.class).hasMessageContaining("not confirmed");
        assertThat(shownOnDevice).isEmpty();
        assertThat(client.knownDevices().list()).isEmpty();
    }

    @Test
    void pairingTwiceIsIdempotent() throws Exception {
        client.pairWithFingerprintConfirmation(device.localAddress(), d -> true);
        client.pairWithFingerprintConfirmation(device.localAddress(), d -> true);
        assertThat(shownOnDevice).hasSize(1);
        assertThat(client.knownDevices().list()).hasSize(1);
    }
}
