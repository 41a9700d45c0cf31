package dev.edgepair.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

import dev.edgepair.bench.PairingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgepair bench}: the end-to-end pairing benchmark on loopback, printed as a table. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark complete password pairings on loopback beside the DTLS handshake alone.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--ops", defaultValue = "50", description = "Operations per client (default ${DEFAULT-VALUE}).")
    int ops;

    @Option(names = "--clients", split = ",", defaultValue = "1,8",
            description = "Concurrent clients, comma separated (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Override
    public Integer call() throws Exception {
        System.err.println("running: " + ops + " operations per client with " + clients
                + " concurrent clients; this takes a while...");
        System.out.print(PairingBenchmark.table(PairingBenchmark.run(ops, clients,
                Files.createTempDirectory("edgepair-bench-"))));
        return 0;
    }
}
