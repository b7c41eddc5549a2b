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

        Path slicesFile(Path slicesDir) {
            return slicesDir.resolve(Slices.fileName(pattern, dataSize, rttMicros, threads, sweep));
        }

        @Override
        public String toString() {
            return pattern + " (dataSize " + dataSize + ", rtt " + rttMicros + " µs, " + threads + " thread(s)"
                    + (sweep ? ", sweep" : "") + ")";
        }
    }

    /** Analyses every pattern benchmark of {@code results} whose slices are in {@code slicesDir}. */
    public Paired analyse(List<RunResult> results, Path slicesDir, Profile profile, List<String> errors) {
        List<PatternResult> out = new ArrayList<>();
        for (RunResult run : results) {
            Fork fork = Fork.of(
                    run.getParams().getBenchmark(),
                    run.getParams().getParam("dataSize"),
                    run.getParams().getParam("rttMicros"),
                    run.getParams().getThreads());
            if (fork == null) {
                continue;
            }
            try {
                Slices.Record record =
                        new ObjectMapper().readValue(fork.slicesFile(slicesDir).toFile(), Slices.Record.class);
                out.add(analyse(record, iterations(run)));
            } catch (IOException | RuntimeException e) {
                errors.add(fork + ": not analysed: " + e.getMessage());
            }
        }
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
        List<Double> us = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        for (IterationResult it : iterations) {
            us.add(it.getPrimaryResult().getScore());
            Result<?> alloc = it.getSecondaryResults().get(ALLOCATION);
            bytes.add(alloc == null ? Double.NaN : alloc.getScore());
        }
        return analyse(record, us, bytes);
    }

    /** The same from plain per-slice values (µs/op and B/op), for tests. */
    public PatternResult analyse(Slices.Record record, List<Double> us, List<Double> bytes) {
        List<Slices.Slice> slices = record.slices();
        if (slices.size() != us.size()) {
            throw new IllegalStateException(
                    "the fork recorded " + slices.size() + " slices but JMH measured " + us.size() + " iterations");
        }
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
        // Where each implementation settled (its ratio series stops trending); the pattern, at the latest of them.
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
        WarmUp.Record warmUp = record.warmUp() != null ? record.warmUp() : WarmUp.Record.none(arms);
        Map<String, WarmUp.ArmWarmUp> warmed = new LinkedHashMap<>();
        warmUp.arms().forEach(w -> warmed.put(w.arm(), w));
        List<Paired.Arm> armResults = new ArrayList<>();
        Map<String, double[]> ratioTails = new LinkedHashMap<>();
        for (int a = 0; a < arms.size(); a++) {
            String id = arms.get(a);
            int from = a == floor ? cut : steadyBy.get(id).from();
            double[] tail = Arrays.copyOfRange(byArm[a], from, complete);
            double[] bytesTail = Arrays.copyOfRange(bytesByArm[a], from, complete);
            Paired.Interval ratio = null;
            if (a != floor) {
                double[] ratios = ratiosBy.get(id);
                ratio = interval(stats.estimateInterval(Arrays.copyOfRange(ratios, from, complete)));
                if (!Variant.isArmOfVariant(id)) {
                    ratioTails.put(id, Arrays.copyOfRange(ratios, cut, complete));
                }
            }
            double b = Arrays.stream(bytesTail).anyMatch(Double::isNaN) ? Double.NaN : PairedStats.median(bytesTail);
            armResults.add(new Paired.Arm(
                    id,
                    a == floor,
                    from,
                    interval(stats.estimateInterval(tail)),
                    Double.isNaN(b) ? null : b,
                    ratio,
                    a == floor || steadyBy.get(id).settled(),
                    List.copyOf(series.get(id)),
                    warmed.containsKey(id) && warmed.get(id).settled(),
                    warmed.containsKey(id) ? warmed.get(id).usPerOp() : List.of(),
                    record.sweep() == null ? null : load(slices, id, from, complete)));
        }
        long start = slices.get(0).epochMillis();
        int cutFinal = cut;
        long firstSteady = slices.stream()
                .filter(s -> s.round() == cutFinal)
                .mapToLong(Slices.Slice::epochMillis)
                .min()
                .orElse(start);
        List<Probe> probes = slices.stream()
                .filter(s -> !Double.isNaN(s.selectOneUs()))
                .map(s -> new Probe(s.epochMillis(), s.selectOneUs(), s.cpuLoopUs(), s.memoryWalkUs(), s.cpu()))
                .toList();
        List<List<String>> groups = ratioTails.isEmpty() ? List.of() : stats.groups(ratioTails);
        return new PatternResult(
                record.pattern(),
                record.dataSize(),
                record.rttMicros(),
                record.threads(),
                record.placement() == null
                        ? Status.Placement.NONE
                        : Status.Placement.of(record.placement().mode()),
                complete,
                cut,
                warmUp.seconds() + (firstSteady - start) / 1000.0,
                warmUp.seconds(),
                warmUp.capReached(),
                steadyBy.entrySet().stream()
                        .filter(e -> !Variant.isArmOfVariant(e.getKey()))
                        .allMatch(e -> e.getValue().settled()),
                jitShare(slices, cut),
                armResults,
                groups,
                stats.ordersInGroups(groups, ratioTails),
                probes,
                record.sweep() == null
                        ? null
                        : new Paired.Sweep(
                                record.sweep().poolSize(),
                                record.placement() == null
                                        ? null
                                        : record.placement().note(),
                                record.sweep().rollbacks(),
                                record.sweep().deadlocks()));
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
     * An arm's load in a sweep fork: throughput and latency percentiles over its slices of rounds
     * {@code from} to {@code complete} (its steady ones), operations and failures over all its slices.
     */
    static Paired.Load load(List<Slices.Slice> slices, String arm, int from, int complete) {
        List<Slices.Load> all = slices.stream()
                .filter(s -> s.arm().equals(arm) && s.load() != null)
                .map(Slices.Slice::load)
                .toList();
        List<Slices.Load> steady = slices.stream()
                .filter(s -> s.arm().equals(arm) && s.load() != null && s.round() >= from && s.round() < complete)
                .map(Slices.Slice::load)
                .toList();
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
