package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.bench.stats.PairedStats;
import dev.persistbench.reports.results.Paired;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The analysis of one fork's slices, on a made-up fork whose answer is known. */
class PairedAnalysisTest {

    private final PairedAnalysis analysis = new PairedAnalysis(new PairedStats(PairedStats.DEFAULT));

    @Test
    @DisplayName("a drifting machine and a warming library: warm-up cut from the data per arm, ratios and groups right")
    void driftAndWarmUp() {
        List<String> arms = List.of("raw-jdbc", "slowlib", "fastlib", "twinlib");
        List<Slices.Slice> slices = new ArrayList<>();
        List<Double> us = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        Random random = new Random(11);
        int rounds = 30;
        long jit = 0;
        for (int round = 0; round < rounds; round++) {
            double machine = round < 15 ? 20 : 80; // the round trip drifts 4x halfway through
            for (String arm : arms) {
                double factor = switch (arm) {
                    case "raw-jdbc" -> 1.0;
                    case "slowlib" -> round < 6 ? 10.0 - round : 2.0; // warms up over six rounds
                    case "fastlib" -> 1.3;
                    default -> 1.31;
                };
                // the measuring thread moved to CPU 1 for rounds 10-19
                slices.add(new Slices.Slice(
                        arm,
                        round,
                        1_000L * slices.size(),
                        machine / 2,
                        400.0 + round,
                        2000.0,
                        null,
                        round >= 10 && round < 20 ? 1 : 0,
                        jit));
                // The JIT compiles for 20 ms of every 1 s slice, and for 500 ms in rounds 20 and 21.
                jit += round == 20 || round == 21 ? 500 : 20;
                us.add(machine * factor * (1 + 0.005 * random.nextGaussian()));
                bytes.add(arm.equals("slowlib") ? 5000.0 : 1000.0);
            }
        }
        List<WarmUp.ArmWarmUp> warmed = arms.stream()
                .map(a -> new WarmUp.ArmWarmUp(a, !a.equals("slowlib"), List.of(3.0, 2.0, 1.0)))
                .toList();
        WarmUp.Record warmUp = new WarmUp.Record(WarmUp.Rule.capped(10_000), 10.0, true, warmed, List.of(0.5));
        Slices.Record record = new Slices.Record("P02", 1000, 0, 1, arms, slices, null, warmUp, null, List.of());
        Paired.PatternResult r = analysis.analyse(record, us, bytes);
        assertThat(r.rounds()).isEqualTo(rounds);
        assertThat(r.steadyFromRound()).isBetween(6, 8);
        assertThat(r.settled()).isTrue();
        assertThat(r.warmUpPhaseSeconds()).isEqualTo(10.0);
        assertThat(r.warmUpCapReached()).isTrue();
        assertThat(r.warmupSeconds()).isEqualTo(10.0 + r.steadyFromRound() * 4.0);
        assertThat(r.arms().get(1).warmUpSettled()).isFalse();
        assertThat(r.arms().get(2).warmUpSettled()).isTrue();
        assertThat(r.arms().get(2).warmUpSeries()).containsExactly(3.0, 2.0, 1.0);
        Paired.Arm slow = r.arms().get(1);
        assertThat(slow.impl()).isEqualTo("slowlib");
        assertThat(slow.ratioToFloor().estimate()).isBetween(1.98, 2.02);
        assertThat(slow.ratioToFloor().high() - slow.ratioToFloor().low()).isLessThan(0.02);
        assertThat(slow.bytesPerOp()).isEqualTo(5000.0);
        assertThat(slow.series()).hasSize(rounds);
        assertThat(slow.steadyFromRound()).isEqualTo(r.steadyFromRound());
        // The arms that never warmed keep every round; the floor counts from the pattern's steady round.
        assertThat(r.arms().get(2).steadyFromRound()).isZero();
        assertThat(r.arms().get(3).steadyFromRound()).isZero();
        assertThat(r.arms().get(0).steadyFromRound()).isEqualTo(r.steadyFromRound());
        assertThat(r.arms().get(0).ratioToFloor()).isNull();
        assertThat(r.groups()).containsExactly(List.of("fastlib", "twinlib"), List.of("slowlib"));
        assertThat(r.selectOne()).hasSize(rounds * arms.size());
        // Each slice's CPU probe travels with its SELECT 1 probe (round 1 took 401 µs a loop).
        assertThat(r.selectOne().get(arms.size()).cpuLoopUs()).isEqualTo(401.0);
        assertThat(r.selectOne().get(arms.size()).memoryWalkUs()).isEqualTo(2000.0);
        // and so does the CPU it ran on
        assertThat(r.selectOne().get(9 * arms.size()).cpu()).isZero();
        assertThat(r.selectOne().get(10 * arms.size()).cpu()).isEqualTo(1);
        assertThat(r.selectOne().get(20 * arms.size()).cpu()).isZero();
        // The JIT's share of the steady rounds: from the first steady slice's start to the last
        // slice's start, 8 slices of 500 ms among the others' 20 ms.
        int firstSteady = r.steadyFromRound() * arms.size();
        int last = rounds * arms.size() - 1;
        double compiled = 8 * 500 + (last - firstSteady - 8) * 20;
        assertThat(r.jitShare())
                .isCloseTo(compiled / ((last - firstSteady) * 1000.0), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.jitShare()).isBetween(0.06, 0.07);
    }

