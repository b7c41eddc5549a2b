package dev.persistbench.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.persistbench.reports.analysis.SummaryBuilder;
import dev.persistbench.reports.chart.Chart;
import dev.persistbench.reports.input.ResultsReader;
import dev.persistbench.reports.input.RunData;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Pattern;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.render.HtmlRenderer;
import dev.persistbench.reports.render.MarkdownRenderer;
import dev.persistbench.reports.render.ReportView;
import dev.persistbench.reports.render.ReportWriter;
import dev.persistbench.reports.source.CodeExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads the results, computes the summary and writes index.html, report.md, summary.json and
 * charts/*.svg into one directory, atomically.
 */
public final class ReportGenerator {

    /** Jackson mapper for summary.json, shared with {@link CompareMain}. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportGenerator() {}

    /**
     * The summary alone, without writing anything.
     *
     * @param results bench results directory
     * @param sourceRoot repository root for sources and surefire reports; null to skip them
     */
    public static Summary summarize(Path results, Path sourceRoot) {
        RunData data = ResultsReader.read(results, sourceRoot);
        return SummaryBuilder.build(data, loc(new CodeExtractor(sourceRoot)), now());
    }

    /**
     * Generates the report.
     *
     * @param results bench results directory
     * @param out output directory (replaced as a whole)
     * @param sourceRoot repository root for sources, surefire and reliability files; null to skip them
     * @return the absolute path of index.html and what the report shows
     */
    public static Generated generate(Path results, Path out, Path sourceRoot) {
        RunData data = ResultsReader.read(results, sourceRoot);
        CodeExtractor code = new CodeExtractor(sourceRoot);
        Summary summary = SummaryBuilder.build(data, loc(code), now());
        ReportView view = ReportView.of(summary, data, code);
        ReportWriter writer = new ReportWriter();
        writer.add("index.html", new HtmlRenderer().render(view));
        writer.add("report.md", MarkdownRenderer.render(view));
        try {
            writer.add("summary.json", JSON.writeValueAsString(summary) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Chart c : view.allCharts()) {
            writer.add(c.fileName(), c.svg());
        }
        writer.writeTo(out);
        return new Generated(out.toAbsolutePath().normalize().resolve("index.html"), view);
    }

    /**
     * A written report.
     *
     * @param index absolute path of index.html
     * @param view what it shows
     */
    public record Generated(Path index, ReportView view) {}

    private static Map<Impl, Map<Pattern, Integer>> loc(CodeExtractor code) {
        Map<Impl, Map<Pattern, Integer>> loc = new EnumMap<>(Impl.class);
        for (Impl impl : Impl.values()) {
            loc.put(impl, code.locOf(impl));
        }
        return loc;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
