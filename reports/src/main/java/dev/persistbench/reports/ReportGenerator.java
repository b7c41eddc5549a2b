package dev.persistbench.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.persistbench.contract.Pattern;
import dev.persistbench.reports.analysis.SummaryBuilder;
import dev.persistbench.reports.chart.Chart;
import dev.persistbench.reports.input.ResultsReader;
import dev.persistbench.reports.input.RunData;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.render.HtmlRenderer;
import dev.persistbench.reports.render.MarkdownRenderer;
import dev.persistbench.reports.render.MergedView;
import dev.persistbench.reports.render.ReportView;
import dev.persistbench.reports.render.ReportWriter;
import dev.persistbench.reports.source.CodeExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        return SummaryBuilder.build(data, loc(new CodeExtractor(sourceRoot), data.catalogue()), now());
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
        ReportWriter writer = new ReportWriter();
        ReportView view = add(writer, "", results, new CodeExtractor(sourceRoot), sourceRoot);
        writer.writeTo(out);
        return new Generated(out.toAbsolutePath().normalize().resolve("index.html"), view);
    }

    /**
     * Generates one document of several result sets: index.html, report.md and summary.json hold
     * each set's environment and figures under its label, never combined; each set's own full
     * report goes to sets/&lt;label&gt;/.
     *
     * @param sets the result sets, labels unique
     * @param out output directory (replaced as a whole)
     * @param sourceRoot repository root for sources; null to skip them
     * @return the absolute path of index.html
     */
    static Path generate(List<ResultSets.ResultSet> sets, Path out, Path sourceRoot) {
        ReportWriter writer = new ReportWriter();
        CodeExtractor code = new CodeExtractor(sourceRoot);
        List<MergedView.LabelledSet> labelled = new ArrayList<>();
        for (ResultSets.ResultSet set : sets) {
            String dir = "sets/" + set.label() + "/";
            ReportView view = add(writer, dir, set.dir(), code, sourceRoot);
            labelled.add(new MergedView.LabelledSet(set.label(), link(dir + "index.html"), view.summary()));
        }
        MergedView merged = MergedView.of(labelled);
        writer.add("index.html", new HtmlRenderer().render(merged));
        writer.add("report.md", MarkdownRenderer.render(merged));
        writer.add("summary.json", json(new MergedSummary(now().toString(), MergedView.NEVER_AVERAGED, labelled)));
        writer.writeTo(out);
        return out.toAbsolutePath().normalize().resolve("index.html");
    }

    /**
     * summary.json of several result sets.
     *
     * @param generatedAt when the merged report was generated
     * @param rule that nothing is combined across sets
     * @param sets each set's label, the path of its own report and its whole summary
     */
    record MergedSummary(String generatedAt, String rule, List<MergedView.LabelledSet> sets) {}

    /** Renders one result set's report into {@code writer} under {@code prefix} ("" or "sets/x/"). */
    private static ReportView add(
            ReportWriter writer, String prefix, Path results, CodeExtractor code, Path sourceRoot) {
        RunData data = ResultsReader.read(results, sourceRoot);
        Summary summary = SummaryBuilder.build(data, loc(code, data.catalogue()), now());
        ReportView view = ReportView.of(summary, data, code);
        writer.add(prefix + "index.html", new HtmlRenderer().render(view));
        writer.add(prefix + "report.md", MarkdownRenderer.render(view));
        writer.add(prefix + "summary.json", json(summary));
        for (Chart c : view.allCharts()) {
            writer.add(prefix + c.fileName(), c.svg());
        }
        return view;
    }

    /** A relative link to {@code path}, characters such as spaces or '#' in a label escaped. */
    private static String link(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to " + path, e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A written report.
     *
     * @param index absolute path of index.html
     * @param view what it shows
     */
    public record Generated(Path index, ReportView view) {}

    private static Map<String, Map<Pattern, Integer>> loc(CodeExtractor code, Catalogue catalogue) {
        Map<String, Map<Pattern, Integer>> loc = new LinkedHashMap<>();
        for (Impl impl : catalogue.impls()) {
            loc.put(impl.id(), code.locOf(impl));
        }
        return loc;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
