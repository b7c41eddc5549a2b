package dev.persistbench.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The statistics on inputs whose answer is known. */
class PairedStatsTest {

    private final PairedStats stats = new PairedStats(PairedStats.DEFAULT);

    /** A machine whose speed drifts 4x over the run, with 2 % noise per slice: what each round shares. */
    private static double[] drift(int rounds, long seed) {
        Random random = new Random(seed);
        double[] machine = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            machine[i] = (i < rounds / 2 ? 20 : 80) * (1 + 0.02 * random.nextGaussian());
        }
        return machine;
    }

    private static double[] scaled(double[] machine, double factor, long seed) {
        Random random = new Random(seed);
        double[] out = new double[machine.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = machine[i] * factor * (1 + 0.01 * random.nextGaussian());
        }
        return out;
    }

    @Test
    @DisplayName("a pair 30 % apart is ranked, even on a machine that drifts 4x during the run")
    void thirtyPercentIsRanked() {
        double[] machine = drift(30, 1);
        double[] a = scaled(machine, 1.0, 2);
        double[] b = scaled(machine, 1.3, 3);
        PairedStats.Interval ratio = stats.estimateInterval(PairedStats.ratios(b, a));
        assertThat(ratio.estimate()).isBetween(1.27, 1.33);
        assertThat(ratio.high() - ratio.low()).as("interval width").isLessThan(0.05);
        assertThat(stats.distinguishable(b, a)).isTrue();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("slow", b);
        series.put("fast", a);
        assertThat(stats.groups(series)).containsExactly(List.of("fast"), List.of("slow"));
    }

    @Test
    @DisplayName("a pair 1 % apart is reported as not distinguishable (one group)")
    void onePercentIsATie() {
        double[] machine = drift(30, 4);
        double[] a = scaled(machine, 1.0, 5);
        double[] b = scaled(machine, 1.01, 6);
        assertThat(stats.distinguishable(b, a)).isFalse();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("a", a);
        series.put("b", b);
        assertThat(stats.groups(series)).hasSize(1);
        assertThat(stats.groups(series).get(0)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @DisplayName("a chain of ties (a = b, b = c, a faster than c) is one group: no order rests on a third arm")
    void chainOfTiesIsOneGroup() {
        double[] machine = drift(30, 7);
        double[] a = scaled(machine, 1.00, 8);
        double[] b = scaled(machine, 1.02, 9);
        double[] c = scaled(machine, 1.045, 10);
        assertThat(stats.distinguishable(b, a)).as("b against a").isFalse();
        assertThat(stats.distinguishable(c, b)).as("c against b").isFalse();
        assertThat(stats.faster(a, c)).as("a faster than c").isTrue();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("c", c);
        series.put("b", b);
        series.put("a", a);
        // The rule that compared each arm with its group's first member only gave [[a, b], [c]],
        // ranking b above c, which the run cannot show.
        assertThat(stats.groups(series)).hasSize(1);
        assertThat(stats.groups(series).get(0)).containsExactly("a", "b", "c");
        // ... but the one order the run did show inside it is kept, and no other.
        assertThat(stats.ordersInGroups(stats.groups(series), series)).containsExactly(List.of("a", "c"));
    }

    @Test
    @DisplayName("groups are cut wherever every arm before is shown faster than every arm after")
    void clearLevelsAreCut() {
        double[] machine = drift(30, 11);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("slowest", scaled(machine, 1.7, 12));
        series.put("twin", scaled(machine, 1.01, 13));
        series.put("fast", scaled(machine, 1.0, 14));
        series.put("middle", scaled(machine, 1.3, 15));
        assertThat(stats.groups(series))
                .containsExactly(List.of("fast", "twin"), List.of("middle"), List.of("slowest"));
        assertThat(stats.faster(series.get("middle"), series.get("fast"))).isFalse();
        assertThat(stats.ordersInGroups(stats.groups(series), series))
                .as("no order inside a group of twins")
                .isEmpty();
    }

    @Test
    @DisplayName("a series still falling is not called steady; its settled tail is found once it stops")
    void driftingSeriesIsNotSteady() {
        double[] falling = new double[30];
        for (int i = 0; i < falling.length; i++) {
            falling[i] = 100 - 2 * i; // keeps falling by 2 per round
        }
        assertThat(stats.steadyFrom(falling).settled()).isFalse();

        double[] warming = new double[30];
        Random random = new Random(7);
        for (int i = 0; i < warming.length; i++) {
            warming[i] = (i < 10 ? 300 - 25 * i : 50) * (1 + 0.005 * random.nextGaussian());
        }
        PairedStats.Steady steady = stats.steadyFrom(warming);
        assertThat(steady.settled()).isTrue();
        assertThat(steady.from()).isBetween(9, 12);
    }

    @Test
    @DisplayName("a flat series with 8 % noise is steady from its start; the same noise over a 25 % fall is not")
    void noiseIsNotATrend() {
        Random random = new Random(11);
        double[] flat = new double[20];
        double[] falling = new double[20];
        for (int i = 0; i < flat.length; i++) {
            double noise = 1 + 0.08 * random.nextGaussian();
            flat[i] = 100 * noise;
            falling[i] = (125 - 25.0 * i / 19) * noise;
        }
        // The trend limit alone (3 %) would reject the flat series: its Theil-Sen change is noise.
        assertThat(Math.abs(PairedStats.relativeChange(flat))).isGreaterThan(0.03);
        assertThat(stats.steadyFrom(flat)).isEqualTo(new PairedStats.Steady(0, true));

        PairedStats.Steady drifting = stats.steadyFrom(falling);
        assertThat(drifting.from()).isPositive();
    }

    @Test
    @DisplayName("the interval is reproducible (fixed seed) and holds the estimate")
    void intervalHoldsTheEstimate() {
        double[] values = {1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 0.98};
        PairedStats.Interval first = stats.estimateInterval(values);
        assertThat(first).isEqualTo(stats.estimateInterval(values));
        assertThat(first.estimate()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(first.low()).isLessThanOrEqualTo(first.estimate());
        assertThat(first.high()).isGreaterThanOrEqualTo(first.estimate());
    }

    @Test
    @DisplayName("Hodges-Lehmann: the median of the pairwise averages, not moved by one spoiled value in four")
    void hodgesLehmannOnKnownInputs() {
        // Walsh averages of 1, 2, 3: 1, 1.5, 2, 2, 2.5, 3; their median 2.
        assertThat(PairedStats.hodgesLehmann(new double[] {3, 1, 2})).isEqualTo(2.0);
        // 0, 0, 0, 10: six of the ten averages are 0.
        assertThat(PairedStats.hodgesLehmann(new double[] {0, 10, 0, 0})).isEqualTo(0.0);
        // 1, 2, 3, 4, 100: the eighth of fifteen averages is 3, where the mean (22) is not.
        assertThat(PairedStats.hodgesLehmann(new double[] {1, 2, 3, 4, 100})).isEqualTo(3.0);
        double[] values = {5, 1, 4};
        PairedStats.hodgesLehmann(values);
        assertThat(values).as("input untouched").containsExactly(5, 1, 4);
    }

    @Test
    @DisplayName("three slices a burst spoiled among seventeen do not move the estimate")
    void aBurstDoesNotMoveTheEstimate() {
        Random random = new Random(11);
        double[] ratios = new double[17];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = 1.30 * (1 + 0.01 * random.nextGaussian());
        }
        ratios[3] = 2.6;
        ratios[9] = 2.2;
        ratios[14] = 3.0;
        PairedStats.Interval interval = stats.estimateInterval(ratios);
        // The mean of these values is about 1.6.
        assertThat(interval.estimate()).isBetween(1.28, 1.36);
        assertThat(interval.low()).isGreaterThan(1.25);
    }

    @Test
    @DisplayName("several JVMs: one JVM gives the one-fork figures; two that settled 10 % apart give an interval"
            + " spanning both, however narrow each one's own")
    void jvmsApart() {
        Random random = new Random(41);
        double[] first = new double[20];
        double[] second = new double[20];
        for (int i = 0; i < 20; i++) {
            first[i] = 1.50 * (1 + 0.01 * random.nextGaussian());
            second[i] = 1.65 * (1 + 0.01 * random.nextGaussian());
        }
        assertThat(stats.estimateInterval(List.of(first))).isEqualTo(stats.estimateInterval(first));
        PairedStats.Interval alone = stats.estimateInterval(first);
        assertThat(alone.high() - alone.low()).isLessThan(0.02);
        PairedStats.Interval both = stats.estimateInterval(List.of(first, second));
        assertThat(both.estimate()).isBetween(1.54, 1.61);
        assertThat(both.low()).isLessThan(1.51);
        assertThat(both.high()).isGreaterThan(1.64);
        assertThat(stats.estimateInterval(List.of(first, second)))
                .as("reproducible")
                .isEqualTo(both);
        assertThat(PairedStats.concat(List.of(new double[] {1, 2}, new double[] {3})))
                .containsExactly(1, 2, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stats.estimateInterval(List.of(first, new double[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an order one JVM shows and the other reverses is not ranked; one both JVMs show is")
    void jvmsDisagreeOnAnOrder() {
        double[] machine = drift(20, 51);
        // JVM 1: a 8 % faster than b; JVM 2: b 8 % faster than a. c is 40 % slower in both.
        List<double[]> a = List.of(scaled(machine, 1.00, 52), scaled(machine, 1.08, 53));
        List<double[]> b = List.of(scaled(machine, 1.08, 54), scaled(machine, 1.00, 55));
        List<double[]> c = List.of(scaled(machine, 1.45, 56), scaled(machine, 1.45, 57));
        assertThat(stats.faster(a.get(0), b.get(0))).as("JVM 1 alone").isTrue();
        assertThat(stats.faster(b.get(1), a.get(1))).as("JVM 2 alone").isTrue();
        assertThat(stats.faster(a, b)).isFalse();
        assertThat(stats.faster(b, a)).isFalse();
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("c", c);
        series.put("a", a);
        series.put("b", b);
        List<List<String>> groups = stats.groupsOfForks(series);
        assertThat(groups).hasSize(2).last().isEqualTo(List.of("c"));
        assertThat(groups.get(0)).containsExactlyInAnyOrder("a", "b");
        assertThat(stats.ordersInGroupsOfForks(groups, series)).isEmpty();
    }
}
