package dev.persistbench.reports.input;

import java.util.List;
import java.util.Map;

/**
 * The bench's paired.json: per pattern, all arms (each implementation and the raw-JDBC floor)
 * measured interleaved in one fork, so the per-round ratio arm / floor cancels the machine's drift.
 * Component names are the JSON field names; the reader checks every required field.
 *
 * @param schema format version, 1
 * @param method how the figures were computed (statistic, confidence, bootstrapResamples, tieMargin, ...)
 * @param results one entry per pattern (and data size / thread count) measured over loopback (the
 *     reader keeps here only the results with no added network distance)
 * @param distance not a JSON field: the results measured through the bench's delaying relay
 *     ({@code rttMicros > 0}), which the reader moves here from {@code results}
 */
public record PairedRun(
        Integer schema, Map<String, Object> method, List<PairedResult> results, List<PairedResult> distance) {

    /** The implementation id of the raw-JDBC floor arm. */
    public static final String FLOOR = "raw-jdbc";

    /**
     * One pattern measured in one fork.
     *
     * @param pattern P01..P13
     * @param dataSize seeded data size
     * @param rttMicros round-trip time the relay added between pool and server, µs (absent or 0: none)
     * @param threads measuring threads
     * @param placement "same-core", "cross-core" or "none"
     * @param rounds rounds run (each runs every arm once, in a seeded random order)
     * @param steadyFromRound first round counted (earlier rounds are warm-up, decided from the data)
     * @param warmupSeconds time spent before steadyFromRound, the untimed warm-up phase included
     * @param warmUpPhaseSeconds the untimed warm-up phase before the first round (absent: none)
     * @param warmUpCapReached whether that phase ended on its cap with an arm still trending
     * @param settled false when some arm's tail never stopped trending
     * @param arms the implementations and the floor
     * @param groups implementations (not the floor), fastest group first; members of one group cannot
     *     be told apart by this run
     * @param selectOne the SELECT 1 probe taken before every slice
     */
    public record PairedResult(
            String pattern,
            Integer dataSize,
            Integer rttMicros,
            Integer threads,
            String placement,
            Integer rounds,
            Integer steadyFromRound,
            Double warmupSeconds,
            Double warmUpPhaseSeconds,
            Boolean warmUpCapReached,
            Boolean settled,
            List<Arm> arms,
            List<List<String>> groups,
            List<Probe> selectOne) {

        /** The round-trip time the relay added, µs (0 over plain loopback). */
        public int addedRttMicros() {
            return rttMicros == null ? 0 : rttMicros;
        }
    }

    /**
     * One arm of a pattern.
     *
     * @param impl implementation id, or {@link #FLOOR}
     * @param floor whether this is the raw-JDBC floor
     * @param usPerOp median µs/op of the steady slices with its interval
     * @param bytesPerOp allocation per operation, null when not measured
     * @param ratioToFloor median of the per-round ratios arm / floor with its bootstrap interval;
     *     null for the floor itself and where the pattern has no floor arm
     * @param settled false when this arm's tail never stopped trending
     * @param series µs/op of every slice, in time order, warm-up included
     */
    public record Arm(
            String impl,
            Boolean floor,
            Interval usPerOp,
            Double bytesPerOp,
            Interval ratioToFloor,
            Boolean settled,
            List<Double> series) {

        /** Whether this is the raw-JDBC floor (flagged, or by its id). */
        public boolean floorArm() {
            return Boolean.TRUE.equals(floor) || FLOOR.equals(impl);
        }
    }

    /**
     * A median with its confidence interval.
     *
     * @param median the median
     * @param low lower bound
     * @param high upper bound
     */
    public record Interval(Double median, Double low, Double high) {}

    /**
     * One SELECT 1 probe.
     *
     * @param epochMillis when it was taken
     * @param us median µs of a short burst of SELECT 1 round trips
     */
    public record Probe(Long epochMillis, Double us) {}
}
