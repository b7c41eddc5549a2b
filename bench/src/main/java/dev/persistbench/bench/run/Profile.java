package dev.persistbench.bench.run;

import java.util.List;
import java.util.Locale;

/**
 * A named set of measurement settings. Every pattern is measured in one fork that runs all its
 * arms (the selected implementations and the raw-JDBC floor) in interleaved slices: {@code rounds}
 * rounds, each running every arm for one slice of {@code sliceMillis}. There is no fixed warm-up:
 * the analysis finds, per pattern, the round from which the per-round ratios stop trending, and
 * counts the rounds before it as warm-up (recorded with the results).
 *
 * @param name smoke, quick or full
 * @param forks 1, or 0 to run every benchmark inside the runner's JVM (smoke only)
 * @param rounds rounds per pattern (every arm runs once per round)
 * @param sliceMillis length of one slice (one JMH iteration)
 * @param dataSizes the dataSize parameter values
 * @param coldStartRuns fresh JVMs per implementation for the cold start
 */
public record Profile(String name, int forks, int rounds, int sliceMillis, List<Integer> dataSizes, int coldStartRuns) {

    /**
     * CI's sanity run: every pattern briefly, in ONE JVM (forks 0). Its numbers share one JIT
     * profile and one heap across patterns: they show that everything runs, not how fast.
     */
    public static final Profile SMOKE = new Profile("smoke", 0, 2, 100, List.of(1000), 3);

    /**
     * Minutes for the whole run: 30 rounds of 150 ms slices per pattern (with five arms, 22.5 s of
     * slices per pattern); the deeper stacks settle within the first third on the project's 2-core
     * machine, which leaves at least 16 steady rounds per pattern.
     */
    public static final Profile QUICK = new Profile("quick", 1, 30, 150, List.of(1000), 3);

    /** The run to publish: longer slices, more rounds, a larger data set. */
    public static final Profile FULL = new Profile("full", 1, 40, 400, List.of(10_000), 5);

    public Profile {
        dataSizes = List.copyOf(dataSizes);
        if (rounds < 2) {
            throw new IllegalArgumentException("a profile needs at least 2 rounds");
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
        return new Profile(name, forks, rounds, sliceMillis, sizes, coldStartRuns);
    }

    /** This profile with another number of rounds. */
    public Profile withRounds(int count) {
        return new Profile(name, forks, count, sliceMillis, dataSizes, coldStartRuns);
    }
}
