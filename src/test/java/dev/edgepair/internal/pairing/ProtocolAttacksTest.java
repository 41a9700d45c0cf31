package dev.edgepair.internal.pairing;

import dev.edgepair.pairing.PairingOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.PairingException;
import dev.edgepair.demo.MitmRelay;
import dev.edgepair.iam.IamState;
import dev.edgepair.wire.CborMap;
import dev.edgepair.tags.EndToEnd;

/** spec/pairing.md, "What it resists": out-of-order calls, replays, resets, and a relaying man in the middle. */
@EndToEnd
class ProtocolAttacksTest {
    @TempDir
    Path dir;

    private PairingFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen());
        f.enableOpenPassword();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static CborMap username(String name) {
        return CborMap.builder().put("Username", name).build();
    }

    @Test
    void outOfOrderCallsGet400And401AndNothingBreaks() throws Exception {
        Client c = PairingFixture.newClient();
        try (DeviceConnection conn = c.connect(f.device.remoteAddress())) {
            assertThat(conn.post("/pake/2", CborMap.builder().put("Confirm", new byte[32]).build()).code())
                    .isEqualTo("4.00");
            assertThat(conn.post("/iam/pairing/password-open", username("early")).code()).isEqualTo("4.01");
            assertThat(conn.post("/pake/1", new byte[] {(byte) 0xa1, 0x61}, MediaTypeRegistry.APPLICATION_CBOR)
                    .code()).isEqualTo("4.00");
            assertThat(conn.post("/pake/1", CborMap.builder().put("Username", "").put("TokenId", "00000000")
                    .build()).code()).isEqualTo("4.00");
            RawPake raw = RawPake.openPassword(PairingFixture.OPEN_PASSWORD);
            assertThat(raw.start(conn).code()).isEqualTo("2.01");
            assertThat(raw.finish(conn, c.fingerprint()).code()).isEqualTo("2.01");
            assertThat(conn.post("/pake/2", raw.finishBody, 60).code()).isEqualTo("4.00"); // the exchange is over
            assertThat(conn.post("/iam/pairing/password-open", username("ivy")).code()).isEqualTo("2.01");
        }
        assertThat(f.iam.state().user("ivy").orElseThrow().has(c.fingerprint())).isTrue();
        assertThat(f.iam.state().user("early")).isEmpty();
    }

    @Test
    void aNewExchangeResetsTheEarlierResult() throws Exception {
        Client c = PairingFixture.newClient();
        try (DeviceConnection conn = c.connect(f.device.remoteAddress())) {
            RawPake first = RawPake.openPassword(PairingFixture.OPEN_PASSWORD);
            first.start(conn);
            assertThat(first.finish(conn, c.fingerprint()).code()).isEqualTo("2.01");
            RawPake second = RawPake.openPassword("a-wrong-password");
            assertThat(second.start(conn).code()).isEqualTo("2.01");
            assertThat(conn.post("/iam/pairing/password-open", username("jack")).code()).isEqualTo("4.01");
        }
        assertThat(f.iam.state().user("jack")).isEmpty();
    }

    @Test
    void theResultBelongsToItsConnectionOnly() throws Exception {
        Client c = PairingFixture.newClient();
        try (DeviceConnection a = c.connect(f.device.remoteAddress());
             DeviceConnection b = c.connect(f.device.remoteAddress())) {
            RawPake raw = RawPake.openPassword(PairingFixture.OPEN_PASSWORD);
            raw.start(a);
            assertThat(raw.finish(a, c.fingerprint()).code()).isEqualTo("2.01");
            assertThat(b.post("/iam/pairing/password-open", username("kim")).code()).isEqualTo("4.01");
        }
        assertThat(f.iam.state().user("kim")).isEmpty();
    }

    @Test
    void messagesReplayedFromAnotherSessionFail() throws Exception {
        Client c = PairingFixture.newClient();
        RawPake recorded = RawPake.openPassword(PairingFixture.OPEN_PASSWORD);
        try (DeviceConnection a = c.connect(f.device.remoteAddress())) {
            recorded.start(a);
            assertThat(recorded.finish(a, c.fingerprint()).code()).isEqualTo("2.01");
        }
        IamState before = f.iam.state();
        // Same client key, new DTLS session: every recorded body replayed.
        try (DeviceConnection b = c.connect(f.device.remoteAddress())) {
            assertThat(b.post("/pake/1", recorded.startBody, 60).code()).isEqualTo("2.01");
            assertThat(b.post("/pake/2", recorded.finishBody, 60).code()).isIn("4.00", "4.01");
            assertThat(b.post("/iam/pairing/password-open", username("leo")).code()).isEqualTo("4.01");
        }
        assertThat(f.iam.state()).isEqualTo(before);
    }

    @Test
    void aRelayingManInTheMiddleFailsConfirmationAndPairsNobody() throws Exception {
        IamState before = f.iam.state();
        try (MitmRelay mitm = new MitmRelay(f.device.remoteAddress(), dev.edgepair.device.TestDevices.FAST)) {
            Client victim = PairingFixture.newClient();
            // The relay forwards GET /iam/pairing fine: the victim sees the device's ids, the relay's key.
            try (DeviceConnection viaRelay = victim.connect(mitm.address())) {
                assertThat(Client.describe(viaRelay).productId()).isEqualTo("pr-test");
                assertThat(viaRelay.deviceFingerprint()).isEqualTo(mitm.fingerprint());
            }
            assertThatThrownBy(() -> victim.pair(PairingRequest.passwordOpen(mitm.address()).password(PairingFixture.OPEN_PASSWORD).username("victim").build())).isInstanceOf(PairingException.class)
                    .extracting(e -> PairingFailures.code((PairingException) e)).isEqualTo("4.01");
            assertThat(mitm.relayed()).isGreaterThanOrEqualTo(3); // it did relay /iam/pairing, /pake/1 and /pake/2
            assertThat(victim.knownDevices().list()).isEmpty();
        }
        assertThat(f.iam.state()).isEqualTo(before);
    }
}
