package dev.persistbench.reports.model;

import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.FollowTrack;
import dev.persistbench.reports.results.Implementation;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Status;
import java.util.List;
import java.util.Map;

/**
 * The content of summary.json: everything the report states as numbers, with {@code null} (and a
 * reason) wherever something was not measured. Component names are the JSON field names.
 *
 * @param generatedAt when this report was generated (ISO-8601)
 * @param environment where and with what the results were measured
 * @param timing "paired" (paired.json: all arms of a pattern interleaved in one fork, ratios per round)
 *     or "jmh-unpaired" (an older bench: independent JMH scores, ratios of two scores)
 * @param pairedMethod how the paired figures were computed (paired.json "method"); empty when unpaired
 * @param implementations implementation ids in report order
 * @param catalogue the implementations in report order with their labels, modules, sources and library
 *     keys, as the results described them (a summary.json written before it existed reads as the ids)
 * @param patterns one entry per pattern P01..P13, each listing every implementation
 * @param selectOneProbe the SELECT 1 probe over the whole run (paired runs only), null when absent
 * @param cpuLoopProbe the CPU probe's fixed loop over the whole run (µs per loop), null when absent
 *     (unpaired runs, and results from a bench without it)
 * @param memoryWalkProbe the CPU probe's fixed walk through memory over the whole run (µs per walk), null
 *     when absent
 * @param networkDistance the network patterns measured again through the bench's delaying relay
 *     (empty when the run had no network distance)
 * @param threadSweep the thread sweep: per pattern, arm and thread count its throughput, latency
 *     percentiles and failures (empty when the run had no sweep); never part of the ranking
 * @param coldStart one entry per implementation
 * @param contract the contract-suite result per implementation
 * @param implementationStatus whether bench timed each implementation, and why not
 * @param settings the settings each implementation reported (name to value)
 * @param notMeasured every gap in the data, in words
 * @param caveats what limits the figures that were measured (e.g. timed despite a failed suite)
 * @param reliability reliability rule id to implementation to status (empty when not measured)
 * @param schemaDrift drift to implementation to outcome (empty when not measured)
 * @param decisionGuide per concern, who leads by how much and who cannot be told apart, from the figures
 *     above only ({@code analysis.DecisionGuide})
 * @param evolution the schema-evolution rehearsal (evolution.json) and the verdicts drawn from it; null
 *     when the run had no rehearsal
 * @param followTrack how each implementation follows the evolution track (follow-track.json, from
 *     {@code .ci/follow-track}); null when the results folder has none
 */
