package dev.edgepair.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.demo.MitmRelay;
import dev.edgepair.device.TestClock;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.pairing.PairingFixture;
import dev.edgepair.pairing.PairingOptions;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.protocol.JpakeCbor;
import dev.edgepair.internal.protocol.PairingProtocol;
import dev.edgepair.internal.protocol.SecretDerivation;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.tags.EndToEnd;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;

/**
 * spec/client.md, "Exceptions": each way pairing fails raises exactly its typed exception, over real DTLS, and
 * leaves nothing stored on the client (nor, where the device refused, on the device).
 */
@EndToEnd
class PairingErrorsTest {
    @TempDir
    Path dir;

    private static PairingRequest open(java.net.InetSocketAddress address, String password, String username) {
        return PairingRequest.passwordOpen(address).password(password).username(username).build();
    }

    @Test
    void aWrongPasswordIsAWrongSecretAndStoresNothing() throws Exception {
        try (PairingFixture f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen())) {
            f.enableOpenPassword();
            IamState before = f.iam.state();
            Client eve = PairingFixture.newClient();
            WrongSecretException e = catchThrowableOfType(
                    () -> eve.pair(open(f.device.remoteAddress(), "not-the-password", "eve")),
                    WrongSecretException.class);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("wrong password or token");
            assertThat(eve.knownDevices().list()).isEmpty();
            assertThat(f.iam.state().user("eve")).isEmpty();
            assertThat(f.iam.state().users()).isEqualTo(before.users());
        }
    }

    @Test
    void aRelayingManInTheMiddleIsRefusedAndAPinnedKeyStopsItBeforeAnythingIsSent() throws Exception {
        try (PairingFixture f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen());
             MitmRelay mitm = new MitmRelay(f.device.remoteAddress(), TestDevices.FAST)) {
            f.enableOpenPassword();
            Client victim = PairingFixture.newClient();
            // Without a pinned key the device cannot tell the relay from a wrong password: its MAC check fails.
            assertThatThrownBy(() -> victim.pair(open(mitm.address(), PairingFixture.OPEN_PASSWORD, "victim")))
                    .isInstanceOf(WrongSecretException.class);
            int relayed = mitm.relayed();
            // With the device key of a pairing string (fp=), the relay's key is refused in the handshake.
            DeviceKeyChangedException changed = catchThrowableOfType(() -> victim.pair(PairingRequest
                    .passwordOpen(mitm.address()).expectDevice(f.device.fingerprint())
                    .password(PairingFixture.OPEN_PASSWORD).username("victim").build()),
                    DeviceKeyChangedException.class);
            assertThat(changed.expected()).isEqualTo(f.device.fingerprint());
            assertThat(changed.presented()).isEqualTo(mitm.fingerprint());
            assertThat(changed.productId()).as("no ids are known before GET /iam/pairing").isEmpty();
            assertThat(changed.getMessage()).doesNotContain("?/?");
            assertThat(mitm.relayed()).as("nothing was sent through the relay").isEqualTo(relayed);
            assertThat(victim.knownDevices().list()).isEmpty();
            assertThat(f.iam.state().user("victim")).isEmpty();
        }
    }

    @Test
    void aDeviceWhoseMacDoesNotMatchFailsKeyConfirmation() throws Exception {
        try (ScriptedDevice phisher = new ScriptedDevice(ScriptedDevice.jpakeWithoutThePassword("a-guessed-one"))) {
            Client victim = PairingFixture.newClient();
            KeyConfirmationFailedException e = catchThrowableOfType(() -> victim.pair(
                    open(phisher.address(), "the-real-password", "victim")), KeyConfirmationFailedException.class);
            assertThat(e.getMessage()).contains("key confirmation");
            assertThat(victim.knownDevices().list()).as("nothing stored").isEmpty();
        }
    }

    @Test
    void theRetryTimeIsTheDevicesMaxAge() throws Exception {
        try (ScriptedDevice busy = new ScriptedDevice((method, path, body) -> new ScriptedDevice.Answer(
                ResponseCode.TOO_MANY_REQUESTS, "too many password attempts; retry later"
                .getBytes(StandardCharsets.UTF_8), 0, 417))) {
            PairingThrottledException e = catchThrowableOfType(() -> PairingFixture.newClient().pair(
                    open(busy.address(), "some-password", "bob")), PairingThrottledException.class);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(417));
            assertThat(e.reason()).isEqualTo("too many password attempts; retry later");
        }
    }

    @Test
    void aThrottledDeviceGivesItsMaxAgeAsTheRetryTime() throws Exception {
        TestClock clock = new TestClock();
        var options = PairingOptions.defaults().alwaysOpen()
                .withBuckets(2, Duration.ofMinutes(10), 2, Duration.ofMinutes(10));
        try (PairingFixture f = new PairingFixture(dir, options, IamConfig.defaults(), clock, true, null)) {
            f.enableOpenPassword();
            for (int i = 0; i < 2; i++) {
                int n = i;
                assertThatThrownBy(() -> PairingFixture.newClient().pair(open(f.device.remoteAddress(),
                        "wrong-password-" + n, "u" + n))).isInstanceOf(WrongSecretException.class);
            }
            long maxAge;
            try (DeviceConnection c = PairingFixture.newClient().connect(f.device.remoteAddress())) {
                Response raw = c.post("/pake/1", Cbor.encode(CborMap.builder().put("Username", "")
                        .put("Round1", JpakeCbor.roundOne(SecretDerivation.participant(new DeviceSecretDerivation("pr-test",
                                "de-test").password("", "any-password"), PakeRole.CLIENT,
                                PairingProtocol.CLIENT_PROVER_ID.getBytes(StandardCharsets.US_ASCII),
                                PairingProtocol.DEVICE_PROVER_ID.getBytes(StandardCharsets.US_ASCII),
                                new SecureRandom()).createRoundOne())).build()), 60);
                assertThat(raw.code()).isEqualTo("4.29");
                maxAge = raw.maxAge();
            }
            assertThat(maxAge).isPositive();
            Client bob = PairingFixture.newClient();
            PairingThrottledException e = catchThrowableOfType(() -> bob.pair(open(f.device.remoteAddress(),
                    PairingFixture.OPEN_PASSWORD, "bob")), PairingThrottledException.class);
            assertThat(e.retryAfter()).as("the clock did not move").isEqualTo(Duration.ofSeconds(maxAge));
            assertThat(bob.knownDevices().list()).isEmpty();
            assertThat(f.iam.state().user("bob")).isEmpty();
        }
    }

    @Test
    void aRefusalCarriesTheDevicesCodeAndReason() throws Exception {
        try (PairingFixture f = new PairingFixture(dir, PairingOptions.defaults())) {
            f.enableOpenPassword();
            f.pairing.window().close();
            Client late = PairingFixture.newClient();
            PairingRefusedException e = catchThrowableOfType(() -> late.pair(open(f.device.remoteAddress(),
                    PairingFixture.OPEN_PASSWORD, "late")), PairingRefusedException.class);
            assertThat(e.code()).isEqualTo("4.03");
            assertThat(e.reason()).contains("pairing window is closed");
            assertThat(late.knownDevices().list()).isEmpty();
            assertThat(f.iam.state().user("late")).isEmpty();
            // local-open is switched off by default: 4.04 from the mode's endpoint
            PairingRefusedException off = catchThrowableOfType(() -> late.pair(PairingRequest.localOpen(
                    f.device.localAddress()).username("late").build()), PairingRefusedException.class);
            assertThat(off.code()).isEqualTo("4.04");
            assertThat(late.knownDevices().list()).isEmpty();
        }
    }

    @Test
    void aDeviceThatBreaksTheProtocolIsAProtocolError() throws Exception {
        try (ScriptedDevice broken = new ScriptedDevice((method, path, body) -> ScriptedDevice.Answer.cbor(
                ResponseCode.CREATED, CborMap.builder().put("Round1", "not a round").build()))) {
            Client c = PairingFixture.newClient();
            assertThatThrownBy(() -> c.pair(open(broken.address(), "some-password", "bob")))
                    .isInstanceOf(PairingProtocolException.class);
            assertThat(c.knownDevices().list()).isEmpty();
        }
    }

    @Test
    void declinedFingerprintSendsNothing() throws Exception {
        try (PairingFixture f = new PairingFixture(dir, PairingOptions.defaults())) {
            Client c = PairingFixture.newClient();
            assertThatThrownBy(() -> c.pairWithFingerprintConfirmation(f.device.localAddress(), d -> false))
                    .isInstanceOf(PairingDeclinedException.class);
            assertThat(c.knownDevices().list()).isEmpty();
        }
    }

    @Test
    void theStoredIdsAreTheDevicesOwn() throws Exception {
        try (PairingFixture f = new PairingFixture(dir, PairingOptions.defaults().alwaysOpen())) {
            f.enableOpenPassword();
            Client viaDescription = PairingFixture.newClient();
            KnownDevice a = viaDescription.pair(PairingRequest.passwordOpen(f.device.remoteAddress())
                    .expectDevice(f.device.fingerprint()).password(PairingFixture.OPEN_PASSWORD).username("ann")
                    .keyName("phone").build());
            assertThat(a.productId()).isEqualTo("pr-test");
            assertThat(a.deviceId()).isEqualTo("de-test");
            assertThat(viaDescription.knownDevices().list()).containsExactly(a);
            Client viaString = PairingFixture.newClient();
            KnownDevice b = viaString.pair(PairingString.parse("p=pr-test,d=de-test,pwd=" + PairingFixture.OPEN_PASSWORD
                    + ",fp=" + f.device.fingerprint().hex()), f.device.remoteAddress(), "ben", "laptop");
            assertThat(b.productId()).isEqualTo("pr-test");
            assertThat(b.deviceId()).isEqualTo("de-test");
            assertThat(b.fingerprint()).isEqualTo(f.device.fingerprint());
        }
    }
}
