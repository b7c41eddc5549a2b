package dev.persistbench.bench.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Keeps the measuring thread and the backends it talks to on whichever of the two CPUs gives the
 * faster round trip now, swapping the whole {@link Placement} (measuring thread and backends on one
 * CPU, everything else on the other) between rounds, never inside one.
 *
 * <p>Why: on the AMD EPYC VM each virtual CPU has spells of 30 s to a few minutes in which a
 * same-core round trip costs about twice as much (pgbench SELECT 1, client and backend on one CPU,
 * a busy loop on the other: 17-19 µs, then 30-39 µs on CPU 0 while CPU 1, measured in the
 * alternate 8 s, stayed at 18; a minute later the other way round; bench/README, "Which CPU").
 * The guest sees nothing of it: no steal, the same run-queue wait. A fork that measured on the slow
 * CPU gave ratios at another round-trip level than a fork on the fast one, so two runs disagreed.
 * Moving to the other CPU when it is clearly faster keeps most rounds at the fast level.
 *
 * <p>The rule, at the start of every round (the warm-up phase's and the timed ones): the measuring
 * CPU's SELECT 1 probe (after {@value #WARM_PROBES} unjudged ones the first time; a slow one is
 * taken again, so that one spike does not count) is compared with the fastest this fork has seen; the first round, and any
 * round whose probe is {@value #SLOWER}x that or more, tries the other CPU (a swap and a probe
 * there) and stays when it is at least {@code 1 / }{@value #FASTER} times faster, swapping back
 * otherwise; tries that keep failing back off ({@link #MAX_BACK_OFF}). Every move is recorded. A swap that fails (taskset refused) ends the following for the
 * fork, with the reason.
 */
public final class MeasuringCore {

    /** A probe this many times the fork's fastest makes the other CPU worth a try. */
    static final double SLOWER = 1.2;

    /** The other CPU is taken when its probe is below this share of the measuring CPU's. */
    static final double FASTER = 0.85;

    /**
     * Probes run, unjudged, before the first comparison: the first ones run the JDBC path still
     * interpreted (123 µs, then 75 in the next, then 30 once compiled), and would make whichever CPU
     * is probed second look faster.
     */
    static final int WARM_PROBES = 30;

    /**
     * After the n-th try in a row that found the other CPU no faster, the next 2^n - 1 slow rounds
     * (n at most this) go untried: when both CPUs are slow at once, trying every round cost 10 s of
     * a 45 s fork (Q36's P07, 23 tries at about 0.4 s each).
     */
    static final int MAX_BACK_OFF = 4;

    /**
     * One move to the other CPU.
     *
     * @param round the timed round it preceded (-1: a warm-up round)
     * @param epochMillis when
     * @param from the measuring CPU before
     * @param to the measuring CPU after
     * @param fromUs the SELECT 1 probe's median on {@code from}, µs
     * @param toUs the probe's median on {@code to}, µs
     */
    public record Move(int round, long epochMillis, int from, int to, double fromUs, double toUs) {}

    /** Swaps the measuring CPU with the other one and returns the placement that results. */
    @FunctionalInterface
    public interface Swap {
        Placement swap(Placement current) throws IOException;
    }

    private final DoubleSupplier probe;
    private final Swap swap;
    private final LongSupplier clock;
    private final LongSupplier nanoClock;
    private final List<Move> moves = new ArrayList<>();
    private Placement placement;
    private double fastest = Double.POSITIVE_INFINITY;
    private int tries;
    private int failedInARow;
    private int roundsToWait;
    private long swapNanos;
    private String stopped;

    /**
     * @param placement where the fork's threads are now
     * @param probe the SELECT 1 probe on the measuring thread, µs (NaN: failed)
     * @param swap how to swap the two CPUs' roles
     * @param clock epoch milliseconds, for the record
     * @param nanoClock the clock the time spent trying the other CPU is measured with
     */
    public MeasuringCore(
            Placement placement, DoubleSupplier probe, Swap swap, LongSupplier clock, LongSupplier nanoClock) {
        this.placement = placement;
        this.probe = probe;
        this.swap = swap;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    /** Before a round ({@code round}: the timed round's number, -1 in the warm-up phase). */
    public void beforeRound(int round) {
        if (stopped != null || placement == null || !placement.swappable()) {
            return;
        }
        boolean first = tries == 0;
        if (first) {
            for (int i = 0; i < WARM_PROBES; i++) {
                probe.getAsDouble();
            }
        }
        double here = probe.getAsDouble();
        if (!first && here >= fastest * SLOWER) {
            // One burst slow by a spike of a few ms is not a slow CPU: look again before swapping.
            here = Math.min(here, probe.getAsDouble());
        }
        if (Double.isNaN(here)) {
            return;
        }
        if (!first && here < fastest * SLOWER) {
            fastest = Math.min(fastest, here);
            failedInARow = 0;
            roundsToWait = 0;
            return;
        }
        if (roundsToWait > 0) {
            roundsToWait--;
            return;
        }
        tries++;
        long start = nanoClock.getAsLong();
        Placement before = placement;
        try {
            Placement there = swap.swap(before);
            double other = probe.getAsDouble();
            if (!Double.isNaN(other) && other < here * FASTER) {
                placement = there;
                moves.add(new Move(round, clock.getAsLong(), before.benchCpu(), there.benchCpu(), here, other));
                fastest = Math.min(fastest, other);
                failedInARow = 0;
            } else {
                placement = swap.swap(there);
                fastest = Math.min(fastest, here);
                if (!first) { // the first try compares two CPUs at their usual level: no failure
                    failedInARow++;
                    roundsToWait = (1 << Math.min(failedInARow, MAX_BACK_OFF)) - 1;
                }
            }
        } catch (IOException e) {
            stopped = "stopped following the faster CPU: " + e.getMessage();
        }
        swapNanos += nanoClock.getAsLong() - start;
    }

    /** The measuring CPU now (-1: not pinned). */
    public int cpu() {
        return placement == null ? -1 : placement.benchCpu();
    }

    /** The moves so far, in order. */
    public List<Move> moves() {
        return List.copyOf(moves);
    }

    /**
     * The placement now, its note telling how often it moved, in how many tries and how long they took
     * (outside the timing), and why it stopped following, if it did.
     */
    public Placement placement() {
        if (placement == null || tries == 0) {
            return placement;
        }
        String follow = "followed the faster CPU: " + moves.size() + (moves.size() == 1 ? " move" : " moves")
                + " in " + tries + (tries == 1 ? " try" : " tries")
                + String.format(java.util.Locale.ROOT, " (%.2f s)", swapNanos / 1e9)
                + (stopped == null ? "" : "; " + stopped);
        return placement.withNote(placement.note() + "; " + follow);
    }
}
