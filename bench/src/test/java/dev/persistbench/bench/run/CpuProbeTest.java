package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class CpuProbeTest {

    @Test
    void the_walk_is_one_cycle_through_every_index() {
        int n = 10_000;
        int[] cycle = CpuProbe.cycle(n, 7L);
        BitSet seen = new BitSet(n);
        int i = 0;
        for (int step = 0; step < n; step++) {
            assertThat(seen.get(i))
                    .as("index %d visited twice after %d steps", i, step)
                    .isFalse();
            seen.set(i);
            i = cycle[i];
        }
        assertThat(i).as("back at the start after n steps").isZero();
        assertThat(seen.cardinality()).isEqualTo(n);
        assertThat(CpuProbe.walk(cycle, 0, n)).isZero();
        assertThat(CpuProbe.walk(cycle, 0, 3)).isEqualTo(cycle[cycle[cycle[0]]]);
    }

    @Test
    void the_same_seed_gives_the_same_work_in_every_fork() {
        assertThat(CpuProbe.cycle(1000, 20261206L)).isEqualTo(CpuProbe.cycle(1000, 20261206L));
        assertThat(CpuProbe.cycle(1000, 20261206L)).isNotEqualTo(CpuProbe.cycle(1000, 1L));
        assertThat(CpuProbe.loop(1, 1000)).isEqualTo(CpuProbe.loop(1, 1000)).isNotEqualTo(CpuProbe.loop(1, 1001));
    }

    @Test
    void a_reading_times_both_pieces_of_work() {
        CpuProbe probe = CpuProbe.create();
        long before = probe.sink();
        CpuProbe.Reading r = probe.read();
        assertThat(r.loopUs()).isPositive().isFinite();
        assertThat(r.walkUs()).isPositive().isFinite();
        assertThat(probe.sink()).as("the work's result is kept").isNotEqualTo(before);
    }
}
