package dev.persistbench.bench.run;

import java.util.SplittableRandom;

/**
 * Two fixed pieces of work timed on the measuring thread before each slice, beside the SELECT 1
 * probe: how fast the machine's CPU was then, which a round trip does not show (bench/README,
 * "Repeatability": over 75 minutes every figure slowed by up to 22 % while the SELECT 1 probe held
 * still).
 *
 * <ul>
 *   <li>the <b>CPU loop</b>: {@value #LOOP_STEPS} steps of four independent multiply-and-shift
 *       chains, all in registers: the core's own speed. Four chains keep the core's arithmetic units
 *       busy, so a tenant sharing the physical core (a sibling hardware thread on the host, which the
 *       VM cannot see) takes a visible share of them; a single dependent chain waits on its own
 *       multiplies and would hardly notice;
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
    static final int LOOP_STEPS = 800_000;

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

    /**
     * The walk's cycle, built once per JVM on first use (about 0.1 s): it is the same in every fork, so
     * the runner's own JVM (the in-process smoke profile, a Slices per pattern) need not build it again.
     */
    private static final class Walk {
        static final int[] CYCLE = cycle(WALK_MIB * (1 << 20) / Integer.BYTES, 20261206L);
    }

    /** A probe over a walk of {@value #WALK_MIB} MiB, compiled before its first reading. */
    public static CpuProbe create() {
        CpuProbe probe = new CpuProbe(Walk.CYCLE);
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

    /** {@code steps} steps of four chains, each step of a chain needing the one before it. */
    static long loop(long seed, int steps) {
        long a = seed;
        long b = seed ^ 0x5DEECE66DL;
        long c = seed + 0x2545F4914F6CDD1DL;
        long d = ~seed;
        for (int i = 0; i < steps; i += 4) {
            a = a * 0x9E3779B97F4A7C15L + i;
            b = b * 0xBF58476D1CE4E5B9L + i;
            c = c * 0x94D049BB133111EBL + i;
            d = d * 0xD6E8FEB86659FD93L + i;
            a ^= a >>> 29;
            b ^= b >>> 31;
            c ^= c >>> 27;
            d ^= d >>> 30;
        }
        return a ^ b ^ c ^ d;
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
