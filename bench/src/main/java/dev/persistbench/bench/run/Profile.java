package dev.persistbench.bench.run;

import java.util.List;
import java.util.Locale;

/**
 * A named set of JMH settings: how long, how often, on how much data.
 *
 * @param name smoke, quick or full
 * @param forks JMH forks per benchmark; 0 runs every benchmark inside the runner's JVM (smoke only)
 * @param warmupIterations warm-up iterations per fork
 * @param warmupMillis length of one warm-up iteration
 * @param measurementIterations measured iterations per fork (at least 3: JMH gives no error below that)
 * @param measurementMillis length of one measured iteration
 * @param dataSizes the dataSize parameter values
 * @param coldStartRuns fresh JVMs per implementation for the cold start
 * @param samplePatterns patterns also run in sample-time mode (percentiles)
 * @param threadSweep thread counts beyond 1 for the sweep patterns
 * @param sweepPatterns patterns run at every thread count of the sweep
 */
public record Profile(
        String name,
        int forks,
        int warmupIterations,
        int warmupMillis,
        int measurementIterations,
        int measurementMillis,
        List<Integer> dataSizes,
        int coldStartRuns,
        List<String> samplePatterns,
        List<Integer> threadSweep,
        List<String> sweepPatterns) {

    /**
     * CI's sanity run: every benchmark once, briefly, in ONE JVM (forks 0) so that 58 benchmarks
     * fit in a few minutes. Its numbers share one JIT profile and one heap across implementations:
     * they show that everything runs, not how fast.
     */
    public static final Profile SMOKE =
            new Profile("smoke", 0, 1, 500, 3, 400, List.of(1000), 3, List.of(), List.of(), List.of());

    /**
     * A forked run with short iterations: indicative numbers in minutes. Six short measurement
     * iterations rather than three longer ones in the same time: JMH's 99.9 % error uses
     * Student's t, whose factor falls from about 31.6 with 2 degrees of freedom to 6.9 with 5.
     */
    public static final Profile QUICK =
            new Profile("quick", 1, 2, 500, 6, 350, List.of(1000), 3, List.of(), List.of(), List.of());

    /**
     * The run to publish: longer iterations, a larger data set, sample-time percentiles and a
     * 1/2/4-thread sweep for a read (P02) and a write (P06) pattern.
     */
    public static final Profile FULL = new Profile(
            "full",
            1,
            3,
            2000,
            5,
            2000,
            List.of(10_000),
            5,
            List.of("P02", "P06"),
            List.of(2, 4),
            List.of("P02", "P06"));

    public Profile {
        dataSizes = List.copyOf(dataSizes);
        samplePatterns = List.copyOf(samplePatterns);
        threadSweep = List.copyOf(threadSweep);
        sweepPatterns = List.copyOf(sweepPatterns);
        if (measurementIterations < 3) {
            throw new IllegalArgumentException("JMH reports no error with fewer than 3 measurement iterations");
        }
        if (dataSizes.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one data size");
        }
    }

    /** The profile called {@code name} (smoke, quick, full). */
    public static Profile named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "smoke" -> SMOKE;
            case "quick", "" -> QUICK;
            case "full" -> FULL;
            default ->
                throw new IllegalArgumentException("bench.profile must be smoke, quick or full; was '" + name + "'");
        };
    }

    /** This profile with other data sizes. */
    public Profile withDataSizes(List<Integer> sizes) {
        return new Profile(
                name,
                forks,
                warmupIterations,
                warmupMillis,
                measurementIterations,
                measurementMillis,
                sizes,
                coldStartRuns,
                samplePatterns,
                threadSweep,
                sweepPatterns);
    }
}
