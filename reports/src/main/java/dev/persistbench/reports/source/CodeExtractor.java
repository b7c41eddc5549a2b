package dev.persistbench.reports.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.comments.LineComment;
import dev.persistbench.contract.Pattern;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.source.CodeSnippet.Part;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The code of each pattern as each implementation marks it: a region opens with a line comment
 * {@code // tag::P05[]} and closes with {@code // end::P05[]} (Asciidoctor's include-tag syntax),
 * in mapper XML with {@code <!-- tag::P05[] -->} and {@code <!-- end::P05[] -->}. A pattern's code
 * may be split over several regions and files, and regions of several tags may overlap or nest
 * (shared order-reading code counted for P06 and P07, say). Besides P01 to P13, {@code mapping}
 * marks entity mappings and {@code config} the configuration, both shown once per implementation,
 * and {@code variant-<name>} the code a variant adds to the default (the Spring JDBC variant
 * read-tx: {@code variant-read-tx}).
 *
 * <p>Lines of code are the non-blank lines inside a tag's regions that are not only a comment;
 * marker lines are never part of a region. Java markers are found by JavaParser (line comments
 * alone on their line), XML markers by the JDK's StAX parser (comments are events), so a marker
 * inside a string or a text block is not one.
 *
 * <p>An {@code end} without its {@code tag}, a {@code tag} never ended or opened again before its
 * end, a name other than P01-P13/mapping/config/variant-name, and a pattern with no region in an
 * implementation whose sources exist are errors ({@link MarkerException}) naming the file, the
 * line and the tag.
 */
public final class CodeExtractor {

    /** The non-pattern tags: entity mappings and configuration. */
    public static final List<String> SETUP_TAGS = List.of("mapping", "config");

    /** What a variant's tag starts with: {@code variant-read-tx} marks the code of the variant read-tx. */
    public static final String VARIANT_PREFIX = "variant-";

    private static final java.util.regex.Pattern MARKER =
            java.util.regex.Pattern.compile("(tag|end)::([^\\[\\]\\s]*)\\[\\]");

    private final Path repoRoot;
    private final Map<String, Optional<Map<String, List<Part>>>> regions = new HashMap<>();

    /** @param repoRoot repository root holding the impl-* modules; null when sources are unavailable */
    public CodeExtractor(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    /**
     * The code of {@code impl} for {@code pattern}, or a snippet with the reason it was not found.
     *
     * @throws MarkerException when the implementation's markers are unbalanced, unknown or miss a pattern
     */
    public CodeSnippet extract(Impl impl, Pattern pattern) {
        return extract(impl, pattern.id());
    }

    /**
     * The code of {@code impl} marked with {@code tag} (P01..P13, mapping or config).
     *
     * @throws MarkerException when the implementation's markers are unbalanced, unknown or miss a pattern
     */
    public CodeSnippet extract(Impl impl, String tag) {
        if (repoRoot == null) {
            return missing(impl, tag, "sources not available (repository root not found)");
        }
        if (impl.sourceFile(repoRoot) == null) {
            return missing(
                    impl,
                    tag,
                    "sources of " + impl.id() + " unknown (the results do not name its module and repository class)");
        }
        Optional<Map<String, List<Part>>> module = regions.computeIfAbsent(impl.id(), id -> load(impl));
        if (module.isEmpty()) {
            return missing(impl, tag, "sources " + impl.module() + "/src/main do not exist");
        }
        List<Part> parts = module.get().getOrDefault(tag, List.of());
        return new CodeSnippet(
                impl.id(), tag, parts, parts.stream().mapToInt(Part::loc).sum(), null);
    }

    /** Loc per pattern for one implementation, for callers that need only the numbers. */
    public Map<Pattern, Integer> locOf(Impl impl) {
        Map<Pattern, Integer> out = new LinkedHashMap<>();
        for (Pattern p : Pattern.values()) {
            out.put(p, extract(impl, p).loc());
        }
        return out;
    }

    private static CodeSnippet missing(Impl impl, String tag, String reason) {
        return new CodeSnippet(impl.id(), tag, List.of(), null, reason);
    }

    private Optional<Map<String, List<Part>>> load(Impl impl) {
        Path main = repoRoot.resolve(impl.module()).resolve("src/main");
        if (!Files.isDirectory(main)) {
            return Optional.empty();
        }
        return Optional.of(regions(repoRoot, main, impl.sourceFile(repoRoot)));
    }

    /**
     * Every tag's regions under {@code main} ({@code .java} and {@code .xml} files): the file
     * {@code first} first, then the others by path, each file's regions in line order.
     *
     * @param root what file names in labels and errors are relative to
     * @throws MarkerException on an unbalanced or unknown marker, or a pattern without a region
     */
    static Map<String, List<Part>> regions(Path root, Path main, Path first) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(main)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".xml"))
                    .sorted(Comparator.comparing((Path f) -> !f.equals(first)).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Part>> out = new LinkedHashMap<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = root.relativize(f).toString();
            boolean xml = f.toString().endsWith(".xml");
            List<Marker> markers = xml ? xmlMarkers(name, text) : javaMarkers(name, text);
            regions(name, xml ? "xml" : "java", text.lines().toList(), markers)
                    .forEach((tag, parts) ->
                            out.computeIfAbsent(tag, t -> new ArrayList<>()).addAll(parts));
        }
        for (Pattern p : Pattern.values()) {
            if (!out.containsKey(p.id())) {
                throw new MarkerException(root.relativize(main) + ": no region tag::" + p.id() + "[] for " + p.id()
                        + " (" + p.method() + ") in any .java or .xml file");
            }
        }
        return out;
    }

    /** A marker line: whether it opens or ends a region, of which tag, on which line (1-based). */
    record Marker(boolean open, String tag, int line) {}

    /** The regions of one file, by tag, from its markers (in line order). */
    static Map<String, List<Part>> regions(String file, String language, List<String> lines, List<Marker> markers) {
        Set<Integer> markerLines = new TreeSet<>();
        markers.forEach(m -> markerLines.add(m.line()));
        Map<String, Integer> open = new LinkedHashMap<>();
        Map<String, List<Part>> out = new LinkedHashMap<>();
        for (Marker m : markers) {
            if (!known(m.tag())) {
                throw new MarkerException(file + ":" + m.line() + ": unknown tag '" + m.tag()
                        + "' (known: P01 to P13, mapping, config, variant-<name>)");
            }
            if (m.open()) {
                Integer before = open.putIfAbsent(m.tag(), m.line());
                if (before != null) {
                    throw new MarkerException(file + ":" + m.line() + ": tag::" + m.tag()
                            + "[] opened again; the one of line " + before + " has no end::" + m.tag() + "[] yet");
                }
                continue;
            }
            Integer start = open.remove(m.tag());
            if (start == null) {
                throw new MarkerException(
                        file + ":" + m.line() + ": end::" + m.tag() + "[] without a tag::" + m.tag() + "[] before it");
            }
            List<String> body = new ArrayList<>();
            int first = 0;
            int last = 0;
            for (int l = start + 1; l < m.line(); l++) {
                if (!markerLines.contains(l)) {
                    body.add(lines.get(l - 1));
                    if (!lines.get(l - 1).isBlank()) {
                        first = first == 0 ? l : first;
                        last = l;
                    }
                }
            }
            String code = dedent(body);
            String where = first == last ? Integer.toString(first) : first + "-" + last;
            out.computeIfAbsent(m.tag(), t -> new ArrayList<>())
                    .add(new Part(Path.of(file).getFileName() + ":" + where, language, code, countLoc(code, language)));
        }
        if (!open.isEmpty()) {
            Map.Entry<String, Integer> e = open.entrySet().iterator().next();
            throw new MarkerException(file + ":" + e.getValue() + ": tag::" + e.getKey() + "[] has no end::"
                    + e.getKey() + "[] in the file");
        }
        return out;
    }

    private static boolean known(String tag) {
        return Pattern.byId(tag).map(p -> p.id().equals(tag)).orElse(false)
                || SETUP_TAGS.contains(tag)
                || tag.matches(VARIANT_PREFIX + "[a-z][a-z0-9-]*");
    }

    /** Line comments alone on their line whose text is a marker, found by JavaParser. */
    static List<Marker> javaMarkers(String file, String text) {
        ParserConfiguration config =
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE);
        ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
        if (result.getResult().isEmpty() || !result.isSuccessful()) {
            throw new MarkerException(file + ": could not be parsed: " + result.getProblems());
        }
        List<String> lines = text.lines().toList();
        List<Marker> out = new ArrayList<>();
        for (var comment : result.getResult().get().getAllComments()) {
            if (!(comment instanceof LineComment)) {
                continue;
            }
            int line = comment.getBegin().orElseThrow().line;
            if (!lines.get(line - 1).strip().startsWith("//")) {
                continue;
            }
            marker(comment.getContent(), line).ifPresent(out::add);
        }
        out.sort(Comparator.comparingInt(Marker::line));
        return out;
    }

    /**
     * XML comments whose text is a marker, read by the JDK's StAX parser with DTDs off (the
     * mapper DTD is never fetched).
     */
    static List<Marker> xmlMarkers(String file, String text) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<Marker> out = new ArrayList<>();
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(text));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.COMMENT) {
                    // The location is where the comment ends; a marker comment is one line.
                    marker(r.getText(), r.getLocation().getLineNumber()).ifPresent(out::add);
                }
            }
        } catch (XMLStreamException e) {
            throw new MarkerException(file + ": not well-formed XML: " + e.getMessage());
        }
        return out;
    }

    private static Optional<Marker> marker(String comment, int line) {
        Matcher m = MARKER.matcher(comment.strip());
        return m.matches() ? Optional.of(new Marker(m.group(1).equals("tag"), m.group(2), line)) : Optional.empty();
    }

    /** Non-blank lines that are not only a comment. */
    static int countLoc(String code, String language) {
        int n = 0;
        boolean inBlock = false;
        for (String raw : code.split("\n", -1)) {
            String l = raw.strip();
            if (l.isEmpty()) {
                continue;
            }
            String open = language.equals("xml") ? "<!--" : "/*";
            String close = language.equals("xml") ? "-->" : "*/";
            if (inBlock) {
                inBlock = !l.contains(close);
                continue;
            }
            if (l.startsWith(open)) {
                inBlock = !l.contains(close);
                continue;
            }
            if (!language.equals("xml") && l.startsWith("//")) {
                continue;
            }
            n++;
        }
        return n;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return sb.toString().replaceFirst("^(\\s*\n)+", "").stripTrailing();
    }
}
