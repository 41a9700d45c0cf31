package dev.edgepair.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code edgepair demo}: the walk through every pairing mode. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a device and clients on loopback through every pairing mode and refusal.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        return Demo.run(System.out);
    }
}
