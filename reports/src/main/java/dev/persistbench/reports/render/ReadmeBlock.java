package dev.persistbench.reports.render;

import dev.persistbench.reports.chart.Chart;
import dev.persistbench.reports.model.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the reference-report section of a README in step with a published report: the text
 * between {@link #START} and {@link #END} is replaced by the run's date, commit, environment,
 * summary table and charts; everything else in the file is left as it was.
 */
public final class ReadmeBlock {

    /** Opening marker (a Markdown comment, invisible when rendered). */
    public static final String START = "<!-- reference-report:start -->";
    /** Closing marker. */
    public static final String END = "<!-- reference-report:end -->";

    private ReadmeBlock() {}

    /**
     * @param readme the README holding the markers
     * @param view the published report
     * @param reportDir where it was published
     * @return false when the README or its markers are missing (nothing written)
     */
    public static boolean update(Path readme, ReportView view, Path reportDir) {
        if (!Files.isRegularFile(readme)) {
            return false;
        }
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            if (start < 0 || end < start) {
                return false;
            }
            String rel = readme.toAbsolutePath()
                    .getParent()
                    .relativize(reportDir.toAbsolutePath())
                    .toString()
                    .replace('\\', '/');
            String updated = text.substring(0, start + START.length()) + "\n" + block(view, rel) + text.substring(end);
            Path tmp = readme.resolveSibling("." + readme.getFileName() + ".tmp");
            Files.writeString(tmp, updated, StandardCharsets.UTF_8);
            Files.move(tmp, readme, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + readme + ": " + e.getMessage(), e);
        }
    }

    private static String block(ReportView v, String dir) {
        Summary.Environment env = v.summary().environment();
        StringBuilder b = new StringBuilder();
        b.append("_Written into `").append(dir).append("/` by `ReportMain --publish`; do not edit by hand._\n\n");
        b.append("Results written ")
                .append(or(env.resultsGeneratedAt()))
                .append(", commit `")
                .append(or(env.commit()))
                .append('`')
                .append(Boolean.TRUE.equals(env.commitDirty()) ? " (with uncommitted changes)" : "")
                .append(", profile **")
                .append(or(env.profile()))
                .append("**; report generated ")
                .append(v.summary().generatedAt())
                .append(".\n\n");
        b.append('_').append(MarkdownRenderer.cell(v.environmentLine())).append("_\n\n");
        if (!v.summary().caveats().isEmpty()) {
            b.append("> **Caveats**\n>\n");
            v.summary().caveats().forEach(c -> b.append("> - ").append(c).append('\n'));
            b.append('\n');
        }
        if (v.paired()) {
            b.append("µs per operation, median [interval] (median of the per-round ratios to the raw-JDBC floor"
                    + " [95 % bootstrap interval]); lower is better. Ranking: \"<\" faster than, \"=\" this run"
                    + " cannot tell them apart.\n\n");
        } else {
            b.append(
                    "µs per operation ± JMH 99.9 % error (ratio to the raw-JDBC floor, not paired); lower is better.\n\n");
        }
        b.append(MarkdownRenderer.summaryTable(v)).append('\n');
        if (v.probeLine() != null) {
            b.append(MarkdownRenderer.cell(v.probeLine())).append(".\n\n");
        }
        for (Chart c : new Chart[] {v.overheadChart(), v.probeChart(), v.coldStartChart()}) {
            if (c != null) {
                b.append("![")
                        .append(c.title())
                        .append("](")
                        .append(dir)
                        .append('/')
                        .append(c.fileName())
                        .append(")\n\n");
            }
        }
        b.append("Full report: [")
                .append(dir)
                .append("/report.md](")
                .append(dir)
                .append("/report.md) (all patterns, SQL,")
                .append(" code, contract, cold start, reliability), self-contained page `")
                .append(dir)
                .append("/index.html`, figures `")
                .append(dir)
                .append("/summary.json`.\n");
        return b.toString();
    }

    private static String or(String s) {
        return s == null ? "unknown" : s;
    }
}
