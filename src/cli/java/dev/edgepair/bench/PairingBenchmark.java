package dev.edgepair.bench;

import dev.edgepair.pairing.PairingOptions;

import dev.edgepair.net.DtlsSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.KeyAgreement;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.JsonFileIamStateStore;
import dev.edgepair.iam.User;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.net.BouncyCastleEc;
import dev.edgepair.internal.transport.Dtls;

/**
 * The end-to-end pairing benchmark on loopback (spec/benchmarks.md): complete password-open pairings (fresh DTLS
 * connection, J-PAKE, pair call, state saved to disk) beside the DTLS handshake alone, with 1 and more concurrent
 * clients, in the same run. Optional: the same with the handshake crypto through SunEC and through Bouncy Castle
 * ({@link BouncyCastleEc}); pairings into a state that already holds many users; the same over an emulated link
 * ({@link LinkEmulator}) with the round trips each operation took. Also the CPU parts measured in-process: a J-PAKE
 * exchange (both sides), the client's PBKDF2, the handshake's EC primitives. Prints, never asserts.
 */
public final class PairingBenchmark {
    private static final String PASSWORD = "bench-password-1";
    static final String FRESH_IDENTITY = "client identity: key pair and certificate (CPU)";
    static final String JPAKE_CPU = "J-PAKE exchange, both sides (CPU)";
    static final String PBKDF2_CPU = "client PBKDF2 secret (CPU)";
    /**
     * Device settings for clients that all come from one loopback address, and that run for minutes at over a hundred
     * handshakes per second: 65,536 connections, as Scandium allows {@code maxConnections} completed handshakes per
     * 135 s (a device with the default 4096 sustains 30 per second; spec/transport.md).
     */
    static final DtlsSettings UNLIMITED_PER_SOURCE = new DtlsSettings(DtlsSettings.defaults().maxRetransmissions(),
            DtlsSettings.defaults().retransmissionTimeout(), 65_536, DtlsSettings.defaults().coapTimeout())
            .withPerSourceLimits(100_000, 100_000);

    /**
     * One measured operation kind at one concurrency. {@code cpuMillisPerOp}: process CPU time (every thread, both
     * sides) per operation, NaN where not measured; {@code deviceCpuMillisPerOp}: the part of it spent in the
     * device's threads (its CoAP and DTLS threads), NaN where not measured; {@code roundTrips}: the median count per
     * operation at the link emulator, -1 without one; {@code roundPerSecond} and {@code roundP50Millis}: the figures
     * of each block when the operation ran in several blocks alternating with another ({@code --rounds}).
     */
    public record Row(String operation, int clients, int count, double p50Millis, double p99Millis,
                      double perSecond, double cpuMillisPerOp, double deviceCpuMillisPerOp, double jitMillisPerOp,
                      double roundTrips, List<Double> roundPerSecond, List<Double> roundP50Millis) {
        public Row {
            roundPerSecond = List.copyOf(roundPerSecond);
            roundP50Millis = List.copyOf(roundP50Millis);
        }

        Row(String operation, int clients, int count, double p50Millis, double p99Millis, double perSecond) {
            this(operation, clients, count, p50Millis, p99Millis, perSecond, Double.NaN, Double.NaN, Double.NaN, -1,
                    List.of(), List.of());
        }
    }

