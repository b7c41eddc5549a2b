package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasuringCoreTest {

    /** Two CPUs whose same-core round trip the test sets; every swap is counted. */
    private static final class Machine {
        final Map<Integer, Double> us = new HashMap<>(Map.of(0, 20.0, 1, 20.0));
        Placement at = placement(0, 1);
        int swaps;
        int probes;
        boolean refuse;

        final java.util.ArrayDeque<Double> spikes = new java.util.ArrayDeque<>();

        double probe() {
            probes++;
            return spikes.isEmpty() ? us.get(at.benchCpu()) : spikes.poll();
        }

        Placement swap(Placement current) throws IOException {
            if (refuse) {
                throw new IOException("taskset -p -c 1 4242 failed: Operation not permitted");
            }
            swaps++;
            at = placement(current.otherCpu(), current.benchCpu());
            return at;
        }

        MeasuringCore core() {
            long[] nanos = {0};
            return new MeasuringCore(
                    at, this::probe, this::swap, () -> 1_000L, () -> nanos[0] += 5_000_000L); // each try: 5 ms
        }
    }

    private static Placement placement(int bench, int other) {
        return new Placement("same-core", bench, bench, other, true, "measuring thread on CPU " + bench);
    }

    @Test
    void movesToTheOtherCpuWhenItsRoundTripIsClearlyFaster() {
        Machine m = new Machine();
        m.us.put(0, 38.0);
        MeasuringCore core = m.core();

        core.beforeRound(-1);

        assertThat(m.probes)
                .as("the unjudged first probes, then one on each CPU")
                .isEqualTo(MeasuringCore.WARM_PROBES + 2);
        assertThat(core.cpu()).isEqualTo(1);
        assertThat(core.moves()).containsExactly(new MeasuringCore.Move(-1, 1_000L, 0, 1, 38.0, 20.0));
        assertThat(core.placement().note()).endsWith("; followed the faster CPU: 1 move in 1 try (0.01 s)");
    }

    @Test
    void triesOnceAndStaysWhenBothCpusAreAlike() {
        Machine m = new Machine();
        m.us.put(1, 18.0); // faster, but by less than the 15 % a move needs
        MeasuringCore core = m.core();

        for (int round = 0; round < 5; round++) {
            core.beforeRound(round);
        }

        assertThat(core.cpu()).isZero();
        assertThat(core.moves()).isEmpty();
        assertThat(m.swaps).as("there and back once, in the first round only").isEqualTo(2);
        assertThat(core.placement().note()).endsWith("; followed the faster CPU: 0 moves in 1 try (0.01 s)");
    }

    @Test
    void followsASlowSpellFromOneCpuToTheOther() {
        Machine m = new Machine();
        MeasuringCore core = m.core();
        core.beforeRound(0);
        core.beforeRound(1);
        assertThat(core.cpu()).isZero();

        m.us.put(0, 35.0); // CPU 0 slows down
        core.beforeRound(2);
        assertThat(core.cpu()).isEqualTo(1);

        m.us.put(0, 20.0);
        m.us.put(1, 36.0); // then CPU 1 does, and CPU 0 is fast again
        core.beforeRound(3);

        assertThat(core.cpu()).isZero();
        assertThat(core.moves())
                .extracting(MeasuringCore.Move::round, MeasuringCore.Move::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 1), org.assertj.core.groups.Tuple.tuple(3, 0));
    }

    @Test
    void aSingleSlowBurstIsTakenAgainBeforeTryingTheOtherCpu() {
        Machine m = new Machine();
        MeasuringCore core = m.core();
        core.beforeRound(0);
        int swaps = m.swaps;

        m.spikes.add(240.0); // one burst caught a stall of the machine; the next one is normal
        core.beforeRound(1);
        assertThat(m.swaps).as("no try on a spike").isEqualTo(swaps);

        m.us.put(0, 36.0); // a slow spell: both bursts are slow
        m.us.put(1, 21.0);
        core.beforeRound(2);
        assertThat(core.cpu()).isEqualTo(1);
        assertThat(core.placement().note()).endsWith("; followed the faster CPU: 1 move in 2 tries (0.01 s)");
    }

    @Test
    void backsOffWhileBothCpusStaySlowAndStillFindsTheOtherOneWhenItRecovers() {
        Machine m = new Machine();
        MeasuringCore core = m.core();
        core.beforeRound(0);
        int swaps = m.swaps;
        m.us.put(0, 35.0);
        m.us.put(1, 34.0);

        for (int round = 1; round <= 20; round++) {
            core.beforeRound(round);
        }
        // tries in rounds 1, 3, 7 and 15 (1, 3 and 7 slow rounds untried after them), none moved
        assertThat((m.swaps - swaps) / 2).isEqualTo(4);
        assertThat(core.cpu()).isZero();

        m.us.put(1, 20.0); // CPU 1 recovers: found at the latest after the 15 untried rounds
        int found = -1;
        for (int round = 21; round <= 40 && found < 0; round++) {
            core.beforeRound(round);
            found = core.cpu() == 1 ? round : -1;
        }
        assertThat(found).isEqualTo(31);
    }

    @Test
    void staysWhenBothCpusAreSlowAlike() {
        Machine m = new Machine();
        MeasuringCore core = m.core();
        core.beforeRound(0);
        m.us.put(0, 34.0);
        m.us.put(1, 33.0);

        core.beforeRound(1);

        assertThat(core.cpu()).isZero();
        assertThat(core.moves()).isEmpty();
    }

    @Test
    void stopsFollowingWithTheReasonWhenASwapIsRefused() {
        Machine m = new Machine();
        m.us.put(0, 40.0);
        m.refuse = true;
        MeasuringCore core = m.core();

        core.beforeRound(0);
        m.refuse = false;
        core.beforeRound(1);

        assertThat(core.cpu()).isZero();
        assertThat(m.swaps).isZero();
        assertThat(core.placement().note())
                .endsWith("; stopped following the faster CPU: taskset -p -c 1 4242 failed: Operation not permitted");
    }

    @Test
    void leavesAPlacementAloneThatItDidNotPinOnOneCore() {
        Machine m = new Machine();
        m.us.put(0, 40.0);
        Placement crossCore = new Placement("cross-core", 1, 0, 0, true, "measuring thread on CPU 1");
        Placement notOurServer = new Placement("same-core", 0, -1, 1, false, "server not pinned");
        for (Placement p : new Placement[] {crossCore, notOurServer}) {
            MeasuringCore core = new MeasuringCore(p, m::probe, m::swap, () -> 0L, () -> 0L);
            core.beforeRound(0);
            assertThat(core.moves()).isEmpty();
            assertThat(core.placement()).isEqualTo(p);
        }
        assertThat(m.swaps).isZero();
    }
}
