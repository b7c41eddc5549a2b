package dev.persistbench.reports.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders index.html with Pebble, autoescaping on (SQL and code are untrusted text). */
public final class HtmlRenderer {

    private final PebbleTemplate template;
    private final PebbleTemplate merged;

    /** Loads the template from the classpath. */
    public HtmlRenderer() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("dev/persistbench/reports/templates");
        loader.setSuffix(".peb");
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .newLineTrimming(false)
                .build();
        this.template = engine.getTemplate("report");
        this.merged = engine.getTemplate("merged");
    }

    /** The whole page. */
    public String render(ReportView view) {
        return evaluate(template, view);
    }

    /** The page of several result sets (templates/merged.peb). */
    public String render(MergedView view) {
        return evaluate(merged, view);
    }

    private static String evaluate(PebbleTemplate template, Object view) {
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, Map.of("view", view));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
