package dev.edgepair.adversarial;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.net.DtlsSettings;

import dev.edgepair.internal.protocol.PairingProtocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.edgepair.client.Client;
import dev.edgepair.client.PairingFailures;
import dev.edgepair.client.PairingRequest;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.client.PairingException;
import dev.edgepair.device.Device;
import dev.edgepair.device.TestDevices;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.iam.User;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.transport.Dtls;
import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.internal.protocol.JpakeCbor;
import dev.edgepair.tags.Heavy;

/** spec/security.md, "Load" and "Flood": figures printed, outcomes asserted. */
@Heavy
class LoadAndFloodTest {
    private static final String PASSWORD = "load-test-password";
    static final int LOAD_CLIENTS = Integer.getInteger("edgepair.load.clients", 200);
    static final int FLOOD_REQUESTS = Integer.getInteger("edgepair.flood.requests", 10_000);

    @TempDir
    Path dir;

    private record Fixture(Iam iam, Device device) implements AutoCloseable {
        @Override
        public void close() {
            device.close();
        }
    }

    private Fixture start(PairingOptions options) throws Exception {
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(dir.resolve("iam-state.json")));
        Device.Builder b = TestDevices.device(Identity.generate()).iam(iam);
        b.passwordPairing(options);
        Device device = b.build().start();
        iam.setOpenPairingSecret(new DeviceSecretDerivation("pr-test", "de-test").password("", PASSWORD));
        iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
        return new Fixture(iam, device);
    }

    /** The sum of the heap pools' peak usage since the JVM started (client and device share this JVM). */
    static long peakHeapMegabytes() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static Client client(DtlsSettings dtls) {
        return Client.builder().identity(Identity.generate()).dtlsSettings(dtls)
                .knownDevices(KnownDevices.inMemory()).build();
    }

    @Test
    void twoHundredClientsAtOnceRightAndWrongPasswords() throws Exception {
        // The throttle is opened wide here: this is about concurrency and consistency, not about guessing limits.
        var options = PairingOptions.defaults().alwaysOpen().withMaxFailures(1_000_000)
                .withBuckets(100_000, Duration.ofMillis(1), 100_000, Duration.ofMillis(1));
        DtlsSettings dtls = new DtlsSettings(4, Duration.ofSeconds(1), 4096, Duration.ofSeconds(60))
                .withPerSourceLimits(4096, 1_000_000); // every client is on loopback: the pake throttle is under test
        try (Fixture f = start(options)) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<String>> results = new ArrayList<>();
            List<Client> clients = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                Client c = client(dtls);
                clients.add(c);
                boolean right = i % 3 != 0;
                String name = "load-" + i;
                results.add(pool.submit(() -> {
                    try {
                        c.pair(PairingRequest.passwordOpen(f.device.remoteAddress()).password(right ? PASSWORD : "wrong-" + name).username(name).build());
                        return "paired";
                    } catch (PairingException e) {
                        return PairingFailures.code(e);
                    }
                }));
            }
            int paired = 0;
            int refused = 0;
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                String r = results.get(i).get(5, TimeUnit.MINUTES);
                boolean right = i % 3 != 0;
                assertThat(r).as("client " + i).isEqualTo(right ? "paired" : "4.01");
                if (right) {
                    paired++;
                } else {
                    refused++;
                }
            }
            pool.shutdown();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            IamState state = f.iam.state();
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                boolean right = i % 3 != 0;
                assertThat(state.userWith(clients.get(i).fingerprint()).map(User::username))
                        .isEqualTo(right ? java.util.Optional.of("load-" + i) : java.util.Optional.empty());
            }
            assertThat(state.users()).hasSize(paired + 1);
            assertThat(new JsonFileIamStateStore(dir.resolve("iam-state.json")).load().orElseThrow()).isEqualTo(state);
            System.out.printf("load: %d clients (%d right, %d wrong passwords) in %d ms: %d paired, %d refused, "
                    + "0 lost; peak heap %d MB%n", LOAD_CLIENTS, paired, refused, ms, paired, refused,
                    peakHeapMegabytes());
        }
    }

    /**
     * Buckets that do not refill within the test, so every count is exact whatever the machine's speed: the flooding
     * source gets exactly its burst of exchanges, everything else is 4.29 before any J-PAKE work, the device's
     * connection table holds exactly the flooding connections, and a client from another source still pairs.
     */
    @Test
    void aFloodOfUnfinishedRoundOnesStaysBoundedAndALegitimateClientStillPairs() throws Exception {
        int deviceBurst = 10;
        int sourceBurst = 3;
        var options = PairingOptions.defaults().alwaysOpen()
                .withBuckets(deviceBurst, Duration.ofHours(1), sourceBurst, Duration.ofHours(1));
        try (Fixture f = start(options)) {
            DtlsSettings attackerDtls = TestDevices.FAST.bindingClientsTo(InetAddress.getByName("127.0.0.2"));
            var w = new DeviceSecretDerivation("pr-test", "de-test").password("", "not-it");
            int connections = 50;
            int perConnection = FLOOD_REQUESTS / connections;
            List<DeviceConnection> open = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                open.add(client(attackerDtls).connect(f.device.remoteAddress()));
            }
            AtomicInteger codes429 = new AtomicInteger();
            AtomicInteger codes201 = new AtomicInteger();
            List<String> others = java.util.Collections.synchronizedList(new ArrayList<>());
            // A valid round one per connection, sent again and again on it: the device keeps nothing per body and
            // decodes and throttles each request the same whatever it carries, so the flood costs the device what
            // fresh round ones would; the attacker (like a real flooder) does no J-PAKE work per request.
            List<byte[]> bodies = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                var me = dev.edgepair.internal.protocol.SecretDerivation.participant(w, dev.edgepair.internal.jpake.PakeRole.CLIENT,
                        PairingProtocol.CLIENT_PROVER_ID.getBytes(),
                        PairingProtocol.DEVICE_PROVER_ID.getBytes(), new java.security.SecureRandom());
                bodies.add(Cbor.encode(CborMap.builder().put("Username", "")
                        .put("Round1", JpakeCbor.roundOne(me.createRoundOne())).build()));
            }
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> jobs = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                DeviceConnection conn = open.get(c);
                byte[] body = bodies.get(c);
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < perConnection; i++) {
                        String code = conn.post("/pake/1", body, 60).code();
                        switch (code) {
                            case "4.29" -> codes429.incrementAndGet();
                            case "2.01" -> codes201.incrementAndGet();
                            default -> others.add(code);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get(10, TimeUnit.MINUTES);
            }
            pool.shutdown();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(others).isEmpty();
            assertThat(codes201.get()).isEqualTo(sourceBurst);
            assertThat(codes429.get()).isEqualTo(perConnection * connections - sourceBurst);
            // the flood added no connection state beyond its own connections
            int table = f.device.connectionCount();
            assertThat(table).isEqualTo(connections);
            open.forEach(DeviceConnection::close);
            // a legitimate client from another address pairs right away: the flood took only its source's burst
            Client legit = client(TestDevices.FAST);
            legit.pair(PairingRequest.passwordOpen(f.device.remoteAddress()).password(PASSWORD).username("legit").build());
            assertThat(f.iam.state().user("legit")).isPresent();
            assertThat(f.iam.state().users()).hasSize(2);
            System.out.printf("flood: %d unfinished round-one requests on %d connections in %d ms: %d answered "
                    + "4.29, %d started an exchange; connection table %d; peak heap %d MB; legitimate client "
                    + "paired%n", perConnection * connections, connections, ms, codes429.get(), codes201.get(), table,
                    peakHeapMegabytes());
        }
    }
}
