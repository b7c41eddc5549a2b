package dev.persistbench.reports.render;

import dev.persistbench.reports.chart.Chart;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.ColdStart;
import dev.persistbench.reports.render.ReportView.PatternView;
import dev.persistbench.reports.render.ReportView.Row;
import dev.persistbench.reports.render.ReportView.SqlView;
import dev.persistbench.reports.render.ReportView.Table;
import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.source.CodeSnippet;
import java.util.List;
import java.util.Map;

/**
 * Renders report.md: the same content as the HTML, charts linked as charts/*.svg next to it.
 */
public final class MarkdownRenderer {

    private final StringBuilder md = new StringBuilder();

    /** The whole document. */
    public static String render(ReportView view) {
        return new MarkdownRenderer().document(view);
    }

    private String document(ReportView v) {
        Summary s = v.summary();
        Summary.Environment env = s.environment();
        line("# persistbench: Hibernate ORM vs jOOQ vs MyBatis vs Spring JDBC on one PostgreSQL schema");
        line();
        line("Generated " + s.generatedAt() + " from results written " + or(env.resultsGeneratedAt()) + " · commit `"
                + or(env.commit()) + "`" + (Boolean.TRUE.equals(env.commitDirty()) ? " (with uncommitted changes)" : "")
                + " · profile **" + or(env.profile()) + "**");
        line();
        line("_" + cell(v.environmentLine()) + "_");
        line();

        if (!s.caveats().isEmpty()) {
            line("> **Caveats**");
            line(">");
            s.caveats().forEach(c -> line("> - " + c));
            line();
        }
        if (v.paired()) {
            line("## Summary: µs per operation and ratio to the raw-JDBC floor, paired per round, with 95 % intervals");
            line();
            line("Lower is better. All arms of a pattern (each library and the hand-written floor) ran interleaved in"
                    + " one fork, so drift of the machine cancels in the per-round ratio. Each cell: median µs/op"
                    + " [interval], then the median of the per-round ratios to the floor [95 % bootstrap interval]."
                    + " A dash means not measured (see the pattern's section and *Not measured*); *(not settled)*"
                    + " marks a figure still trending when the run ended. *Ranking*: groups fastest first, \"<\""
                    + " faster than, \"=\" this run cannot tell them apart (members of a group in report order,"
                    + " not by speed).");
        } else {
            line("## Summary: µs per operation (± JMH 99.9 % error), ratio to the raw-JDBC floor");
            line();
            line(
                    "Lower is better. A dash means not measured (see the pattern's section and *Not measured*). *Fastest*"
                            + " names the lowest figure; \"≈\" lists those within the combined error of it, which this run cannot"
                            + " rank apart. These ratios are not paired: they divide two JMH scores measured at different times.");
        }
        line();
        md.append(summaryTable(v));
        line();
        line("### Statements, allocation and code per operation");
        line();
        line("SQL statements per operation (a JDBC batch counts once), bytes allocated per operation, lines of code.");
        line();
        StringBuilder costHeader = new StringBuilder("| pattern |");
        StringBuilder costRule = new StringBuilder("|---|");
        v.implementations().forEach(i -> {
            costHeader.append(' ').append(i.label()).append(" |");
            costRule.append("---:|");
        });
        line(costHeader.toString());
        line(costRule.toString());
        for (PatternView p : v.patterns()) {
            StringBuilder row = new StringBuilder("| " + p.id() + " " + cell(p.title()) + " |");
            p.rows().forEach(r -> row.append(' ').append(r.cost()).append(" |"));
            line(row.toString());
        }
        line();

        line("## Overhead over the raw-JDBC floor");
        line();
        chartOrNone(v.overheadChart(), v, "no raw-JDBC floor result in this run.");

        line("## Machine calm: the SELECT 1 probe");
        line();
        if (v.probeChart() == null) {
            line("> **Not measured:** no SELECT 1 probe in this run"
                    + (v.paired() ? "." : " (paired.json is absent: the results come from an older bench)."));
            line();
        } else {
            line("Before every slice the bench times a short burst of `SELECT 1` round trips; a flat, narrow line"
                    + " means the machine was calm.");
            line();
            line("**" + cell(v.probeLine()) + "**");
            line();
            chart(v.probeChart(), v);
        }

        line("## Contract suite per implementation");
        line();
        line("| implementation | status | tests | failed | errors | skipped | source |");
        line("|---|---|---:|---:|---:|---:|---|");
        for (ContractResult c : s.contract()) {
            line("| " + c.impl() + " | " + c.status() + " | " + Fmt.integer(c.tests()) + " | " + Fmt.integer(c.failed())
                    + " | " + Fmt.integer(c.errors()) + " | " + Fmt.integer(c.skipped()) + " | " + cell(or(c.source()))
                    + " |");
        }
        line();

        line("## Cold start");
        line();
        chartOrNone(v.coldStartChart(), v, "no cold-start results in this run.");
        line("| implementation | median ms to first P02 answer | median heap after it (MB) | JVMs | note |");
        line("|---|---:|---:|---:|---|");
        for (ColdStart c : s.coldStart()) {
            line("| " + c.impl() + " | " + Fmt.us(c.ms()) + " | " + Fmt.us(c.heapMb()) + " | " + Fmt.integer(c.runs())
                    + " | " + (c.reason() == null ? "" : "not measured: " + cell(c.reason())) + " |");
        }
        line();

        line("## Scaling");
        line();
        line("### Cost vs data size");
        line();
        if (v.sizeCharts().isEmpty()) {
            line("> **Not measured:** every pattern was run at one data size only.");
            line();
        }
        v.sizeCharts().forEach(c -> chart(c, v));
        line("### Throughput vs threads");
        line();
        if (v.threadCharts().isEmpty()) {
            line(
                    "> **Not measured:** no pattern was run at more than one thread count (the full profile sweeps 1/2/4 threads).");
            line();
        }
        v.threadCharts().forEach(c -> chart(c, v));

        line("## Patterns");
        line();
        for (PatternView p : v.patterns()) {
            pattern(p, v);
        }

        line("## Settings used per implementation");
        line();
        for (ReportView.SettingsView sv : v.settings()) {
            line("### " + sv.label());
            line();
            if (sv.entries().isEmpty()) {
                line("> **Not recorded.**");
            } else {
                line("| setting | value |");
                line("|---|---|");
                for (Map.Entry<String, String> e : sv.entries()) {
                    line("| `" + cell(e.getKey()) + "` | `" + cell(e.getValue()) + "` |");
                }
            }
            line();
        }

        line("## Reliability and schema drift");
        line();
        ReliabilityTables rel = v.reliability();
        if (rel.empty()) {
            line("> **Not measured:** no reliability results (impl-*/target/reliability/*.json) were found.");
            line();
        } else {
            if (rel.rules() == null) {
                line("> **Reliability rules not measured:** no rule results in the reliability files.");
                line();
            } else {
                table(rel.rules());
            }
            if (rel.drift() == null) {
                line("> **Schema-drift matrix not measured:** no schemaDrift entries in the reliability files.");
                line();
            } else {
                table(rel.drift());
                table(rel.driftSteps());
            }
            rel.figures().forEach(this::table);
            rel.other().forEach(this::table);
        }

        line("## Environment");
        line();
        line("| | |");
        line("|---|---|");
        line("| PostgreSQL | " + cell(or(env.postgres())) + " (" + cell(or(env.dbMode())) + ") |");
        line("| JVM | " + cell(or(env.jvm())) + " |");
        line("| OS | " + cell(or(env.os())) + " |");
        line("| CPU | " + cell(or(env.cpu())) + ", " + (env.cores() == null ? "?" : env.cores()) + " cores |");
        line("| Pool | HikariCP, " + (env.poolSize() == null ? "?" : env.poolSize()) + " connections |");
        env.libraries().forEach((k, val) -> line("| " + cell(k) + " | " + cell(val) + " |"));
        env.driverProperties().forEach((k, val) -> line("| pgjdbc " + cell(k) + " | " + cell(val) + " |"));
        env.jmh().forEach((k, val) -> line("| JMH " + cell(k) + " | " + cell(val) + " |"));
        env.placement().forEach((k, val) -> line("| placement " + cell(k) + " | " + cell(val) + " |"));
        s.pairedMethod().forEach((k, val) -> line("| paired " + cell(k) + " | " + cell(val) + " |"));
        line();

        line("## Not measured");
        line();
        if (s.notMeasured().isEmpty()) {
            line("Everything was measured.");
        }
        s.notMeasured().forEach(n -> line("- " + n));
        line();
        line("## How to read this report");
        line();
        if (v.paired()) {
            line(
                    "- Each pattern ran in one JMH fork measuring all its arms (each library and the raw-JDBC floor) in short"
                            + " interleaved slices, every round each arm once in a seeded random order. Rounds before the series stop"
                            + " trending are warm-up and not counted. µs/op is the median of an arm's steady slices with its interval;"
                            + " the ratio to the floor is the median of the per-round ratios arm / floor with a 95 % percentile-bootstrap"
                            + " interval, so drift of the machine cancels.");
            line(
                    "- Ranking: groups fastest first; implementations share a group (\"=\") when their paired ratio's interval"
                            + " overlaps 1 ± the tie margin: this run cannot tell them apart, and no order inside a group is implied.");
            line(
                    "- *(not settled)*: that arm's slices were still trending when the run ended; the figure and its pattern's"
                            + " ranking are provisional.");
            line(
                    "- Round trips: the client's network waits per operation; client statements: JDBC executions (a batch counts"
                            + " once); server statements: what PostgreSQL executed (pg_stat_statements, BEGIN/COMMIT excluded);"
                            + " transaction: whether the operation ran in one. Counted in a verification pass, outside the timing.");
        } else {
            line("- µs/op is JMH average time at the lowest thread count and the largest data size measured for the"
                    + " pattern; the error is JMH's 99.9 % confidence half-width. Two figures differ meaningfully only when"
                    + " the difference exceeds the sum of their errors. The ratios divide two such scores measured at"
                    + " different times (not paired).");
        }
        line(
                "- The raw-JDBC floor is hand-written java.sql doing the same work on the same pool; SELECT 1 is the round trip"
                        + " of pool and driver.");
        line("- Statements/op counts JDBC executions in one operation (a batch counts once). B/op is allocation per"
                + " operation (JMH gc profiler).");
        line(
                "- Lines of code: non-blank, non-comment lines of the method implementing the pattern and of the code in its"
                        + " package it reaches (methods, static fields such as SQL constants and row mappers), and for MyBatis the"
                        + " mapper XML statements it calls. Code more than half of the patterns reach is infrastructure: named, not counted.");
        return md.toString();
    }