    @Test
    @DisplayName(
            "a variant arm has its own ratio and steady round, but neither moves the pattern's cut nor joins its groups")
    void variantArm() {
        List<String> arms = List.of("raw-jdbc", "lib", "other", "lib:variant");
        List<Slices.Slice> slices = new ArrayList<>();
        List<Double> us = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        Random random = new Random(5);
        int rounds = 30;
        for (int round = 0; round < rounds; round++) {
            for (String arm : arms) {
                double factor = switch (arm) {
                    case "raw-jdbc" -> 1.0;
                    case "lib" -> 1.5;
                    case "other" -> 1.51;
                    default -> round < 12 ? 14.0 - round : 2.0; // the variant warms over twelve rounds
                };
                slices.add(new Slices.Slice(arm, round, 1_000L * slices.size(), 10, new CpuProbe.Reading(400, 2000)));
                us.add(20 * factor * (1 + 0.005 * random.nextGaussian()));
                bytes.add(1000.0);
            }
        }
        Slices.Record record = new Slices.Record("P02", 1000, 0, 1, arms, slices, null, null, null, List.of());
        Paired.PatternResult r = analysis.analyse(record, us, bytes);
        assertThat(r.steadyFromRound()).as("the defaults settled at once").isZero();
        assertThat(r.settled()).isTrue();
        assertThat(r.groups()).containsExactly(List.of("lib", "other"));
        Paired.Arm variant = r.arms().get(3);
        assertThat(variant.impl()).isEqualTo("lib:variant");
        assertThat(variant.steadyFromRound()).isBetween(12, 14);
        assertThat(variant.ratioToFloor().estimate()).isBetween(1.98, 2.02);
    }

