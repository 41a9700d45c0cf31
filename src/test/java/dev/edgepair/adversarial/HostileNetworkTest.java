package dev.edgepair.adversarial;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.net.DtlsSettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.transport.Dtls;
import dev.edgepair.tags.Heavy;

/**
 * spec/security.md, "Hostile network": pairings through a proxy that drops, duplicates, delays and reorders
 * datagrams complete (DTLS and CoAP retransmission) or end in a timeout, never another error; retried through the
 * proxy, every pairing completes with both sides agreeing. Never a half-paired state that stays.
 */
@Heavy
class HostileNetworkTest {
    static final int PAIRINGS = Integer.getInteger("edgepair.hostile.pairings", 6);
    private static final String PASSWORD = "hostile-net-password";
    /** Attempts per pairing, all through the proxy (an attempt fails about one time in six at 10% loss). */
    private static final int MAX_ATTEMPTS = 8;

    @TempDir
    Path dir;

    @Test
    void pairingThroughALossyReorderingNetworkCompletesOrFailsCleanly() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        Device.Builder b = TestDevices.device(Identity.generate()).iam(iam);
        b.passwordPairing(PairingOptions.defaults().alwaysOpen().withMaxFailures(1000)
                .withBuckets(1000, Duration.ofMillis(10), 1000, Duration.ofMillis(10)));
        DtlsSettings patient = new DtlsSettings(6, Duration.ofMillis(300), 4096, Duration.ofSeconds(10))
                .withPerSourceLimits(4096, 1_000_000); // every client is on loopback
        try (Device device = b.build().start();
             HostileUdpProxy proxy = new HostileUdpProxy(device.remoteAddress(), 0.10, 0.10, 40, 7)) {
            iam.setOpenPairingSecret(new DeviceSecretDerivation("pr-test", "de-test").password("", PASSWORD));
            iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
            int firstTry = 0;
            int attempts = 0;
            List<String> timeouts = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < PAIRINGS; i++) {
                Client c = Client.builder().identity(Identity.generate()).dtlsSettings(patient)
                        .knownDevices(KnownDevices.inMemory()).build();
                String name = "net-" + i;
                // every attempt goes through the proxy; a lost exchange may only end in a timeout, and a retry
                // (through the proxy again) must converge whatever the device did with the lost one
                for (int attempt = 1; ; attempt++) {
                    attempts++;
                    try {
                        c.pair(PairingRequest.passwordOpen(proxy.address()).password(PASSWORD).username(name).build());
                        firstTry += attempt == 1 ? 1 : 0;
                        break;
                    } catch (IOException e) {
                        assertThat(e.getMessage()).as("only a timeout may end an attempt")
                                .matches("(no response from|no DTLS connection to) .*");
                        assertThat(attempt).as(name + ": attempts through the proxy").isLessThan(MAX_ATTEMPTS);
                        timeouts.add(e.getMessage());
                    }
                }
                assertThat(iam.state().user(name).orElseThrow().has(c.fingerprint())).isTrue();
                assertThat(c.knownDevices().list()).singleElement()
                        .satisfies(d -> assertThat(d.lastAddress()).isEqualTo(Client.format(proxy.address())))
                        .satisfies(d -> assertThat(d.fingerprint()).isEqualTo(device.fingerprint()));
            }
            assertThat(iam.state().users()).hasSize(PAIRINGS + 1);
            assertThat(proxy.dropped.get()).isPositive();
            assertThat(proxy.duplicated.get()).isPositive();
            System.out.printf("hostile network: %d pairings through 10%% loss, 10%% duplication, 0-40 ms delay in "
                    + "%d ms, all through the proxy: %d at the first attempt, %d attempts in all, %d timeouts; "
                    + "datagrams forwarded %d, dropped %d, duplicated %d, delayed %d; half-paired: 0%n", PAIRINGS,
                    (System.nanoTime() - t0) / 1_000_000, firstTry, attempts, timeouts.size(),
                    proxy.forwarded.get(), proxy.dropped.get(), proxy.duplicated.get(), proxy.delayed.get());
        }
    }
}
