package dev.edgepair.cli;

import dev.edgepair.net.BouncyCastleEc;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgepair} command. Exit codes: 0 done, 1 the operation failed, 2 a usage mistake (spec/cli.md). */
@Command(name = "edgepair", mixinStandardHelpOptions = true, version = "edgepair 0.1.0",
        description = "EdgePair: device pairing over EC J-PAKE, CoAP and DTLS with raw public keys.",
        subcommands = {DemoCommand.class, DeviceCommand.class, ClientCommand.class, VectorsCommand.class,
                BenchCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show logs (-v informational, -vv debug) and stack traces.")
    boolean[] verbose = new boolean[0];

    @CommandLine.Option(names = "--sunec", scope = CommandLine.ScopeType.INHERIT,
            description = "DTLS handshake crypto through the JDK's SunEC instead of Bouncy Castle (slower).")
    boolean sunec;

    public static void main(String[] args) {
        int verbosity = Logs.verbosity(args);
        Logs.configure(verbosity, Logs.isDeviceRun(args));
        if (!java.util.Arrays.asList(args).contains("--sunec")) {
            BouncyCastleEc.install(); // the command's choice; the library never changes the provider list itself
        }
        System.exit(commandLine(verbosity).execute(args));
    }

    static CommandLine commandLine(int verbosity) {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof DeviceCommand.UsageError) {
                Safe.err(e.getMessage());
                return 2;
            }
            if (verbosity > 0) {
                e.printStackTrace();
            }
            Safe.err(e instanceof java.io.IOException && e.getMessage() != null ? e.getMessage()
                    : "unexpected error: " + e + (verbosity > 0 ? "" : " (-v shows the stack trace)"));
            return 1;
        });
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }
}
