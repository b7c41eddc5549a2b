package dev.persistbench.bench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The statistics behind every figure the report ranks on. Measurements come in rounds: each round
 * runs every arm (implementations and the floor) once, close together in time, so a ratio taken
 * inside one round cancels what the machine did meanwhile (Kalibera and Jones' advice to compare
 * within, not across, noisy periods).
 *
 * <ul>
 *   <li>{@link #estimateInterval}: the Hodges-Lehmann estimate of per-round values (the median of
 *       the averages of every pair of them, each value with itself included) with a
 *       percentile-bootstrap interval (resampling rounds with replacement, a fixed seed so a run is
 *       reproducible). Like the median it is not moved by a few slices that a burst of the machine
 *       spoiled (its breakdown point is 29 %, the median's 50 %), but it uses every value, so it
 *       does not jump between the two levels a bimodal series flips between, as the median and its
 *       bootstrap do (bench/README.md, "Repeatability");</li>
 *   <li>{@link #steadyFrom}: the first round from which a series shows no trend beyond
 *       {@link Method#trendLimit()} or the noise, whichever is larger (Theil-Sen slope over the
 *       tail, as a share of its median); rounds before it are warm-up, decided from the data rather
 *       than assumed;</li>
 *   <li>{@link #groups}: arms ordered by their estimate and cut into groups only where every arm
 *       before the cut is shown faster than every arm after it (the interval of the slower one's paired
 *       ratio to the faster lies entirely above 1 + {@link Method#tieMargin()}): every order between two groups is one the run
 *       measured, pair by pair; a difference the run cannot show to be larger than the margin is not
 *       ranked, and neither is one that rests on a third arm's tie; {@link #ordersInGroups} lists
 *       the orders the run did show inside a group.</li>
 * </ul>
 *
 * @param method the constants of the method, recorded with the results
 */
public record PairedStats(Method method) {

    /**
     * @param confidence two-sided confidence of every interval
     * @param resamples bootstrap resamples
     * @param tieMargin ratios within 1 +- this are not called a difference
     * @param trendLimit largest change over the tail, as a share of its median, still called steady
     * @param trendNoiseZ how many standard errors of the noise a tail's change may also reach and still
     *     be called steady (0: the trend limit alone): a change a series of that noise and length shows
     *     by chance is not a trend
     * @param minSteadyRounds fewest rounds a steady tail must have
     * @param seed bootstrap seed
     */
    public record Method(
            double confidence,
            int resamples,
            double tieMargin,
            double trendLimit,
            double trendNoiseZ,
            int minSteadyRounds,
            long seed) {}

    /** The method the bench uses. */
    public static final Method DEFAULT = new Method(0.95, 2000, 0.03, 0.03, 2.0, 8, 20261203L);

    /** An estimate (Hodges-Lehmann) with its interval. */
    public record Interval(double estimate, double low, double high) {}

    /**
     * Where a series settles.
     *
     * @param from the first steady round (the series' length minus minSteadyRounds when it never settles)
     * @param settled whether a steady tail was found
     */
    public record Steady(int from, boolean settled) {}

    /** Hodges-Lehmann estimate and bootstrap interval of {@code values} (at least one). */
    public Interval estimateInterval(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double estimate = hodgesLehmann(values);
        if (values.length == 1) {
            return new Interval(estimate, estimate, estimate);
        }
        SplittableRandom random = new SplittableRandom(method.seed());
        double[] estimates = new double[method.resamples()];
        double[] sample = new double[values.length];
        double[] walsh = new double[walshCount(values.length)];
        for (int r = 0; r < estimates.length; r++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values[random.nextInt(values.length)];
            }
            estimates[r] = hodgesLehmann(sample, walsh);
        }
        Arrays.sort(estimates);
        double tail = (1 - method.confidence()) / 2;
        return new Interval(estimate, quantile(estimates, tail), quantile(estimates, 1 - tail));
    }

    /**
     * The estimate and interval of values measured in several JVMs, {@code forks} holding each
     * JVM's values (none empty): the Hodges-Lehmann estimate of all of them, with a two-stage
     * bootstrap that draws the JVMs with replacement and then the values of each JVM drawn, so that
     * the interval holds how far apart the JVMs settled as well as the noise inside each (the
     * hierarchical resampling of Kalibera and Jones). Two JVMs that settled 10 % apart give an
     * interval spanning both levels however narrow each one's own is. One JVM:
     * {@link #estimateInterval(double[])}, the same figures.
     */
    public Interval estimateInterval(List<double[]> forks) {
        if (forks.isEmpty() || forks.stream().anyMatch(f -> f.length == 0)) {
            throw new IllegalArgumentException("no values in a fork");
        }
        if (forks.size() == 1) {
            return estimateInterval(forks.get(0));
        }
        double estimate = hodgesLehmann(concat(forks));
        SplittableRandom random = new SplittableRandom(method.seed());
        double[] estimates = new double[method.resamples()];
        double[] sample = new double
                [forks.size() * forks.stream().mapToInt(f -> f.length).max().orElseThrow()];
        for (int r = 0; r < estimates.length; r++) {
            int n = 0;
            for (int k = 0; k < forks.size(); k++) {
                double[] fork = forks.get(random.nextInt(forks.size()));
                for (int i = 0; i < fork.length; i++) {
                    sample[n++] = fork[random.nextInt(fork.length)];
                }
            }
            estimates[r] = hodgesLehmann(Arrays.copyOf(sample, n));
        }
        Arrays.sort(estimates);
        double tail = (1 - method.confidence()) / 2;
        return new Interval(estimate, quantile(estimates, tail), quantile(estimates, 1 - tail));
    }

    /** The values of every fork, one fork after the other. */
    public static double[] concat(List<double[]> forks) {
        return forks.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /**
     * The Hodges-Lehmann estimate of {@code values} (not modified): the median of the n (n + 1) / 2
     * averages (x_i + x_j) / 2, i <= j. On a symmetric distribution it estimates the centre, as the
     * median does, with about 95 % of the mean's efficiency on normal noise (the median: 64 %).
     */
    public static double hodgesLehmann(double[] values) {
        return hodgesLehmann(values, new double[walshCount(values.length)]);
    }

    /** The same, writing the averages into {@code walsh} (of length n (n + 1) / 2), reused across resamples. */
    private static double hodgesLehmann(double[] values, double[] walsh) {
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            for (int j = i; j < values.length; j++) {
                walsh[k++] = (values[i] + values[j]) / 2;
            }
        }
        Arrays.sort(walsh);
        return quantile(walsh, 0.5);
    }

    private static int walshCount(int n) {
        return n * (n + 1) / 2;
    }

    /** Per-round ratios {@code a[i] / b[i]}. */
    public static double[] ratios(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired series differ in length: " + a.length + " and " + b.length);
        }
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /** Per-round ratios {@code a[k][i] / b[k][i]}, fork by fork. */
    public static List<double[]> ratios(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("paired series differ in forks: " + a.size() + " and " + b.size());
        }
        List<double[]> r = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            r.add(ratios(a.get(k), b.get(k)));
        }
        return r;
    }

    /**
     * The first round from which {@code series} shows no trend beyond the noise: over the tail, the
     * Theil-Sen slope moves it by at most {@link Method#trendLimit()} of its median or
     * {@link Method#trendNoiseZ()} standard errors of that change, whichever is larger, AND the means
     * of its first and last thirds differ by no more than that limit or three standard errors of the
     * noise, whichever is larger. The noise is estimated from successive differences, which a trend
     * hardly inflates, so a steady drift is caught however smooth it is. The slope alone is too robust,
     * and so would medians be: they would call a tail steady whose first few rounds are still warming
     * up.
     */
    public Steady steadyFrom(double[] series) {
        int min = method.minSteadyRounds();
        for (int from = 0; from + min <= series.length; from++) {
            double[] tail = Arrays.copyOfRange(series, from, series.length);
            double sigma = noiseSigma(tail);
            if (Math.abs(relativeChange(tail)) <= changeAllowed(tail, sigma) && levelsAgree(tail, sigma)) {
                return new Steady(from, true);
            }
        }
        return new Steady(Math.max(0, series.length - min), false);
    }

    /**
     * The largest change over {@code tail}, as a share of its median, still called steady: the trend
     * limit, or {@link Method#trendNoiseZ()} standard errors of the change a least-squares line over n
     * values of noise {@code sigma} would show (slope error sigma * sqrt(12 / (n (n^2 - 1))), times n -
     * 1; Theil-Sen's is close to it on normal noise).
     */
    private double changeAllowed(double[] tail, double sigma) {
        int n = tail.length;
        double slopeError = sigma * Math.sqrt(12.0 / ((double) n * ((double) n * n - 1)));
        return Math.max(method.trendLimit(), method.trendNoiseZ() * slopeError * (n - 1) / median(tail));
    }

    private boolean levelsAgree(double[] tail, double sigma) {
        int third = Math.max(1, tail.length / 3);
        double first = Arrays.stream(tail, 0, third).average().orElse(0);
        double last =
                Arrays.stream(tail, tail.length - third, tail.length).average().orElse(0);
        // The difference of two means of k values has a standard error of sigma * sqrt(2 / k).
        double standardError = sigma * Math.sqrt(2.0 / third);
        return Math.abs(first - last) <= Math.max(method.trendLimit() * median(tail), 3 * standardError);
    }

    /** Robust sigma of one value of {@code tail}, from its successive differences. */
    private static double noiseSigma(double[] tail) {
        if (tail.length < 2) {
            return 0;
        }
        double[] diffs = new double[tail.length - 1];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = Math.abs(tail[i + 1] - tail[i]);
        }
        return median(diffs) * 1.4826 / Math.sqrt(2);
    }

    /** Theil-Sen slope times the tail's length, as a share of its median: how much it moved from start to end. */
    public static double relativeChange(double[] tail) {
        if (tail.length < 2) {
            return 0;
        }
        double[] slopes = new double[tail.length * (tail.length - 1) / 2];
        int k = 0;
        for (int i = 0; i < tail.length; i++) {
            for (int j = i + 1; j < tail.length; j++) {
                slopes[k++] = (tail[j] - tail[i]) / (j - i);
            }
        }
        return median(slopes) * (tail.length - 1) / median(tail);
    }

    /**
     * The arms in groups, fastest group first: ordered by their estimate, then cut between two
     * neighbours only where every arm before the cut is {@linkplain #faster faster} than every arm after
     * it. An arm that ties with a member of the next group keeps the two groups together, so a chain
     * such as a = b, b = c with a faster than c stays one group rather than ranking a above c by way
     * of b (the earlier rule compared each arm with its group's first member only, and in two of four
     * quick runs, Q42 and Q43, ranked Hibernate's and MyBatis's P02 in opposite orders with neither
     * pair shown apart). {@code series} maps each arm to its per-round values (lower is better), all of
     * the same length and paired by round.
     */
    public List<List<String>> groups(Map<String, double[]> series) {
        return groupsOfForks(oneFork(series));
    }

    /**
     * {@link #groups} of arms measured in several JVMs: {@code series} maps each arm to its
     * per-round values in each fork (the same forks, in the same order, for every arm), and every
     * pair is compared with {@link #estimateInterval(List)}, so a difference that holds in one JVM
     * and not in the other is not ranked.
     */
    public List<List<String>> groupsOfForks(Map<String, List<double[]>> series) {
        List<String> order = new ArrayList<>(series.keySet());
        order.sort(Comparator.comparingDouble((String arm) -> hodgesLehmann(concat(series.get(arm))))
                .thenComparing(Comparator.naturalOrder()));
        List<List<String>> groups = new ArrayList<>();
        int start = 0;
        for (int cut = 1; cut <= order.size(); cut++) {
            if (cut == order.size() || separated(order.subList(start, cut), order.subList(cut, order.size()), series)) {
                groups.add(List.copyOf(order.subList(start, cut)));
                start = cut;
            }
        }
        return List.copyOf(groups);
    }

    /**
     * The orders the run showed between two members of one of {@code groups} (as {@link #groups}
     * returns them for {@code series}): each pair {@code [faster, slower]} where {@link #faster} holds,
     * in group order. A group of three or more may hold one (a = b, b = c, a faster than c) although
     * no cut can be drawn through it; the ranking line would otherwise lose it.
     */
    public List<List<String>> ordersInGroups(List<List<String>> groups, Map<String, double[]> series) {
        return ordersInGroupsOfForks(groups, oneFork(series));
    }

    /** {@link #ordersInGroups} of arms measured in several JVMs, as {@link #groupsOfForks} takes them. */
    public List<List<String>> ordersInGroupsOfForks(List<List<String>> groups, Map<String, List<double[]>> series) {
        List<List<String>> orders = new ArrayList<>();
        for (List<String> group : groups) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    String a = group.get(i);
                    String b = group.get(j);
                    if (faster(series.get(a), series.get(b))) {
                        orders.add(List.of(a, b));
                    } else if (faster(series.get(b), series.get(a))) {
                        orders.add(List.of(b, a));
                    }
                }
            }
        }
        return List.copyOf(orders);
    }

    private static Map<String, List<double[]>> oneFork(Map<String, double[]> series) {
        Map<String, List<double[]>> forks = new LinkedHashMap<>();
        series.forEach((arm, values) -> forks.put(arm, List.of(values)));
        return forks;
    }

    /** Whether every arm of {@code before} is faster than every arm of {@code after}. */
    private boolean separated(List<String> before, List<String> after, Map<String, List<double[]>> series) {
        for (String a : before) {
            for (String b : after) {
                if (!faster(series.get(a), series.get(b))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether {@code a} is shown faster than {@code b}: the interval of their paired ratio b/a lies
     * entirely above 1 + the tie margin, with the method's confidence.
     */
    public boolean faster(double[] a, double[] b) {
        return faster(List.of(a), List.of(b));
    }

    /** {@link #faster(double[], double[])} of arms measured in several JVMs (the same forks, in order). */
    public boolean faster(List<double[]> a, List<double[]> b) {
        return estimateInterval(ratios(b, a)).low() > 1 + method.tieMargin();
    }

    /** Whether either of {@code a} and {@code b} is shown {@linkplain #faster faster} than the other. */
    public boolean distinguishable(double[] a, double[] b) {
        return faster(a, b) || faster(b, a);
    }

    /** The median of {@code values} (not modified). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
