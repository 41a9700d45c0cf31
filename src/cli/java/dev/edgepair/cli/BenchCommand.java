package dev.edgepair.cli;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.edgepair.bench.PairingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code edgepair bench}: the end-to-end pairing benchmark on loopback, printed as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark complete password pairings on loopback beside the DTLS handshake alone.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ops", defaultValue = "50", description = "Operations per client (default ${DEFAULT-VALUE}).")
    int ops;

    @Option(names = "--clients", split = ",", defaultValue = "1,8",
            description = "Concurrent clients, comma separated (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--providers", split = ",", description = "Measure the handshake crypto through these, in "
            + "order (SunEC, BC; repeat to alternate, e.g. SunEC,BC,SunEC,BC). Default: as the command runs (BC "
            + "unless --sunec).")
    List<String> providers = List.of();

    @Option(names = "--users", defaultValue = "0",
            description = "Also pair into a device whose state already holds this many users (e.g. 10000).")
    int users;

    @Option(names = "--link-delay", description = "Also measure through an emulated link with this one-way delay "
            + "each way, e.g. 25ms (loopback UDP proxy; counts round trips).")
    String linkDelay;

    @Option(names = "--loss", defaultValue = "0", description = "Datagram loss of the emulated link, e.g. 1%% or 0.01.")
    String loss;

    @Option(names = "--rounds", defaultValue = "1", description = "Run the handshake and the pairing blocks this many "
            + "times each, alternating, and report each round's ratio and the median (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up", defaultValue = "180", description = "Warm up until the JIT compilers take under 5%% "
            + "of the CPU in 3 rounds in a row, for at most this many seconds (default ${DEFAULT-VALUE}; 0: two short "
            + "rounds only).")
    int warmUpSeconds;

    @Option(names = "--memory", defaultValue = "0", description = "Instead: measure the device's heap bytes per "
            + "idle DTLS connection (this many, from child processes), per pending J-PAKE exchange and per IAM user.")
    int memory;

    @Override
    public Integer call() throws Exception {
        if (memory > 0) {
            if (memory > 4000) {
                throw new ParameterException(spec.commandLine(), "--memory must be 1-4000 connections");
            }
            System.err.println("measuring memory with " + memory + " connections; this takes a while...");
            System.out.print(dev.edgepair.bench.MemoryProbe.table(dev.edgepair.bench.MemoryProbe.run(memory, 1000,
                    10_000), 64));
            return 0;
        }
        if (ops < 1 || ops > 10_000 || clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 64)) {
            throw new ParameterException(spec.commandLine(), "--ops must be 1-10000 and --clients 1-64 each");
        }
        if (rounds < 1 || rounds > 20) {
            throw new ParameterException(spec.commandLine(), "--rounds must be 1-20");
        }
        if (warmUpSeconds < 0 || warmUpSeconds > 600) {
            throw new ParameterException(spec.commandLine(), "--warm-up must be 0-600 seconds");
        }
        if (users < 0 || users > 100_000) {
            throw new ParameterException(spec.commandLine(), "--users must be 0-100000");
        }
        PairingBenchmark.Options options;
        try {
            options = new PairingBenchmark.Options(ops, clients, providers, users,
                    linkDelay == null ? null : duration(linkDelay), fraction(loss), rounds,
                    java.time.Duration.ofSeconds(warmUpSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        System.err.println("running: " + ops + " operations per client with " + clients
                + " concurrent clients" + (rounds > 1 ? ", " + rounds + " alternating rounds" : "")
                + "; this takes a while...");
        double loadBefore = PairingBenchmark.loadAverage();
        List<PairingBenchmark.Row> rows = PairingBenchmark.run(options, Files.createTempDirectory("edgepair-bench-"));
        double loadAfter = PairingBenchmark.loadAverage();
        System.out.print(PairingBenchmark.table(rows));
        System.out.println();
        System.out.println("cpu ms/op: process CPU per operation (device, clients and harness share this JVM); "
                + "dev ms/op: the device's threads only; jit ms/op: " + PairingBenchmark.jitMeaning());
        System.out.printf("machine: %d cores, load average (1 min) %.2f at the start, %.2f at the end%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.print(PairingBenchmark.targets(rows, options));
        return 0;
    }

    private static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--link-delay: a duration such as 25ms or 1s, not " + text);
    }

    private static double fraction(String text) {
        String t = text.trim();
        try {
            double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100
                    : Double.parseDouble(t);
            if (v >= 0 && v < 0.5) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--loss: a fraction below 50%, such as 1% or 0.01, not " + text);
    }
}
