package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** One slice's load: percentiles from known latencies, failures counted without ending the slice. */
class SliceLoadTest {

    /** A slice whose operations took {@code fromUs} to {@code toUs} µs, one of each whole µs. */
    static Slices.Load slice(int fromUs, int toUs, Map<String, Long> errors) {
        Histogram h = new Histogram(3);
        for (int us = fromUs; us <= toUs; us++) {
            h.recordValue(us * 1_000L);
        }
        return new Slices.Load(h.getTotalCount(), 1.0, errors, SliceLoad.encode(h));
    }

    @Test
    void percentilesOfKnownLatencies() {
        double[] p = SliceLoad.percentilesUs(List.of(slice(1, 1000, Map.of())), 50, 99, 99.9);
        // 1,000 operations of 1..1000 µs: the 500th, 990th and 999th (HdrHistogram: 3 significant digits).
        assertThat(p[0]).isCloseTo(500, within(0.5));
        assertThat(p[1]).isCloseTo(990, within(1.0));
        assertThat(p[2]).isCloseTo(999, within(1.0));
    }

    @Test
    void percentilesOverSeveralSlicesAreThoseOfAllTheirOperations() {
        // Two slices, 1..500 and 501..1000 µs: merged, the same as one slice of 1..1000 µs,
        // where a median of the per-slice medians would say 500.5 and per-slice p99s 495/995.
        double[] merged = SliceLoad.percentilesUs(List.of(slice(1, 500, Map.of()), slice(501, 1000, Map.of())), 50, 99);
        assertThat(merged[0]).isCloseTo(500, within(0.5));
        assertThat(merged[1]).isCloseTo(990, within(1.0));
        assertThat(SliceLoad.percentilesUs(List.of(), 50)[0]).isNaN();
    }

    @Test
    void aFailingOperationIsCountedAndTheSliceGoesOn() {
        SliceLoad load = new SliceLoad();
        load.begin();
        for (int i = 0; i < 3; i++) {
            assertThat(load.<String>time(() -> {
                        throw new IllegalStateException("conflict");
                    }))
                    .isNull();
        }
        assertThat(load.time(() -> "placed")).isEqualTo("placed");
        assertThat(load.time(() -> "placed")).isEqualTo("placed");
        Slices.Load taken = load.take();
        assertThat(taken.ops()).isEqualTo(5);
        assertThat(taken.errors()).containsExactly(Map.entry("IllegalStateException", 3L));
        assertThat(taken.seconds()).isPositive();
        assertThat(SliceLoad.decode(taken.histogram()).getTotalCount()).isEqualTo(5);

        load.begin();
        assertThat(load.take())
                .as("a slice that timed nothing (a fork outside the sweep)")
                .isNull();
    }
}
