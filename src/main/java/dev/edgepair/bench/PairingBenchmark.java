package dev.edgepair.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.iam.coap.IamModule;
import dev.edgepair.identity.Identity;
import dev.edgepair.jpake.Participant;
import dev.edgepair.jpake.Role;
import dev.edgepair.jpake.RoundOne;
import dev.edgepair.pairing.DeviceSecrets;
import dev.edgepair.pairing.PasswordPairing;

/**
 * The end-to-end pairing benchmark on loopback (spec/benchmarks.md): complete password-open pairings (fresh DTLS
 * connection, J-PAKE, pair call, state saved to disk) beside the DTLS handshake alone, with 1 and more concurrent
 * clients, in the same run. Also the CPU parts measured in-process: a J-PAKE exchange (both sides) and the client's
 * PBKDF2. Prints, never asserts.
 */
public final class PairingBenchmark {
    private static final String PASSWORD = "bench-password-1";

    /** One measured operation kind at one concurrency. */
    public record Row(String operation, int clients, int count, double p50Millis, double p99Millis,
                      double perSecond) {
    }

    private PairingBenchmark() {
    }

    public static List<Row> run(int operationsPerClient, List<Integer> concurrencies, Path stateDir)
            throws Exception {
        Identity deviceKey = Identity.generate();
        Iam iam = Iam.open(IamConfig.defaults(), new JsonFileIamStateStore(stateDir.resolve("iam-state.json")));
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Device.Builder b = Device.builder().identity(deviceKey).productId("pr-bench").deviceId("de-bench")
                .localAddress(loopback).remoteAddress(loopback);
        IamModule.install(b, iam);
        // Generous buckets: the benchmark measures the protocol, not the throttle (every success refunds anyway).
        PasswordPairing.install(b, iam, PasswordPairing.Options.defaults().alwaysOpen()
                .withBuckets(10_000, Duration.ofMillis(1), 10_000, Duration.ofMillis(1)));
        iam.setOpenPairingSecret(new DeviceSecrets("pr-bench", "de-bench").password("", PASSWORD));
        iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
        List<Row> rows = new ArrayList<>();
        try (Device device = b.build().start()) {
            InetSocketAddress address = device.remoteAddress();
            AtomicInteger names = new AtomicInteger();
            Op handshake = c -> {
                try (DeviceConnection conn = c.connect(address)) {
                    conn.deviceFingerprint();
                }
            };
            Op pairing = c -> c.pairPasswordOpen(address, null, PASSWORD, "bench-" + names.incrementAndGet(), "");
            // warm-up: JIT, first handshakes
            measure("warm-up", handshake, 1, Math.max(5, operationsPerClient / 2));
            measure("warm-up", pairing, 1, Math.max(5, operationsPerClient / 2));
            for (int clients : concurrencies) {
                rows.add(measure("DTLS handshake (baseline)", handshake, clients, operationsPerClient));
                rows.add(measure("password pairing", pairing, clients, operationsPerClient));
            }
            rows.add(roundTrip(address, operationsPerClient * 4));
        }
        rows.add(cpu("J-PAKE exchange, both sides (CPU)", operationsPerClient * 4, PairingBenchmark::jpakeExchange));
        rows.add(cpu("client PBKDF2 secret (CPU)", operationsPerClient * 4,
                () -> new DeviceSecrets("pr-bench", "de-bench").password("", PASSWORD)));
        return rows;
    }

    @FunctionalInterface
    private interface Op {
        void run(Client client) throws Exception;
    }

    private static Row measure(String name, Op op, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                for (int n = 0; n < perClient; n++) {
                    Client c = Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory())
                            .build();
                    long t0 = System.nanoTime();
                    op.run(c);
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return row(name, clients, latencies, elapsed);
    }

    /** One CoAP request on an open DTLS connection: the round trip the pairing adds several of. */
    private static Row roundTrip(InetSocketAddress address, int count) throws Exception {
        Client c = Client.builder().identity(Identity.generate()).build();
        try (DeviceConnection conn = c.connect(address)) {
            for (int i = 0; i < count; i++) {
                conn.get("/iam/pairing");
            }
            List<Long> latencies = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                conn.get("/iam/pairing");
                latencies.add(System.nanoTime() - t0);
            }
            return row("CoAP round trip on an open connection", 1, latencies, System.nanoTime() - start);
        }
    }

    private static Row cpu(String name, int count, Runnable op) {
        for (int i = 0; i < count; i++) {
            op.run();
        }
        List<Long> latencies = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            op.run();
            latencies.add(System.nanoTime() - t0);
        }
        return row(name, 1, latencies, System.nanoTime() - start);
    }

    private static Row row(String name, int clients, List<Long> latencies, long elapsedNanos) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Row(name, clients, sorted.size(), percentile(sorted, 50), percentile(sorted, 99),
                sorted.size() / (elapsedNanos / 1e9));
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static void jpakeExchange() {
        try {
            SecureRandom r = new SecureRandom();
            byte[] w = new byte[32];
            r.nextBytes(w);
            w[0] |= 1;
            Participant c = Participant.create(Role.CLIENT, w, r);
            Participant d = Participant.create(Role.SERVER, w, r);
            // The flights of /pake/1 and /pake/2: the device answers with its round one and round two together.
            d.readRoundOne(c.createRoundOne());
            RoundOne deviceOne = d.createRoundOne();
            c.readRounds(deviceOne, d.createRoundTwo());
            d.readRoundTwo(c.createRoundTwo());
            c.deriveSecret().destroy();
            d.deriveSecret().destroy();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows as a table. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format("%-36s %7s %6s %9s %9s %9s%n", "operation", "clients",
                "count", "p50 ms", "p99 ms", "ops/s"));
        for (Row r : rows) {
            sb.append(String.format("%-36s %7d %6d %9.2f %9.2f %9.1f%n", r.operation(), r.clients(), r.count(),
                    r.p50Millis(), r.p99Millis(), r.perSecond()));
        }
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("edgepair-bench");
        System.out.print(table(run(n, List.of(1, 8), dir)));
    }

}
