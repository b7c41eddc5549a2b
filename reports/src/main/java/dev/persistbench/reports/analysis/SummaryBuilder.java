package dev.persistbench.reports.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.contract.Pattern;
import dev.persistbench.reports.input.JmhEntry;
import dev.persistbench.reports.input.JsonFiles;
import dev.persistbench.reports.input.RunData;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.ColdStart;
import dev.persistbench.reports.model.Summary.Environment;
import dev.persistbench.reports.model.Summary.EvolutionSummary;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.model.Summary.ProbeSummary;
import dev.persistbench.reports.model.Summary.SizePoint;
import dev.persistbench.reports.model.Summary.ThreadPoint;
import dev.persistbench.reports.results.ColdStartResult;
import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Implementation;
import dev.persistbench.reports.results.StatementCounts;
import dev.persistbench.reports.results.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * Computes {@link Summary} from {@link RunData}. Headline figures are JMH average time at the
 * lowest thread count and the largest data size measured for the pattern (in a paired run the
 * largest main size: the data-size run's sizes are shown beside it, never ranked); the floor and
 * SELECT 1 are taken at the same data size, so a ratio never mixes two data sets.
 */
public final class SummaryBuilder {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The JMH param that names the implementation. */
    public static final String IMPL_PARAM = JmhEntry.IMPL_PARAM;
    /** The JMH param that names the seeded data size. */
    public static final String SIZE_PARAM = "dataSize";
    /** The bench class of the floors. */
    public static final String FLOOR_CLASS = "FloorBenchmark";

    /** {@link Summary#timing()} of a run with paired.json. */
    public static final String TIMING_PAIRED = "paired";
    /** {@link Summary#timing()} of an older run with JMH scores only. */
    public static final String TIMING_UNPAIRED = "jmh-unpaired";

    /** The caveat of a run without paired.json. */
    public static final String UNPAIRED_CAVEAT = "paired.json is absent (results of an older bench): every ratio"
            + " divides two JMH scores measured minutes apart, not paired round by round, so drift of the machine"
            + " enters it; these ratios are not paired and cannot rank libraries whose figures are close";

    private SummaryBuilder() {}

    /**
     * @param data what was read
     * @param loc lines of code per implementation id and pattern (null values where not found)
     * @param generatedAt the report's timestamp
     * @return the summary
     */
    public static Summary build(RunData data, Map<String, Map<Pattern, Integer>> loc, Instant generatedAt) {
        Catalogue catalogue = data.catalogue();
        List<String> notMeasured = new ArrayList<>(data.gaps());
        Map<String, Implementation> statusById = new LinkedHashMap<>();
        data.implementations().forEach(s -> statusById.put(s.impl(), s));
        List<Implementation> implStatus = new ArrayList<>();
        for (Impl impl : catalogue.impls()) {
            Implementation s = statusById.get(impl.id());
            if (s == null) {
                boolean anyResult = data.jmh().stream().anyMatch(e -> impl.matches(e.impl()))
                        || (data.paired() != null
                                && data.paired().loopback().stream()
                                        .flatMap(r -> r.arms().stream())
                                        .anyMatch(a -> impl.matches(a.impl())));
                s = new Implementation(
                        impl.id(),
                        anyResult ? Status.Timing.TIMED : Status.Timing.MISSING,
                        anyResult
                                ? null
                                : (data.paired() == null ? "no JMH result" : "no paired result")
                                        + " for this implementation"
                                        + (data.implementations().isEmpty()
                                                ? ""
                                                : " and not listed in implementations.json"));
            }
            implStatus.add(s);
            if (!s.timed()) {
                notMeasured.add(impl.id() + " was not timed (" + s.status() + ")"
                        + (s.reason() == null ? "" : ": " + s.reason()));
            }
        }
        data.variants().stream()
                .filter(v -> v.status() != Status.Timing.TIMED)
                .forEach(v -> notMeasured.add(
                        "variant " + v.arm() + " was not timed" + (v.reason() == null ? "" : ": " + v.reason())));
        Map<String, ContractResult> contract = new LinkedHashMap<>();
        data.contract().forEach(c -> contract.put(c.impl(), c));

        List<PatternSummary> patterns = new ArrayList<>();
        for (Pattern p : Pattern.values()) {
            patterns.add(
                    data.paired() == null
                            ? pattern(p, data, implStatus, contract, loc, notMeasured)
                            : PairedPatterns.pattern(p, data, implStatus, contract, loc, notMeasured));
        }
        if (patterns.stream().noneMatch(ps -> distinct(ps.byThreads(), ThreadPoint::threads) > 1)) {
            notMeasured.add("throughput vs threads: not measured (no pattern was run at more than one thread"
                    + " count; the full profile sweeps P02, P06 and P08, -Dbench.threads=1,4,16 adds it to quick)");
        }
        if (patterns.stream().noneMatch(ps -> distinct(ps.bySize(), SizePoint::dataSize) > 1)) {
            notMeasured.add("cost vs data size: not measured (every pattern was run at one data size only; full"
                    + " measures the reads at 50,000 too, -Dbench.scaleSizes=50000 adds that run to quick)");
        }
        if (data.paired() == null || data.paired().distance().isEmpty()) {
            notMeasured.add("cost vs network distance: not measured (no pattern was run through the delaying"
                    + " relay; -Dbench.latency=0.5 adds it to quick, full measures 0.5 and 2 ms)");
        }
        List<ColdStart> coldStart = coldStart(data, notMeasured);
        if (data.environment() != null
                && data.environment().jmh() != null
                && data.environment().jmh().runErrors() != null) {
            data.environment().jmh().runErrors().forEach(e -> notMeasured.add("JMH run error: " + e));
        }
        Map<String, Map<String, String>> reliability = new LinkedHashMap<>();
        Map<String, Map<String, String>> schemaDrift = new LinkedHashMap<>();
        reliability(data, reliability, schemaDrift, notMeasured);
        Environment environment = environment(data.environment());
        boolean paired = data.paired() != null;
        List<String> caveats = new ArrayList<>();
        ProbeSummary probe = paired ? PairedPatterns.probe(data.paired()) : null;
        if (paired) {
            caveats.addAll(PairedPatterns.caveats(environment, patterns, probe));
        } else {
            caveats.add(UNPAIRED_CAVEAT);
        }
        caveats.addAll(caveats(environment, implStatus, contract, patterns));
        EvolutionSummary evolution = EvolutionVerdicts.of(data.evolution(), data.followTrack(), catalogue);
        return new Summary(
                generatedAt.toString(),
                environment,
                paired ? TIMING_PAIRED : TIMING_UNPAIRED,
                paired ? PairedPatterns.method(data.paired()) : Map.of(),
                catalogue.ids(),
                catalogue,
                patterns,
                probe,
                paired ? PairedPatterns.cpuProbe(data.paired(), false) : null,
                paired ? PairedPatterns.cpuProbe(data.paired(), true) : null,
                paired ? NetworkDistances.of(data.paired()) : List.of(),
                paired ? ThreadSweeps.of(data.paired(), catalogue) : List.of(),
                coldStart,
                data.contract(),
                implStatus,
                settings(data.environment(), catalogue, notMeasured),
                notMeasured,
                caveats,
                reliability,
                schemaDrift,
                DecisionGuide.of(catalogue, patterns, coldStart, schemaDrift, evolution),
                evolution,
                EvolutionVerdicts.followTrack(data.followTrack(), catalogue));
    }

    /** Rule and drift outcomes per implementation from the reliability files (format 1). */
    private static void reliability(
            RunData data,
            Map<String, Map<String, String>> rules,
            Map<String, Map<String, String>> drift,
            List<String> notMeasured) {
        if (data.reliability().isEmpty()) {
            notMeasured.add("reliability and schema drift: not measured (no reliability/*.json in the results folder)");
            return;
        }
        java.util.Set<String> withRules = new java.util.TreeSet<>();
        java.util.Set<String> withDrift = new java.util.TreeSet<>();
        for (RunData.ReliabilityFile f : data.reliability()) {
            JsonNode c = f.content();
            String impl = c.hasNonNull("impl") ? c.get("impl").asText() : f.impl();
            c.path("rules").properties().forEach(e -> {
                withRules.add(impl);
                rules.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                        .put(impl, e.getValue().path("status").asText("?"));
            });
            for (JsonNode row : c.path("schemaDrift")) {
                withDrift.add(impl);
                drift.computeIfAbsent(row.path("drift").asText("?"), k -> new LinkedHashMap<>())
                        .put(impl, row.path("outcome").asText("?"));
            }
        }
        for (Impl impl : data.catalogue().impls()) {
            if (!rules.isEmpty() && !withRules.contains(impl.id())) {
                notMeasured.add("reliability rules: no results for " + impl.id());
            }
            if (!drift.isEmpty() && !withDrift.contains(impl.id())) {
                notMeasured.add("schema drift: no results for " + impl.id());
            }
        }
        if (rules.isEmpty()) {
            notMeasured.add("reliability rules: not measured (no rule results in the reliability files)");
        }
        if (drift.isEmpty()) {
            notMeasured.add("schema-drift matrix: not measured (no schemaDrift entries in the reliability files)");
        }
    }

    private static List<String> caveats(
            Environment env,
            List<Implementation> implStatus,
            Map<String, ContractResult> contract,
            List<PatternSummary> patterns) {
        List<String> caveats = new ArrayList<>();
        for (Implementation s : implStatus) {
            ContractResult c = contract.get(s.impl());
            if (s.timed() && (c == null || !c.passed())) {
                caveats.add(s.impl() + " was timed although its contract suite "
                        + (c == null ? "result is missing" : "is " + c.status())
                        + ": its figures may describe code that does not meet the contract");
            }
        }
        if (Boolean.TRUE.equals(env.commitDirty())) {
            caveats.add(
                    "measured with uncommitted changes in the working tree: the commit does not fully identify the code");
        }
        if ("0".equals(env.jmh().get("forks")) || "true".equals(env.jmh().get("inProcess"))) {
            caveats.add(
                    "JMH ran in the runner's own JVM (forks 0): no isolation between benchmarks, figures are indicative only");
        }
        long noError = patterns.stream()
                .flatMap(p -> p.results().stream())
                .filter(r -> r.usPerOp() != null && r.error() == null && r.usPerOpLow() == null)
                .count();
        long wide = patterns.stream()
                .flatMap(p -> p.results().stream())
                .filter(r -> r.usPerOp() != null && r.error() != null && r.error() > 0.5 * r.usPerOp())
                .count();
        if (wide > 0) {
            caveats.add(wide + " figure(s) have an error larger than half of the figure itself: the run was too short"
                    + " or too noisy to rank implementations on them");
        }
        if (noError > 0) {
            caveats.add(noError + " figure(s) have no error estimate (JMH needs more measurement iterations for one):"
                    + " they cannot be compared for significance");
        }
        return caveats;
    }

    static <T> long distinct(List<T> points, ToIntFunction<T> key) {
        return points.stream().mapToInt(key).distinct().count();
    }

    private static PatternSummary pattern(
            Pattern p,
            RunData data,
            List<Implementation> implStatus,
            Map<String, ContractResult> contract,
            Map<String, Map<Pattern, Integer>> loc,
            List<String> notMeasured) {
        List<JmhEntry> runs = data.jmh().stream()
                .filter(e -> e.benchmarkClass().startsWith(p.id()) && timeMode(e))
                .toList();
        List<JmhEntry> avgt = preferAvgt(runs);
        int threads = avgt.stream().mapToInt(JmhEntry::threads).min().orElse(1);
        Integer size = avgt.stream()
                .filter(e -> e.threads() == threads)
                .map(JmhEntry::dataSize)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
        List<JmhEntry> headline = avgt.stream()
                .filter(e -> e.threads() == threads && Objects.equals(e.dataSize(), size))
                .toList();
        Map<String, String> params = new LinkedHashMap<>();
        headline.stream()
                .findFirst()
                .ifPresent(e -> e.params().forEach((k, v) -> {
                    if (!k.equals(IMPL_PARAM) && !k.equals(SIZE_PARAM)) {
                        params.put(k, v);
                    }
                }));
        workload(p, data, params);

        List<JmhEntry> floors = preferAvgt(data.jmh().stream()
                .filter(e -> e.benchmarkClass().equals(FLOOR_CLASS) && timeMode(e))
                .toList());
        Optional<JmhEntry> floor = atSize(
                floors.stream().filter(e -> e.method().equalsIgnoreCase(p.id())).toList(), size, false);
        if (floor.isEmpty()) {
            notMeasured.add(p.id() + ": raw-JDBC floor not measured" + (size == null ? "" : " at dataSize=" + size));
        }
        Optional<JmhEntry> selectOne = atSize(
                floors.stream().filter(e -> e.method().equals("selectOne")).toList(), size, true);
        Double floorUs = floor.map(JmhEntry::usPerOp).orElse(null);
        Double selectOneUs = selectOne.map(JmhEntry::usPerOp).orElse(null);

        List<PatternResult> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Impl impl : data.catalogue().impls()) {
            Implementation status = implStatus.stream()
                    .filter(s -> s.impl().equals(impl.id()))
                    .findFirst()
                    .orElseThrow();
            ContractResult c = contract.get(impl.id());
            Status.Contract contractStatus = c == null ? Status.Contract.MISSING : c.status();
            Integer lines = loc.getOrDefault(impl.id(), Map.of()).get(p);
            Optional<JmhEntry> e =
                    headline.stream().filter(x -> impl.matches(x.impl())).findFirst();
            if (!status.timed() || e.isEmpty()) {
                String reason = !status.timed()
                        ? impl.id() + " not timed" + (status.reason() == null ? "" : ": " + status.reason())
                        : "no JMH result for " + p.id() + (size == null ? "" : " at dataSize=" + size)
                                + " (benchmark not run or failed)";
                if (status.timed()) {
                    missing.add(impl.id());
                }
                results.add(notMeasured(impl, reason, contractStatus, counts(data, p, impl.id()), lines));
                continue;
            }
            JmhEntry r = e.get();
            Optional<JmhEntry> sample = runs.stream()
                    .filter(x -> x.mode().equals("sample")
                            && impl.matches(x.impl())
                            && x.threads() == threads
                            && Objects.equals(x.dataSize(), size))
                    .findFirst();
            Counts counts = counts(data, p, impl.id());
            results.add(new PatternResult(
                    impl.id(),
                    Status.Measure.MEASURED,
                    null,
                    contractStatus,
                    round(r.usPerOp(), 3),
                    null,
                    null,
                    round(r.errorUs(), 3),
                    null,
                    round(r.bytesPerOp(), 0),
                    counts.statements(),
                    counts.roundTrips(),
                    counts.serverStatements(),
                    counts.serverCountNote(),
                    counts.transactions(),
                    counts.shape(),
                    ratio(r.usPerOp(), floorUs),
                    null,
                    null,
                    delta(r.usPerOp(), floorUs),
                    ratio(r.usPerOp(), selectOneUs),
                    delta(r.usPerOp(), selectOneUs),
                    sample.map(s -> round(s.percentilesUs().get("50.0"), 3)).orElse(null),
                    sample.map(s -> round(s.percentilesUs().get("99.0"), 3)).orElse(null),
                    sample.map(s -> round(s.percentilesUs().get("99.9"), 3)).orElse(null),
                    lines,
                    null));
        }
        if (!missing.isEmpty()) {
            notMeasured.add(p.id() + ": no JMH result for " + String.join(", ", missing));
        }

        List<SizePoint> points = new ArrayList<>();
        for (JmhEntry e : avgt) {
            if (e.threads() == threads && e.dataSize() != null) {
                implId(data.catalogue(), e)
                        .ifPresent(id -> points.add(
                                SizePoint.unpaired(id, e.dataSize(), round(e.usPerOp(), 3), round(e.errorUs(), 3))));
            }
        }
        floors.stream()
                .filter(e -> e.method().equalsIgnoreCase(p.id()) && e.threads() == 1 && e.dataSize() != null)
                .forEach(e -> points.add(
                        SizePoint.unpaired("raw-jdbc", e.dataSize(), round(e.usPerOp(), 3), round(e.errorUs(), 3))));
        List<SizePoint> bySize = withGrowth(data.catalogue(), points);

        List<ThreadPoint> byThreads = new ArrayList<>();
        for (JmhEntry e : avgt) {
            if (Objects.equals(e.dataSize(), size)) {
                implId(data.catalogue(), e)
                        .ifPresent(id -> byThreads.add(new ThreadPoint(
                                id,
                                e.threads(),
                                round(e.usPerOp(), 3),
                                round(e.errorUs(), 3),
                                round(e.threads() * 1e6 / e.usPerOp(), 1),
                                null)));
            }
        }
        if (distinct(byThreads, ThreadPoint::threads) < 2) {
            byThreads.clear();
        }
        byThreads.sort(
                Comparator.comparingInt((ThreadPoint x) -> data.catalogue().order(x.impl()))
                        .thenComparingInt(ThreadPoint::threads));

        return new PatternSummary(
                p.id(),
                p.title(),
                size,
                params,
                round(floorUs, 3),
                null,
                null,
                floor.map(f -> round(f.errorUs(), 3)).orElse(null),
                null,
                floor.map(f -> round(f.bytesPerOp(), 0)).orElse(null),
                statements(data, p, "raw-jdbc"),
                round(selectOneUs, 3),
                selectOne.map(s -> round(s.errorUs(), 3)).orElse(null),
                results,
                bySize,
                byThreads,
                fastest(results).orElse(null),
                tied(results),
                null,
                null,
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null);
    }

    /** bench states fixed workload sizes per pattern in environment.json, e.g. "P03batchSize": 1000. */
    static void workload(Pattern p, RunData data, Map<String, String> params) {
        if (data.environment() == null) {
            return;
        }
        asText(data.environment().workload()).forEach((name, value) -> {
            if (name.startsWith(p.id()) && name.length() > p.id().length()) {
                params.putIfAbsent(name.substring(p.id().length()), value);
            }
        });
    }

    /** A result without timing: only counts and lines of code. */
    static PatternResult notMeasured(Impl impl, String reason, Status.Contract contract, Counts c, Integer lines) {
        return new PatternResult(
                impl.id(),
                Status.Measure.NOT_MEASURED,
                reason,
                contract,
                null,
                null,
                null,
                null,
                null,
                null,
                c.statements(),
                c.roundTrips(),
                c.serverStatements(),
                c.serverCountNote(),
                c.transactions(),
                c.shape(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                lines,
                null);
    }

    /**
     * What statements.json says about one operation of a pattern (all null when not captured).
     *
     * @param statements statements the client executed
     * @param roundTrips network waits
     * @param serverStatements statements the server executed
     * @param serverCountNote why the server count is missing
     * @param transactions 0 or 1
     * @param shape SQL shape label
     */
    record Counts(
            Integer statements,
            Integer roundTrips,
            Integer serverStatements,
            String serverCountNote,
            Integer transactions,
            String shape) {}

    static Counts counts(RunData data, Pattern p, String impl) {
        return data.statements().stream()
                .filter(s -> s.pattern().equalsIgnoreCase(p.id()) && s.impl().equals(impl))
                .findFirst()
                .map(s -> new Counts(
                        s.statementsPerOp(),
                        s.roundTrips(),
                        s.serverStatements(),
                        s.serverCountNote(),
                        s.transactions(),
                        s.shape()))
                .orElse(new Counts(null, null, null, null, null, null));
    }

    private static Optional<PatternResult> fastestResult(List<PatternResult> results) {
        return results.stream()
                .filter(r -> r.usPerOp() != null)
                .min(Comparator.comparingDouble(PatternResult::usPerOp));
    }

    private static Optional<String> fastest(List<PatternResult> results) {
        return fastestResult(results).map(PatternResult::impl);
    }

    /** Those the data cannot rank apart from the fastest: |Δ| within the sum of errors, or no error. */
    private static List<String> tied(List<PatternResult> results) {
        Optional<PatternResult> best = fastestResult(results);
        if (best.isEmpty()) {
            return List.of();
        }
        PatternResult f = best.get();
        return results.stream()
                .filter(r -> r.usPerOp() != null && r != f)
                .filter(r ->
                        f.error() == null || r.error() == null || r.usPerOp() - f.usPerOp() <= f.error() + r.error())
                .map(PatternResult::impl)
                .toList();
    }

    /** avgt entries when there are any, else sample-mode ones (their score is the mean too). */
    private static List<JmhEntry> preferAvgt(List<JmhEntry> entries) {
        List<JmhEntry> avgt =
                entries.stream().filter(e -> e.mode().equals("avgt")).toList();
        return avgt.isEmpty()
                ? entries.stream().filter(e -> e.mode().equals("sample")).toList()
                : avgt;
    }

    private static boolean timeMode(JmhEntry e) {
        return e.mode().equals("avgt") || e.mode().equals("sample");
    }

    /** The single-threaded entry at {@code size}; with {@code anySize}, the nearest size if absent. */
    private static Optional<JmhEntry> atSize(List<JmhEntry> entries, Integer size, boolean anySize) {
        List<JmhEntry> single = entries.stream().filter(e -> e.threads() == 1).toList();
        Optional<JmhEntry> exact =
                single.stream().filter(e -> Objects.equals(e.dataSize(), size)).findFirst();
        if (exact.isPresent() || !anySize) {
            return exact;
        }
        return single.stream()
                .min(Comparator.comparingLong(
                        e -> e.dataSize() == null || size == null ? 0 : Math.abs((long) e.dataSize() - size)));
    }

    private static Optional<String> implId(Catalogue catalogue, JmhEntry e) {
        return catalogue.byId(e.impl()).map(Impl::id);
    }

    static Integer statements(RunData data, Pattern p, String impl) {
        return data.statements().stream()
                .filter(s -> s.pattern().equalsIgnoreCase(p.id()) && s.impl().equals(impl))
                .map(StatementCounts::statementsPerOp)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static List<ColdStart> coldStart(RunData data, List<String> notMeasured) {
        List<ColdStart> out = new ArrayList<>();
        for (Impl impl : data.catalogue().impls()) {
            Optional<ColdStartResult> r = data.coldStart().stream()
                    .filter(c -> c.impl().equals(impl.id()))
                    .findFirst();
            if (r.isEmpty()
                    || r.get().runs().isEmpty()
                            && (r.get().medianMs() == null || r.get().error() != null)) {
                String reason = data.coldStart().isEmpty()
                        ? "coldstart.json missing"
                        : r.isEmpty() || r.get().error() == null
                                ? "no cold-start entry for " + impl.id()
                                : "cold start of " + impl.id() + " failed: "
                                        + r.get().error();
                if (!data.coldStart().isEmpty()) {
                    notMeasured.add("cold start: " + reason);
                }
                out.add(new ColdStart(impl.id(), null, null, null, reason));
                continue;
            }
            ColdStartResult c = r.get();
            Double ms = c.medianMs() != null
                    ? Double.valueOf(c.medianMs())
                    : median(c.runs().stream()
                            .map(ColdStartResult.Run::ms)
                            .filter(Objects::nonNull)
                            .map(Long::doubleValue)
                            .toList());
            Double heap = c.medianHeapMb() != null
                    ? c.medianHeapMb()
                    : median(c.runs().stream()
                            .map(ColdStartResult.Run::heapMb)
                            .filter(Objects::nonNull)
                            .toList());
            out.add(new ColdStart(
                    impl.id(),
                    round(ms, 1),
                    round(heap, 1),
                    c.runs().isEmpty() ? null : c.runs().size(),
                    null));
        }
        return out;
    }

    /** The median of {@code values}; null when there are none. */
    public static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> v = new ArrayList<>(values);
        v.sort(Comparator.naturalOrder());
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }

    private static Environment environment(dev.persistbench.reports.results.Environment env) {
        if (env == null) {
            return new Environment(
                    null, null, null, null, null, null, null, Map.of(), null, null, null, null, null, Map.of(),
                    Map.of(), Map.of());
        }
        return new Environment(
                env.postgres(),
                env.jvm(),
                env.cpu(),
                env.cores(),
                env.profile(),
                env.commit(),
                env.commitDirty(),
                env.libraries() == null ? Map.of() : env.libraries(),
                env.os(),
                env.memoryGb() == null ? null : env.memoryGb().doubleValue(),
                env.poolSize(),
                env.dbMode(),
                env.generatedAt(),
                env.driverProperties() == null ? Map.of() : env.driverProperties(),
                asText(env.jmh()),
                asText(env.placement()));
    }

    /** A record's fields as text in their order (nested values as JSON text), those it lacks left out. */
    private static Map<String, String> asText(Record r) {
        return r == null ? Map.of() : JsonFiles.stringMap(JSON.valueToTree(r));
    }

    private static Map<String, Map<String, String>> settings(
            dev.persistbench.reports.results.Environment env, Catalogue catalogue, List<String> notMeasured) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, Map<String, String>> s = env == null || env.settings() == null ? Map.of() : env.settings();
        for (Impl impl : catalogue.impls()) {
            Map<String, String> m = s.get(impl.id());
            if (m == null) {
                notMeasured.add("settings of " + impl.id() + " were not recorded");
                out.put(impl.id(), Map.of());
            } else {
                out.put(impl.id(), m);
            }
        }
        return out;
    }

    static Double ratio(double value, Double base) {
        return base == null || base <= 0 ? null : round(value / base, 4);
    }

    static Double delta(double value, Double base) {
        return base == null ? null : round(value - base, 3);
    }

    /** Rounds half-up to {@code digits} decimals; null stays null. */
    public static Double round(Double v, int digits) {
        if (v == null || !Double.isFinite(v)) {
            return null;
        }
        return java.math.BigDecimal.valueOf(v)
                .setScale(digits, java.math.RoundingMode.HALF_UP)
                .doubleValue();
    }

    /**
     * {@code points} in report order (implementation, then size), each with its growth: its µs/op over
     * the same arm's at the smallest size measured (null at that size).
     */
    static List<SizePoint> withGrowth(Catalogue catalogue, List<SizePoint> points) {
        Map<String, Double> smallest = new LinkedHashMap<>();
        points.stream()
                .sorted(Comparator.comparingInt(SizePoint::dataSize))
                .forEach(x -> smallest.putIfAbsent(x.impl(), x.usPerOp()));
        return points.stream()
                .sorted(Comparator.comparingInt((SizePoint x) -> catalogue.order(x.impl()))
                        .thenComparingInt(SizePoint::dataSize))
                .map(x -> {
                    double base = smallest.get(x.impl());
                    boolean first =
                            points.stream().noneMatch(o -> o.impl().equals(x.impl()) && o.dataSize() < x.dataSize());
                    return x.withGrowth(first || base <= 0 ? null : round(x.usPerOp() / base, 3));
                })
                .toList();
    }

    /** Distinct data sizes measured over all patterns, ascending. */
    public static List<Integer> dataSizes(Summary s) {
        TreeSet<Integer> sizes = new TreeSet<>();
        s.patterns().forEach(p -> p.bySize().forEach(x -> sizes.add(x.dataSize())));
        return new ArrayList<>(sizes);
    }
}
