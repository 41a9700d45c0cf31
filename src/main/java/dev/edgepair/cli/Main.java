package dev.edgepair.cli;

import dev.edgepair.transport.BouncyCastleEc;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgepair} command. */
@Command(name = "edgepair", mixinStandardHelpOptions = true, version = "edgepair 0.1.0",
        description = "EdgePair: device pairing over EC J-PAKE, CoAP and DTLS with raw public keys.",
        subcommands = {DemoCommand.class, DeviceCommand.class, ClientCommand.class, VectorsCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show logs (-v informational, -vv debug).")
    boolean[] verbose = new boolean[0];

    @CommandLine.Option(names = "--sunec", scope = CommandLine.ScopeType.INHERIT,
            description = "DTLS handshake crypto through the JDK's SunEC instead of Bouncy Castle (slower).")
    boolean sunec;

    public static void main(String[] args) {
        Logs.configure(Logs.verbosity(args));
        if (!java.util.Arrays.asList(args).contains("--sunec")) {
            BouncyCastleEc.install(); // the command's choice; the library never changes the provider list itself
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
