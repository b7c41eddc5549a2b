package dev.persistbench.reports.render;

import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.Variant;
import dev.persistbench.reports.analysis.SummaryBuilder;
import dev.persistbench.reports.chart.Chart;
import dev.persistbench.reports.chart.Charts;
import dev.persistbench.reports.input.RunData;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.model.Summary.ProbeSummary;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Paired.Probe;
import dev.persistbench.reports.results.StatementCounts;
import dev.persistbench.reports.source.CodeExtractor;
import dev.persistbench.reports.source.CodeSnippet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the HTML and Markdown show, pre-formatted, so the templates only lay it out.
 *
 * @param summary the numbers (also written as summary.json)
 * @param paired whether the figures come from paired.json (all arms interleaved in one fork)
 * @param environmentLine the line printed under every chart
 * @param implementations implementation ids and labels in report order
 * @param libraries their labels joined by " vs ", for the report's title
 * @param patterns one view per pattern
 * @param overheadChart ratio-to-floor chart, null when no floor was measured
 * @param coldStartChart cold start chart, null when not measured
 * @param probeChart the SELECT 1 probe through the run, null when not measured (unpaired runs)
 * @param probeLine one line: median and p10-p90 of the probe, null when not measured
 * @param cpuProbeLine one line: the CPU probe's loop and memory walk over the run and how far the
 *     patterns' forks lay apart, null when not measured (results from a bench without it)
 * @param sizeCharts cost-vs-data-size charts (empty when one size only)
 * @param sizeTables the same patterns' figures at each size, one table per chart, in the same order
 * @param threadCharts throughput-vs-threads charts (empty when not measured)
 * @param threadSweep one table per thread-sweep pattern (empty when not measured)
 * @param networkDistance the network patterns through the delaying relay, null when not measured
 * @param settings the settings per implementation
 * @param reliability reliability rules, figures and schema-drift matrix
 * @param evolution the schema-evolution rehearsal, or the text saying it was not run
 */
