package dev.edgepair.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.edgepair.vectors.VectorRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code edgepair vectors}: check test-vector files. */
@Command(name = "vectors", mixinStandardHelpOptions = true, description = "Work with test-vector files.",
        subcommands = {VectorsCommand.Check.class, VectorsCommand.Generate.class})
final class VectorsCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write random 'exchange' vectors computed by this implementation.")
    static final class Generate implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--count", defaultValue = "10")
        int count;

        @picocli.CommandLine.Option(names = "--out", required = true, description = "Output JSON file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Files.writeString(out, dev.edgepair.vectors.VectorGenerator.exchanges(count));
            System.out.println("wrote " + count + " exchange vectors to " + out);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check vector files: one line per failing vector, then 'N passed, M failed'.")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Vector files (JSON).")
        List<Path> files;

        @Override
        public Integer call() {
            VectorRunner runner = VectorRunner.standard();
            int passed = 0;
            int failed = 0;
            for (Path file : files) {
                for (VectorRunner.Outcome o : runner.run(file)) {
                    if (o.passed()) {
                        passed++;
                    } else {
                        failed++;
                        System.out.println("FAIL " + o.file() + ": " + o.name() + ": " + o.why());
                    }
                }
            }
            System.out.println(passed + " passed, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        }
    }
}
