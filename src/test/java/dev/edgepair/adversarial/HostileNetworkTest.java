package dev.edgepair.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.iam.coap.IamModule;
import dev.edgepair.identity.Identity;
import dev.edgepair.pairing.DeviceSecrets;
import dev.edgepair.pairing.PasswordPairing;
import dev.edgepair.transport.Dtls;
import dev.edgepair.tags.Heavy;

/**
 * spec/security.md, "Hostile network": pairings through a proxy that drops, duplicates, delays and reorders
 * datagrams either complete (DTLS and CoAP retransmission) or fail cleanly; a failed one, retried, ends with both
 * sides agreeing. Never a half-paired state that stays.
 */
@Heavy
class HostileNetworkTest {
    static final int PAIRINGS = Integer.getInteger("edgepair.hostile.pairings", 6);
    private static final String PASSWORD = "hostile-net-password";

    @TempDir
    Path dir;

    @Test
    void pairingThroughALossyReorderingNetworkCompletesOrFailsCleanly() throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        Device.Builder b = IamModule.install(TestDevices.device(Identity.generate()), iam);
        PasswordPairing.install(b, iam, PasswordPairing.Options.defaults().alwaysOpen().withMaxFailures(1000)
                .withBuckets(1000, Duration.ofMillis(10), 1000, Duration.ofMillis(10)));
        Dtls.Settings patient = new Dtls.Settings(6, Duration.ofMillis(300), 4096, Duration.ofSeconds(10))
                .withPerSourceLimits(4096, 1_000_000); // every client is on loopback
        try (Device device = b.build().start();
             HostileUdpProxy proxy = new HostileUdpProxy(device.remoteAddress(), 0.10, 0.10, 40, 7)) {
            iam.setOpenPairingSecret(new DeviceSecrets("pr-test", "de-test").password("", PASSWORD));
            iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
            int completed = 0;
            int failedThenRetried = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < PAIRINGS; i++) {
                Client c = Client.builder().identity(Identity.generate()).dtlsSettings(patient)
                        .knownDevices(KnownDevices.inMemory()).build();
                String name = "net-" + i;
                try {
                    c.pairPasswordOpen(proxy.address(), null, PASSWORD, name, "");
                    completed++;
                    assertThat(iam.state().user(name).orElseThrow().has(c.fingerprint())).isTrue();
                } catch (Exception e) {
                    // the network lost the exchange: whatever the device did, a retry must converge
                    failedThenRetried++;
                    c.pairPasswordOpen(device.remoteAddress(), null, PASSWORD, name, "");
                    assertThat(iam.state().user(name).orElseThrow().has(c.fingerprint())).isTrue();
                }
                assertThat(c.knownDevices().list()).hasSize(1);
            }
            assertThat(iam.state().users()).hasSize(PAIRINGS + 1);
            assertThat(proxy.dropped.get()).isPositive();
            assertThat(proxy.duplicated.get()).isPositive();
            System.out.printf("hostile network: %d pairings through 10%% loss, 10%% duplication, 0-40 ms delay in "
                    + "%d ms: %d completed through it, %d failed cleanly and paired on retry; datagrams forwarded %d, "
                    + "dropped %d, duplicated %d, delayed %d; half-paired: 0%n", PAIRINGS,
                    (System.nanoTime() - t0) / 1_000_000, completed, failedThenRetried, proxy.forwarded.get(),
                    proxy.dropped.get(), proxy.duplicated.get(), proxy.delayed.get());
        }
    }
}