public record Summary(
        String generatedAt,
        Environment environment,
        String timing,
        Map<String, String> pairedMethod,
        List<String> implementations,
        Catalogue catalogue,
        List<PatternSummary> patterns,
        ProbeSummary selectOneProbe,
        ProbeSummary cpuLoopProbe,
        ProbeSummary memoryWalkProbe,
        List<DistancePoint> networkDistance,
        List<SweepPoint> threadSweep,
        List<ColdStart> coldStart,
        List<ContractResult> contract,
        List<Implementation> implementationStatus,
        Map<String, Map<String, String>> settings,
        List<String> notMeasured,
        List<String> caveats,
        Map<String, Map<String, String>> reliability,
        Map<String, Map<String, String>> schemaDrift,
        List<GuideEntry> decisionGuide,
        EvolutionSummary evolution,
        FollowTrackSummary followTrack) {

    /** A summary.json without a catalogue (an older report) describes its implementations by their ids. */
    public Summary {
        if (catalogue == null) {
            catalogue = Catalogue.of(
                    implementations == null
                            ? List.of()
                            : implementations.stream().map(Impl::ofId).toList());
        }
    }

    /**
     * The schema-evolution rehearsal: each migration applied under each implementation's load, with the
     * verdicts printed in the report's "Schema evolution" section ({@code analysis.EvolutionVerdicts}).
     *
     * @param setup what every run shared, as read
     * @param steps per migration, in the order applied, with its verdict
     * @param runs per implementation, every figure as read, in the order run
     * @param orders the verdict on acknowledged orders found afterwards
     * @param linesChanged why the lines each library changed to follow a step are not given (null once
     *     they are measured)
     */
    public record EvolutionSummary(
            Evolution.Setup setup,
            List<EvolutionStep> steps,
            List<Evolution.Run> runs,
            String orders,
            String linesChanged) {}

    /**
     * How each implementation follows the evolution track: the patch of its own module per step, what
     * pointed at the places to change when its V1 code met the track's last schema, and its suite after
     * the change ({@code analysis.EvolutionVerdicts#followTrack}).
     *
     * @param commit the commit the script ran on ("+dirty" with uncommitted changes)
     * @param schemaVersion the schema version both suite runs used
     * @param byImpl implementation id (the module folder when no implementation of the run has that
     *     module) to its entry, in report order
     * @param verdict the sentences printed, from the file's figures only
     */
    public record FollowTrackSummary(
            String commit, Integer schemaVersion, Map<String, FollowTrack.Entry> byImpl, String verdict) {}

    /**
     * One migration of the rehearsal and what it did to the old code of each implementation.
     *
     * @param step the migration as read (version, description, kind, transactional, SQL)
     * @param failedCalls implementation id to load calls that failed while it ran (null: not recorded);
     *     implementations whose run stopped before it are absent
     * @param detection implementation id to how the old code met it
     * @param notRun implementations whose run stopped before this step
     * @param verdict the sentence printed: for an expand step who had failed calls, for a contract step
     *     who noticed at start-up and who only at the first failing call
     */
    public record EvolutionStep(
            Evolution.Step step,
            Map<String, Long> failedCalls,
            Map<String, Evolution.Detection> detection,
            List<String> notRun,
            String verdict) {}

    /**
     * One sentence of the decision guide, with the figures it rests on.
     *
     * @param concern what an architect asks about (single-row reads, batch writes, ...)
     * @param patterns the patterns (or "cold start", "B/op", ...) whose figures the sentence uses
     * @param anchor the id of the report section holding those figures
     * @param leaders implementation ids that lead (several: they cannot be told apart); empty when not measured
     * @param margin the smallest ratio of the next group's figure to a leader's (null when none)
     * @param marginHigh the largest such ratio (equal to margin with one leader and one next)
     * @param marginLow lower bound from the 95 % intervals: next group's low over the leaders' high (null
     *     without intervals)
     * @param marginUpper upper bound from the intervals: next group's high over the leaders' low
     * @param marginText the margin in words, as printed
     * @param tied true when the run cannot tell the measured implementations apart
     * @param provisional implementation ids whose figure used here did not settle (empty when all settled)
     * @param notMeasured why the run has no figure for this concern (null when it has)
     * @param sentence the sentence printed
     */
    public record GuideEntry(
            String concern,
            List<String> patterns,
            String anchor,
            List<String> leaders,
            Double margin,
            Double marginHigh,
            Double marginLow,
            Double marginUpper,
            String marginText,
            boolean tied,
            List<String> provisional,
            String notMeasured,
            String sentence) {}

    /**
     * The measuring environment, copied from the bench's environment.json.
     *
     * @param postgres PostgreSQL server version
     * @param jvm JVM version and vendor
     * @param cpu CPU model
     * @param cores available cores
     * @param profile bench profile (smoke, quick, full)
     * @param commit git commit of the measured code
     * @param commitDirty whether the working tree had uncommitted changes when measured (null if unknown)
     * @param libraries library name to version
     * @param os operating system
     * @param memoryGb machine memory
     * @param poolSize connection pool size
     * @param dbMode embedded, container or external database
     * @param resultsGeneratedAt when bench wrote the results
     * @param driverProperties pgjdbc properties in force
     * @param jmh JMH settings (forks, iterations, times, data sizes)
     * @param placement where the measuring thread and the database ran (environment.json "placement")
     */
    public record Environment(
            String postgres,
            String jvm,
            String cpu,
            Integer cores,
            String profile,
            String commit,
            Boolean commitDirty,
            Map<String, String> libraries,
            String os,
            Double memoryGb,
            Integer poolSize,
            String dbMode,
            String resultsGeneratedAt,
            Map<String, String> driverProperties,
            Map<String, String> jmh,
            Map<String, String> placement) {}

    /**
     * The SELECT 1 round-trip probe of a paired run, all patterns together or one pattern's fork: how calm
     * the machine was. The CPU probe's loop and memory walk are summarised in the same form
     * ({@code cpuLoopProbe}, {@code memoryWalkProbe}), their times in µs per piece of work.
     *
     * @param medianUs median of the probes, µs
     * @param p10Us 10th percentile
     * @param p90Us 90th percentile
     * @param probes number of probes
     * @param minutes minutes from the first probe to the last
     */
    public record ProbeSummary(Double medianUs, Double p10Us, Double p90Us, Integer probes, Double minutes) {

        /**
         * A spread above this share of the median is a noisy machine. Measured (bench/README,
         * "Repeatability"): most runs on the Intel Xeon spread 10-22 % (two 30 % and 44 %); on the
         * AMD EPYC a calm run 5 % and noisy ones 29-51 %, whose ratios ran up to 31 % above the
         * calm run's.
         */
        public static final double NOISY_SPREAD = 0.25;

        /**
         * What a noisy machine did to the ratios, as measured (bench/README, "Repeatability"), for the
         * report's caveat and compare's warning.
         */
        public static final String NOISY_EFFECT = "on the AMD EPYC, ratios measured while the machine was noisy were"
                + " up to 31 % higher than in a calm run minutes apart, mostly the deeper stacks'";

        /** The p10 to p90 spread of {@code probe} as a share of its median; null when a figure is missing. */
        public static Double spread(ProbeSummary probe) {
            if (probe == null
                    || probe.medianUs() == null
                    || probe.p10Us() == null
                    || probe.p90Us() == null
                    || probe.medianUs() <= 0) {
                return null;
            }
            return (probe.p90Us() - probe.p10Us()) / probe.medianUs();
        }

        /** Whether {@code probe} says the machine was noisy (null: no probe to tell). */
        public static Boolean noisy(ProbeSummary probe) {
            Double spread = spread(probe);
            return spread == null ? null : spread > NOISY_SPREAD;
        }
    }

    /**
     * One arm of a network pattern at one added round-trip time, beside the same pattern over
     * loopback.
     *
     * @param pattern P02, P06, P08
     * @param dataSize seeded data size
     * @param impl implementation id, or "raw-jdbc" for the floor
     * @param addedRttMicros the round-trip time the relay added, µs
     * @param roundTripUs the round trip the arms had there: median of that fork's SELECT 1 probes
     * @param loopbackRoundTripUs the same over loopback (the pattern's own fork), null when absent
     * @param usPerOp µs/op at this distance (the run's estimate, see {@link Summary#estimator})
     * @param usPerOpLow lower bound of its 95 % interval
     * @param usPerOpHigh upper bound
     * @param ratioToFloor estimate of the per-round ratios to the floor at this distance (null for the floor)
     * @param ratioToFloorLow lower bound of its 95 % interval
     * @param ratioToFloorHigh upper bound
     * @param gapToFloorUs µs/op above the floor at this distance (null for the floor)
     * @param loopbackGapToFloorUs the same over loopback, null when absent
     * @param extraRoundTrips how much the gap grew per µs of added round trip: about the round trips
     *     this arm sends beyond the floor's (null when not computable)
     * @param settled false when this arm's figure never settled
     */
    public record DistancePoint(
            String pattern,
            Integer dataSize,
            String impl,
            Integer addedRttMicros,
            Double roundTripUs,
            Double loopbackRoundTripUs,
            Double usPerOp,
            Double usPerOpLow,
            Double usPerOpHigh,
            Double ratioToFloor,
            Double ratioToFloorLow,
            Double ratioToFloorHigh,
            Double gapToFloorUs,
            Double loopbackGapToFloorUs,
            Double extraRoundTrips,
            Boolean settled) {}

    /**
     * One arm of a thread-sweep pattern at one thread count (all its threads together).
     *
     * @param pattern P02, P06 or P08
     * @param dataSize the seeded data size
     * @param impl implementation id, or raw-jdbc for the floor
     * @param threads measuring threads (each slice: every thread on this arm)
     * @param poolSize the arms' connection pool's size
     * @param placement what was done about thread placement
     * @param opsPerSecond operations per second over the steady slices, failed ones included
     * @param p50Us median latency of one operation, µs
     * @param p99Us 99th percentile, µs
     * @param p999Us 99.9th percentile, µs
     * @param usPerOp JMH's µs/op per thread (the estimate over the steady slices)
     * @param ratioToFloor estimate of the per-round ratios to the floor at this thread count (null for the floor)
     * @param ops operations over every timed slice
     * @param errors failed operations over every timed slice
     * @param errorsByType the same by exception class
     * @param serverRollbacks transactions the server rolled back during the fork (all arms)
     * @param serverDeadlocks deadlocks the server detected during the fork (all arms)
     * @param settled false when this arm's figure never settled
     */
    public record SweepPoint(
            String pattern,
            Integer dataSize,
            String impl,
            Integer threads,
            Integer poolSize,
            String placement,
            Double opsPerSecond,
            Double p50Us,
            Double p99Us,
            Double p999Us,
            Double usPerOp,
            Double ratioToFloor,
            Long ops,
            Long errors,
            Map<String, Long> errorsByType,
            Long serverRollbacks,
            Long serverDeadlocks,
            Boolean settled) {}

    /**
     * One pattern's figures.
     *
     * @param id P01..P13
     * @param title human title
     * @param dataSize the seeded data size the headline figures were measured at
     * @param params other JMH parameters of the headline figures (e.g. a batch size)
     * @param floorUsPerOp raw-JDBC floor in µs/op (the estimate in a paired run), null where the pattern has no
     *     floor or it was not measured
     * @param floorUsPerOpLow lower bound of the floor's interval (paired runs)
     * @param floorUsPerOpHigh upper bound of the floor's interval (paired runs)
     * @param floorError the floor's JMH score error (99.9 %), unpaired runs only
     * @param floorSettled false when the floor's slices never stopped trending (paired runs)
     * @param floorBytesPerOp the floor's allocation per operation (paired runs)
     * @param floorStatementsPerOp statements per op of the floor
     * @param selectOneUsPerOp SELECT 1 on a pooled connection, µs/op (a paired run: median of the probes
     *     taken during this pattern)
     * @param selectOneError its score error
     * @param results one per implementation, in report order
     * @param bySize cost at each data size measured (for the cost-vs-size chart)
     * @param byThreads cost at each thread count measured (for the throughput chart)
     * @param fastest the implementation with the lowest µs/op, null when none was measured; in a paired
     *     run the sole member of the fastest group, null when that group has several members
     * @param tiedWithFastest implementations whose difference from the fastest is within the
     *     combined error (or unknown): the data does not rank them apart; in a paired run, when the
     *     fastest group has several members, all of them
     * @param threads measuring threads of the headline figures (paired runs), null when unpaired
     * @param placement "same-core", "cross-core" or "none" (paired runs)
     * @param rounds rounds run (paired runs)
     * @param steadyFromRound first round counted, earlier ones were warm-up (paired runs): the latest of
     *     the implementations' own steady rounds; the floor and the groups count from it
     * @param armsSteadyFromRound implementations whose figures count from an earlier round of their
     *     own than steadyFromRound, with that round (paired runs; empty otherwise or in an older file)
     * @param warmupSeconds time before steadyFromRound, the untimed warm-up phase included (paired runs)
     * @param warmUpPhaseSeconds the untimed warm-up phase before the first round (paired runs), null
     *     when the fork had none
     * @param warmUpCapReached whether that phase ended on its cap with an arm still warming
     * @param settled false when some arm never stopped trending (paired runs), null when unpaired
     * @param jitShare share of the steady rounds' wall time the fork's JIT compilers worked for
     *     (paired runs; null when unknown)
     * @param groups implementations fastest group first; every member of a group was shown faster than
     *     every member of the groups after it, and no cut through a group was shown (paired runs; empty
     *     when unpaired)
     * @param ordersInGroups the orders the run showed between two members of one group, each
     *     {@code [faster, slower]} (a group of three or more may hold one: a = b, b = c, a faster than
     *     c); no other order inside a group was shown (empty when none, unpaired or an older file)
     * @param variants the implementations' variants measured beside their defaults in this pattern's
     *     fork, one row each ({@code impl} is the arm id, "jdbc:read-tx"); they are not ranked
     * @param selectOneProbe the SELECT 1 probe of this pattern's fork (paired runs; null otherwise or in an
     *     older file): whether the machine was calm while this pattern was measured
     * @param cpuLoopProbe the CPU probe's fixed loop in this pattern's fork (null when unpaired or absent):
     *     how fast the measuring core was while this pattern was measured
     * @param memoryWalkProbe the CPU probe's fixed walk through memory in this fork (null when absent)
     * @param forks how many JVMs measured the pattern when more than one ({@code bench.forks}; null:
     *     one): rounds count every JVM's, the steady round is the latest JVM's, the warm-up their
     *     average, and every interval and group holds the spread between them
     */
    public record PatternSummary(
            String id,
            String title,
            Integer dataSize,
            Map<String, String> params,
            Double floorUsPerOp,
            Double floorUsPerOpLow,
            Double floorUsPerOpHigh,
            Double floorError,
            Boolean floorSettled,
            Double floorBytesPerOp,
            Integer floorStatementsPerOp,
            Double selectOneUsPerOp,
            Double selectOneError,
            List<PatternResult> results,
            List<SizePoint> bySize,
            List<ThreadPoint> byThreads,
            String fastest,
            List<String> tiedWithFastest,
            Integer threads,
            String placement,
            Integer rounds,
            Integer steadyFromRound,
            Map<String, Integer> armsSteadyFromRound,
            Double warmupSeconds,
            Double warmUpPhaseSeconds,
            Boolean warmUpCapReached,
            Boolean settled,
            Double jitShare,
            List<List<String>> groups,
            List<List<String>> ordersInGroups,
            List<PatternResult> variants,
            ProbeSummary selectOneProbe,
            ProbeSummary cpuLoopProbe,
            ProbeSummary memoryWalkProbe,
            Integer forks) {

        /**
         * Whether the fork's JIT compilers were busy for more than {@link Paired#JIT_BUSY_SHARE} of
         * the steady rounds.
         */
        public boolean jitStillCompiling() {
            return jitShare != null && jitShare > Paired.JIT_BUSY_SHARE;
        }
    }

    /**
     * One implementation's figures for one pattern; the numbers are null when not measured.
     *
     * @param impl implementation id
     * @param status measured or not-measured
     * @param reason why not measured (null when measured)
     * @param contract contract-suite status of the implementation (passed, failed, missing, no-tests)
     * @param usPerOp time per operation, µs: JMH's average (unpaired) or the estimate over the steady slices (paired)
     * @param usPerOpLow lower bound of its interval (paired runs)
     * @param usPerOpHigh upper bound of its interval (paired runs)
     * @param error JMH score error (99.9 % confidence half-width), µs; null in a paired run
     * @param settled false when the slices never stopped trending (paired runs), null when unknown
     * @param bytesPerOp allocation per operation (gc.alloc.rate.norm)
     * @param statementsPerOp SQL statements the client executed per operation (JDBC batch = 1)
     * @param roundTrips client-counted network waits per operation
     * @param serverStatements statements the server executed per operation (BEGIN/COMMIT excluded)
     * @param serverCountNote why serverStatements is missing, when the bench said
     * @param transactions transactions per operation (0 or 1)
     * @param shape short label of the SQL shape, when the bench gave one
     * @param ratioToFloor unpaired: usPerOp / floorUsPerOp; paired: estimate of the per-round ratios
     * @param ratioToFloorLow lower bound of the ratio's bootstrap interval (paired runs)
     * @param ratioToFloorHigh upper bound of the ratio's bootstrap interval (paired runs)
     * @param deltaToFloorUs usPerOp - floorUsPerOp
     * @param ratioToSelectOne usPerOp / selectOneUsPerOp
     * @param deltaToSelectOneUs usPerOp - selectOneUsPerOp
     * @param p50Us median from sample mode (full profile only)
     * @param p99Us 99th percentile from sample mode
     * @param p999Us 99.9th percentile from sample mode
     * @param loc non-blank, non-comment lines of the implementing code (the method, package code it reaches that at
     *     most six patterns share, mapper XML); null when not found
     * @param ratioToFloorByJvm where several JVMs measured the pattern ({@code bench.forks}), each
     *     one's own ratio estimate, in the order they ran (paired runs; null: one JVM)
     */
    public record PatternResult(
            String impl,
            Status.Measure status,
            String reason,
            Status.Contract contract,
            Double usPerOp,
            Double usPerOpLow,
            Double usPerOpHigh,
            Double error,
            Boolean settled,
            Double bytesPerOp,
            Integer statementsPerOp,
            Integer roundTrips,
            Integer serverStatements,
            String serverCountNote,
            Integer transactions,
            String shape,
            Double ratioToFloor,
            Double ratioToFloorLow,
            Double ratioToFloorHigh,
            Double deltaToFloorUs,
            Double ratioToSelectOne,
            Double deltaToSelectOneUs,
            Double p50Us,
            Double p99Us,
            Double p999Us,
            Integer loc,
            List<Double> ratioToFloorByJvm) {}

    /**
     * Cost at one data size.
     *
     * @param impl implementation id, or "raw-jdbc"
     * @param dataSize seeded data size
     * @param usPerOp µs/op (a paired run: the estimate over the steady slices)
     * @param error score error (unpaired runs)
     * @param usPerOpLow lower bound of the estimate's interval (paired runs)
     * @param usPerOpHigh upper bound (paired runs)
     * @param ratioToFloor estimate of the per-round ratios to the floor at this size (paired runs; null for the floor)
     * @param ratioToFloorLow lower bound of its interval
     * @param ratioToFloorHigh upper bound
     * @param growth usPerOp divided by this arm's usPerOp at the smallest size measured (null there): how
     *     the cost grows with the data
     * @param settled false when this arm's slices never stopped trending at this size (paired runs)
     */
    public record SizePoint(
            String impl,
            int dataSize,
            double usPerOp,
            Double error,
            Double usPerOpLow,
            Double usPerOpHigh,
            Double ratioToFloor,
            Double ratioToFloorLow,
            Double ratioToFloorHigh,
            Double growth,
            Boolean settled) {

        /** A point of an unpaired run: a JMH score and its error. */
        public static SizePoint unpaired(String impl, int dataSize, double usPerOp, Double error) {
            return new SizePoint(impl, dataSize, usPerOp, error, null, null, null, null, null, null, null);
        }

        /** This point with {@code factor} as its growth. */
        public SizePoint withGrowth(Double factor) {
            return new SizePoint(
                    impl,
                    dataSize,
                    usPerOp,
                    error,
                    usPerOpLow,
                    usPerOpHigh,
                    ratioToFloor,
                    ratioToFloorLow,
                    ratioToFloorHigh,
                    factor,
                    settled);
        }
    }

    /**
     * Cost and throughput at one thread count.
     *
     * @param impl implementation id
     * @param threads JMH threads
     * @param usPerOp µs/op per thread
     * @param error score error (thread sweep: half the width of the estimate's interval)
     * @param opsPerSecond operations per second of all threads (older runs: threads / usPerOp)
     * @param errors failed operations (thread sweep; null otherwise)
     */
    public record ThreadPoint(
            String impl, int threads, double usPerOp, Double error, double opsPerSecond, Long errors) {}

    /**
     * Cold start of one implementation.
     *
     * @param impl implementation id
     * @param ms median milliseconds from JVM start to the first P02 answer
     * @param heapMb median heap used after it, MB
     * @param runs number of JVMs measured
     * @param reason why not measured (null when measured)
     */
    public record ColdStart(String impl, Double ms, Double heapMb, Integer runs, String reason) {}

    /**
     * What a paired figure is, from {@code pairedMethod}'s "statistic": "median" for results written
     * before the bench took the Hodges-Lehmann estimate (2026-12-05), else "Hodges-Lehmann estimate".
     */
    public static String estimator(Map<String, String> pairedMethod) {
        String statistic = pairedMethod == null ? null : pairedMethod.get("statistic");
        return statistic != null && statistic.startsWith("median") ? "median" : "Hodges-Lehmann estimate";
    }
}
