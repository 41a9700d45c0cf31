package dev.edgepair.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@link JpakeBenchmark} with the forks alternating: Bouncy Castle, EdgePair, EdgePair TLS-framed, then again, for
 * a number of rounds. A shared machine drifts by tens of percent within minutes, and plain JMH runs all forks of one
 * benchmark before the next, so a ratio of two consecutive blocks carries that drift; here each round's ratio
 * compares forks that ran back to back, and the median of the rounds is reported, with the ratio of the best
 * one-second iterations (noise on a shared machine only ever adds time, so the best iteration is the least disturbed).
 * Run: {@code mvn -Pjmh test-compile exec:exec -Djmh.main=dev.edgepair.bench.JpakeRatio -Djmh.args=ROUNDS}.
 */
public final class JpakeRatio {
    private JpakeRatio() {
    }

    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String[] names = {"bouncyCastle", "edgepair", "edgepairTlsFramed"};
        List<double[]> scores = new ArrayList<>();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < rounds; round++) {
            double[] row = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                Options options = new OptionsBuilder()
                        .include(JpakeBenchmark.class.getName() + "\\." + names[i] + "$")
                        .forks(1)
                        .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(8).measurementTime(TimeValue.seconds(1))
                        .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                        .build();
                Collection<RunResult> results = new Runner(options).run();
                RunResult result = results.iterator().next();
                row[i] = result.getPrimaryResult().getScore();
                for (var fork : result.getBenchmarkResults()) {
                    for (var iteration : fork.getIterationResults()) {
                        best[i] = Math.min(best[i], iteration.getPrimaryResult().getScore());
                    }
                }
            }
            scores.add(row);
            System.out.printf(Locale.ROOT, "round %d: Bouncy Castle %.3f ms, EdgePair %.3f ms (%.2fx), TLS-framed %.3f ms"
                    + " (%.2fx)%n", round + 1, row[0], row[1], row[0] / row[1], row[2], row[0] / row[2]);
        }
        System.out.printf(Locale.ROOT, "median of %d rounds: Bouncy Castle %.3f ms, EdgePair %.3f ms, TLS-framed %.3f ms;"
                        + " speed-up %.2fx (TLS-framed %.2fx)%n", rounds,
                median(scores, 0, -1), median(scores, 1, -1), median(scores, 2, -1),
                median(scores, 0, 1), median(scores, 0, 2));
        System.out.printf(Locale.ROOT, "best 1-second iteration: Bouncy Castle %.3f ms, EdgePair %.3f ms, TLS-framed"
                + " %.3f ms; speed-up %.2fx (TLS-framed %.2fx)%n", best[0], best[1], best[2], best[0] / best[1],
                best[0] / best[2]);
    }

    /** Median of column a, or of the ratio column a / column b. */
    private static double median(List<double[]> rows, int a, int b) {
        double[] values = rows.stream().mapToDouble(r -> b < 0 ? r[a] : r[a] / r[b]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
