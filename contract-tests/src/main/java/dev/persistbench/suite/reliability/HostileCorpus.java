package dev.persistbench.suite.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hostile-input corpus kept in {@code src/main/resources/reliability/}: JSON string literals,
 * one a line, or {@code {"repeat": text, "times": n, "prefix": p, "suffix": s}} objects for long
 * strings; {@code #} lines are comments and {@code ## } lines name the family that follows.
 */
final class HostileCorpus {

    /** One entry and the family it belongs to. */
    record Entry(int line, String family, String text) {
        /** A short printable form for assertion messages. */
        String describe() {
            StringBuilder out = new StringBuilder();
            text.codePoints().limit(40).forEach(cp -> {
                if (cp >= 0x20 && cp < 0x7f) {
                    out.appendCodePoint(cp);
                } else {
                    out.append(String.format("\\u{%X}", cp));
                }
            });
            if (text.codePointCount(0, text.length()) > 40) {
                out.append("... (")
                        .append(text.codePointCount(0, text.length()))
                        .append(" code points)");
            }
            return "line " + line + " [" + family + "] \"" + out + "\"";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostileCorpus() {}

    /** The storable corpus: every entry must round-trip. */
    static List<Entry> storable() {
        return load("reliability/hostile-input.jsonl");
    }

    /** Input that must be refused before any SQL runs (U+0000, lone surrogates). */
    static List<Entry> refused() {
        return load("reliability/hostile-refused.jsonl");
    }

    static List<Entry> load(String resource) {
        InputStream in = HostileCorpus.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String family = "-";
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("## ")) {
                    family = line.substring(3).trim();
                    continue;
                }
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String text;
                if (node.isTextual()) {
                    text = node.textValue();
                } else if (node.isObject() && node.has("repeat")) {
                    text = node.path("prefix").asText("")
                            + node.get("repeat")
                                    .asText()
                                    .repeat(node.get("times").asInt())
                            + node.path("suffix").asText("");
                } else {
                    throw new IllegalStateException(
                            resource + " line " + number + ": neither a string nor a repeat object");
                }
                entries.add(new Entry(number, family, text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
        return entries;
    }
}
