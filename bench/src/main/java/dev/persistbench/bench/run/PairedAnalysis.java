package dev.persistbench.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.bench.Arm;
import dev.persistbench.bench.stats.PairedStats;
import dev.persistbench.contract.Variant;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Paired.Method;
import dev.persistbench.reports.results.Paired.PatternResult;
import dev.persistbench.reports.results.Paired.Probe;
import dev.persistbench.reports.results.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns each pattern fork's slices (JMH's per-iteration scores and the fork's {@link Slices}
 * record) into the figures the report ranks on ({@code paired.json}): per arm its per-slice
 * series; per implementation the round where its ratio series settled
 * ({@link PairedStats#steadyFrom}) and, over its steady rounds, its µs/op and ratio to the floor
 * as a Hodges-Lehmann estimate with a bootstrap interval and its median B/op; the pattern settled
 * at the latest of these rounds, and over the pattern's steady rounds come the floor's figures
 * and the groups of implementations the run can tell apart (every pair compared over the same
 * rounds), with the orders it showed inside a group. The records are the report's ({@link Paired}),
 * so what the bench writes is what the report reads. A thread-sweep fork's result also carries, per arm, its throughput and latency
 * percentiles over the same steady slices and its failures over every slice, and the fork's pool
 * size and server rollbacks and deadlocks.
 */
public final class PairedAnalysis {

    /** The gc profiler's metric of allocation per operation (B/op), as JMH names it. */
    static final String ALLOCATION = "gc.alloc.rate.norm";

    private final PairedStats stats;

    public PairedAnalysis(PairedStats stats) {
        this.stats = stats;
    }

    /**
     * Which fork a JMH benchmark run was: its pattern, data size, added round trip, threads and
     * whether it was a thread-sweep fork; {@link #slicesFile} names its slices record.
     */
    record Fork(String pattern, int dataSize, int rttMicros, int threads, boolean sweep) {

        /**
         * The fork of benchmark {@code benchmark} (its full name) with these parameters, or null when
         * it is not a pattern benchmark.
         */
        static Fork of(String benchmark, String dataSize, String rttMicros, int threads) {
            String simple = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            if (!simple.matches("P\\d\\d[A-Za-z]*Benchmark\\.(run|" + Slices.SWEEP_METHOD + ")")) {
                return null;
            }
            return new Fork(
                    simple.substring(0, 3),
                    Integer.parseInt(dataSize),
                    rttMicros == null ? 0 : Integer.parseInt(rttMicros),
                    threads,
                    simple.endsWith("." + Slices.SWEEP_METHOD));
        }

        /** The slices record of this fork's {@code jvm}-th run (1: the first; {@code bench.forks} runs it more often). */
        Path slicesFile(Path slicesDir, int jvm) {
            return slicesDir.resolve(Slices.fileName(pattern, dataSize, rttMicros, threads, sweep, jvm));
        }

        @Override
        public String toString() {
            return pattern + " (dataSize " + dataSize + ", rtt " + rttMicros + " µs, " + threads + " thread(s)"
                    + (sweep ? ", sweep" : "") + ")";
        }
    }

    /**
     * Analyses every pattern benchmark of {@code results} whose slices are in {@code slicesDir}. A
     * fork that ran more than once ({@code bench.forks}) is one result: its n-th run in
     * {@code results} is the one whose slices record is its n-th ({@link Slices#fileName}), and its
     * runs are pooled ({@link #analyseForks}).
     */
    public Paired analyse(List<RunResult> results, Path slicesDir, Profile profile, List<String> errors) {
        Map<Fork, List<ForkValues>> byFork = new LinkedHashMap<>();
        Map<Fork, Integer> runs = new LinkedHashMap<>();
        for (RunResult run : results) {
            Fork fork = Fork.of(
                    run.getParams().getBenchmark(),
                    run.getParams().getParam("dataSize"),
                    run.getParams().getParam("rttMicros"),
                    run.getParams().getThreads());
            if (fork == null) {
                continue;
            }
            int jvm = runs.merge(fork, 1, Integer::sum);
            try {
                Slices.Record record = new ObjectMapper()
                        .readValue(fork.slicesFile(slicesDir, jvm).toFile(), Slices.Record.class);
                byFork.computeIfAbsent(fork, f -> new ArrayList<>()).add(fork(record, iterations(run)));
            } catch (IOException | RuntimeException e) {
                errors.add(fork + (jvm > 1 ? ", JVM " + jvm : "") + ": not analysed: " + e.getMessage());
            }
        }
        List<PatternResult> out = new ArrayList<>();
        byFork.forEach((fork, values) -> {
            try {
                out.add(analyseForks(values));
            } catch (RuntimeException e) {
                errors.add(fork + ": not analysed: " + e.getMessage());
            }
        });
        return new Paired(1, method(profile.sliceMillis(), WarmUp.Rule.capped(profile.warmUpMillis())), out);
    }

    /** The method record of this analysis, for forks of slices of {@code sliceMillis} warmed by {@code rule}. */
    Method method(int sliceMillis, WarmUp.Rule rule) {
        return method(
                sliceMillis,
                rule.window(),
                rule.trendLimit(),
                rule.capMillis(),
                rule.jitShareLimit(),
                rule.jitGraceMillis());
    }

    /**
     * The method record of this analysis for forks that ran with these slices and this warm-up rule
     * (each null where an older file does not say); the statistics' constants are this analysis'.
     */
    Method method(
            Integer sliceMillis,
            Integer warmUpWindow,
            Double warmUpTrendLimit,
            Long warmUpCapMillis,
            Double warmUpJitShareLimit,
            Long warmUpJitGraceMillis) {
        PairedStats.Method m = stats.method();
        return new Method(
                "Hodges-Lehmann estimate of per-round ratios, percentile bootstrap",
                m.confidence(),
                m.resamples(),
                m.tieMargin(),
                m.trendLimit(),
                m.trendNoiseZ(),
                m.minSteadyRounds(),
                sliceMillis,
                warmUpWindow,
                warmUpTrendLimit,
                warmUpCapMillis,
                warmUpJitShareLimit,
                warmUpJitGraceMillis);
    }

    /** The measured iterations of a run, in order (one fork). */
    private static List<IterationResult> iterations(RunResult run) {
        List<IterationResult> all = new ArrayList<>();
        for (BenchmarkResult b : run.getBenchmarkResults()) {
            all.addAll(b.getIterationResults());
        }
        return all;
    }

    /** One fork: the slices record and JMH's iteration results, slice i = iteration i. */
    PatternResult analyse(Slices.Record record, List<IterationResult> iterations) {
        return analyseForks(List.of(fork(record, iterations)));
    }

    /** A fork's per-slice values from JMH's iterations (µs/op and B/op). */
    static ForkValues fork(Slices.Record record, List<IterationResult> iterations) {
        List<Double> us = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        for (IterationResult it : iterations) {
            us.add(it.getPrimaryResult().getScore());
            Result<?> alloc = it.getSecondaryResults().get(ALLOCATION);
            bytes.add(alloc == null ? Double.NaN : alloc.getScore());
        }
        return new ForkValues(record, us, bytes);
    }

    /**
     * What one fork measured: its slices record and, per slice in order, µs/op and B/op.
     *
     * @param record the fork's slices record
     * @param us µs/op per slice
     * @param bytes B/op per slice (NaN: not measured)
     */
    public record ForkValues(Slices.Record record, List<Double> us, List<Double> bytes) {

        /** @throws IllegalStateException when the fork's slices and JMH's iterations differ in number */
        public ForkValues {
            int recorded = record.slices() == null ? 0 : record.slices().size();
            if (recorded != us.size()) {
                throw new IllegalStateException(
                        "the fork recorded " + recorded + " slices but JMH measured " + us.size() + " iterations");
            }
        }
    }

    /** The same from plain per-slice values (µs/op and B/op), for tests. */
    public PatternResult analyse(Slices.Record record, List<Double> us, List<Double> bytes) {
        return analyseForks(List.of(new ForkValues(record, us, bytes)));
    }

    /**
     * One fork's rounds: every arm's value per complete round, where each implementation's ratio
     * series settled and the fork's cut (the latest of them, variants aside).
     */
    private record ForkRounds(
            Slices.Record record,
            List<String> arms,
            int floor,
            int complete,
            double[][] byArm,
            double[][] bytesByArm,
            Map<String, List<Double>> series,
            Map<String, PairedStats.Steady> steadyBy,
            Map<String, double[]> ratiosBy,
            int cut) {

        /** The first round arm {@code a}'s figures count from: the floor's is the fork's cut. */
        int from(int a) {
            return a == floor ? cut : steadyBy.get(arms.get(a)).from();
        }
    }

    private ForkRounds rounds(ForkValues values) {
        Slices.Record record = values.record();
        List<Double> us = values.us();
        List<Double> bytes = values.bytes();
        // ForkValues made sure there is one value per slice.
        List<Slices.Slice> slices = record.slices();
        List<String> arms = record.arms();
        int rounds = 0;
        for (Slices.Slice s : slices) {
            rounds = Math.max(rounds, s.round() + 1);
        }
        // Only complete rounds: every arm once.
        double[][] byArm = new double[arms.size()][rounds];
        double[][] bytesByArm = new double[arms.size()][rounds];
        int[] seen = new int[rounds];
        for (double[] row : byArm) {
            Arrays.fill(row, Double.NaN);
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        arms.forEach(a -> series.put(a, new ArrayList<>()));
        for (int i = 0; i < slices.size(); i++) {
            Slices.Slice s = slices.get(i);
            int a = arms.indexOf(s.arm());
            byArm[a][s.round()] = us.get(i);
            bytesByArm[a][s.round()] = bytes.get(i);
            seen[s.round()]++;
            series.get(s.arm()).add(us.get(i));
        }
        int complete = 0;
        while (complete < rounds && seen[complete] == arms.size()) {
            complete++;
        }
        int floor = arms.indexOf(Arm.FLOOR_ID);
        if (floor < 0) {
            throw new IllegalStateException("no floor among the arms " + arms);
        }
        // Where each implementation settled (its ratio series stops trending); the fork, at the latest of them.
        int cut = 0;
        Map<String, PairedStats.Steady> steadyBy = new LinkedHashMap<>();
        Map<String, double[]> ratiosBy = new LinkedHashMap<>();
        for (int a = 0; a < arms.size(); a++) {
            if (a == floor) {
                continue;
            }
            double[] ratios =
                    PairedStats.ratios(Arrays.copyOf(byArm[a], complete), Arrays.copyOf(byArm[floor], complete));
            ratiosBy.put(arms.get(a), ratios);
            PairedStats.Steady steady = stats.steadyFrom(ratios);
            int from = Math.min(steady.from(), Math.max(0, complete - 2));
            steadyBy.put(arms.get(a), new PairedStats.Steady(from, steady.settled()));
            if (!Variant.isArmOfVariant(arms.get(a))) {
                // A variant has its own steady rounds; the pattern's cut and groups are the defaults'.
                cut = Math.max(cut, from);
            }
        }
        return new ForkRounds(record, arms, floor, complete, byArm, bytesByArm, series, steadyBy, ratiosBy, cut);
    }

    /**
     * One pattern (at one data size, distance and thread count) measured in one or more forks, each
     * a JVM of its own, in the order they ran. Each fork settles on its own: every implementation
     * counts from its own steady round in each fork, and the floor and the groups from the fork's
     * cut. Over those rounds of every fork come the estimates and intervals ({@link
     * PairedStats#estimateInterval(List)}: with more than one fork the interval holds the spread
     * between the JVMs), the groups and the orders in them, B/op (the median over every fork's steady
     * rounds) and a sweep arm's load. The rest adds up: rounds and series run fork after fork, probes
     * are every fork's; a figure is settled, and an arm warm, only where it was in every fork; the
     * steady round given is the latest of the forks', the JIT share the highest, the warm-up the
     * forks' average; the placement is the first fork's.
     *
     * @throws IllegalStateException when a fork's slices and values do not match, or the forks ran
     *     different arms
     */
    public PatternResult analyseForks(List<ForkValues> forkValues) {
        if (forkValues.isEmpty()) {
            throw new IllegalArgumentException("no fork to analyse");
        }
        List<ForkRounds> forks = forkValues.stream().map(this::rounds).toList();
        ForkRounds first = forks.get(0);
        List<String> arms = first.arms();
        for (ForkRounds f : forks) {
            if (!f.arms().equals(arms)) {
                throw new IllegalStateException("the forks of " + first.record().pattern() + " ran different arms: "
                        + arms + " and " + f.arms());
            }
        }
        int floor = first.floor();
        List<Paired.Arm> armResults = new ArrayList<>();
        Map<String, List<double[]>> ratioTails = new LinkedHashMap<>();
        for (int a = 0; a < arms.size(); a++) {
            String id = arms.get(a);
            int arm = a;
            List<double[]> tails = forks.stream()
                    .map(f -> Arrays.copyOfRange(f.byArm()[arm], f.from(arm), f.complete()))
                    .toList();
            double[] bytesTail = PairedStats.concat(forks.stream()
                    .map(f -> Arrays.copyOfRange(f.bytesByArm()[arm], f.from(arm), f.complete()))
                    .toList());
            Paired.Interval ratio = null;
            // Each fork's ratios over the arm's own steady rounds in it (the floor has none).
            List<double[]> steadyRatios = a == floor
                    ? List.of()
                    : forks.stream()
                            .map(f -> Arrays.copyOfRange(f.ratiosBy().get(id), f.from(arm), f.complete()))
                            .toList();
            if (a != floor) {
                ratio = interval(stats.estimateInterval(steadyRatios));
                if (!Variant.isArmOfVariant(id)) {
                    ratioTails.put(
                            id,
                            forks.stream()
                                    .map(f -> Arrays.copyOfRange(f.ratiosBy().get(id), f.cut(), f.complete()))
                                    .toList());
                }
            }
            double b = Arrays.stream(bytesTail).anyMatch(Double::isNaN) ? Double.NaN : PairedStats.median(bytesTail);
            List<Double> series =
                    forks.stream().flatMap(f -> f.series().get(id).stream()).toList();
            List<WarmUp.ArmWarmUp> warmed = forks.stream()
                    .map(f -> warmUp(f).arms().stream()
                            .filter(w -> w.arm().equals(id))
                            .findFirst()
                            .orElse(null))
                    .toList();
            armResults.add(new Paired.Arm(
                    id,
                    a == floor,
                    forks.stream().mapToInt(f -> f.from(arm)).max().orElseThrow(),
                    interval(stats.estimateInterval(tails)),
                    Double.isNaN(b) ? null : b,
                    ratio,
                    a == floor
                            || forks.stream().allMatch(f -> f.steadyBy().get(id).settled()),
                    series,
                    warmed.stream().allMatch(w -> w != null && w.settled()),
                    warmed.stream()
                            .filter(java.util.Objects::nonNull)
                            .flatMap(w -> w.usPerOp().stream())
                            .toList(),
                    first.record().sweep() == null ? null : load(forks, id, arm),
                    a == floor || forks.size() == 1
                            ? null
                            : steadyRatios.stream()
                                    .map(PairedStats::hodgesLehmann)
                                    .toList()));
        }
        double warmupSeconds = 0;
        double phaseSeconds = 0;
        for (ForkRounds f : forks) {
            List<Slices.Slice> slices = f.record().slices();
            long start = slices.get(0).epochMillis();
            long firstSteady = slices.stream()
                    .filter(s -> s.round() == f.cut())
                    .mapToLong(Slices.Slice::epochMillis)
                    .min()
                    .orElse(start);
            warmupSeconds += warmUp(f).seconds() + (firstSteady - start) / 1000.0;
            phaseSeconds += warmUp(f).seconds();
        }
        List<Probe> probes = forks.stream()
                .flatMap(f -> f.record().slices().stream())
                .filter(s -> !Double.isNaN(s.selectOneUs()))
                .map(s -> new Probe(s.epochMillis(), s.selectOneUs(), s.cpuLoopUs(), s.memoryWalkUs(), s.cpu()))
                .toList();
        List<List<String>> groups = ratioTails.isEmpty() ? List.of() : stats.groupsOfForks(ratioTails);
        List<Double> jit =
                forks.stream().map(f -> jitShare(f.record().slices(), f.cut())).toList();
        Slices.Record record = first.record();
        return new PatternResult(
                record.pattern(),
                record.dataSize(),
                record.rttMicros(),
                record.threads(),
                record.placement() == null
                        ? Status.Placement.NONE
                        : Status.Placement.of(record.placement().mode()),
                forks.stream().mapToInt(ForkRounds::complete).sum(),
                forks.stream().mapToInt(ForkRounds::cut).max().orElseThrow(),
                warmupSeconds / forks.size(),
                phaseSeconds / forks.size(),
                forks.stream().anyMatch(f -> warmUp(f).capReached()),
                forks.stream()
                        .allMatch(f -> f.steadyBy().entrySet().stream()
                                .filter(e -> !Variant.isArmOfVariant(e.getKey()))
                                .allMatch(e -> e.getValue().settled())),
                jit.contains(null)
                        ? null
                        : jit.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                armResults,
                groups,
                stats.ordersInGroupsOfForks(groups, ratioTails),
                probes,
                record.sweep() == null
                        ? null
                        : new Paired.Sweep(
                                record.sweep().poolSize(),
                                record.placement() == null
                                        ? null
                                        : record.placement().note(),
                                forks.stream()
                                        .mapToLong(f -> f.record().sweep().rollbacks())
                                        .sum(),
                                forks.stream()
                                        .mapToLong(f -> f.record().sweep().deadlocks())
                                        .sum()),
                forks.size() == 1 ? null : forks.size());
    }

    private static WarmUp.Record warmUp(ForkRounds fork) {
        return fork.record().warmUp() != null ? fork.record().warmUp() : WarmUp.Record.none(fork.arms());
    }

    /**
     * The share of the wall time from the start of round {@code from}'s first slice to the last
     * slice's start that the fork's JIT compilers worked for; null where a slice does not tell.
     */
    static Double jitShare(List<Slices.Slice> slices, int from) {
        Slices.Slice first =
                slices.stream().filter(s -> s.round() >= from).findFirst().orElse(null);
        Slices.Slice last = slices.get(slices.size() - 1);
        if (first == null || first.jitMillis() == null || last.jitMillis() == null) {
            return null;
        }
        return Jit.share(first.jitMillis(), last.jitMillis(), last.epochMillis() - first.epochMillis());
    }

    /**
     * An arm's load in a sweep pattern: throughput and latency percentiles over its slices of its
     * steady rounds in every fork, operations and failures over all its slices.
     */
    private static Paired.Load load(List<ForkRounds> forks, String arm, int index) {
        List<Slices.Load> all = new ArrayList<>();
        List<Slices.Load> steady = new ArrayList<>();
        for (ForkRounds f : forks) {
            for (Slices.Slice s : f.record().slices()) {
                if (s.arm().equals(arm) && s.load() != null) {
                    all.add(s.load());
                    if (s.round() >= f.from(index) && s.round() < f.complete()) {
                        steady.add(s.load());
                    }
                }
            }
        }
        return load(all, steady);
    }

    private static Paired.Load load(List<Slices.Load> all, List<Slices.Load> steady) {
        if (all.isEmpty()) {
            return null;
        }
        double[] p = SliceLoad.percentilesUs(steady, 50, 99, 99.9);
        double seconds = steady.stream().mapToDouble(Slices.Load::seconds).sum();
        Map<String, Long> failed = new java.util.TreeMap<>();
        all.forEach(l -> l.errors().forEach((k, v) -> failed.merge(k, v, Long::sum)));
        return new Paired.Load(
                seconds > 0 ? steady.stream().mapToLong(Slices.Load::ops).sum() / seconds : null,
                finite(p[0]),
                finite(p[1]),
                finite(p[2]),
                all.stream().mapToLong(Slices.Load::ops).sum(),
                failed);
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static Paired.Interval interval(PairedStats.Interval i) {
        return new Paired.Interval(i.estimate(), i.low(), i.high());
    }

    /** Writes {@code paired} as JSON to {@code file}. */
    public static void write(Paired paired, Path file, ObjectMapper json) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), paired);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