    /** The summary table alone: pattern × implementation µs/op ± error (ratio to the floor). */
    public static String summaryTable(ReportView v) {
        MarkdownRenderer r = new MarkdownRenderer();
        r.summaryRows(v);
        return r.md.toString();
    }

    private void summaryRows(ReportView v) {
        StringBuilder header = new StringBuilder("| pattern |");
        StringBuilder rule = new StringBuilder("|---|");
        v.implementations().forEach(i -> {
            header.append(' ').append(i.label()).append(" |");
            rule.append("---:|");
        });
        line(header + " raw-JDBC floor | SELECT 1 | " + (v.paired() ? "ranking" : "fastest") + " |");
        line(rule + "---:|---:|---|");
        for (PatternView p : v.patterns()) {
            StringBuilder row = new StringBuilder("| " + p.id() + " " + cell(p.title()) + " |");
            for (Row r : p.rows()) {
                row.append(' ')
                        .append(
                                r.measured()
                                        ? r.usPerOp()
                                                + (r.ratioToFloor().equals(Fmt.NONE)
                                                        ? ""
                                                        : " (" + r.ratioToFloor() + ")")
                                                + (r.settled() ? "" : " " + ReportView.NOT_SETTLED)
                                        : "not measured")
                        .append(" |");
            }
            line(row + " " + p.floor() + " | " + p.selectOne() + " | " + p.fastest() + " |");
        }
    }

