package dev.persistbench.bench.run;

import dev.persistbench.bench.stats.PairedStats;
import dev.persistbench.reports.results.Paired;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The warm-up phase of a pattern's fork, before its first timed slice: every arm runs its
 * operation in untimed chunks of {@value #CHUNK_SLICES} slices' length, in rounds (a shuffled order per round, as the
 * timed slices have), and stops warming once its own last {@link Rule#window()} chunks show no
 * trend ({@link PairedStats#steadyFrom} with the rule's limit alone, no allowance for noise: an arm
 * whose chunks still fall is warmed on, however noisy) and the JIT compilers worked for at most
 * {@link Rule#jitShareLimit()} of the window's wall time ({@link Jit}: while they still compile, a
 * flat window only says that the arm waits for them). The phase ends when every arm has
 * settled or the time cap is reached, whichever comes first, except that past the cap it goes on
 * while the JIT was busy in the last round, for at most {@link Rule#jitGraceMillis()} more (a
 * fork whose compilers are still at work would otherwise start its timed rounds with them); an
 * arm still trending when the phase ends is
 * recorded as such, and the analysis of the timed rounds decides again, from the paired ratios,
 * where the figure is steady.
 *
 * <p>Why a phase of its own: the deeper stacks need thousands of calls before the JIT has compiled
 * their paths (Hibernate and jOOQ kept falling for 4-5 s of their own slices in the quick profile
 * of the first paired design, leaving 11-15 of 52 figures unsettled). Warming the arms that still
 * need it, alone, costs less time than running every arm through more timed rounds.
 */
public final class WarmUp {

    /** The system property that carries the cap to the fork, in milliseconds (absent or 0: no warm-up phase). */
    public static final String PROPERTY = "bench.warmUpMillis";

    /**
     * A chunk's length in slices: longer than a slice, so that the write patterns' resets between
     * chunks (deleting what the chunk wrote, VACUUM) take a smaller share of the phase.
     */
    public static final int CHUNK_SLICES = 2;

    /**
     * When an arm counts as warm.
     *
     * @param window chunks looked at (the arm's latest)
     * @param trendLimit largest change over the window, as a share of its median, still called steady
     * @param capMillis the whole phase's time cap
     * @param jitShareLimit largest share of the window's wall time the JIT compilers may have worked
     *     for (where the JVM does not tell, this part of the rule is left out)
     * @param jitGraceMillis how much longer than the cap the phase may go on while the JIT is busy
     */
    public record Rule(int window, double trendLimit, long capMillis, double jitShareLimit, long jitGraceMillis) {
        public Rule {
            if (window < 3) {
                throw new IllegalArgumentException("a warm-up window needs at least 3 chunks, was " + window);
            }
            if (capMillis < 0) {
                throw new IllegalArgumentException("the warm-up cap must not be negative, was " + capMillis);
            }
            if (!(jitShareLimit > 0)) {
                throw new IllegalArgumentException("the JIT share limit must be positive, was " + jitShareLimit);
            }
            if (jitGraceMillis < 0) {
                throw new IllegalArgumentException("the JIT grace must not be negative, was " + jitGraceMillis);
            }
        }

        /**
         * The rule the bench uses with the cap {@code capMillis} (0: no phase): windows of 6 chunks,
         * 5 % trend, at most 10 % of the window compiling, and up to {@value #JIT_GRACE_MILLIS} ms
         * past the cap while the JIT is busy.
         */
        public static Rule capped(long capMillis) {
            return new Rule(6, 0.05, capMillis, Paired.JIT_BUSY_SHARE, capMillis == 0 ? 0 : JIT_GRACE_MILLIS);
        }

        /**
         * The grace past the cap: in Q39 (AMD EPYC) the compilers were still busy for 11-34 % of the
         * timed rounds in 6 of 13 forks after a 20 s phase; 10 s more lets the ones near the end
         * finish for at most 10 s per fork (P06's, busy through all 40 s, does not).
         */
        public static final long JIT_GRACE_MILLIS = 10_000;
    }

    /**
     * What one arm did in the phase.
     *
     * @param arm the arm's id
     * @param settled whether its window became steady before the cap
     * @param usPerOp its chunks' µs per operation, in order
     */
    public record ArmWarmUp(String arm, boolean settled, List<Double> usPerOp) {}

    /**
     * The whole phase, written with the fork's slices.
     *
     * @param rule how an arm was judged warm
     * @param seconds how long the phase took
     * @param capReached whether it ended on the cap with an arm still trending
     * @param arms per arm, in the fork's arm order
     * @param jitShare per round, the share of its wall time the JIT compilers worked for (empty where
     *     the JVM does not tell)
     */
    public record Record(Rule rule, double seconds, boolean capReached, List<ArmWarmUp> arms, List<Double> jitShare) {

        public Record {
            arms = List.copyOf(arms);
            jitShare = jitShare == null ? List.of() : List.copyOf(jitShare);
        }

        /** No warm-up phase (cap 0). */
        public static Record none(List<String> arms) {
            return new Record(
                    Rule.capped(0),
                    0,
                    false,
                    arms.stream().map(a -> new ArmWarmUp(a, false, List.of())).toList(),
                    List.of());
        }
    }

    private WarmUp() {}

    /**
     * Runs the phase.
     *
     * @param arms the arm ids
     * @param chunk runs one untimed chunk of the given arm and returns its µs per operation
     * @param rule when to stop
     * @param order the source of each round's order
     * @param nanoClock the clock the cap is measured with
     */
    public static Record run(
            List<String> arms, ToDoubleFunction<String> chunk, Rule rule, Random order, LongSupplier nanoClock) {
        return run(arms, chunk, rule, order, nanoClock, () -> -1, () -> {});
    }

    /**
     * Runs the phase, reading the JIT's accumulated compile time from {@code jitMillis} (-1: unknown,
     * {@link Jit#compileMillis()}) and calling {@code beforeRound} before each round's first chunk
     * (where the fork may move its measuring thread, {@link MeasuringCore}).
     */
    public static Record run(
            List<String> arms,
            ToDoubleFunction<String> chunk,
            Rule rule,
            Random order,
            LongSupplier nanoClock,
            LongSupplier jitMillis,
            Runnable beforeRound) {
        if (rule.capMillis() == 0) {
            return Record.none(arms);
        }
        PairedStats stats = new PairedStats(new PairedStats.Method(
                0.95, 1, PairedStats.DEFAULT.tieMargin(), rule.trendLimit(), 0, rule.window(), 1L));
        Map<String, List<Double>> series = new LinkedHashMap<>();
        Map<String, Boolean> settled = new LinkedHashMap<>();
        arms.forEach(a -> {
            series.put(a, new ArrayList<>());
            settled.put(a, false);
        });
        long start = nanoClock.getAsLong();
        long cap = rule.capMillis() * 1_000_000L;
        // Each round's start, on the clock and on the JIT's: an active arm runs one chunk a round, so
        // its last window chunks span the last window rounds.
        List<Long> roundNanos = new ArrayList<>();
        List<Long> roundJit = new ArrayList<>();
        long grace = rule.jitGraceMillis() * 1_000_000L;
        List<String> active = new ArrayList<>(arms);
        while (!active.isEmpty()) {
            long elapsed = nanoClock.getAsLong() - start;
            if (elapsed >= cap
                    && (elapsed >= cap + grace
                            || roundNanos.isEmpty()
                            || jitQuiet(rule, roundNanos.getLast(), roundJit.getLast(), nanoClock, jitMillis))) {
                break;
            }
            List<String> round = new ArrayList<>(active);
            Collections.shuffle(round, order);
            beforeRound.run();
            roundNanos.add(nanoClock.getAsLong());
            roundJit.add(jitMillis.getAsLong());
            int first = roundNanos.size() - rule.window();
            for (String arm : round) {
                List<Double> s = series.get(arm);
                s.add(chunk.applyAsDouble(arm));
                if (s.size() >= rule.window()
                        && steady(stats, s, rule.window())
                        && jitQuiet(rule, roundNanos.get(first), roundJit.get(first), nanoClock, jitMillis)) {
                    settled.put(arm, true);
                    active.remove(arm);
                }
            }
        }
        long end = nanoClock.getAsLong();
        // The phase's end closes the last round.
        roundNanos.add(end);
        roundJit.add(jitMillis.getAsLong());
        List<Double> jitShare = new ArrayList<>();
        for (int r = 0; r + 1 < roundNanos.size(); r++) {
            Double share =
                    Jit.share(roundJit.get(r), roundJit.get(r + 1), (roundNanos.get(r + 1) - roundNanos.get(r)) / 1e6);
            if (share == null) {
                jitShare.clear();
                break;
            }
            jitShare.add(share);
        }
        double seconds = (end - start) / 1e9;
        List<ArmWarmUp> out = arms.stream()
                .map(a -> new ArmWarmUp(a, settled.get(a), List.copyOf(series.get(a))))
                .toList();
        return new Record(rule, seconds, !active.isEmpty(), out, jitShare);
    }

    /**
     * Whether the JIT compilers worked for at most the rule's share of the time since {@code
     * fromNanos} (the window's or the last round's start, when they had {@code fromJit}); true where
     * the JVM does not tell.
     */
    private static boolean jitQuiet(
            Rule rule, long fromNanos, long fromJit, LongSupplier nanoClock, LongSupplier jitMillis) {
        Double share = Jit.share(fromJit, jitMillis.getAsLong(), (nanoClock.getAsLong() - fromNanos) / 1e6);
        return share == null || share <= rule.jitShareLimit();
    }

    private static boolean steady(PairedStats stats, List<Double> series, int window) {
        double[] last = series.subList(series.size() - window, series.size()).stream()
                .mapToDouble(Double::doubleValue)
                .toArray();
        PairedStats.Steady s = stats.steadyFrom(last);
        return s.settled() && s.from() == 0;
    }
}