public record ReportView(
        Summary summary,
        boolean paired,
        String environmentLine,
        List<ImplLabel> implementations,
        String libraries,
        List<PatternView> patterns,
        Chart overheadChart,
        Chart coldStartChart,
        Chart probeChart,
        String probeLine,
        String cpuProbeLine,
        List<Chart> sizeCharts,
        List<Table> sizeTables,
        List<Chart> threadCharts,
        List<Table> threadSweep,
        Table networkDistance,
        List<SettingsView> settings,
        ReliabilityTables reliability,
        EvolutionView evolution) {

    /** What the paired figures are: "Hodges-Lehmann estimate", or "median" in results written before it. */
    public String estimator() {
        return Summary.estimator(summary.pairedMethod());
    }

    /**
     * @param id implementation id
     * @param label display name
     * @param version library version
     */
    public record ImplLabel(String id, String label, String version) {}

    /**
     * One pattern.
     *
     * @param id P01..P13
     * @param title title
     * @param dataSize data size of the headline figures
     * @param params other JMH params, "batchSize=100"
     * @param floor floor µs/op text
     * @param selectOne SELECT 1 µs/op text
     * @param floorStatements floor statements per op text
     * @param chart the bar chart, null when nothing was measured
     * @param rows one row per implementation
     * @param sql the SQL each implementation sent
     * @param code each implementation's code
     * @param fastest "jdbc" or "jdbc ≈ jooq, mybatis" (ties within the combined error), "—" if none; in a
     *     paired run the ranking line
     * @param ranking paired runs: "jOOQ < Hibernate ORM = MyBatis" from the groups, "—" if none
     * @param run paired runs: threads, placement, rounds, warm-up and the SELECT 1 probe of the pattern
     * @param settled false when some arm of the pattern never settled
     * @param arms paired runs: one row per implementation and the floor
     * @param notes remarks under the arms table (server counts not kept, ...)
     */
    public record PatternView(
            String id,
            String title,
            String dataSize,
            String params,
            String floor,
            String selectOne,
            String floorStatements,
            Chart chart,
            List<Row> rows,
            List<SqlView> sql,
            List<CodeSnippet> code,
            String fastest,
            String ranking,
            String run,
            boolean settled,
            List<ArmRow> arms,
            List<String> notes) {}

    /**
     * One arm of a paired pattern: an implementation or the floor.
     *
     * @param impl implementation id or raw-jdbc
     * @param floor whether it is the floor
     * @param measured whether timed
     * @param reason why not
     * @param usPerOp "17.5 [17.2, 17.9]"
     * @param ratioToFloor "1.38× [1.35, 1.41]"
     * @param settled false when its slices never stopped trending
     * @param bytesPerOp B/op
     * @param roundTrips network waits per op
     * @param serverStatements statements the server executed per op
     * @param clientStatements statements the client executed per op
     * @param transaction yes, no or —
     * @param shape SQL shape label, "" when none
     * @param loc lines of code
     * @param contract contract status ("" for the floor)
     */
    public record ArmRow(
            String impl,
            boolean floor,
            boolean measured,
            String reason,
            String usPerOp,
            String ratioToFloor,
            boolean settled,
            String bytesPerOp,
            String roundTrips,
            String serverStatements,
            String clientStatements,
            String transaction,
            String shape,
            String loc,
            String contract) {}

    /**
     * A table row of one implementation in one pattern.
     *
     * @param impl implementation id
     * @param measured whether timed
     * @param reason why not
     * @param contract contract status
     * @param usPerOp "85.0 ± 1.1"
     * @param ratioToFloor "1.06×"
     * @param deltaToFloor "+4.9"
     * @param ratioToSelectOne "1.41×"
     * @param deltaToSelectOne "+24.8"
     * @param statements statements per op
     * @param bytesPerOp B/op
     * @param percentiles "p50 80 / p99 120 / p99.9 400", empty when not sampled
     * @param loc lines of code
     * @param cost "1 stmt · 6.6 KB · 12 lines", for the overview table
     * @param settled false when a paired figure never settled
     */
    public record Row(
            String impl,
            boolean measured,
            String reason,
            String contract,
            String usPerOp,
            String ratioToFloor,
            String deltaToFloor,
            String ratioToSelectOne,
            String deltaToSelectOne,
            String statements,
            String bytesPerOp,
            String percentiles,
            String loc,
            String cost,
            boolean settled) {}

    /**
     * SQL one implementation sent for one op of a pattern.
     *
     * @param impl implementation id or raw-jdbc
     * @param statementsPerOp count text
     * @param sql statements, as captured; empty when not captured
     * @param counts "1 round trip · no transaction · one joined SELECT", what else statements.json says; "" if nothing
     */
    public record SqlView(String impl, String statementsPerOp, List<String> sql, String counts) {}

    /**
     * @param impl implementation id
     * @param label display name
     * @param entries name to value
     * @param setup the implementation's code marked {@code mapping} and {@code config}, shown once
     *     per implementation with their own line counts
     */
    public record SettingsView(
            String impl, String label, List<Map.Entry<String, String>> entries, List<CodeSnippet> setup) {}

    /**
     * A generic table.
     *
     * @param title caption
     * @param headers column names
     * @param rows cells
     */
    public record Table(String title, List<String> headers, List<List<String>> rows) {}

    /** Builds the view: charts, code and SQL for every pattern. */
    public static ReportView of(Summary summary, RunData data, CodeExtractor code) {
        String envLine = Charts.environmentLine(summary.environment(), summary.catalogue());
        boolean paired = SummaryBuilder.TIMING_PAIRED.equals(summary.timing());
        Catalogue catalogue = summary.catalogue();
        Charts charts = new Charts(catalogue);
        List<ImplLabel> impls = new ArrayList<>();
        for (Impl impl : catalogue.impls()) {
            impls.add(new ImplLabel(
                    impl.id(), impl.label(), summary.environment().libraries().get(impl.libraryKey())));
        }
        List<PatternView> patterns = new ArrayList<>();
        List<Chart> sizeCharts = new ArrayList<>();
        List<Table> sizeTables = new ArrayList<>();
        List<Chart> threadCharts = new ArrayList<>();
        for (PatternSummary p : summary.patterns()) {
            Pattern pattern = Pattern.byId(p.id()).orElseThrow();
            List<Row> rows = p.results().stream().map(r -> row(r, paired)).toList();
            List<SqlView> sql = new ArrayList<>();
            for (Impl impl : catalogue.impls()) {
                sql.add(sql(data, p.id(), impl.id()));
            }
            if (p.floorUsPerOp() != null || statement(data, p.id(), "raw-jdbc") != null) {
                sql.add(sql(data, p.id(), "raw-jdbc"));
            }
            List<CodeSnippet> snippets = new ArrayList<>();
            for (Impl impl : catalogue.impls()) {
                snippets.add(code.extract(impl, pattern));
            }
            String params = p.params().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            patterns.add(new PatternView(
                    p.id(),
                    p.title(),
                    p.dataSize() == null ? Fmt.NONE : Fmt.integer(p.dataSize()),
                    params,
                    floor(p, paired),
                    paired ? Fmt.us(p.selectOneUsPerOp()) : Fmt.usErr(p.selectOneUsPerOp(), p.selectOneError()),
                    Fmt.integer(p.floorStatementsPerOp()),
                    charts.pattern(p).orElse(null),
                    rows,
                    sql,
                    snippets,
                    paired ? ranking(p, catalogue) : fastest(p),
                    paired ? ranking(p, catalogue) : Fmt.NONE,
                    paired ? run(p) : "",
                    !Boolean.FALSE.equals(p.settled()),
                    paired ? arms(p, data) : List.of(),
                    paired ? notes(p, data, catalogue) : List.of()));
            charts.dataSize(p).ifPresent(c -> {
                sizeCharts.add(c);
                sizeTables.add(sizeTable(p, catalogue));
            });
            charts.threads(p).ifPresent(threadCharts::add);
        }
        List<SettingsView> settings = new ArrayList<>();
        for (Impl impl : catalogue.impls()) {
            settings.add(new SettingsView(
                    impl.id(),
                    impl.label(),
                    new ArrayList<>(
                            summary.settings().getOrDefault(impl.id(), Map.of()).entrySet()),
                    java.util.stream.Stream.concat(
                                    CodeExtractor.SETUP_TAGS.stream(),
                                    // The code each measured variant adds to the default, with its own count.
                                    data.variants().stream()
                                            .filter(v -> v.impl().equals(impl.id()))
                                            .map(v -> CodeExtractor.VARIANT_PREFIX + v.variant()))
                            .map(tag -> code.extract(impl, tag))
                            .toList()));
        }
        String probeLine = probeLine(summary.selectOneProbe());
        Chart probeChart = paired
                ? charts.probe(probes(data.paired()), starts(data.paired()), summary.selectOneProbe(), probeLine)
                        .orElse(null)
                : null;
        return new ReportView(
                summary,
                paired,
                envLine,
                impls,
                catalogue.labels(catalogue.ids(), " vs "),
                patterns,
                charts.overhead(summary).orElse(null),
                charts.coldStart(summary).orElse(null),
                probeChart,
                probeLine,
                cpuProbeLine(summary),
                sizeCharts,
                sizeTables,
                threadCharts,
                threadSweep(summary.threadSweep(), catalogue),
                networkDistance(summary.networkDistance(), catalogue),
                settings,
                ReliabilityTables.of(data.reliability(), catalogue),
                EvolutionView.of(summary.evolution(), summary.followTrack(), catalogue));
    }

    /**
     * The Markdown link target of a report section named by its HTML id (a decision-guide anchor):
     * the GitHub slug of the heading report.md gives that section.
     *
     * @param anchor HTML id: a pattern id, "coldstart", "cost", "scaling", "reliability" or "evolution"
     * @return the slug, without "#"
     */
    public String mdAnchor(String anchor) {
        String heading = switch (anchor) {
            case "coldstart" -> "Cold start";
            case "cost" -> "Statements, allocation and code per operation";
            case "scaling" -> "Scaling";
            case "reliability" -> "Reliability and schema drift";
            case "evolution" -> "Schema evolution";
            default ->
                summary.patterns().stream()
                        .filter(p -> p.id().equals(anchor))
                        .map(p -> p.id() + " " + p.title())
                        .findFirst()
                        .orElse(anchor);
        };
        return heading.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    /** All charts of the report, for writing them out as files. */
    public List<Chart> allCharts() {
        List<Chart> all = new ArrayList<>();
        patterns.stream().map(PatternView::chart).filter(c -> c != null).forEach(all::add);
        if (overheadChart != null) {
            all.add(overheadChart);
        }
        all.addAll(sizeCharts);
        all.addAll(threadCharts);
        if (coldStartChart != null) {
            all.add(coldStartChart);
        }
        if (probeChart != null) {
            all.add(probeChart);
        }
        return all;
    }

    /** How "=" reads in a ranking line. */
    public static final String RANKING_LEGEND = "(= : this run does not split them)";

    /** {@link #RANKING_LEGEND}, for the templates' ranking lines. */
    public String rankingLegend() {
        return RANKING_LEGEND;
    }

    /**
     * "jOOQ < Hibernate ORM = MyBatis = Spring JDBC": groups fastest first, joined by "<"; inside a
     * group the members in report order (the run shows no cut through it), joined by "="; then the
     * orders the run did show inside a group, "inside a group, shown: Spring JDBC < MyBatis".
     */
    public static String ranking(PatternSummary p, Catalogue catalogue) {
        if (p.groups() == null || p.groups().isEmpty()) {
            return Fmt.NONE;
        }
        String line = p.groups().stream().map(g -> catalogue.labels(g, " = ")).collect(Collectors.joining(" < "));
        if (p.ordersInGroups() != null && !p.ordersInGroups().isEmpty()) {
            line += "; inside a group, shown: "
                    + p.ordersInGroups().stream()
                            .map(o -> catalogue.labels(o, " < "))
                            .collect(Collectors.joining(", "));
        }
        List<String> unranked = p.results().stream()
                .filter(r -> r.usPerOp() != null)
                .map(PatternResult::impl)
                .filter(id -> p.groups().stream().noneMatch(g -> g.contains(id)))
                .map(catalogue::label)
                .toList();
        return unranked.isEmpty() ? line : line + "; not ranked: " + String.join(", ", unranked);
    }

    private static String floor(PatternSummary p, boolean paired) {
        if (paired) {
            if (p.floorUsPerOp() == null) {
                return "no floor arm";
            }
            return Fmt.interval(p.floorUsPerOp(), p.floorUsPerOpLow(), p.floorUsPerOpHigh())
                    + (Boolean.FALSE.equals(p.floorSettled()) ? " " + NOT_SETTLED : "");
        }
        return p.floorUsPerOp() != null ? Fmt.usErr(p.floorUsPerOp(), p.floorError()) : "no floor for this pattern";
    }

    /** The mark of a figure whose slices never stopped trending. */
    public static final String NOT_SETTLED = "(not settled)";

    /**
     * A pattern measured at several data sizes: per implementation and the floor, µs/op and the
     * ratio to the floor at each size, and the growth of µs/op from the smallest size to the largest.
     */
    static Table sizeTable(PatternSummary p, Catalogue catalogue) {
        List<Integer> sizes = p.bySize().stream()
                .map(Summary.SizePoint::dataSize)
                .distinct()
                .sorted()
                .toList();
        List<String> headers = new ArrayList<>(List.of("implementation"));
        sizes.forEach(n -> headers.add("µs/op at " + Fmt.integer(n)));
        sizes.forEach(n -> headers.add("× floor at " + Fmt.integer(n)));
        headers.add("growth " + Fmt.integer(sizes.get(0)) + " → " + Fmt.integer(sizes.get(sizes.size() - 1)));
        List<List<String>> rows = new ArrayList<>();
        for (String impl :
                p.bySize().stream().map(Summary.SizePoint::impl).distinct().toList()) {
            List<String> row = new ArrayList<>(List.of(armLabel(impl, catalogue)));
            List<Summary.SizePoint> points = sizes.stream()
                    .map(n -> p.bySize().stream()
                            .filter(x -> x.impl().equals(impl) && x.dataSize() == n)
                            .findFirst()
                            .orElse(null))
                    .toList();
            points.forEach(x -> row.add(
                    x == null
                            ? Fmt.NONE
                            : Fmt.interval(x.usPerOp(), x.usPerOpLow(), x.usPerOpHigh())
                                    + (Boolean.FALSE.equals(x.settled()) ? " " + NOT_SETTLED : "")));
            points.forEach(x -> row.add(
                    x == null
                            ? Fmt.NONE
                            : Fmt.ratioInterval(x.ratioToFloor(), x.ratioToFloorLow(), x.ratioToFloorHigh())));
            Summary.SizePoint largest = points.get(points.size() - 1);
            row.add(largest == null || points.get(0) == null ? Fmt.NONE : Fmt.ratio(largest.growth()));
            rows.add(row);
        }
        return new Table(
                p.id() + " " + p.title() + ": cost vs data size (dataSize n: n customers and products, 2n orders)",
                headers,
                rows);
    }

    /**
     * Per thread-sweep pattern (and data size) a table: one row per arm, for every thread count its
     * throughput, latency percentiles and failed operations; the title names the pool, placement and
     * server counts of each thread count's fork.
     */
    static List<Table> threadSweep(List<Summary.SweepPoint> points, Catalogue catalogue) {
        List<Table> out = new ArrayList<>();
        if (points == null) {
            return out;
        }
        Map<String, List<Summary.SweepPoint>> byPattern = new java.util.LinkedHashMap<>();
        points.forEach(pt -> byPattern
                .computeIfAbsent(pt.pattern() + " " + pt.dataSize(), k -> new ArrayList<>())
                .add(pt));
        for (List<Summary.SweepPoint> pts : byPattern.values()) {
            List<Integer> threads = pts.stream()
                    .map(Summary.SweepPoint::threads)
                    .distinct()
                    .sorted()
                    .toList();
            List<String> headers = new ArrayList<>(List.of("implementation"));
            for (int n : threads) {
                String at = " (" + n + (n == 1 ? " thread)" : " threads)");
                headers.addAll(List.of("ops/s" + at, "p50 / p99 / p99.9 µs" + at, "errors" + at));
            }
            List<List<String>> rows = new ArrayList<>();
            for (String impl :
                    pts.stream().map(Summary.SweepPoint::impl).distinct().toList()) {
                List<String> row = new ArrayList<>(List.of(armLabel(impl, catalogue)));
                for (int n : threads) {
                    Summary.SweepPoint pt = pts.stream()
                            .filter(x -> x.impl().equals(impl) && x.threads() == n)
                            .findFirst()
                            .orElse(null);
                    if (pt == null || pt.opsPerSecond() == null) {
                        row.addAll(List.of(Fmt.NONE, Fmt.NONE, Fmt.NONE));
                        continue;
                    }
                    row.add(String.format(java.util.Locale.ROOT, "%,.0f", pt.opsPerSecond())
                            + (Boolean.FALSE.equals(pt.settled()) ? " " + NOT_SETTLED : ""));
                    row.add(Fmt.us(pt.p50Us()) + " / " + Fmt.us(pt.p99Us()) + " / " + Fmt.us(pt.p999Us()));
                    row.add(errors(pt));
                }
                rows.add(row);
            }
            Summary.SweepPoint first = pts.getFirst();
            List<String> forks = new ArrayList<>();
            for (int n : threads) {
                Summary.SweepPoint pt =
                        pts.stream().filter(x -> x.threads() == n).findFirst().orElseThrow();
                forks.add(n + " thread(s): pool " + Fmt.integer(pt.poolSize()) + ", server "
                        + Fmt.integer(pt.serverRollbacks()) + " rollbacks, " + Fmt.integer(pt.serverDeadlocks())
                        + " deadlocks"
                        + (pt.placement() == null || pt.placement().isBlank() ? "" : "; " + pt.placement()));
            }
            out.add(new Table(
                    first.pattern() + " throughput vs threads, data size " + Fmt.integer(first.dataSize()) + " ("
                            + String.join("; ", forks) + ")",
                    headers,
                    rows));
        }
        return out;
    }

    /** "0", or "12 (StaleVersionException 12)": failed operations with their classes. */
    private static String errors(Summary.SweepPoint pt) {
        if (pt.errors() == null) {
            return Fmt.NONE;
        }
        if (pt.errors() == 0 || pt.errorsByType() == null || pt.errorsByType().isEmpty()) {
            return String.valueOf(pt.errors());
        }
        return pt.errors() + " ("
                + pt.errorsByType().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))
                + ")";
    }

    /** The label of an arm: its implementation's, or the floor's. */
    private static String armLabel(String impl, Catalogue catalogue) {
        return catalogue.byId(impl).map(Impl::label).orElse("raw-JDBC floor");
    }

    /** One row per network pattern, arm and added round trip; null when the run measured none. */
    private static Table networkDistance(List<Summary.DistancePoint> points, Catalogue catalogue) {
        if (points == null || points.isEmpty()) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Summary.DistancePoint d : points) {
            String label = armLabel(d.impl(), catalogue);
            rows.add(List.of(
                    d.pattern(),
                    label,
                    "+"
                            + java.math.BigDecimal.valueOf(d.addedRttMicros(), 3)
                                    .stripTrailingZeros()
                                    .toPlainString() + " ms",
                    Fmt.us(d.loopbackRoundTripUs()) + " → " + Fmt.us(d.roundTripUs()),
                    Fmt.interval(d.usPerOp(), d.usPerOpLow(), d.usPerOpHigh())
                            + (Boolean.FALSE.equals(d.settled()) ? " " + NOT_SETTLED : ""),
                    d.ratioToFloor() == null
                            ? Fmt.NONE
                            : Fmt.ratioInterval(d.ratioToFloor(), d.ratioToFloorLow(), d.ratioToFloorHigh()),
                    d.gapToFloorUs() == null
                            ? Fmt.NONE
                            : Fmt.us(d.loopbackGapToFloorUs()) + " → " + Fmt.us(d.gapToFloorUs()),
                    d.extraRoundTrips() == null
                            ? Fmt.NONE
                            : String.format(java.util.Locale.ROOT, "%.1f", d.extraRoundTrips())));
        }
        return new Table(
                "Cost vs network distance: the same patterns with every arm's pool behind a relay that delays"
                        + " each round trip",
                List.of(
                        "pattern",
                        "implementation",
                        "added round trip",
                        "SELECT 1 µs (loopback → here)",
                        "µs/op here",
                        "× floor here",
                        "µs above the floor (loopback → here)",
                        "extra round trips vs the floor (est.)"),
                rows);
    }

    /** " (jooq from round 3, jdbc from round 0)": implementations counted from a round of their own. */
    private static String ownSteadyRounds(PatternSummary p) {
        if (p.armsSteadyFromRound() == null || p.armsSteadyFromRound().isEmpty()) {
            return "";
        }
        List<String> own = new ArrayList<>();
        p.armsSteadyFromRound().forEach((impl, round) -> own.add(impl + " from round " + round));
        return " (" + String.join(", ", own) + ")";
    }

    private static String run(PatternSummary p) {
        List<String> parts = new ArrayList<>();
        if (p.threads() != null) {
            parts.add(p.threads() + (p.threads() == 1 ? " thread" : " threads"));
        }
        if (p.placement() != null) {
            parts.add("placement " + p.placement());
        }
        boolean jvms = p.forks() != null && p.forks() > 1;
        if (jvms) {
            parts.add(p.forks() + " JVMs, each settling on its own; the intervals and groups hold the spread between"
                    + " them");
        }
        if (p.rounds() != null) {
            parts.add(p.rounds() + " rounds" + (jvms ? " in all" : "")
                    + (p.steadyFromRound() == null
                            ? ""
                            : ", steady from round " + p.steadyFromRound() + (jvms ? " (the latest JVM's)" : ""))
                    + ownSteadyRounds(p)
                    + (p.warmupSeconds() == null
                            ? ""
                            : " (" + Fmt.us(p.warmupSeconds()) + " s warm-up" + (jvms ? " per JVM" : "")
                                    + (p.warmUpPhaseSeconds() == null || p.warmUpPhaseSeconds() == 0
                                            ? ""
                                            : ", " + Fmt.us(p.warmUpPhaseSeconds()) + " s of it untimed"
                                                    + (Boolean.TRUE.equals(p.warmUpCapReached())
                                                            ? " up to its cap"
                                                            : ""))
                                    + ")"));
        }
        if (Boolean.FALSE.equals(p.settled())) {
            parts.add("NOT SETTLED: some arm was still trending when the run ended");
        }
        if (p.jitStillCompiling()) {
            parts.add("JIT STILL COMPILING: the JIT compilers were busy for " + Fmt.share(p.jitShare())
                    + " of the steady rounds (the figures may still have been falling)");
        }
        if (p.selectOneUsPerOp() != null) {
            Double spread = ProbeSummary.spread(p.selectOneProbe());
            parts.add("SELECT 1 probe median " + Fmt.us(p.selectOneUsPerOp()) + " µs"
                    + (spread == null ? "" : ", spread " + Fmt.share(spread))
                    + (Boolean.TRUE.equals(ProbeSummary.noisy(p.selectOneProbe()))
                            ? " (NOISY: the round trip was unsteady while this pattern ran)"
                            : ""));
        }
        if (p.cpuLoopProbe() != null && p.cpuLoopProbe().medianUs() != null) {
            parts.add("CPU loop median " + Fmt.us(p.cpuLoopProbe().medianUs()) + " µs"
                    + (p.memoryWalkProbe() == null || p.memoryWalkProbe().medianUs() == null
                            ? ""
                            : ", memory walk " + Fmt.us(p.memoryWalkProbe().medianUs()) + " µs"));
        }
        return String.join(" · ", parts);
    }

    private static List<ArmRow> arms(PatternSummary p, RunData data) {
        List<ArmRow> rows = new ArrayList<>();
        List<PatternResult> all = new ArrayList<>(p.results());
        all.addAll(p.variants());
        for (PatternResult r : all) {
            rows.add(new ArmRow(
                    Variant.isArmOfVariant(r.impl()) ? r.impl() + " (variant)" : r.impl(),
                    false,
                    r.usPerOp() != null,
                    r.reason(),
                    Fmt.interval(r.usPerOp(), r.usPerOpLow(), r.usPerOpHigh()),
                    Fmt.ratioInterval(r.ratioToFloor(), r.ratioToFloorLow(), r.ratioToFloorHigh()),
                    !Boolean.FALSE.equals(r.settled()),
                    Fmt.integer(r.bytesPerOp()),
                    Fmt.integer(r.roundTrips()),
                    Fmt.integer(r.serverStatements()),
                    Fmt.integer(r.statementsPerOp()),
                    Fmt.transaction(r.transactions()),
                    r.shape() == null ? "" : r.shape(),
                    Fmt.integer(r.loc()),
                    r.contract().toString()));
        }
        if (p.floorUsPerOp() != null) {
            StatementCounts s = statement(data, p.id(), "raw-jdbc");
            rows.add(new ArmRow(
                    "raw-jdbc",
                    true,
                    true,
                    null,
                    Fmt.interval(p.floorUsPerOp(), p.floorUsPerOpLow(), p.floorUsPerOpHigh()),
                    "1 (floor)",
                    !Boolean.FALSE.equals(p.floorSettled()),
                    Fmt.integer(p.floorBytesPerOp()),
                    Fmt.integer(s == null ? null : s.roundTrips()),
                    Fmt.integer(s == null ? null : s.serverStatements()),
                    Fmt.integer(s == null ? null : s.statementsPerOp()),
                    Fmt.transaction(s == null ? null : s.transactions()),
                    s == null || s.shape() == null ? "" : s.shape(),
                    "",
                    ""));
        }
        return rows;
    }

    private static List<String> notes(PatternSummary p, RunData data, Catalogue catalogue) {
        List<String> out = new ArrayList<>();
        List<String> byJvm = p.results().stream()
                .filter(r ->
                        r.ratioToFloorByJvm() != null && !r.ratioToFloorByJvm().isEmpty())
                .map(r -> catalogue.label(r.impl()) + " "
                        + r.ratioToFloorByJvm().stream().map(Fmt::ratio).collect(Collectors.joining(", ")))
                .toList();
        if (!byJvm.isEmpty()) {
            out.add("Ratio to the floor in each JVM, in the order they ran (the row pools them): "
                    + String.join("; ", byJvm) + ".");
        }
        for (PatternResult r : p.results()) {
            if (r.serverStatements() == null && r.serverCountNote() != null) {
                out.add(r.impl() + ": server statements not counted: " + r.serverCountNote());
            }
        }
        for (PatternResult r : p.variants()) {
            data.variants().stream()
                    .filter(v -> v.arm().equals(r.impl()))
                    .findFirst()
                    .ifPresent(v ->
                            out.add(v.arm() + " is a variant of " + catalogue.label(v.impl()) + ", measured in the same"
                                    + " fork and not ranked; the row " + v.impl() + " is the implementation's default. "
                                    + v.description()));
        }
        return out;
    }

    /** "SELECT 1 probe: median 9.30 µs, p10–p90 8.90–10.4 µs (spread 16 % of the median), 240 probes over 42.0 min". */
    static String probeLine(Summary.ProbeSummary probe) {
        if (probe == null || probe.medianUs() == null) {
            return null;
        }
        Double share = Summary.ProbeSummary.spread(probe);
        String spread = share != null ? " (spread " + Fmt.share(share) + " of the median)" : "";
        return "SELECT 1 probe: median " + Fmt.us(probe.medianUs()) + " µs, p10–p90 " + Fmt.us(probe.p10Us()) + "–"
                + Fmt.us(probe.p90Us()) + " µs" + spread + ", " + Fmt.integer(probe.probes()) + " probes over "
                + Fmt.us(probe.minutes()) + " min";
    }

    /**
     * "CPU probe, the same fixed work on the measuring thread before every slice: loop median 386.3 µs, p10–p90
     * 380.0–411.9 µs (spread 8 %), the forks' medians 384.0–391.2 µs (2 % apart); memory walk median …";
     * null when the run has no CPU probe.
     */
    static String cpuProbeLine(Summary summary) {
        List<String> parts = new ArrayList<>();
        cpuProbePart("loop", summary.cpuLoopProbe(), summary, PatternSummary::cpuLoopProbe)
                .ifPresent(parts::add);
        cpuProbePart("memory walk", summary.memoryWalkProbe(), summary, PatternSummary::memoryWalkProbe)
                .ifPresent(parts::add);
        return parts.isEmpty()
                ? null
                : "CPU probe, the same fixed work on the measuring thread before every slice: "
                        + String.join("; ", parts);
    }

    /** One of the CPU probe's two parts over the run ({@code run}) and its forks ({@code fork} of each pattern). */
    private static Optional<String> cpuProbePart(
            String name,
            ProbeSummary run,
            Summary summary,
            java.util.function.Function<PatternSummary, ProbeSummary> fork) {
        if (run == null || run.medianUs() == null) {
            return Optional.empty();
        }
        Double share = ProbeSummary.spread(run);
        List<Double> medians = summary.patterns().stream()
                .map(fork)
                .filter(f -> f != null && f.medianUs() != null)
                .map(ProbeSummary::medianUs)
                .sorted()
                .toList();
        String apart = medians.size() < 2
                ? ""
                : ", the forks' medians " + Fmt.us(medians.get(0)) + "–" + Fmt.us(medians.get(medians.size() - 1))
                        + " µs (" + Fmt.share(medians.get(medians.size() - 1) / medians.get(0) - 1) + " apart)";
        return Optional.of(name + " median " + Fmt.us(run.medianUs()) + " µs, p10–p90 " + Fmt.us(run.p10Us())
                + "–" + Fmt.us(run.p90Us()) + " µs" + (share == null ? "" : " (spread " + Fmt.share(share) + ")")
                + apart);
    }

    /** Every probe as {minutes since the first probe, µs}, in time order. */
    private static List<double[]> probes(Paired run) {
        List<Probe> all = run.loopbackProbes();
        if (all.isEmpty()) {
            return List.of();
        }
        long start = all.get(0).epochMillis();
        return all.stream()
                .map(pr -> new double[] {(pr.epochMillis() - start) / 60_000.0, pr.us()})
                .toList();
    }

    /** The minute each pattern's probes begin. */
    private static Map<String, Double> starts(Paired run) {
        List<Probe> all = run.loopbackProbes();
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        if (all.isEmpty()) {
            return out;
        }
        long start = all.get(0).epochMillis();
        run.loopback().stream()
                .filter(r -> r.selectOne() != null && !r.selectOne().isEmpty())
                .sorted(Comparator.comparingLong(r -> r.selectOne().stream()
                        .mapToLong(Probe::epochMillis)
                        .min()
                        .orElse(0)))
                .forEach(r -> out.putIfAbsent(
                        r.pattern(),
                        (r.selectOne().stream()
                                                .mapToLong(Probe::epochMillis)
                                                .min()
                                                .orElse(start)
                                        - start)
                                / 60_000.0));
        return out;
    }

    private static String fastest(PatternSummary p) {
        if (p.fastest() == null) {
            return Fmt.NONE;
        }
        return p.tiedWithFastest() == null || p.tiedWithFastest().isEmpty()
                ? p.fastest()
                : p.fastest() + " ≈ " + String.join(", ", p.tiedWithFastest());
    }

    private static Row row(PatternResult r, boolean paired) {
        String pct = r.p50Us() == null
                ? ""
                : "p50 " + Fmt.us(r.p50Us()) + " / p99 " + Fmt.us(r.p99Us()) + " / p99.9 " + Fmt.us(r.p999Us());
        return new Row(
                r.impl(),
                r.usPerOp() != null,
                r.reason(),
                r.contract().toString(),
                paired ? Fmt.interval(r.usPerOp(), r.usPerOpLow(), r.usPerOpHigh()) : Fmt.usErr(r.usPerOp(), r.error()),
                paired
                        ? Fmt.ratioInterval(r.ratioToFloor(), r.ratioToFloorLow(), r.ratioToFloorHigh())
                        : Fmt.ratio(r.ratioToFloor()),
                Fmt.delta(r.deltaToFloorUs()),
                Fmt.ratio(r.ratioToSelectOne()),
                Fmt.delta(r.deltaToSelectOneUs()),
                Fmt.integer(r.statementsPerOp()),
                Fmt.integer(r.bytesPerOp()),
                pct,
                Fmt.integer(r.loc()),
                cost(r),
                !Boolean.FALSE.equals(r.settled()));
    }

    /** "1 stmt · 6.6 KB · 12 lines", leaving out what is unknown; "—" when nothing is. */
    private static String cost(PatternResult r) {
        List<String> parts = new ArrayList<>();
        if (r.statementsPerOp() != null) {
            parts.add(Fmt.integer(r.statementsPerOp()) + " stmt");
        }
        if (r.bytesPerOp() != null) {
            parts.add(Fmt.bytes(r.bytesPerOp()));
        }
        if (r.loc() != null) {
            parts.add(r.loc() + " lines");
        }
        return parts.isEmpty() ? Fmt.NONE : String.join(" · ", parts);
    }

    private static SqlView sql(RunData data, String pattern, String impl) {
        StatementCounts s = statement(data, pattern, impl);
        if (s == null) {
            return new SqlView(impl, Fmt.NONE, List.of(), "");
        }
        List<String> counts = new ArrayList<>();
        if (s.roundTrips() != null) {
            counts.add(Fmt.integer(s.roundTrips()) + (s.roundTrips() == 1 ? " round trip" : " round trips"));
        }
        if (s.serverStatements() != null) {
            counts.add(Fmt.integer(s.serverStatements()) + " on the server");
        }
        if (s.transactions() != null) {
            counts.add(s.transactions() > 0 ? "in a transaction" : "no transaction");
        }
        if (s.shape() != null) {
            counts.add(s.shape());
        }
        return new SqlView(impl, Fmt.integer(s.statementsPerOp()), s.sql(), String.join(" · ", counts));
    }

    private static StatementCounts statement(RunData data, String pattern, String impl) {
        for (StatementCounts s : data.statements()) {
            if (s.pattern().equalsIgnoreCase(pattern) && s.impl().equals(impl)) {
                return s;
            }
        }
        return null;
    }
}
