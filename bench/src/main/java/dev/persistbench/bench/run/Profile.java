package dev.persistbench.bench.run;

import java.util.List;
import java.util.Locale;

/**
 * A named set of measurement settings. Every pattern is measured in one fork that runs all its
 * arms (the selected implementations and the raw-JDBC floor). First an untimed warm-up phase
 * ({@link WarmUp}): each arm runs in chunks of two slices until its own last chunks stop trending,
 * for at most {@code warmUpMillis}. Then {@code rounds} timed rounds, each running every arm for
 * one slice of {@code sliceMillis}, in a shuffled order. The analysis finds, per pattern, the
 * round from which the per-round ratios stop trending, and counts the rounds before it as warm-up
 * too (both recorded with the results).
 *
 * @param name smoke, quick or full
 * @param forks 1, or 0 to run every benchmark inside the runner's JVM (smoke only)
 * @param rounds rounds per pattern (every arm runs once per round)
 * @param sliceMillis length of one slice (one JMH iteration)
 * @param dataSizes the dataSize parameter values
 * @param coldStartRuns fresh JVMs per implementation for the cold start
 * @param warmUpMillis the warm-up phase's cap per fork (0: no warm-up phase)
 * @param rttMicros network distances (round-trip time added between pool and server, µs) at which
 *     the {@link #NETWORK_PATTERNS} are measured again, beside the run at no added distance
 * @param scaleSizes extra data sizes at which the {@link #SIZE_PATTERNS} are measured again, beside
 *     the run at {@code dataSizes} (empty: none), so that a read's cost against size shows
 * @param threads thread counts at which the {@link #SWEEP_PATTERNS} are measured again in the thread
 *     sweep, every thread running the same arm in each slice (empty: no sweep)
 * @param evolution whether the schema-evolution rehearsal runs after the patterns
 *     ({@code dev.persistbench.bench.evolution.Rehearsal})
 */
