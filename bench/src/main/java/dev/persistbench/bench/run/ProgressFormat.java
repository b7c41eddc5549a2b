package dev.persistbench.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's normal console output, plus one line after every benchmark: how many of the whole
 * bench's benchmarks are done, time so far and an estimate of the time left.
 */
final class ProgressFormat implements OutputFormat {
    private final OutputFormat delegate;
    private final int total;
    private final long startNanos;
    private int done;

    ProgressFormat(OutputFormat delegate, int total, int alreadyDone, long startNanos) {
        this.delegate = delegate;
        this.total = total;
        this.done = alreadyDone;
        this.startNanos = startNanos;
    }

    int done() {
        return done;
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        delegate.endBenchmark(result);
        done++;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Duration left = done == 0 ? Duration.ZERO : elapsed.dividedBy(done).multipliedBy(Math.max(0, total - done));
        delegate.println(String.format(
                "[bench] %d of %d benchmarks done, %s elapsed, about %s left",
                done, total, format(elapsed), format(left)));
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        delegate.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(
            BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        delegate.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        delegate.startBenchmark(benchParams);
    }

    @Override
    public void startRun() {
        delegate.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        delegate.endRun(result);
    }

    @Override
    public void print(String s) {
        delegate.print(s);
    }

    @Override
    public void println(String s) {
        delegate.println(s);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.flush();
    }

    @Override
    public void verbosePrintln(String s) {
        delegate.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        delegate.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        delegate.write(b);
    }
}
