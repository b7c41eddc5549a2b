package dev.persistbench.bench.run;

import java.util.SplittableRandom;

/**
 * Two fixed pieces of work timed on the measuring thread before each slice, beside the SELECT 1
 * probe: how fast the machine's CPU was then, which a round trip does not show (bench/README,
 * "Repeatability": over 75 minutes every figure slowed by up to 22 % while the SELECT 1 probe held
 * still).
 *
 * <ul>
 *   <li>the <b>CPU loop</b>: {@value #LOOP_STEPS} steps of a dependent multiply-and-shift chain,
 *       all in registers: the core's own speed (its clock, a neighbour on the same physical core);
 *   <li>the <b>memory walk</b>: {@value #WALK_STEPS} dependent reads along one random cycle through
 *       {@value #WALK_MIB} MiB, far more than a core's caches: the speed of the shared last-level
 *       cache and memory, which other tenants of the host compete for.
 * </ul>
 *
 * Each reading takes about 3 ms on the AMD EPYC (the loop 0.4 ms, the walk 2-3 ms), outside the timing. The work is the same in every fork and
 * every run (the cycle comes from a fixed seed), so two readings differ only by the machine.
 */
public final class CpuProbe {

    /** Steps of the CPU loop per reading. */
    static final int LOOP_STEPS = 200_000;

    /** Dependent reads of the memory walk per reading. */
    static final int WALK_STEPS = 10_000;

    /** The memory walk's size. */
    static final int WALK_MIB = 32;

    /** Readings taken once, untimed, so that the first slice's reading comes from compiled code. */
    private static final int WARM_READINGS = 30;

    /**
     * One reading.
     *
     * @param loopUs the CPU loop's time, µs
     * @param walkUs the memory walk's time, µs
     */
    public record Reading(double loopUs, double walkUs) {}

    private final int[] cycle;
    private int at;
    private long sink;

    private CpuProbe(int[] cycle) {
        this.cycle = cycle;
    }

    /** A probe over a walk of {@value #WALK_MIB} MiB, compiled before its first reading. */
    public static CpuProbe create() {
        CpuProbe probe = new CpuProbe(cycle(WALK_MIB * (1 << 20) / Integer.BYTES, 20261206L));
        for (int i = 0; i < WARM_READINGS; i++) {
            probe.read();
        }
        return probe;
    }

    /** Times the loop and then the walk. */
    public Reading read() {
        long t0 = System.nanoTime();
        long x = loop(sink | 1, LOOP_STEPS);
        long t1 = System.nanoTime();
        at = walk(cycle, at, WALK_STEPS);
        long t2 = System.nanoTime();
        sink = x ^ at;
        return new Reading((t1 - t0) / 1_000.0, (t2 - t1) / 1_000.0);
    }

    /** What the work computed, so that the compiler cannot drop it. */
    long sink() {
        return sink;
    }

    /** {@code steps} steps of a chain where each step needs the one before. */
    static long loop(long seed, int steps) {
        long x = seed;
        for (int i = 0; i < steps; i++) {
            x = x * 0x9E3779B97F4A7C15L + i;
            x ^= x >>> 29;
        }
        return x;
    }

    /** {@code steps} reads along {@code cycle} from {@code from}; returns where it stopped. */
    static int walk(int[] cycle, int from, int steps) {
        int i = from;
        for (int s = 0; s < steps; s++) {
            i = cycle[i];
        }
        return i;
    }

    /**
     * A single cycle through all of {@code 0..n-1} in a random order (Sattolo's algorithm): following
     * it from any index visits every index before coming back, so the prefetcher cannot guess the
     * next read.
     */
    static int[] cycle(int n, long seed) {
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        return next;
    }
}
