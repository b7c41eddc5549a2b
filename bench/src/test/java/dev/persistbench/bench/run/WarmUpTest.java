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

        Fake(Map<String, DoubleUnaryOperator> curves) {
            this.curves = curves;
        }

        double chunk(String arm) {
            nanos += 100_000_000L;
            int n = calls.merge(arm, 1, Integer::sum) - 1;
            return curves.get(arm).applyAsDouble(n) * (1 + 0.01 * noise.nextGaussian());
        }

        WarmUp.Record run(long capMillis) {
            return WarmUp.run(
                    List.copyOf(curves.keySet()),
                    this::chunk,
                    WarmUp.Rule.capped(capMillis),
                    new Random(1),
                    () -> nanos);
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
        assertThatThrownBy(() -> new WarmUp.Rule(2, 0.05, 1)).hasMessageContaining("at least 3");
    }
}
