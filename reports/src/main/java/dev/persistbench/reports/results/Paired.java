package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * paired.json, written by the bench and read by the report: per pattern, all arms (each
 * implementation and the raw-JDBC floor) measured interleaved in one fork, so the per-round ratio
 * arm / floor cancels the machine's drift. Component names are the JSON field names. Numbers are
 * boxed: a file from an older bench may lack a field the bench writes today (null then); the
 * report's reader checks the fields it needs.
 *
 * @param schema format version, 1
 * @param method how the figures were computed
 * @param results one entry per pattern, data size, network distance and thread count
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Paired(Integer schema, Method method, List<PatternResult> results) {

    /** The implementation id of the raw-JDBC floor arm. */
    public static final String FLOOR = "raw-jdbc";

    /**
     * The share of a span's wall time above which a fork's JIT compilers count as busy: the bench's
     * warm-up phase calls an arm warm only at or below it, and the report flags a pattern whose steady
     * rounds were compiled through for more ({@link PatternResult#jitShare()}).
     */
    public static final double JIT_BUSY_SHARE = 0.10;

    /** The results measured over plain loopback (no added round-trip time), the thread sweep's left out. */
    @JsonIgnore
    public List<PatternResult> loopback() {
        return results.stream()
                .filter(r -> r.addedRttMicros() == 0 && r.sweep() == null)
                .toList();
    }

    /** Every probe of the {@link #loopback()} results, in time order (the SELECT 1 probe and the CPU probe's). */
    @JsonIgnore
    public List<Probe> loopbackProbes() {
        return loopback().stream()
                .filter(r -> r.selectOne() != null)
                .flatMap(r -> r.selectOne().stream())
                .sorted(java.util.Comparator.comparingLong(Probe::epochMillis))
                .toList();
    }

    /** The results measured through the bench's delaying relay ({@code rttMicros > 0}). */
    @JsonIgnore
    public List<PatternResult> distance() {
        return results.stream()
                .filter(r -> r.addedRttMicros() > 0 && r.sweep() == null)
                .toList();
    }

    /** The thread sweep's results (never part of the ranking). */
    @JsonIgnore
    public List<PatternResult> threadSweep() {
        return results.stream().filter(r -> r.sweep() != null).toList();
    }

    /**
     * How the figures were made.
     *
     * @param statistic what a figure is
     * @param confidence two-sided confidence of every interval
     * @param bootstrapResamples bootstrap resamples
     * @param tieMargin ratios within 1 +- this are not ranked
     * @param steadyTrendLimit largest change over the steady rounds, as a share of their median
     * @param steadyTrendNoiseZ standard errors of the noise a steady tail's change may reach beyond that
     *     limit (absent in older files)
     * @param minSteadyRounds fewest rounds a steady tail has
     * @param sliceMillis one slice's length
     * @param warmUpWindow chunks an arm's warm-up looks at (absent in older files)
     * @param warmUpTrendLimit largest change over that window still called warm (absent in older files)
     * @param warmUpCapMillis the warm-up phase's cap per fork, 0: none (absent in older files)
     * @param warmUpJitShareLimit largest share of an arm's window the JIT may have compiled for and
     *     the arm still be called warm (absent in older files: not asked)
     * @param warmUpJitGraceMillis how far past its cap the phase may go on while the JIT is busy
     *     (absent in older files: none)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Method(
            String statistic,
            Double confidence,
            Integer bootstrapResamples,
            Double tieMargin,
            Double steadyTrendLimit,
            Double steadyTrendNoiseZ,
            Integer minSteadyRounds,
            Integer sliceMillis,
            Integer warmUpWindow,
            Double warmUpTrendLimit,
            Long warmUpCapMillis,
            Double warmUpJitShareLimit,
            Long warmUpJitGraceMillis) {}

    /**
     * One pattern measured in one fork.
     *
     * @param pattern P01..P13
     * @param dataSize seeded data size
     * @param rttMicros round-trip time the relay added between pool and server, µs (absent or 0: none)
     * @param threads measuring threads
     * @param placement "same-core", "cross-core" or "none"
     * @param rounds complete rounds run (each runs every arm once, in a seeded random order)
     * @param steadyFromRound first round the pattern counts: the latest of its implementations' own
     *     steady rounds (earlier rounds are warm-up, decided from the data)
     * @param warmupSeconds time spent before steadyFromRound, the untimed warm-up phase included
     * @param warmUpPhaseSeconds the untimed warm-up phase before the first round (absent: none)
     * @param warmUpCapReached whether that phase ended on its cap with an arm still trending
     * @param settled false when some arm's tail never stopped trending
     * @param jitShare the share of the steady rounds' wall time the fork's JIT compilers worked for
     *     (from the first steady slice's start to the last slice's start; absent: not known, or an
     *     older file): above about 0.1, the compilers were still at work and the figures may still fall
     * @param arms the implementations and the floor
     * @param groups implementations (not the floor), fastest group first; every member of a group was
     *     shown faster than every member of the groups after it, and no cut through a group was shown
     * @param ordersInGroups the orders the run showed between two members of one group, each
     *     {@code [faster, slower]} (empty: none; absent in older files); no other order inside a group
     *     was shown
     * @param selectOne the SELECT 1 probe taken before every slice
     * @param sweep what a thread-sweep fork adds (absent: not one; such a result is never ranked)
     * @param forks how many JVMs measured the pattern ({@code bench.forks}; absent: one), each
     *     settling on its own; their steady rounds are pooled, every interval and group then holds
     *     the spread between the JVMs, and rounds, series and probes run fork after fork
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatternResult(
            String pattern,
            Integer dataSize,
            Integer rttMicros,
            Integer threads,
            Status.Placement placement,
            Integer rounds,
            Integer steadyFromRound,
            Double warmupSeconds,
            Double warmUpPhaseSeconds,
            Boolean warmUpCapReached,
            Boolean settled,
            Double jitShare,
            List<Arm> arms,
            List<List<String>> groups,
            List<List<String>> ordersInGroups,
            List<Probe> selectOne,
            Sweep sweep,
            Integer forks) {

        /** How many JVMs measured the pattern (1 where the file does not say). */
        public int jvms() {
            return forks == null ? 1 : forks;
        }

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
     * @param steadyFromRound the first round this arm's figures count: an implementation's own steady
     *     round, the floor's is the pattern's (absent in older files: the pattern's)
     * @param usPerOp µs/op of the steady slices (the estimate {@link Method#statistic()} names) with its interval
     * @param bytesPerOp allocation per operation, null when not measured
     * @param ratioToFloor estimate of the per-round ratios arm / floor with its bootstrap interval;
     *     null for the floor itself and where the pattern has no floor arm
     * @param settled false when this arm's tail never stopped trending
     * @param series µs/op of every slice, in time order, warm-up included
     * @param warmUpSettled whether the arm stopped trending in the untimed warm-up phase
     * @param warmUpSeries µs/op of each warm-up chunk (empty: none)
     * @param load throughput, latency percentiles and failures (thread-sweep results only)
     * @param ratioByJvm where several JVMs measured the pattern, each one's own estimate of the
     *     ratio over its steady rounds, in the order they ran (absent: one JVM, or the floor)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Arm(
            String impl,
            Boolean floor,
            Integer steadyFromRound,
            Interval usPerOp,
            Double bytesPerOp,
            Interval ratioToFloor,
            Boolean settled,
            List<Double> series,
            Boolean warmUpSettled,
            List<Double> warmUpSeries,
            Load load,
            List<Double> ratioByJvm) {

        /** Whether this is the raw-JDBC floor (flagged, or by its id). */
        public boolean floorArm() {
            return Boolean.TRUE.equals(floor) || FLOOR.equals(impl);
        }
    }

    /**
     * What a thread-sweep fork adds to its pattern result.
     *
     * @param poolSize the arms' connection pool's size (at least the thread count)
     * @param placementNote what was done about thread placement
     * @param rollbacks transactions the server rolled back during the fork's slices (pg_stat_database)
     * @param deadlocks deadlocks the server detected in that time
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sweep(Integer poolSize, String placementNote, Long rollbacks, Long deadlocks) {}

    /**
     * An arm's load in a thread-sweep fork: all its threads together.
     *
     * @param opsPerSecond operations per second over the steady slices, failed ones included
     * @param p50Us median latency of one operation over the steady slices, µs
     * @param p99Us 99th percentile, µs
     * @param p999Us 99.9th percentile, µs
     * @param ops operations over every timed slice
     * @param errors failed operations over every timed slice, by exception class
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Load(
            Double opsPerSecond, Double p50Us, Double p99Us, Double p999Us, Long ops, Map<String, Long> errors) {

        /** Failed operations of every class. */
        public long errorCount() {
            return errors == null
                    ? 0
                    : errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * An estimate with its confidence interval. Written by the bench as {@code estimate}, the
     * Hodges-Lehmann estimate of the per-round values (see {@link Method#statistic()}); results written
     * before it (the median of the per-round values) name it {@code median}, and are read as they are.
     *
     * @param estimate the estimate
     * @param low lower bound
     * @param high upper bound
     */
    public record Interval(@JsonAlias("median") Double estimate, Double low, Double high) {}

    /**
     * The probes taken before one slice.
     *
     * @param epochMillis when they were taken
     * @param us median µs of a short burst of SELECT 1 round trips
     * @param cpuLoopUs µs of the bench's fixed CPU loop on the measuring thread (null: results written
     *     before the bench had it)
     * @param memoryWalkUs µs of the bench's fixed walk through memory, far larger than the caches
     *     (null: results written before the bench had it)
     * @param cpu the CPU the measuring thread ran on (null: not pinned, or results written before the
     *     bench moved it to the faster CPU)
     */
    public record Probe(Long epochMillis, Double us, Double cpuLoopUs, Double memoryWalkUs, Integer cpu) {

        /** A SELECT 1 probe alone (results without the CPU probe). */
        public Probe(Long epochMillis, Double us) {
            this(epochMillis, us, null, null, null);
        }
    }
}