    /**
     * What to run. {@code providers}: "SunEC" and/or "BC", measured in that order (may repeat, to alternate); empty:
     * whatever the JVM has now. {@code users}: also pair into a second device whose state holds this many users
     * (0: not). {@code linkDelay}: one-way delay of an emulated link for a second set of rows (null: none);
     * {@code loss}: its datagram loss. {@code rounds}: how many blocks of {@code ops} per client each of the
     * handshake and the pairing runs, alternating (handshake, pairing, handshake, ...), so that the machine's drift
     * hits both; the targets are computed per round and their median reported.
     */
    public record Options(int ops, List<Integer> clients, List<String> providers, int users, Duration linkDelay,
                          double loss, int rounds, Duration warmUpLimit) {
        public Options(int ops, List<Integer> clients, List<String> providers, int users, Duration linkDelay,
                       double loss) {
            this(ops, clients, providers, users, linkDelay, loss, 1);
        }

        /** Without a warm-up limit: the two warm-up rounds only. */
        public Options(int ops, List<Integer> clients, List<String> providers, int users, Duration linkDelay,
                       double loss, int rounds) {
            this(ops, clients, providers, users, linkDelay, loss, rounds, Duration.ZERO);
        }

        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1");
            }
            if (warmUpLimit == null || warmUpLimit.isNegative()) {
                throw new IllegalArgumentException("the warm-up limit must be zero or more");
            }
            clients = List.copyOf(clients);
            providers = List.copyOf(providers);
            for (String p : providers) {
                if (!p.equals("SunEC") && !p.equals("BC")) {
                    throw new IllegalArgumentException("providers are SunEC or BC, not " + p);
                }
            }
        }

        public static Options loopback(int ops, List<Integer> clients) {
            return new Options(ops, clients, List.of(), 0, null, 0, 1);
        }
    }

    private PairingBenchmark() {
    }

    public static List<Row> run(int operationsPerClient, List<Integer> concurrencies, Path stateDir)
            throws Exception {
        return run(Options.loopback(operationsPerClient, concurrencies), stateDir);
    }

    public static List<Row> run(Options o, Path stateDir) throws Exception {
        boolean bcBefore = BouncyCastleEc.isInstalled();
        List<Row> rows = new ArrayList<>();
        try {
            List<String> providers = o.providers().isEmpty() ? java.util.Arrays.asList((String) null)
                    : o.providers();
            int pass = 0;
            for (String provider : providers) {
                String tag = provider == null ? "" : " [" + provider + "]";
                if ("BC".equals(provider)) {
                    BouncyCastleEc.install();
                } else if ("SunEC".equals(provider)) {
                    BouncyCastleEc.uninstall();
                }
                pass++;
                try (Bed empty = Bed.start(stateDir.resolve("empty-" + pass), 0);
                     Bed full = o.users() > 0 ? Bed.start(stateDir.resolve("full-" + pass), o.users()) : null) {
                    int most = Collections.max(o.clients());
                    // The long warm-up pairs thousands of users: into a device of its own, so that the baseline
                    // device is still nearly empty when it is measured (two short rounds of its own, below).
                    try (Bed warm = Bed.start(stateDir.resolve("warm-up-" + pass), 0)) {
                        rows.add(warmUp(warm, o.ops(), most, o.warmUpLimit(), tag));
                    }
                    if (!o.warmUpLimit().isZero()) {
                        warmUp(empty, o.ops(), most, Duration.ZERO, tag);
                    }
                    if (full != null) {
                        rows.add(warmUp(full, o.ops(), most, Duration.ZERO, tag + ", " + o.users() + " users"));
                    }
                    for (int clients : o.clients()) {
                        List<Named> ops = new ArrayList<>(List.of(
                                new Named("DTLS handshake (baseline)" + tag, empty.handshake),
                                new Named("password pairing" + tag, empty.pairing)));
                        if (full != null) {
                            ops.add(new Named("password pairing, " + o.users() + " users" + tag, full.pairing));
                        }
                        rows.addAll(alternating(ops, clients, o.ops(), o.rounds(), null));
                    }
                    if (o.linkDelay() != null) {
                        rows.addAll(overLink(empty, o, tag));
                    }
                    if (pass == 1) {
                        rows.add(roundTrip(empty.address, o.ops() * 4));
                    }
                }
                if (provider != null) {
                    rows.addAll(primitives(tag, o.ops() * 4));
                }
            }
        } finally {
            if (bcBefore) {
                BouncyCastleEc.install();
            } else {
                BouncyCastleEc.uninstall();
            }
        }
        rows.add(cpu(JPAKE_CPU, o.ops() * 4, PairingBenchmark::jpakeExchange));
        rows.add(cpu(PBKDF2_CPU, o.ops() * 4,
                () -> new DeviceSecretDerivation("pr-bench", "de-bench").password("", PASSWORD)));
        rows.add(cpu(FRESH_IDENTITY, o.ops() * 4, () -> Identity.generate().certificate()));
        return rows;
    }

    /** A device with password-open pairing always on, and the two measured operations against it. */
    private static final class Bed implements AutoCloseable {
        final Device device;
        final InetSocketAddress address;
        final Op handshake;
        final Op pairing;
        private final AtomicInteger names = new AtomicInteger();

        private Bed(Device device, InetSocketAddress address) {
            this.device = device;
            this.address = address;
            this.handshake = handshakeTo(address);
            this.pairing = pairingTo(address);
        }

        Op handshakeTo(InetSocketAddress to) {
            return c -> {
                try (DeviceConnection conn = c.connect(to)) {
                    conn.deviceFingerprint();
                }
            };
        }

        /** Password-open pairing from a pairing string (the ids known: no GET /iam/pairing), as from a QR code. */
        Op pairingTo(InetSocketAddress to) {
            PairingString ps = PairingString.parse("p=pr-bench,d=de-bench,pwd=" + PASSWORD);
            return c -> c.pair(ps, to, "bench-" + names.incrementAndGet(), "");
        }

        static Bed start(Path dir, int users) throws Exception {
            JsonFileIamStateStore store = new JsonFileIamStateStore(dir.resolve("iam-state.json"));
            if (users > 0) {
                store.save(IamState.initial().withUsers(syntheticUsers(users)));
            }
            Iam iam = Iam.open(IamConfig.defaults(), store);
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            // Every benchmark client comes from 127.0.0.1: lift the per-source limits a device keeps for the field.
            Device.Builder b = Device.builder().identity(Identity.generate()).productId("pr-bench")
                    .deviceId("de-bench").localAddress(loopback).remoteAddress(loopback)
                    .dtlsSettings(UNLIMITED_PER_SOURCE);
            b.iam(iam);
            // Generous buckets: the benchmark measures the protocol, not the throttle (every success refunds).
            b.passwordPairing(PairingOptions.defaults().alwaysOpen()
                    .withBuckets(10_000, Duration.ofMillis(1), 10_000, Duration.ofMillis(1)));
            iam.setOpenPairingSecret(new DeviceSecretDerivation("pr-bench", "de-bench").password("", PASSWORD));
            iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
            Device device = b.build().start();
            return new Bed(device, device.remoteAddress());
        }

        @Override
        public void close() {
            device.close();
        }
    }

    /** {@code n} users with one random key each, as pairings would have left them. */
    static List<User> syntheticUsers(int n) {
        SecureRandom r = new SecureRandom();
        List<User> users = new ArrayList<>(IamState.initial().users());
        byte[] fp = new byte[32];
        for (int i = 0; i < n; i++) {
            r.nextBytes(fp);
            users.add(new User("user-" + i, "", "Standard",
                    List.of(new User.NamedFingerprint(Fingerprint.parse(java.util.HexFormat.of().formatHex(fp)),
                            "phone"))));
        }
        return users;
    }

    /** The JIT's share of the process CPU under which a warm-up round counts as settled. */
    static final double JIT_SETTLED = 0.05;

    /** Consecutive settled rounds that end the warm-up (one round under the bar was often chance). */
    static final int SETTLED_ROUNDS = 3;

    /**
     * Both operations, alternating, at the largest concurrency, twice and then until the JIT compilers took less than
     * {@value #JIT_SETTLED} of the process CPU in each of the last {@value #SETTLED_ROUNDS} rounds, or {@code limit}
     * has passed: the JIT compiles both
     * paths before the first measured block (a warm-up of one path only made the first measured block of the other
     * pay for compilation). A connection runs most of its code once (the handshake, the connector's set-up), so the
     * compilers reach it only after hundreds of connections: a short warm-up measures the JIT as much as the code.
     * Returns a row: the warm-up's operations, and the process CPU and JIT per operation in its last round.
     */
    private static Row warmUp(Bed bed, int ops, int clients, Duration limit, String tag) throws Exception {
        int perClient = Math.max(3, ops / 4);
        long start = System.nanoTime();
        int rounds = 0;
        double cpuPerOp;
        double jitPerOp;
        int settled = 0;
        do {
            Block h = measure(bed.handshake, clients, perClient, null);
            Block p = measure(bed.pairing, clients, perClient, null);
            rounds++;
            int count = h.latencies().size() + p.latencies().size();
            cpuPerOp = h.cpuNanos() < 0 ? Double.NaN : (h.cpuNanos() + p.cpuNanos()) / 1e6 / count;
            jitPerOp = h.jitNanos() < 0 ? Double.NaN : (h.jitNanos() + p.jitNanos()) / 1e6 / count;
            settled = jitPerOp <= JIT_SETTLED * cpuPerOp ? settled + 1 : 0;
            System.err.printf("warm-up round %d (%.0f s): %.1f + %.1f ops/s, cpu %.2f ms/op, jit %.2f ms/op%n", rounds,
                    (System.nanoTime() - start) / 1e9, h.latencies().size() / (h.elapsedNanos() / 1e9),
                    p.latencies().size() / (p.elapsedNanos() / 1e9), cpuPerOp, jitPerOp);
        } while (rounds < 2 || (settled < SETTLED_ROUNDS && System.nanoTime() - start < limit.toNanos()));
        double seconds = (System.nanoTime() - start) / 1e9;
        int count = rounds * 2 * clients * perClient;
        return new Row("warm-up (both, last round's CPU)" + tag, clients, count, Double.NaN,
                Double.NaN, count / seconds, cpuPerOp, Double.NaN, jitPerOp, -1, List.of(), List.of());
    }

    /** The handshake and the pairing through an emulated link, one client, with their round trips. */
    private static List<Row> overLink(Bed bed, Options o, String tag) throws Exception {
        List<Row> rows = new ArrayList<>();
        String link = String.format(" via %d+%d ms%s", o.linkDelay().toMillis(), o.linkDelay().toMillis(),
                o.loss() > 0 ? String.format(", %.1f%% loss", o.loss() * 100) : "");
        try (LinkEmulator emulator = new LinkEmulator(bed.address, o.linkDelay(), o.loss(), 7)) {
            Op handshake = bed.handshakeTo(emulator.address());
            Op pairing = bed.pairingTo(emulator.address());
            measure(handshake, 1, 2, emulator);
            measure(pairing, 1, 2, emulator);
            for (int clients : o.clients()) {
                rows.addAll(alternating(List.of(new Named("DTLS handshake" + link + tag, handshake),
                        new Named("password pairing" + link + tag, pairing)), clients, o.ops(), o.rounds(), emulator));
            }
        }
        return rows;
    }

    /** Per-side EC work of a DTLS handshake with the provider list as it is now: one of each. */
    private static List<Row> primitives(String tag, int count) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair mine = kpg.generateKeyPair();
        KeyPair peer = kpg.generateKeyPair();
        byte[] message = new byte[200];
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(mine.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        List<Row> rows = new ArrayList<>();
        rows.add(cpu("P-256 key generation (CPU)" + tag, count, () -> kpg.generateKeyPair()));
        rows.add(cpu("ECDH (CPU)" + tag, count, unchecked(() -> {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(mine.getPrivate());
            ka.doPhase(peer.getPublic(), true);
            ka.generateSecret();
        })));
        rows.add(cpu("ECDSA sign (CPU)" + tag, count, unchecked(() -> {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(mine.getPrivate());
            s.update(message);
            s.sign();
        })));
        rows.add(cpu("ECDSA verify (CPU)" + tag, count, unchecked(() -> {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(mine.getPublic());
            s.update(message);
            if (!s.verify(signature)) {
                throw new IllegalStateException("signature does not verify");
            }
        })));
        rows.add(cpu("identity key generation (CPU)", count, Identity::generate));
        return rows;
    }

    @FunctionalInterface
    private interface Checked {
        void run() throws Exception;
    }

    private static Runnable unchecked(Checked c) {
        return () -> {
            try {
                c.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @FunctionalInterface
    private interface Op {
        void run(Client client) throws Exception;
    }

    private record Named(String name, Op op) {
    }

    /**
     * Each of {@code ops} in turn, {@code rounds} times ({@code A B A B ...}), {@code perClient} operations per client
     * in each block; one row per operation over all its blocks, with each block's rate and p50.
     */
    private static List<Row> alternating(List<Named> ops, int clients, int perClient, int rounds,
                                         LinkEmulator emulator) throws Exception {
        List<List<Block>> blocks = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            blocks.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < ops.size(); i++) {
                blocks.get(i).add(measure(ops.get(i).op(), clients, perClient, emulator));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            rows.add(Block.row(ops.get(i).name(), clients, blocks.get(i)));
        }
        return rows;
    }

    /** One block of operations: latencies, wall time, process and device CPU, round trips at the emulator. */
    private record Block(List<Long> latencies, long elapsedNanos, long cpuNanos, long deviceCpuNanos,
                         long jitNanos, List<Integer> roundTrips) {
        static Row row(String name, int clients, List<Block> blocks) {
            List<Long> all = new ArrayList<>();
            List<Integer> trips = new ArrayList<>();
            long elapsed = 0;
            long cpu = 0;
            long deviceCpu = 0;
            long jit = 0;
            List<Double> rates = new ArrayList<>();
            List<Double> p50s = new ArrayList<>();
            for (Block b : blocks) {
                all.addAll(b.latencies());
                if (b.roundTrips() != null) {
                    trips.addAll(b.roundTrips());
                }
                elapsed += b.elapsedNanos();
                cpu = cpu < 0 || b.cpuNanos() < 0 ? -1 : cpu + b.cpuNanos();
                deviceCpu = deviceCpu < 0 || b.deviceCpuNanos() < 0 ? -1 : deviceCpu + b.deviceCpuNanos();
                jit = jit < 0 || b.jitNanos() < 0 ? -1 : jit + b.jitNanos();
                Row one = PairingBenchmark.row(name, clients, b.latencies(), b.elapsedNanos());
                rates.add(one.perSecond());
                p50s.add(one.p50Millis());
            }
            Row r = PairingBenchmark.row(name, clients, all, elapsed);
            double trip = -1;
            if (blocks.stream().anyMatch(b -> b.roundTrips() != null)) {
                Collections.sort(trips);
                trip = trips.isEmpty() ? 0 : trips.get(trips.size() / 2);
            }
            return new Row(name, clients, r.count(), r.p50Millis(), r.p99Millis(), r.perSecond(),
                    cpu < 0 ? Double.NaN : cpu / 1e6 / r.count(),
                    deviceCpu < 0 ? Double.NaN : deviceCpu / 1e6 / r.count(),
                    jit < 0 ? Double.NaN : jit / 1e6 / r.count(), trip,
                    blocks.size() > 1 ? rates : List.of(), blocks.size() > 1 ? p50s : List.of());
        }
    }

    /**
     * {@code clients} threads, each running {@code perClient} operations one after another, each from a client with
     * its own identity. The identities (key pair and the self-signed certificate that carries the key to X.509-only
     * peers) are made before the block, as a client application makes its identity once, before it pairs with
     * anything: they are neither timed nor counted in the block's CPU (their cost is the row {@value #FRESH_IDENTITY}).
     */
    private static Block measure(Op op, int clients, int perClient, LinkEmulator emulator) throws Exception {
        if (emulator != null) {
            emulator.takeRoundTrips();
        }
        List<List<Identity>> identities = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            List<Identity> mine = new ArrayList<>();
            for (int n = 0; n < perClient; n++) {
                Identity id = Identity.generate();
                id.certificate();
                mine.add(id);
            }
            identities.add(mine);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[][] latencies = new long[clients][perClient];
        Map<Long, Long> device0 = deviceThreadCpu();
        long cpu0 = processCpuNanos();
        long jit0 = jitNanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            List<Identity> mine = identities.get(i);
            long[] times = latencies[i];
            futures.add(pool.submit(() -> {
                for (int n = 0; n < perClient; n++) {
                    Client c = Client.builder().identity(mine.get(n)).knownDevices(KnownDevices.inMemory()).build();
                    long t0 = System.nanoTime();
                    op.run(c);
                    times[n] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        long cpu = cpu0 < 0 ? -1 : processCpuNanos() - cpu0;
        long jit = jit0 < 0 ? -1 : jitNanos() - jit0;
        long deviceCpu = deviceCpuSince(device0);
        pool.shutdown();
        List<Long> all = new ArrayList<>();
        for (long[] times : latencies) {
            for (long t : times) {
                all.add(t);
            }
        }
        return new Block(all, elapsed, cpu, deviceCpu, jit, emulator == null ? null : emulator.takeRoundTrips());
    }

    /**
     * The CPU time of each live device thread: the device's CoAP threads ({@code CoapServer...}), its DTLS threads
     * (named with the listener's address, {@code 127.0.0.1:<port>}; every client binds the wildcard address) and its
     * connection sweeper. Null if the JVM cannot measure thread CPU time.
     */
    private static Map<Long, Long> deviceThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return null;
        }
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && isDeviceThread(info.getThreadName())) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }

    static boolean isDeviceThread(String name) {
        return name.startsWith("CoapServer") || name.startsWith("edgepair-connection-sweeper")
                || (name.startsWith("DTLS-") && name.contains("/127.0.0.1:"));
    }

    /** Device CPU since {@code before} (threads started since count from zero); -1 if not measurable. */
    private static long deviceCpuSince(Map<Long, Long> before) {
        if (before == null) {
            return -1;
        }
        long sum = 0;
        for (Map.Entry<Long, Long> now : deviceThreadCpu().entrySet()) {
            sum += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return sum;
    }

    /** What the {@code jit ms/op} column measures on this machine. */
    public static String jitMeaning() {
        return CompilerCpu.isCpu() ? "the JIT compilers' CPU (their threads' user and system time)"
                : "the JIT compilers' busy time (elapsed, summed over their threads; under load more than their CPU)";
    }

    /** The JIT compilers' CPU so far ({@link CompilerCpu}), or -1 if the JVM does not say. */
    private static long jitNanos() {
        return CompilerCpu.nanos();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
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
            Participant c = Participant.create(PakeRole.CLIENT, w, r);
            Participant d = Participant.create(PakeRole.SERVER, w, r);
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
        StringBuilder sb = new StringBuilder(String.format("%-52s %7s %6s %9s %9s %9s %10s %10s %10s %6s%n",
                "operation", "clients", "count", "p50 ms", "p99 ms", "ops/s", "cpu ms/op", "dev ms/op", "jit ms/op",
                "RTs"));
        for (Row r : rows) {
            sb.append(String.format("%-52s %7d %6d %9s %9s %9.1f %10s %10s %10s %6s%n", r.operation(), r.clients(),
                    r.count(), millis(r.p50Millis()), millis(r.p99Millis()), r.perSecond(), millis(r.cpuMillisPerOp()),
                    millis(r.deviceCpuMillisPerOp()), millis(r.jitMillisPerOp()),
                    r.roundTrips() < 0 ? "" : String.format("%.0f", r.roundTrips())));
        }
        return sb.toString();
    }

    private static String millis(double v) {
        return Double.isNaN(v) ? "" : String.format("%.2f", v);
    }

    /**
     * The targets read off the rows of one run: for each concurrency and provider, complete pairings per
     * second and their ratio to the bare handshakes per second (target: at least 100/s with 8 clients and at least
     * 0.8); for each concurrency through the emulated link, the pairing's p50 minus the handshake's p50 minus two
     * round trips of the link (2 x 2 x the one-way delay; target: at most 15 ms with 1 client) and the round trips
     * each took. With several rounds, the ratio and the difference of each round (blocks next to each other) and
     * their median.
     */
    public static String targets(List<Row> rows, Options o) {
        StringBuilder sb = new StringBuilder();
        for (Row pairing : rows) {
            String op = pairing.operation();
            if (!op.startsWith("password pairing") || op.contains(" users")) {
                continue;
            }
            String rest = op.substring("password pairing".length());
            boolean link = rest.startsWith(" via ");
            Row handshake = find(rows, (link ? "DTLS handshake" : "DTLS handshake (baseline)") + rest,
                    pairing.clients());
            if (handshake == null) {
                continue;
            }
            String who = pairing.clients() + (pairing.clients() == 1 ? " client" : " clients") + rest;
            if (!link) {
                List<Double> perRound = new ArrayList<>();
                for (int i = 0; i < pairing.roundPerSecond().size(); i++) {
                    perRound.add(pairing.roundPerSecond().get(i) / handshake.roundPerSecond().get(i));
                }
                sb.append(String.format("%s: %.1f pairings/s (target >= 100 with 8 clients) = %.2f x %.1f "
                        + "handshakes/s (target >= 0.80)%s%n", who, pairing.perSecond(),
                        pairing.perSecond() / handshake.perSecond(), handshake.perSecond(),
                        rounds("ratio", perRound, "%.2f")));
                Row jpake = find(rows, JPAKE_CPU, 1);
                Row pbkdf2 = find(rows, PBKDF2_CPU, 1);
                if (jpake != null && pbkdf2 != null && !Double.isNaN(handshake.cpuMillisPerOp())) {
                    // A pairing is a handshake plus what only a pairing does; on a CPU-bound run the rates go as the
                    // inverse of the CPU per operation.
                    double floor = handshake.cpuMillisPerOp() + jpake.p50Millis() + pbkdf2.p50Millis();
                    sb.append(String.format("%s: ceiling from this run's CPU: a pairing costs at least %.1f "
                            + "(handshake) + %.1f (J-PAKE) + %.1f (PBKDF2) = %.1f ms, so at most %.2f x the handshake "
                            + "rate when CPU-bound; measured %.1f ms%n", who, handshake.cpuMillisPerOp(),
                            jpake.p50Millis(), pbkdf2.p50Millis(), floor, handshake.cpuMillisPerOp() / floor,
                            pairing.cpuMillisPerOp()));
                }
            } else {
                double rtt = 2.0 * o.linkDelay().toNanos() / 1e6;
                List<Double> perRound = new ArrayList<>();
                for (int i = 0; i < pairing.roundP50Millis().size(); i++) {
                    perRound.add(pairing.roundP50Millis().get(i) - handshake.roundP50Millis().get(i) - 2 * rtt);
                }
                sb.append(String.format("%s: pairing p50 %.1f - handshake p50 %.1f - 2 x %.0f ms = %.1f ms "
                        + "(target <= 15 ms with 1 client); round trips %.0f - %.0f = %.0f (target 2)%s%n", who,
                        pairing.p50Millis(), handshake.p50Millis(), rtt,
                        pairing.p50Millis() - handshake.p50Millis() - 2 * rtt, pairing.roundTrips(),
                        handshake.roundTrips(), pairing.roundTrips() - handshake.roundTrips(),
                        rounds("ms", perRound, "%.1f")));
            }
        }
        return sb.toString();
    }

    private static Row find(List<Row> rows, String operation, int clients) {
        return rows.stream().filter(r -> r.operation().equals(operation) && r.clients() == clients).findFirst()
                .orElse(null);
    }

    /** "; per round: a b c, median m", or nothing for a single round. */
    private static String rounds(String what, List<Double> values, String format) {
        if (values.size() < 2) {
            return "";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        StringBuilder sb = new StringBuilder("; " + what + " per round:");
        for (double v : values) {
            sb.append(' ').append(String.format(format, v));
        }
        return sb.append(", median ").append(String.format(format, median)).toString();
    }

    /** The 1-minute load average now, as {@code uptime} shows it (NaN where the platform has none). */
    public static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("edgepair-bench");
        System.out.print(table(run(n, List.of(1, 8), dir)));
    }

}