    /**
     * One made-up fork of P05: the floor, "lib" at {@code libRatio} and "other" at 1.5 of it, 1 %
     * noise per slice, {@code rounds} rounds starting at {@code startMillis}.
     */
    private static PairedAnalysis.ForkValues jvm(double libRatio, int rounds, long startMillis, long seed) {
        List<String> arms = List.of("raw-jdbc", "lib", "other");
        List<Slices.Slice> slices = new ArrayList<>();
        List<Double> us = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            for (String arm : arms) {
                double factor = switch (arm) {
                    case "raw-jdbc" -> 1.0;
                    case "lib" -> libRatio;
                    default -> 1.5;
                };
                slices.add(new Slices.Slice(
                        arm, round, startMillis + 1_000L * slices.size(), 10, new CpuProbe.Reading(400, 2000)));
                us.add(100 * factor * (1 + 0.01 * random.nextGaussian()));
                bytes.add(arm.equals("lib") ? 3000.0 : 1000.0);
            }
        }
        WarmUp.Record warmUp = new WarmUp.Record(
                WarmUp.Rule.capped(60_000),
                startMillis == 0 ? 20.0 : 40.0,
                false,
                arms.stream()
                        .map(a -> new WarmUp.ArmWarmUp(a, true, List.of(2.0, 1.0)))
                        .toList(),
                List.of());
        return new PairedAnalysis.ForkValues(
                new Slices.Record("P05", 1000, 0, 1, arms, slices, null, warmUp, null, List.of()), us, bytes);
    }

    @Test
    @DisplayName("two JVMs that settled 14 % apart: each alone ranks lib against other, pooled the interval spans"
            + " both levels and ranks neither")
    void twoJvms() {
        PairedAnalysis.ForkValues first = jvm(1.40, 20, 0, 21);
        PairedAnalysis.ForkValues second = jvm(1.60, 20, 900_000, 22);
        Paired.PatternResult one = analysis.analyseForks(List.of(first));
        Paired.PatternResult two = analysis.analyseForks(List.of(second));
        Paired.PatternResult pooled = analysis.analyseForks(List.of(first, second));
        // Alone, each JVM's interval is narrow and the two contradict each other's order.
        assertThat(one.groups()).containsExactly(List.of("lib"), List.of("other"));
        assertThat(two.groups()).containsExactly(List.of("other"), List.of("lib"));
        Paired.Interval lib1 = one.arms().get(1).ratioToFloor();
        Paired.Interval lib2 = two.arms().get(1).ratioToFloor();
        assertThat(lib1.high()).isLessThan(lib2.low());
        assertThat(one.forks()).as("one JVM is written as before").isNull();
        // Pooled, the estimate lies between them and the interval reaches out to both.
        Paired.Arm lib = pooled.arms().get(1);
        assertThat(lib.ratioToFloor().estimate()).isBetween(1.45, 1.55);
        assertThat(lib.ratioToFloor().low()).isLessThan(1.43);
        assertThat(lib.ratioToFloor().high()).isGreaterThan(1.57);
        assertThat(pooled.groups()).as("one group").hasSize(1);
        assertThat(pooled.groups().get(0)).containsExactlyInAnyOrder("lib", "other");
        assertThat(pooled.ordersInGroups()).isEmpty();
        // "other" agreed in both JVMs: its interval stays narrow.
        Paired.Interval other = pooled.arms().get(2).ratioToFloor();
        assertThat(other.high() - other.low()).isLessThan(0.03);
        assertThat(pooled.forks()).isEqualTo(2);
        assertThat(pooled.rounds()).isEqualTo(40);
        assertThat(lib.series()).hasSize(40);
        assertThat(lib.bytesPerOp()).isEqualTo(3000.0);
        assertThat(lib.warmUpSeries()).containsExactly(2.0, 1.0, 2.0, 1.0);
        assertThat(pooled.selectOne()).hasSize(120);
        assertThat(pooled.warmUpPhaseSeconds()).as("the JVMs' average").isEqualTo(30.0);
        assertThat(pooled.settled()).isTrue();
    }

    @Test
    @DisplayName("two JVMs that agree: pooling narrows nothing it should not and keeps the order")
    void twoJvmsThatAgree() {
        Paired.PatternResult pooled = analysis.analyseForks(List.of(jvm(1.30, 20, 0, 31), jvm(1.30, 20, 900_000, 32)));
        Paired.Interval lib = pooled.arms().get(1).ratioToFloor();
        assertThat(lib.estimate()).isBetween(1.29, 1.31);
        assertThat(lib.high() - lib.low()).isLessThan(0.03);
        assertThat(pooled.groups()).containsExactly(List.of("lib"), List.of("other"));
    }

    @Test
    @DisplayName("JVMs of one fork that ran different arms are refused, naming both")
    void jvmsWithDifferentArms() {
        PairedAnalysis.ForkValues first = jvm(1.3, 10, 0, 1);
        Slices.Record r = first.record();
        Slices.Record fewer = new Slices.Record(
                "P05",
                1000,
                0,
                1,
                List.of("raw-jdbc", "lib"),
                r.slices().stream().filter(s -> !s.arm().equals("other")).toList(),
                null,
                null,
                null,
                List.of());
        List<Double> us = new ArrayList<>();
        for (int i = 0; i < first.us().size(); i++) {
            if (!r.slices().get(i).arm().equals("other")) {
                us.add(first.us().get(i));
            }
        }
        assertThatThrownBy(() -> analysis.analyseForks(List.of(first, new PairedAnalysis.ForkValues(fewer, us, us))))
                .hasMessageContaining("different arms")
                .hasMessageContaining("[raw-jdbc, lib, other]")
                .hasMessageContaining("[raw-jdbc, lib]");
    }

    @Test
    @DisplayName("slices and JMH iterations that do not match are refused, naming both counts")
    void mismatch() {
        Slices.Record record = new Slices.Record(
                "P02",
                1000,
                0,
                1,
                List.of("raw-jdbc", "a"),
                List.of(new Slices.Slice("raw-jdbc", 0, 0, 1, new CpuProbe.Reading(400, 2000))),
                null,
                null,
                null,
                List.of());
        assertThatThrownBy(() -> analysis.analyse(record, List.of(1.0, 2.0), List.of(1.0, 1.0)))
                .hasMessageContaining("1 slices")
                .hasMessageContaining("2 iterations");
    }

    @Test
    @DisplayName(
            "a thread-sweep fork: throughput and percentiles over the steady slices, failures over all, pool and server kept")
    void sweep() {
        List<String> arms = List.of("raw-jdbc", "lib");
        List<Slices.Slice> slices = new ArrayList<>();
        List<Double> us = new ArrayList<>();
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            for (String arm : arms) {
                boolean lib = arm.equals("lib");
                // 1,000 operations a slice of half a second; lib's take 101..200 µs and one fails a slice.
                Slices.Load load = new Slices.Load(
                        1000,
                        0.5,
                        lib ? java.util.Map.of("StaleVersionException", 1L) : java.util.Map.of(),
                        SliceLoadTest.slice(lib ? 101 : 1, lib ? 200 : 100, java.util.Map.of())
                                .histogram());
                slices.add(new Slices.Slice(arm, round, 1_000L * slices.size(), 10, 400.0, 2000.0, load, null, null));
                us.add(lib ? 150.0 : 50.0);
            }
        }
        Slices.Record record =
                new Slices.Record("P06", 1000, 0, 4, arms, slices, null, null, new Slices.Sweep(16, 7, 2), List.of());
        Paired.PatternResult r = analysis.analyse(record, us, new ArrayList<>(java.util.Collections.nCopies(20, 1.0)));
        assertThat(r.threads()).isEqualTo(4);
        assertThat(r.sweep()).isEqualTo(new Paired.Sweep(16, null, 7L, 2L));
        Paired.Load lib = r.arms().get(1).load();
        assertThat(lib.opsPerSecond()).isEqualTo(2000.0);
        assertThat(lib.p50Us()).isCloseTo(150, org.assertj.core.data.Offset.offset(0.5));
        assertThat(lib.p99Us()).isCloseTo(199, org.assertj.core.data.Offset.offset(0.5));
        assertThat(lib.ops()).isEqualTo(10_000);
        assertThat(lib.errors()).containsExactly(java.util.Map.entry("StaleVersionException", 10L));
        assertThat(lib.errorCount()).isEqualTo(10);
        assertThat(r.arms().get(0).load().errorCount()).isZero();
        assertThat(r.arms().get(1).ratioToFloor().estimate()).isEqualTo(3.0);

        Paired.PatternResult ranked = analysis.analyse(
                new Slices.Record("P06", 1000, 0, 1, arms, slices, null, null, null, List.of()),
                us,
                new ArrayList<>(java.util.Collections.nCopies(20, 1.0)));
        assertThat(ranked.sweep()).as("a fork outside the sweep").isNull();
        assertThat(ranked.arms().get(1).load()).isNull();
    }
}
