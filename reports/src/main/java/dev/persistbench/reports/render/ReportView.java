package dev.persistbench.reports.render;

import dev.persistbench.reports.chart.Chart;
import dev.persistbench.reports.chart.Charts;
import dev.persistbench.reports.input.RunData;
import dev.persistbench.reports.input.RunData.StatementRecord;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Pattern;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.source.CodeExtractor;
import dev.persistbench.reports.source.CodeSnippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the HTML and Markdown show, pre-formatted, so the templates only lay it out.
 *
 * @param summary the numbers (also written as summary.json)
 * @param environmentLine the line printed under every chart
 * @param implementations implementation ids and labels in report order
 * @param patterns one view per pattern
 * @param overheadChart ratio-to-floor chart, null when no floor was measured
 * @param coldStartChart cold start chart, null when not measured
 * @param sizeCharts cost-vs-data-size charts (empty when one size only)
 * @param threadCharts throughput-vs-threads charts (empty when not measured)
 * @param settings the settings per implementation
 * @param reliability reliability rules, figures and schema-drift matrix
 */
public record ReportView(
        Summary summary,
        String environmentLine,
        List<ImplLabel> implementations,
        List<PatternView> patterns,
        Chart overheadChart,
        Chart coldStartChart,
        List<Chart> sizeCharts,
        List<Chart> threadCharts,
        List<SettingsView> settings,
        ReliabilityTables reliability) {

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
     * @param fastest "jdbc" or "jdbc ≈ jooq, mybatis" (ties within the combined error), "—" if none
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
            String fastest) {}

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
            String cost) {}

    /**
     * SQL one implementation sent for one op of a pattern.
     *
     * @param impl implementation id or raw-jdbc
     * @param statementsPerOp count text
     * @param sql statements, as captured; empty when not captured
     */
    public record SqlView(String impl, String statementsPerOp, List<String> sql) {}

    /**
     * @param impl implementation id
     * @param label display name
     * @param entries name to value
     */
    public record SettingsView(String impl, String label, List<Map.Entry<String, String>> entries) {}

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
        String envLine = Charts.environmentLine(summary.environment());
        Charts charts = new Charts();
        List<ImplLabel> impls = new ArrayList<>();
        for (Impl impl : Impl.values()) {
            impls.add(new ImplLabel(
                    impl.id(), impl.label(), summary.environment().libraries().get(impl.libraryKey())));
        }
        List<PatternView> patterns = new ArrayList<>();
        List<Chart> sizeCharts = new ArrayList<>();
        List<Chart> threadCharts = new ArrayList<>();
        for (PatternSummary p : summary.patterns()) {
            Pattern pattern = Pattern.byId(p.id()).orElseThrow();
            List<Row> rows = p.results().stream().map(ReportView::row).toList();
            List<SqlView> sql = new ArrayList<>();
            for (Impl impl : Impl.values()) {
                sql.add(sql(data, p.id(), impl.id()));
            }
            if (pattern.hasFloor()) {
                sql.add(sql(data, p.id(), "raw-jdbc"));
            }
            List<CodeSnippet> snippets = new ArrayList<>();
            for (Impl impl : Impl.values()) {
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
                    pattern.hasFloor() ? Fmt.usErr(p.floorUsPerOp(), p.floorError()) : "no floor for this pattern",
                    Fmt.usErr(p.selectOneUsPerOp(), p.selectOneError()),
                    Fmt.integer(p.floorStatementsPerOp()),
                    charts.pattern(p).orElse(null),
                    rows,
                    sql,
                    snippets,
                    fastest(p)));
            charts.dataSize(p).ifPresent(sizeCharts::add);
            charts.threads(p).ifPresent(threadCharts::add);
        }
        List<SettingsView> settings = new ArrayList<>();
        for (Impl impl : Impl.values()) {
            settings.add(new SettingsView(
                    impl.id(),
                    impl.label(),
                    new ArrayList<>(
                            summary.settings().getOrDefault(impl.id(), Map.of()).entrySet())));
        }
        return new ReportView(
                summary,
                envLine,
                impls,
                patterns,
                charts.overhead(summary).orElse(null),
                charts.coldStart(summary).orElse(null),
                sizeCharts,
                threadCharts,
                settings,
                ReliabilityTables.of(data.reliability()));
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
        return all;
    }

    private static String fastest(PatternSummary p) {
        if (p.fastest() == null) {
            return Fmt.NONE;
        }
        return p.tiedWithFastest() == null || p.tiedWithFastest().isEmpty()
                ? p.fastest()
                : p.fastest() + " ≈ " + String.join(", ", p.tiedWithFastest());
    }

    private static Row row(PatternResult r) {
        String pct = r.p50Us() == null
                ? ""
                : "p50 " + Fmt.us(r.p50Us()) + " / p99 " + Fmt.us(r.p99Us()) + " / p99.9 " + Fmt.us(r.p999Us());
        return new Row(
                r.impl(),
                r.usPerOp() != null,
                r.reason(),
                r.contract(),
                Fmt.usErr(r.usPerOp(), r.error()),
                Fmt.ratio(r.ratioToFloor()),
                Fmt.delta(r.deltaToFloorUs()),
                Fmt.ratio(r.ratioToSelectOne()),
                Fmt.delta(r.deltaToSelectOneUs()),
                Fmt.integer(r.statementsPerOp()),
                Fmt.integer(r.bytesPerOp()),
                pct,
                Fmt.integer(r.loc()),
                cost(r));
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
        for (StatementRecord s : data.statements()) {
            if (s.pattern().equalsIgnoreCase(pattern) && s.impl().equals(impl)) {
                return new SqlView(impl, Fmt.integer(s.statementsPerOp()), s.sql());
            }
        }
        return new SqlView(impl, Fmt.NONE, List.of());
    }
}