    private void pattern(PatternView p, ReportView v) {
        if (v.paired()) {
            pairedPattern(p, v);
        } else {
            jmhPattern(p, v);
        }
        sqlAndCode(p);
    }

    private void pairedPattern(PatternView p, ReportView v) {
        line("### " + p.id() + " " + p.title());
        line();
        line("dataSize " + p.dataSize() + (p.params().isEmpty() ? "" : " · " + p.params())
                + (p.run().isEmpty() ? "" : " · " + p.run()));
        line();
        // Labels of known implementations only (paired.json's ids are checked): no escaping, so "<" reads as "<".
        line("**Ranking:** " + p.ranking() + " " + ReportView.RANKING_LEGEND);
        line();
        chartOrNone(p.chart(), v, "no implementation has a result for " + p.id() + " in this run.");
        line("| arm | µs/op median [interval] | × floor median [95 % interval] | B/op | round trips | server statements"
                + " | client statements | transaction | shape | lines | contract |");
        line("|---|---:|---:|---:|---:|---:|---:|---|---|---:|---|");
        for (ReportView.ArmRow a : p.arms()) {
            String timing = a.measured()
                    ? a.usPerOp() + (a.settled() ? "" : " " + ReportView.NOT_SETTLED) + " | " + a.ratioToFloor()
                    : "not measured: " + cell(a.reason()) + " |";
            line("| " + a.impl() + (a.floor() ? " (floor)" : "") + " | " + timing + " | " + a.bytesPerOp() + " | "
                    + a.roundTrips() + " | " + a.serverStatements() + " | " + a.clientStatements() + " | "
                    + a.transaction() + " | " + cell(a.shape()) + " | " + a.loc() + " | " + a.contract() + " |");
        }
        line();
        p.notes().forEach(n -> line("- " + cell(n)));
        if (!p.notes().isEmpty()) {
            line();
        }
    }

