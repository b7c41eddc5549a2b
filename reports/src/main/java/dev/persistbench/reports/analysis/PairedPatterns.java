package dev.persistbench.reports.analysis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.Variant;
import dev.persistbench.reports.analysis.SummaryBuilder.Counts;
import dev.persistbench.reports.input.RunData;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Summary.Environment;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.model.Summary.ProbeSummary;
import dev.persistbench.reports.model.Summary.SizePoint;
import dev.persistbench.reports.model.Summary.ThreadPoint;
import dev.persistbench.reports.render.Fmt;
import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Implementation;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Paired.Arm;
import dev.persistbench.reports.results.Paired.Probe;
import dev.persistbench.reports.results.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures of a paired run (paired.json): per pattern the arms' medians with their intervals,
 * the per-round ratios to the floor with their bootstrap intervals, and the groups the run can rank.
 * The headline of a pattern is its entry at the lowest thread count and the largest main data size
 * ({@link #headlineSize}: never a size of the data-size run), so its ranking never mixes sizes.
 */
final class PairedPatterns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PairedPatterns() {}

    static PatternSummary pattern(
            Pattern p,
            RunData data,
            List<Implementation> implStatus,
            Map<String, ContractResult> contract,
            Map<String, Map<Pattern, Integer>> loc,
            List<String> notMeasured) {
        List<Paired.PatternResult> runs = data.paired().loopback().stream()
                .filter(r -> Pattern.byId(r.pattern()).orElseThrow() == p)
                .toList();
        int threads = runs.stream().mapToInt(PairedPatterns::threads).min().orElse(1);
        Integer size = headlineSize(
                runs.stream()
                        .filter(r -> threads(r) == threads)
                        .map(Paired.PatternResult::dataSize)
                        .filter(Objects::nonNull)
                        .toList(),
                data);
        Optional<Paired.PatternResult> head = runs.stream()
                .filter(r -> threads(r) == threads && Objects.equals(r.dataSize(), size))
                .findFirst();
        Map<String, String> params = new LinkedHashMap<>();
        SummaryBuilder.workload(p, data, params);
        String at = size == null ? "" : " at dataSize=" + size;
        if (head.isEmpty()) {
            notMeasured.add(p.id() + ": not measured (no entry in paired.json)");
        }
        Optional<Arm> floor =
                head.flatMap(h -> h.arms().stream().filter(Arm::floorArm).findFirst());
        if (head.isPresent() && floor.isEmpty()) {
            notMeasured.add(
                    p.id() + ": raw-JDBC floor not measured" + at + " (no floor arm in paired.json: no ratios)");
        }
        Double floorUs = floor.map(f -> f.usPerOp().estimate()).orElse(null);
        Double selectOneUs = head.map(h -> SummaryBuilder.median(probes(h))).orElse(null);

        List<PatternResult> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Catalogue catalogue = data.catalogue();
        for (Impl impl : catalogue.impls()) {
            Implementation status = implStatus.stream()
                    .filter(s -> s.impl().equals(impl.id()))
                    .findFirst()
                    .orElseThrow();
            ContractResult c = contract.get(impl.id());
            Status.Contract contractStatus = c == null ? Status.Contract.MISSING : c.status();
            Integer lines = loc.getOrDefault(impl.id(), Map.of()).get(p);
            Counts counts = SummaryBuilder.counts(data, p, impl.id());
            Optional<Arm> arm = head.flatMap(h -> arm(h, impl));
            boolean timed = status.timed();
            if (arm.isEmpty()) {
                String reason = timed
                        ? "no paired result for " + p.id() + at + " (benchmark not run or failed)"
                        : impl.id() + " not timed" + (status.reason() == null ? "" : ": " + status.reason());
                if (timed && head.isPresent()) {
                    missing.add(impl.id());
                }
                results.add(SummaryBuilder.notMeasured(impl, reason, contractStatus, counts, lines));
                continue;
            }
            results.add(measured(impl.id(), arm.get(), contractStatus, counts, floorUs, selectOneUs, lines));
        }
        if (!missing.isEmpty()) {
            notMeasured.add(p.id() + ": no paired result for " + String.join(", ", missing));
        }
        List<PatternResult> variants = new ArrayList<>();
        head.ifPresent(h -> h.arms().stream()
                .filter(a -> !a.floorArm() && Variant.isArmOfVariant(a.impl()))
                .sorted(Comparator.comparingInt((Arm a) -> catalogue.order(Variant.implementationOf(a.impl())))
                        .thenComparing(Arm::impl))
                .forEach(a -> variants.add(variantRow(data, p, a, contract, floorUs, selectOneUs))));

        List<SizePoint> sizePoints = new ArrayList<>();
        for (Paired.PatternResult r : runs) {
            for (Arm a : r.arms()) {
                if (!a.floorArm() && Variant.isArmOfVariant(a.impl())) {
                    continue; // a variant is a row of its pattern, not a point of the size chart
                }
                String id = a.floorArm() ? Paired.FLOOR : catalogue.idOf(a.impl());
                if (threads(r) == threads && r.dataSize() != null) {
                    sizePoints.add(sizePoint(id, r.dataSize(), a));
                }
            }
        }
        List<SizePoint> bySize = SummaryBuilder.withGrowth(catalogue, sizePoints);
        missingAtOtherSizes(p, runs, threads, size, implStatus, catalogue, notMeasured);
        List<ThreadPoint> byThreads = byThreads(p, data.paired(), catalogue);
        if (SummaryBuilder.distinct(byThreads, ThreadPoint::threads) < 2) {
            byThreads.clear();
        }
        byThreads.sort(Comparator.comparingInt((ThreadPoint x) -> catalogue.order(x.impl()))
                .thenComparingInt(ThreadPoint::threads));

        List<List<String>> groups = head.map(h -> h.groups().stream()
                        .map(g -> g.stream()
                                .map(catalogue::idOf)
                                .sorted(Comparator.comparingInt(catalogue::order))
                                .toList())
                        .toList())
                .orElse(List.of());
        List<String> first = groups.isEmpty() ? List.of() : groups.get(0);
        List<List<String>> ordersInGroups = head.map(h -> h.ordersInGroups() == null
                        ? List.<List<String>>of()
                        : h.ordersInGroups().stream()
                                .map(o -> o.stream().map(catalogue::idOf).toList())
                                .toList())
                .orElse(List.of());
        return new PatternSummary(
                p.id(),
                p.title(),
                size,
                params,
                SummaryBuilder.round(floorUs, 3),
                floor.map(f -> SummaryBuilder.round(f.usPerOp().low(), 3)).orElse(null),
                floor.map(f -> SummaryBuilder.round(f.usPerOp().high(), 3)).orElse(null),
                null,
                floor.map(Arm::settled).orElse(null),
                floor.map(f -> SummaryBuilder.round(f.bytesPerOp(), 0)).orElse(null),
                floor.isPresent() ? SummaryBuilder.statements(data, p, Paired.FLOOR) : null,
                SummaryBuilder.round(selectOneUs, 3),
                null,
                results,
                bySize,
                byThreads,
                first.size() == 1 ? first.get(0) : null,
                first.size() > 1 ? first : List.of(),
                head.map(PairedPatterns::threads).orElse(null),
                head.map(PairedPatterns::placement).orElse(null),
                head.map(Paired.PatternResult::rounds).orElse(null),
                head.map(Paired.PatternResult::steadyFromRound).orElse(null),
                head.map(h -> ownSteadyRounds(h, catalogue)).orElse(Map.of()),
                head.map(Paired.PatternResult::warmupSeconds).orElse(null),
                head.map(Paired.PatternResult::warmUpPhaseSeconds)
                        .map(v -> SummaryBuilder.round(v, 1))
                        .orElse(null),
                head.map(Paired.PatternResult::warmUpCapReached).orElse(null),
                head.map(Paired.PatternResult::settled).orElse(null),
                head.map(Paired.PatternResult::jitShare)
                        .map(v -> SummaryBuilder.round(v, 3))
                        .orElse(null),
                groups,
                ordersInGroups,
                variants,
                head.map(h -> probe(h.selectOne())).orElse(null),
                head.map(h -> probe(h.selectOne(), Probe::cpuLoopUs)).orElse(null),
                head.map(h -> probe(h.selectOne(), Probe::memoryWalkUs)).orElse(null),
                head.map(Paired.PatternResult::forks).orElse(null));
    }

    /**
     * The fork's placement, and how often its measuring thread moved to the faster CPU between timed
     * rounds (bench's {@code run.MeasuringCore}; counted from the probes' CPUs, so moves in the untimed
     * warm-up phase are not among them).
     */
    static String placement(Paired.PatternResult result) {
        if (result.placement() == null) {
            return null;
        }
        int moves = 0;
        Integer last = null;
        for (Probe probe : result.selectOne() == null ? List.<Probe>of() : result.selectOne()) {
            if (probe.cpu() != null) {
                if (last != null && !last.equals(probe.cpu())) {
                    moves++;
                }
                last = probe.cpu();
            }
        }
        return result.placement()
                + switch (moves) {
                    case 0 -> "";
                    case 1 -> " (the measuring thread moved once to the faster CPU)";
                    default -> " (the measuring thread moved " + moves + " times to the faster CPU)";
                };
    }

    /**
     * The data size of a pattern's headline figures: the largest of {@code measured} that is not a
     * scale size (environment.json's {@code jmh.scaleSizes}, where the data-size run measured the
     * reads again), so that the ranking stays at the main size; the largest measured when every
     * size is a scale size or the run names none (an older run). Null when none was measured.
     */
    static Integer headlineSize(List<Integer> measured, RunData data) {
        List<Integer> scale = data.environment() == null
                        || data.environment().jmh() == null
                        || data.environment().jmh().scaleSizes() == null
                ? List.of()
                : data.environment().jmh().scaleSizes();
        return measured.stream()
                .filter(s -> !scale.contains(s))
                .max(Comparator.naturalOrder())
                .or(() -> measured.stream().max(Comparator.naturalOrder()))
                .orElse(null);
    }

    /** One arm at one data size, with its interval and its ratio to the floor at that size. */
    private static SizePoint sizePoint(String id, int dataSize, Arm a) {
        Paired.Interval ratio = a.ratioToFloor();
        return new SizePoint(
                id,
                dataSize,
                SummaryBuilder.round(a.usPerOp().estimate(), 3),
                null,
                SummaryBuilder.round(a.usPerOp().low(), 3),
                SummaryBuilder.round(a.usPerOp().high(), 3),
                ratio == null ? null : SummaryBuilder.round(ratio.estimate(), 4),
                ratio == null ? null : SummaryBuilder.round(ratio.low(), 4),
                ratio == null ? null : SummaryBuilder.round(ratio.high(), 4),
                null,
                a.settled());
    }

    /**
     * Adds to {@code notMeasured} the timed implementations with no arm at a size of {@code p}
     * other than the headline's (its fork checks every answer at its own size first, so a wrong
     * answer there leaves the arm out, as a failure does).
     */
    private static void missingAtOtherSizes(
            Pattern p,
            List<Paired.PatternResult> runs,
            int threads,
            Integer headline,
            List<Implementation> implStatus,
            Catalogue catalogue,
            List<String> notMeasured) {
        for (Paired.PatternResult r : runs) {
            if (threads(r) != threads || r.dataSize() == null || r.dataSize().equals(headline)) {
                continue;
            }
            List<String> missing = implStatus.stream()
                    .filter(Implementation::timed)
                    .map(Implementation::impl)
                    .filter(id -> catalogue.byId(id).isPresent())
                    .filter(id ->
                            catalogue.byId(id).flatMap(impl -> arm(r, impl)).isEmpty())
                    .toList();
            if (!missing.isEmpty()) {
                notMeasured.add(p.id() + " at dataSize=" + r.dataSize() + ": no paired result for "
                        + String.join(", ", missing) + " (its benchmark failed there: a wrong answer or an error;"
                        + " see the console log)");
            }
        }
    }

    /**
     * A variant's row: its figures from its own arm, its counts from statements.json under its
     * arm id, and the contract status of its implementation (whose suite runs the variant's rules).
     */
    private static PatternResult variantRow(
            RunData data, Pattern p, Arm a, Map<String, ContractResult> contract, Double floorUs, Double selectOneUs) {
        ContractResult c = contract.get(Variant.implementationOf(a.impl()));
        Status.Contract status = c == null ? Status.Contract.MISSING : c.status();
        return measured(a.impl(), a, status, SummaryBuilder.counts(data, p, a.impl()), floorUs, selectOneUs, null);
    }

    /** The row of a measured arm {@code a}, shown as {@code id}. */
    private static PatternResult measured(
            String id,
            Arm a,
            Status.Contract contract,
            Counts counts,
            Double floorUs,
            Double selectOneUs,
            Integer lines) {
        double us = a.usPerOp().estimate();
        Paired.Interval ratio = a.ratioToFloor();
        return new PatternResult(
                id,
                Status.Measure.MEASURED,
                null,
                contract,
                SummaryBuilder.round(us, 3),
                SummaryBuilder.round(a.usPerOp().low(), 3),
                SummaryBuilder.round(a.usPerOp().high(), 3),
                null,
                a.settled(),
                SummaryBuilder.round(a.bytesPerOp(), 0),
                counts.statements(),
                counts.roundTrips(),
                counts.serverStatements(),
                counts.serverCountNote(),
                counts.transactions(),
                counts.shape(),
                ratio == null ? null : SummaryBuilder.round(ratio.estimate(), 4),
                ratio == null ? null : SummaryBuilder.round(ratio.low(), 4),
                ratio == null ? null : SummaryBuilder.round(ratio.high(), 4),
                SummaryBuilder.delta(us, floorUs),
                SummaryBuilder.ratio(us, selectOneUs),
                SummaryBuilder.delta(us, selectOneUs),
                null,
                null,
                null,
                lines,
                a.ratioByJvm() == null
                        ? null
                        : a.ratioByJvm().stream()
                                .map(v -> SummaryBuilder.round(v, 4))
                                .toList());
    }

    /**
     * The implementations' points of {@code p}'s thread sweep at its largest data size: throughput
     * of all threads, JMH's µs/op per thread with half its interval's width as error, failures.
     * Only the sweep's forks count, never the ranking's.
     */
    private static List<ThreadPoint> byThreads(Pattern p, Paired run, Catalogue catalogue) {
        List<Paired.PatternResult> swept = run.threadSweep().stream()
                .filter(r -> r.pattern().equals(p.id()))
                .toList();
        Integer size = swept.stream()
                .map(Paired.PatternResult::dataSize)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
        List<ThreadPoint> out = new ArrayList<>();
        for (Paired.PatternResult r : swept) {
            if (!Objects.equals(r.dataSize(), size)) {
                continue;
            }
            for (Arm a : r.arms()) {
                if (a.floorArm() || a.load() == null || a.load().opsPerSecond() == null) {
                    continue;
                }
                Paired.Interval us = a.usPerOp();
                out.add(new ThreadPoint(
                        catalogue.idOf(a.impl()),
                        threads(r),
                        SummaryBuilder.round(us.estimate(), 3),
                        SummaryBuilder.round((us.high() - us.low()) / 2, 3),
                        SummaryBuilder.round(a.load().opsPerSecond(), 1),
                        a.load().errorCount()));
            }
        }
        return out;
    }

    /** What limits a paired run's figures. */
    static List<String> caveats(Environment env, List<PatternSummary> patterns, ProbeSummary probe) {
        List<String> out = new ArrayList<>();
        noisy(patterns, probe).ifPresent(out::add);
        roundTripLevels(patterns).ifPresent(out::add);
        List<String> unsettled = new ArrayList<>();
        for (PatternSummary p : patterns) {
            List<String> arms = new ArrayList<>(p.results().stream()
                    .filter(r -> Boolean.FALSE.equals(r.settled()))
                    .map(PatternResult::impl)
                    .toList());
            if (Boolean.FALSE.equals(p.floorSettled())) {
                arms.add(Paired.FLOOR);
            }
            if (!arms.isEmpty()) {
                unsettled.add(p.id() + " (" + String.join(", ", arms) + ")");
            } else if (Boolean.FALSE.equals(p.settled())) {
                unsettled.add(p.id());
            }
        }
        if (!unsettled.isEmpty()) {
            out.add(
                    "not settled: the slices of " + String.join("; ", unsettled) + " were still trending when the"
                            + " run ended; those figures (marked \"not settled\") and the ranking of their pattern are provisional");
        }
        List<String> compiling = patterns.stream()
                .filter(PatternSummary::jitStillCompiling)
                .map(p -> p.id() + " (" + Math.round(100 * p.jitShare()) + " %)")
                .toList();
        if (!compiling.isEmpty()) {
            out.add("JIT still compiling: the fork's JIT compilers were busy for more than "
                    + Math.round(100 * Paired.JIT_BUSY_SHARE) + " % of the steady rounds of "
                    + String.join(", ", compiling)
                    + "; the deeper stacks there may not have reached their compiled speed, so their ratios are the"
                    + " least firm (bench/README, \"The JIT, measured\")");
        }
        env.placement().forEach((k, v) -> {
            String key = k.toLowerCase(Locale.ROOT);
            if ((key.contains("fallback") || key.contains("note")) && v != null && !v.isBlank() && !v.equals("null")) {
                out.add("thread placement: " + v);
            }
        });
        return out;
    }

    /**
     * The caveat for a machine that was noisy (a SELECT 1 probe spread above {@link ProbeSummary#NOISY_SPREAD}),
     * over the whole run or while some patterns' forks ran, naming those patterns; empty when calm
     * throughout or without probes.
     */
    static Optional<String> noisy(List<PatternSummary> patterns, ProbeSummary probe) {
        Double spread = ProbeSummary.spread(probe);
        List<String> forks = patterns.stream()
                .filter(p -> Boolean.TRUE.equals(ProbeSummary.noisy(p.selectOneProbe())))
                .map(p -> p.id() + " (" + Fmt.share(ProbeSummary.spread(p.selectOneProbe())) + ")")
                .toList();
        if (spread == null || (spread <= ProbeSummary.NOISY_SPREAD && forks.isEmpty())) {
            return Optional.empty();
        }
        boolean run = spread > ProbeSummary.NOISY_SPREAD;
        String limit = Fmt.share(ProbeSummary.NOISY_SPREAD);
        String s = (run ? "a noisy machine: " : "a round trip noisy at times: ")
                + "the SELECT 1 probe's p10–p90 spread was " + Fmt.share(spread) + " of its median"
                + (run ? " (above " + limit + ")" : " over the whole run (" + limit + " or less)")
                + (forks.isEmpty()
                        ? ""
                        : "; " + (forks.size() == 1 ? "the pattern" : "the patterns") + " measured while it spread"
                                + " above " + limit + ": " + String.join(", ", forks))
                + "; " + ProbeSummary.NOISY_EFFECT + " (bench/README, \"Repeatability\"): read differences"
                + " smaller than that as unresolved, or run again when the machine is calm";
        return Optional.of(s);
    }

    /**
     * A fork whose SELECT 1 median lies this share or more above the fastest fork's ran at another level
     * of the round trip. On the AMD EPYC the levels were 29 and 39-53 µs with both ends pinned to one CPU;
     * on the Intel Xeon every fork of a calm run lay within 10 % of the fastest (bench/README,
     * "Repeatability").
     */
    static final double SLOWER_LEVEL = 0.25;

    /**
     * The caveat for a run whose forks ran at two levels of the round trip: the patterns whose fork's
     * SELECT 1 median lay {@link #SLOWER_LEVEL} or more above the fastest fork's, named with their
     * medians; empty when every fork was near the fastest or there are fewer than two forks with a probe.
     */
    static Optional<String> roundTripLevels(List<PatternSummary> patterns) {
        List<PatternSummary> probed = patterns.stream()
                .filter(p -> p.selectOneProbe() != null && p.selectOneProbe().medianUs() != null)
                .toList();
        if (probed.size() < 2) {
            return Optional.empty();
        }
        double fastest = probed.stream()
                .mapToDouble(p -> p.selectOneProbe().medianUs())
                .min()
                .orElseThrow();
        List<String> slower = probed.stream()
                .filter(p -> p.selectOneProbe().medianUs() >= fastest * (1 + SLOWER_LEVEL))
                .map(p -> p.id() + " (" + Fmt.us(p.selectOneProbe().medianUs()) + " µs)")
                .toList();
        if (slower.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("a round trip at two levels: the fastest fork's SELECT 1 probe had a median of "
                + Fmt.us(fastest) + " µs, " + (slower.size() == 1 ? "the fork of " : "the forks of ")
                + String.join(", ", slower) + " " + Fmt.share(SLOWER_LEVEL) + " or more above it, each for its"
                + " whole fork; on the AMD EPYC a ratio whose fork changed level between two runs agreed with its"
                + " other run (back to back) within ±10 % in 66 of 104 cases, against 89 of 104 where the level held"
                + " (bench/README,"
                + " \"Repeatability\"): compare runs pattern by pattern where the levels match (compare's machine"
                + " column names the others)");
    }

    /** paired.json "method", values as text, in the file's order; fields an older file lacks are left out. */
    static Map<String, String> method(Paired run) {
        Map<String, String> out = new LinkedHashMap<>();
        if (run.method() != null) {
            JSON.convertValue(run.method(), new TypeReference<Map<String, Object>>() {})
                    .forEach((k, v) -> {
                        if (v != null) {
                            out.put(k, String.valueOf(v));
                        }
                    });
        }
        return out;
    }

    /** The implementations of {@code r} whose own steady round differs from the pattern's, with it. */
    private static Map<String, Integer> ownSteadyRounds(Paired.PatternResult r, Catalogue catalogue) {
        Map<String, Integer> out = new LinkedHashMap<>();
        r.arms().stream()
                .filter(a -> !a.floorArm()
                        && !Variant.isArmOfVariant(a.impl())
                        && a.steadyFromRound() != null
                        && !a.steadyFromRound().equals(r.steadyFromRound()))
                .sorted(Comparator.comparingInt(a -> catalogue.order(a.impl())))
                .forEach(a -> out.put(catalogue.idOf(a.impl()), a.steadyFromRound()));
        return out;
    }

    /** The SELECT 1 probe over the whole run; null when the run has none. */
    static ProbeSummary probe(Paired run) {
        return probe(run.loopbackProbes());
    }

    /** The CPU probe's loop ({@code memory} false) or memory walk over the whole run; null when the run has none. */
    static ProbeSummary cpuProbe(Paired run, boolean memory) {
        return probe(run.loopbackProbes(), memory ? Probe::memoryWalkUs : Probe::cpuLoopUs);
    }

    /** The SELECT 1 summary of {@code probes} (one fork's or the whole run's); null when there are none. */
    static ProbeSummary probe(List<Probe> probes) {
        return probe(probes, Probe::us);
    }

    /**
     * The summary of one of the probes' times ({@code time}: the SELECT 1 burst, the CPU loop or the
     * memory walk) over {@code probes}; null when none has it (results from a bench without that probe).
     */
    static ProbeSummary probe(List<Probe> probes, java.util.function.Function<Probe, Double> time) {
        if (probes == null) {
            return null;
        }
        List<Probe> all = probes.stream()
                .filter(p -> time.apply(p) != null)
                .sorted(Comparator.comparingLong(Probe::epochMillis))
                .toList();
        if (all.isEmpty()) {
            return null;
        }
        List<Double> us = all.stream().map(time).sorted().toList();
        double minutes = (all.get(all.size() - 1).epochMillis() - all.get(0).epochMillis()) / 60_000.0;
        return new ProbeSummary(
                SummaryBuilder.round(percentile(us, 0.5), 3),
                SummaryBuilder.round(percentile(us, 0.1), 3),
                SummaryBuilder.round(percentile(us, 0.9), 3),
                all.size(),
                SummaryBuilder.round(minutes, 2));
    }

    /** Linear interpolation between the closest ranks of sorted values (q in [0, 1]). */
    static double percentile(List<Double> sorted, double q) {
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (pos - lo) * (sorted.get(hi) - sorted.get(lo));
    }

    private static List<Double> probes(Paired.PatternResult r) {
        return r.selectOne() == null
                ? List.of()
                : r.selectOne().stream().map(Probe::us).toList();
    }

    private static Optional<Arm> arm(Paired.PatternResult r, Impl impl) {
        return r.arms().stream()
                .filter(a -> !a.floorArm() && impl.matches(a.impl()))
                .findFirst();
    }

    private static int threads(Paired.PatternResult r) {
        return r.threads() == null ? 1 : r.threads();
    }
}
