package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    /** A clock that moves 100 ms per chunk run, and arms whose chunk n costs curve(n) µs/op with 1 % noise. */
    private static final class Fake {
        long nanos;
        final Map<String, Integer> calls = new HashMap<>();
        final Map<String, DoubleUnaryOperator> curves;
        final Random noise = new Random(7);
        /** The JIT's accumulated compile time, ms; -1: the JVM does not tell. */
        long jitMillis = -1;
        /** Compile ms each chunk adds, by the number of chunks run before it (all arms). */
        java.util.function.IntToLongFunction jitPerChunk = n -> 0;

        int chunks;

        Fake(Map<String, DoubleUnaryOperator> curves) {
            this.curves = curves;
        }

        /** The same with a JIT that compiles {@code perChunk} ms during each chunk. */
        Fake compiling(java.util.function.IntToLongFunction perChunk) {
            jitMillis = 0;
            jitPerChunk = perChunk;
            return this;
        }

        double chunk(String arm) {
            nanos += 100_000_000L;
            if (jitMillis >= 0) {
                jitMillis += jitPerChunk.applyAsLong(chunks);
            }
            chunks++;
            int n = calls.merge(arm, 1, Integer::sum) - 1;
            return curves.get(arm).applyAsDouble(n) * (1 + 0.01 * noise.nextGaussian());
        }

        WarmUp.Record run(long capMillis) {
            return WarmUp.run(
                    List.copyOf(curves.keySet()),
                    this::chunk,
                    WarmUp.Rule.capped(capMillis),
                    new Random(1),
                    () -> nanos,
                    () -> jitMillis,
                    () -> {});
        }
    }

    @Test
    @DisplayName(
            "an arm that is flat from the start stops after one window; one that warms up stops soon after it flattens")
    void settles() {
        Map<String, DoubleUnaryOperator> curves = new java.util.LinkedHashMap<>();
        curves.put("flat", n -> 10);
        curves.put("warming", n -> n < 12 ? 100 - 7 * n : 16);
        Fake fake = new Fake(curves);
        WarmUp.Record r = fake.run(60_000);
        assertThat(r.capReached()).isFalse();
        assertThat(r.arms()).extracting(WarmUp.ArmWarmUp::arm).containsExactly("flat", "warming");
        assertThat(r.arms()).allMatch(WarmUp.ArmWarmUp::settled);
        assertThat(r.arms().get(0).usPerOp()).hasSize(6);
        // Flat from chunk 12: steady once its last 6 chunks are all flat, within a few chunks of that.
        assertThat(r.arms().get(1).usPerOp()).hasSizeBetween(18, 21);
        assertThat(r.seconds()).isEqualTo(fake.nanos / 1e9);
    }

    @Test
    @DisplayName("an arm still drifting is never called warm: the phase ends on the cap and says so")
    void drifting() {
        Map<String, DoubleUnaryOperator> curves = new java.util.LinkedHashMap<>();
        curves.put("flat", n -> 10);
        curves.put("drifting", n -> 100 / (1 + 0.05 * n));
        Fake fake = new Fake(curves);
        WarmUp.Record r = fake.run(5_000);
        assertThat(r.capReached()).isTrue();
        assertThat(r.arms().get(0).settled()).isTrue();
        assertThat(r.arms().get(1).settled()).isFalse();
        assertThat(r.seconds()).isBetween(5.0, 5.2);
        // After the flat arm settled, only the drifting one ran.
        assertThat(r.arms().get(1).usPerOp().size()).isGreaterThan(40);
    }

    @Test
    @DisplayName("a cap of 0 runs nothing")
    void none() {
        Fake fake = new Fake(Map.of("a", n -> 1));
        WarmUp.Record r = fake.run(0);
        assertThat(fake.nanos).isZero();
        assertThat(r.arms())
                .singleElement()
                .satisfies(a -> assertThat(a.usPerOp()).isEmpty());
        assertThatThrownBy(() -> new WarmUp.Rule(2, 0.05, 1, 0.1, 0)).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> new WarmUp.Rule(6, 0.05, 1, 0, 0)).hasMessageContaining("JIT share limit");
        assertThatThrownBy(() -> new WarmUp.Rule(6, 0.05, 1, 0.1, -1)).hasMessageContaining("JIT grace");
    }

    /** Two arms flat from their first chunk, at 10 and 20 µs/op. */
    private static Map<String, DoubleUnaryOperator> twoFlatArms() {
        Map<String, DoubleUnaryOperator> curves = new java.util.LinkedHashMap<>();
        curves.put("flat", n -> 10);
        curves.put("alsoFlat", n -> 20);
        return curves;
    }

    @Test
    @DisplayName(
            "a flat arm is not warm while the JIT still compiles: it warms on until the compilers go quiet, and each round's JIT share is recorded")
    void waitsForTheJit() {
        Map<String, DoubleUnaryOperator> curves = twoFlatArms();
        // 40 ms of compiling per 100 ms chunk for the first 30 chunks (15 rounds of two arms), then 2 ms.
        Fake fake = new Fake(curves).compiling(n -> n < 30 ? 40 : 2);
        WarmUp.Record r = fake.run(60_000);
        assertThat(r.capReached()).isFalse();
        assertThat(r.arms()).allMatch(WarmUp.ArmWarmUp::settled);
        // Without the JIT they would have stopped after 6 chunks. A window may hold no more than 10 %
        // compiling: one busy round among six passes (80 + 5 * 4 ms of 1.2 s), two do not (rounds 0-14
        // are busy), so both settle in round 19.
        assertThat(r.arms()).allSatisfy(a -> assertThat(a.usPerOp()).hasSize(20));
        assertThat(r.jitShare()).hasSize(r.arms().get(0).usPerOp().size());
        assertThat(r.jitShare().get(0)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.jitShare().get(r.jitShare().size() - 1))
                .isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    @DisplayName(
            "past its cap the phase goes on while the JIT is busy, and stops once a round was quiet or the grace is spent")
    void graceWhileTheJitIsBusy() {
        Map<String, DoubleUnaryOperator> curves = twoFlatArms();
        // Busy for the first 60 chunks (rounds 0-29, 6 s, past the 5 s cap): the phase runs on and
        // ends after round 30, the first quiet one; the arms had no quiet window, so none is warm.
        Fake quieting = new Fake(curves).compiling(n -> n < 60 ? 40 : 2);
        WarmUp.Record r = quieting.run(5_000);
        assertThat(r.arms()).allSatisfy(a -> assertThat(a.usPerOp()).hasSize(31));
        assertThat(r.seconds()).isCloseTo(6.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.capReached()).isTrue();
        assertThat(r.jitShare().get(29)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.jitShare().get(30)).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        // Busy throughout: the phase ends once the 10 s grace is spent.
        Fake busy = new Fake(curves).compiling(n -> 40);
        WarmUp.Record b = busy.run(5_000);
        assertThat(b.capReached()).isTrue();
        assertThat(b.arms()).noneMatch(WarmUp.ArmWarmUp::settled);
        assertThat(b.seconds()).isBetween(15.0, 15.2);
        // Quiet at the cap while an arm still trends: no grace.
        Fake quiet = new Fake(Map.of("drifting", n -> 100 / (1 + 0.05 * n))).compiling(n -> 0);
        WarmUp.Record q = quiet.run(5_000);
        assertThat(q.capReached()).isTrue();
        assertThat(q.seconds()).isBetween(5.0, 5.1);
    }

    @Test
    @DisplayName(
            "where the JVM does not tell its compile time, the JIT part of the rule is left out and no share is recorded")
    void noJitReading() {
        Fake fake = new Fake(Map.of("flat", n -> 10));
        fake.jitPerChunk = n -> 1_000;
        WarmUp.Record r = fake.run(60_000);
        assertThat(r.arms().get(0).usPerOp()).hasSize(6);
        assertThat(r.jitShare()).isEmpty();
    }
}
