package dev.persistbench.reports.render;

import dev.persistbench.reports.chart.Chart;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.ColdStart;
import dev.persistbench.reports.model.Summary.ContractResult;
import dev.persistbench.reports.render.ReportView.PatternView;
import dev.persistbench.reports.render.ReportView.Row;
import dev.persistbench.reports.render.ReportView.SqlView;
import dev.persistbench.reports.render.ReportView.Table;
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
        line("## Summary: µs per operation (± JMH 99.9 % error), ratio to the raw-JDBC floor");
        line();
        line("Lower is better. A dash means not measured (see the pattern's section and *Not measured*). *Fastest*"
                + " names the lowest figure; \"≈\" lists those within the combined error of it, which this run cannot"
                + " rank apart.");
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
        line(
                "- µs/op is JMH average time at the lowest thread count and the largest data size measured for the pattern;"
                        + " the error is JMH's 99.9 % confidence half-width. Two figures differ meaningfully only when the difference"
                        + " exceeds the sum of their errors.");
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
        line(header + " raw-JDBC floor | SELECT 1 | fastest |");
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
                                        : "not measured")
                        .append(" |");
            }
            line(row + " " + p.floor() + " | " + p.selectOne() + " | " + p.fastest() + " |");
        }
    }

    private void pattern(PatternView p, ReportView v) {
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
        line("#### SQL sent for one " + p.id() + " operation");
        line();
        for (SqlView s : p.sql()) {
            line("**" + s.impl() + "** (" + s.statementsPerOp() + " statement(s)/op)"
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