    private void jmhPattern(PatternView p, ReportView v) {
        line("### " + p.id() + " " + p.title());
        line();
        line("dataSize " + p.dataSize() + (p.params().isEmpty() ? "" : " · " + p.params()) + " · raw-JDBC floor "
                + p.floor() + " µs/op · SELECT 1 " + p.selectOne() + " µs/op");
        line();
        chartOrNone(p.chart(), v, "no implementation has a result for " + p.id() + " in this run.");
        line(
                "| implementation | µs/op ± error | × floor | Δ floor µs | × SELECT 1 | Δ SELECT 1 µs | statements/op | B/op | lines | contract |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Row r : p.rows()) {
            String timing = r.measured()
                    ? r.usPerOp() + " | " + r.ratioToFloor() + " | " + r.deltaToFloor() + " | " + r.ratioToSelectOne()
                            + " | " + r.deltaToSelectOne()
                    : "not measured: " + cell(r.reason()) + " | | | |";
            line("| " + r.impl() + " | " + timing + " | " + r.statements() + " | " + r.bytesPerOp() + " | " + r.loc()
                    + " | " + r.contract() + " |");
        }
        line();
    }

    private void sqlAndCode(PatternView p) {
        line("#### SQL sent for one " + p.id() + " operation");
        line();
        for (SqlView s : p.sql()) {
            line("**" + s.impl() + "** (" + s.statementsPerOp() + " statement(s)/op"
                    + (s.counts().isEmpty() ? "" : " · " + cell(s.counts())) + ")"
                    + (s.sql().isEmpty() ? ": not captured" : ""));
            line();
            for (String q : s.sql()) {
                fence("sql", q);
            }
        }
        line("#### Code");
        line();
        for (CodeSnippet c : p.code()) {
            line("**" + c.impl() + "**" + (c.found() ? " (" + c.loc() + " lines)" : ": not found: " + c.reason()));
            line();
            for (CodeSnippet.Part part : c.parts()) {
                line("_" + cell(part.label()) + " · " + part.loc() + " lines_");
                line();
                fence(part.language(), part.code());
            }
            if (!c.sharedHelpers().isEmpty()) {
                line("_Shared helpers it calls, not counted: " + cell(String.join(", ", c.sharedHelpers())) + "_");
                line();
            }
        }
    }

    private void chartOrNone(Chart chart, ReportView v, String none) {
        if (chart == null) {
            line("> **Not measured:** " + none);
            line();
        } else {
            chart(chart, v);
        }
    }

    private void chart(Chart c, ReportView v) {
        line("![" + c.title() + "](" + c.fileName() + ")");
        line();
        line("<sub>" + cell(v.environmentLine()) + "</sub>");
        line();
    }

    private void table(Table t) {
        line("**" + cell(t.title()) + "**");
        line();
        line("| "
                + String.join(
                        " | ", t.headers().stream().map(MarkdownRenderer::cell).toList()) + " |");
        line("|" + "---|".repeat(t.headers().size()));
        for (List<String> row : t.rows()) {
            line("| "
                    + String.join(
                            " | ", row.stream().map(MarkdownRenderer::cell).toList()) + " |");
        }
        line();
    }

    /** A fenced block whose fence is longer than any backtick run inside the text. */
    private void fence(String language, String text) {
        int longest = 0;
        int run = 0;
        for (char ch : text.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        line(f + language);
        line(text);
        line(f);
        line();
    }

    /** Text safe inside a table cell: no pipes, no raw HTML, line breaks as &lt;br&gt;. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\r", "")
                .replace("\n", "<br>");
    }

    private static String or(String s) {
        return s == null ? "unknown" : s;
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private void line() {
        md.append('\n');
    }
}
