package dev.persistbench.reports.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Renders report.md with Pebble from templates/report.md.peb, over the same {@link ReportView} as
 * the HTML; charts are linked as charts/*.svg next to it.
 */
public final class MarkdownRenderer {

    private static final PebbleEngine ENGINE = engine();

    private MarkdownRenderer() {}

    /** The whole document. */
    public static String render(ReportView view) {
        return evaluate("report.md", Map.of("view", view));
    }

    /** The document of several result sets (templates/merged.md.peb). */
    public static String render(MergedView view) {
        return evaluate("merged.md", Map.of("view", view));
    }

    /** The summary table alone: pattern × implementation µs/op ± error (ratio to the floor). */
    public static String summaryTable(ReportView view) {
        return evaluate("summary-table.md", Map.of("view", view));
    }

    /** A README's reference-report block for the report published in {@code dir} (relative to the README). */
    static String readmeBlock(ReportView view, String dir) {
        return evaluate("readme-block.md", Map.of("view", view, "dir", dir));
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

    /** A fenced block, then an empty line; the fence is longer than any backtick run inside the text. */
    static String fence(String text, String language) {
        int longest = 0;
        int run = 0;
        for (char ch : text.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        return f + language + "\n" + text + "\n" + f + "\n\n";
    }

    private static String evaluate(String template, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            ENGINE.getTemplate(template).evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static PebbleEngine engine() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("dev/persistbench/reports/templates");
        loader.setSuffix(".peb");
        Map<String, Filter> filters = Map.of(
                "cell", filter(List.of(), (in, args) -> cell(in == null ? null : in.toString())),
                "fence",
                        filter(
                                List.of("language"),
                                (in, args) -> fence(String.valueOf(in), (String) args.get("language"))),
                "us", filter(List.of(), (in, args) -> Fmt.us((Double) in)),
                "integer", filter(List.of(), (in, args) -> Fmt.integer((Number) in)));
        return new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(false)
                .strictVariables(true)
                .newLineTrimming(false)
                .extension(new AbstractExtension() {
                    @Override
                    public Map<String, Filter> getFilters() {
                        return filters;
                    }
                })
                .build();
    }

    private static Filter filter(List<String> arguments, BiFunction<Object, Map<String, Object>, String> body) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return arguments;
            }

            @Override
            public Object apply(
                    Object input,
                    Map<String, Object> args,
                    PebbleTemplate self,
                    EvaluationContext context,
                    int lineNumber) {
                return body.apply(input, args);
            }
        };
    }
}
