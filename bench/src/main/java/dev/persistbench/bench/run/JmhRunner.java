package dev.persistbench.bench.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH runs one after the other with one progress count over all of them, and writes
 * every result so far to one JMH JSON file after each run.
 */
public final class JmhRunner {
    private final Path resultFile;
    private final List<RunResult> results = new ArrayList<>();

    public JmhRunner(Path resultFile) {
        this.resultFile = resultFile;
    }

    /** Runs {@code runs}; returns the errors of runs that failed as a whole (benchmarks that fail alone are simply absent). */
    public List<String> runAll(List<BenchConfig.JmhRun> runs) {
        PrintStream out = System.out;
        OutputFormat console = OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL);
        int total = 0;
        double estimate = 0;
        for (BenchConfig.JmhRun run : runs) {
            int n = count(run.options());
            total += n;
            estimate += n * estimatedSeconds(run.options());
        }
        System.out.println("[bench] " + total + " benchmarks in " + runs.size() + " JMH run(s)"
                + (runs.size() <= 6
                        ? " " + runs.stream().map(BenchConfig.JmhRun::name).toList()
                        : "") + ", estimated "
                + ProgressFormat.format(java.time.Duration.ofSeconds(Math.round(estimate))));
        long start = System.nanoTime();
        int done = 0;
        List<String> errors = new ArrayList<>();
        for (BenchConfig.JmhRun run : runs) {
            ProgressFormat progress = new ProgressFormat(console, total, done, start);
            try {
                Collection<RunResult> r = new Runner(run.options(), progress).run();
                results.addAll(r);
            } catch (RunnerException | RuntimeException e) {
                errors.add(run.name() + ": " + e);
                System.out.println("[bench] JMH run " + run.name() + " failed: " + e);
            }
            done = progress.done();
            write();
        }
        return errors;
    }

    /** Every result so far. */
    public List<RunResult> results() {
        return List.copyOf(results);
    }

    private void write() {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, resultFile.toString())
                .writeOut(results);
    }

    /**
     * A first estimate of one benchmark's wall time: its iterations, plus what a fork costs before
     * them (JVM, schema, data, bootstrap: about 5 s on a busy 2-core machine) or, in-process, the
     * trial's set-up (about 1 s), plus the untimed warm-up phase at its cap ({@link WarmUp#PROPERTY}
     * among the fork's JVM arguments; the rule often ends it sooner, its JIT grace later). Without
     * that phase the full profile's first estimate at 70ffadd was 13 min 35 s for 34 minutes of forks.
     * The progress lines replace it with measured averages.
     */
    static double estimatedSeconds(Options o) {
        double iterations = o.getWarmupIterations().orElse(1)
                        * o.getWarmupTime().orElse(TimeValue.seconds(1)).convertTo(TimeUnit.MILLISECONDS)
                + o.getMeasurementIterations().orElse(1)
                        * o.getMeasurementTime().orElse(TimeValue.seconds(1)).convertTo(TimeUnit.MILLISECONDS);
        double setUp = o.getForkCount().orElse(1) == 0 ? 1.0 : 5.0;
        return iterations / 1000.0 + setUp + warmUpCapSeconds(o);
    }

    /** The warm-up phase's cap the fork is given, in seconds (0: none given). */
    static double warmUpCapSeconds(Options o) {
        String flag = "-D" + WarmUp.PROPERTY + "=";
        return Stream.of(o.getJvmArgsPrepend(), o.getJvmArgs(), o.getJvmArgsAppend())
                .flatMap(args -> args.orElse(List.of()).stream())
                .filter(a -> a.startsWith(flag))
                .mapToDouble(a -> Long.parseLong(a.substring(flag.length()).trim()) / 1000.0)
                .reduce((first, last) -> last)
                .orElse(0);
    }

    /** How many benchmark runs (benchmark x parameter combination) these options select. */
    public static int count(Options options) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(
                new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        SortedSet<BenchmarkListEntry> entries =
                BenchmarkList.defaultList().find(silent, options.getIncludes(), options.getExcludes());
        int total = 0;
        for (BenchmarkListEntry entry : entries) {
            int combinations = 1;
            Map<String, String[]> params = entry.getParams().orElse(Map.of());
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                Collection<String> given = options.getParameter(p.getKey()).orElse(null);
                combinations *= given != null ? given.size() : Math.max(1, p.getValue().length);
            }
            total += combinations;
        }
        return total;
    }
}