public record Profile(
        String name,
        int forks,
        int rounds,
        int sliceMillis,
        List<Integer> dataSizes,
        int coldStartRuns,
        long warmUpMillis,
        List<Integer> rttMicros,
        List<Integer> scaleSizes,
        List<Integer> threads,
        boolean evolution) {

    /** The patterns measured at every network distance: a point read, a transactional write, a graph read. */
    public static final List<String> NETWORK_PATTERNS = List.of("P02", "P06", "P08");

    /** Rounds of a fork at a network distance (each slice holds fewer operations; their cost is the round trip). */
    public static final int NETWORK_ROUNDS = 16;

    /** The warm-up cap of a fork at a network distance. */
    public static final long NETWORK_WARM_UP_MILLIS = 8_000;

    /** The patterns measured again at every scale size: the reads (the writes' tables stay the same size per slice). */
    public static final List<String> SIZE_PATTERNS = List.of("P02", "P04", "P05", "P07", "P08", "P11", "P12");

    /** Rounds of a fork at a scale size (the size's effect is a ratio of medians, not a close ranking). */
    public static final int SIZE_ROUNDS = 12;

    /** The warm-up cap of a fork at a scale size. */
    public static final long SIZE_WARM_UP_MILLIS = 10_000;

    /** The patterns of the thread sweep: a point read, a contended transactional write, a graph read. */
    public static final List<String> SWEEP_PATTERNS = List.of("P02", "P06", "P08");

    /** Rounds of a thread-sweep fork. */
    public static final int SWEEP_ROUNDS = 10;

    /** The warm-up cap of a thread-sweep fork. */
    public static final long SWEEP_WARM_UP_MILLIS = 8_000;

    /** The most threads a sweep may run. */
    public static final int MAX_THREADS = 64;

    /**
     * CI's sanity run: every pattern briefly, in ONE JVM (forks 0). Its numbers share one JIT
     * profile and one heap across patterns: they show that everything runs, not how fast.
     */
    public static final Profile SMOKE =
            new Profile("smoke", 0, 2, 100, List.of(1000), 3, 0, List.of(), List.of(), List.of(), false);

    /**
     * The warm-up cap of quick and full: long enough that the rule, not the cap, ends the phase. With
     * 20 s every fork of a quick run on the 2-core AMD EPYC reached the cap (plus its JIT grace) with
     * the deep stacks still getting faster; with 60 s every fork ended on the rule in Q42 and Q43,
     * after 17-57 s, and 10 and 12 of 13 in Q44 and Q45, on a slower CPU (bench/README.md, "A 60 s
     * cap").
     */
    public static final long WARM_UP_CAP_MILLIS = 60_000;

    /**
     * Minutes for the whole run: per pattern a warm-up phase of at most {@link #WARM_UP_CAP_MILLIS},
     * then 20 rounds of 150 ms slices (with five arms, 15 s of timed slices per pattern).
     */
    public static final Profile QUICK = new Profile(
            "quick", 1, 20, 150, List.of(1000), 3, WARM_UP_CAP_MILLIS, List.of(), List.of(), List.of(), false);

    /**
     * The run to publish: more rounds of longer slices than quick, two network distances, the reads
     * again at 50,000 (100,000 orders) beside the main size of 1000 (2,000 orders, as quick), and a
     * thread sweep at 1, 4 and 16 threads, then the schema-evolution rehearsal. Rounds and slice
     * were sized so that the whole run stayed within 40 minutes with a 20 s warm-up cap
     * (bench/README.md, "Data size"); the warm-up cap is quick's, and with it at 60 s the whole run
     * took 44 min 41 s (F3, bench/README.md "Profiles").
     */
    public static final Profile FULL = new Profile(
            "full",
            1,
            24,
            200,
            List.of(1000),
            3,
            WARM_UP_CAP_MILLIS,
            List.of(500, 2_000),
            List.of(50_000),
            List.of(1, 4, 16),
            true);

    public Profile {
        dataSizes = List.copyOf(dataSizes);
        rttMicros = List.copyOf(rttMicros);
        scaleSizes = List.copyOf(scaleSizes);
        threads = List.copyOf(threads);
        if (threads.stream().anyMatch(t -> t < 1 || t > MAX_THREADS)) {
            throw new IllegalArgumentException("sweep thread counts must be 1 to " + MAX_THREADS + ", were " + threads);
        }
        if (rttMicros.stream().anyMatch(r -> r <= 0)) {
            throw new IllegalArgumentException("network distances must be positive, were " + rttMicros);
        }
        if (rounds < 2) {
            throw new IllegalArgumentException("a profile needs at least 2 rounds");
        }
        if (warmUpMillis < 0) {
            throw new IllegalArgumentException("a profile's warm-up cap must not be negative");
        }
        if (dataSizes.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one data size");
        }
        if (scaleSizes.stream().anyMatch(n -> n < 100 || n % 10 != 0)) {
            throw new IllegalArgumentException(
                    "scale sizes must be data sizes (multiples of 10, at least 100), were " + scaleSizes);
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
                rounds,
                sliceMillis,
                sizes,
                coldStartRuns,
                warmUpMillis,
                rttMicros,
                scaleSizes,
                threads,
                evolution);
    }

    /** This profile with another number of rounds. */
    public Profile withRounds(int count) {
        return new Profile(
                name,
                forks,
                count,
                sliceMillis,
                dataSizes,
                coldStartRuns,
                warmUpMillis,
                rttMicros,
                scaleSizes,
                threads,
                evolution);
    }

    /** This profile with another warm-up cap per fork, in milliseconds (0: no warm-up phase). */
    public Profile withWarmUpMillis(long cap) {
        return new Profile(
                name,
                forks,
                rounds,
                sliceMillis,
                dataSizes,
                coldStartRuns,
                cap,
                rttMicros,
                scaleSizes,
                threads,
                evolution);
    }

    /** This profile measuring the network patterns at {@code distances} (µs added per round trip; empty: none). */
    public Profile withRttMicros(List<Integer> distances) {
        return new Profile(
                name,
                forks,
                rounds,
                sliceMillis,
                dataSizes,
                coldStartRuns,
                warmUpMillis,
                distances,
                scaleSizes,
                threads,
                evolution);
    }

    /** This profile measuring the size patterns again at {@code sizes} (empty: none). */
    public Profile withScaleSizes(List<Integer> sizes) {
        return new Profile(
                name,
                forks,
                rounds,
                sliceMillis,
                dataSizes,
                coldStartRuns,
                warmUpMillis,
                rttMicros,
                sizes,
                threads,
                evolution);
    }

    /** This profile sweeping the {@link #SWEEP_PATTERNS} at {@code counts} threads (empty: no sweep). */
    public Profile withThreads(List<Integer> counts) {
        return new Profile(
                name,
                forks,
                rounds,
                sliceMillis,
                dataSizes,
                coldStartRuns,
                warmUpMillis,
                rttMicros,
                scaleSizes,
                counts,
                evolution);
    }

    /** This profile with the schema-evolution rehearsal on or off. */
    public Profile withEvolution(boolean run) {
        return new Profile(
                name,
                forks,
                rounds,
                sliceMillis,
                dataSizes,
                coldStartRuns,
                warmUpMillis,
                rttMicros,
                scaleSizes,
                threads,
                run);
    }

    /** Slices of a fork whose arms are the floor and {@code timedArms} others: every arm once per round. */
    public int slices(int timedArms) {
        return rounds * (timedArms + 1);
    }
}
