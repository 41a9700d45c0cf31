package dev.edgepair.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.edgepair.client.Client;
import dev.edgepair.client.DeviceConnection;
import dev.edgepair.client.KnownDevices;
import dev.edgepair.device.Device;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamConfig;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.IamStateStore;
import dev.edgepair.identity.Identity;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;

/**
 * What the device keeps in memory (spec/benchmarks.md, "Memory"): heap bytes per idle DTLS connection, per pending
 * J-PAKE exchange and per IAM user, each as (heap after N − heap before) / N with full collections before each
 * reading. The connections come from child JVMs that connect, make one request, and are then killed (no
 * close_notify), so the device holds them idle and this JVM holds no client state. Bounded in count; loopback only.
 */
public final class MemoryProbe {
    private static final int PER_CHILD = 100;

    /** One measured kind. */
    public record Result(String what, int count, double bytesEach) {
    }

    private MemoryProbe() {
    }

    public static List<Result> run(int connections, int exchanges, int users) throws Exception {
        List<Result> out = new ArrayList<>();
        out.add(users(users));
        out.add(exchanges(exchanges));
        out.addAll(connections(connections));
        return out;
    }

    static long usedHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static Result users(int n) {
        long before = usedHeap();
        IamState state = IamState.initial().withUsers(PairingBenchmark.syntheticUsers(n));
        long after = usedHeap();
        return keep(new Result("IAM user (one key)", n, (after - before) / (double) n), state);
    }

    /** What the device keeps between /pake/1 and /pake/2: its participant, having read round one, sent its rounds. */
    private static Result exchanges(int n) throws Exception {
        SecureRandom r = new SecureRandom();
        byte[] w = new byte[32];
        r.nextBytes(w);
        List<Participant> pending = new ArrayList<>();
        Participant client = Participant.create(PakeRole.CLIENT, w, r);
        var clientOne = client.createRoundOne();
        long before = usedHeap();
        for (int i = 0; i < n; i++) {
            Participant device = Participant.create(PakeRole.SERVER, w, r);
            device.readRoundOne(clientOne);
            device.createRoundOne();
            device.createRoundTwo();
            pending.add(device);
        }
        long after = usedHeap();
        return keep(new Result("pending J-PAKE exchange (device participant)", n, (after - before) / (double) n),
                pending);
    }

    /** The device's heap after start and warm-up, then the bytes per idle connection. */
    private static List<Result> connections(int n) throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Iam iam = Iam.open(IamConfig.defaults(), IamStateStore.inMemory());
        Device.Builder b = Device.builder().identity(Identity.generate()).productId("pr-mem").deviceId("de-mem")
                .localAddress(loopback).remoteAddress(loopback).dtlsSettings(PairingBenchmark.UNLIMITED_PER_SOURCE);
        b.iam(iam);
        try (Device device = b.build().start()) {
            // warm up: the first connections load classes and fill caches that later ones share
            connectFromChildren(device.remoteAddress(), Math.min(20, n));
            long before = usedHeap();
            int registered = device.connectionCount();
            connectFromChildren(device.remoteAddress(), n);
            long after = usedHeap();
            int held = device.connectionCount() - registered;
            if (held < n * 9 / 10) {
                throw new IllegalStateException("the device holds " + held + " of " + n + " connections");
            }
            return List.of(new Result("heap in use: device started, warmed up, no connection", 1, before),
                    new Result("idle DTLS connection (device side)", held, (after - before) / (double) held));
        }
    }

    private static void connectFromChildren(InetSocketAddress device, int n) throws Exception {
        for (int done = 0; done < n; done += PER_CHILD) {
            int count = Math.min(PER_CHILD, n - done);
            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MemoryProbe.class.getName(), "connect", device.getAddress().getHostAddress(),
                    Integer.toString(device.getPort()), Integer.toString(count)))
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("connected")) {
                    if (line.startsWith("failed")) {
                        throw new IllegalStateException("a connecting child " + line);
                    }
                }
                if (line == null) {
                    throw new IllegalStateException("a connecting child ended early");
                }
            } finally {
                child.destroyForcibly(); // SIGKILL: no close_notify, the device keeps the connections idle
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The results as a table, and how many idle connections fit a heap of {@code heapMiB} beside the rest. */
    public static String table(List<Result> results, int heapMiB) {
        StringBuilder sb = new StringBuilder(String.format("%-52s %7s %14s%n", "what", "count", "bytes each"));
        double base = 0;
        double perConnection = 0;
        for (Result r : results) {
            sb.append(String.format("%-52s %7d %14.0f%n", r.what(), r.count(), r.bytesEach()));
            if (r.what().startsWith("heap in use")) {
                base = r.bytesEach();
            } else if (r.what().startsWith("idle DTLS")) {
                perConnection = r.bytesEach();
            }
        }
        if (perConnection > 0) {
            sb.append(String.format("idle connections a %d MiB heap holds beside the started device: about %.0f%n",
                    heapMiB, (heapMiB * 1024.0 * 1024.0 - base) / perConnection));
        }
        return sb.toString();
    }

    private static <T> T keep(T result, Object measured) {
        java.lang.ref.Reference.reachabilityFence(measured); // reachable until after the second reading
        return result;
    }

    /** The child: {@code connect <host> <port> <count>}, one GET each, then "connected" and wait to be killed. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("connect")) {
            throw new IllegalArgumentException("usage: connect <loopback host> <port> <count>");
        }
        InetSocketAddress device = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
        if (!device.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only");
        }
        int count = Math.min(PER_CHILD, Integer.parseInt(args[3]));
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        List<Future<DeviceConnection>> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(pool.submit(() -> {
                Client c = Client.builder().identity(Identity.generate()).knownDevices(KnownDevices.inMemory())
                        .build();
                DeviceConnection conn = c.connect(device);
                conn.get("/iam/pairing");
                return conn;
            }));
        }
        try {
            for (Future<DeviceConnection> f : open) {
                f.get(120, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.out.flush();
            System.exit(1);
        }
        System.out.println("connected " + count);
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        System.exit(0);
    }
}
