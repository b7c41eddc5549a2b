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
