package dev.persistbench.reports.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.Pattern;
import dev.persistbench.reports.model.FixtureImpls;
import dev.persistbench.reports.model.Impl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The markers of the real implementations: every one marks every pattern, and each count is the
 * count of its regions, checked against a plain line scan and, for one small region per
 * implementation, by hand.
 */
class MarkedSourcesTest {

    private static final Path ROOT = root();

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("impl-jdbc"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + Path.of("").toAbsolutePath());
    }

    private final CodeExtractor extractor = new CodeExtractor(ROOT);

    @ParameterizedTest
    @MethodSource("dev.persistbench.reports.model.FixtureImpls#all")
    void every_implementation_marks_every_pattern_and_its_setup(Impl impl) {
        for (Pattern p : Pattern.values()) {
            CodeSnippet s = extractor.extract(impl, p);
            assertThat(s.found()).as("%s %s: %s", impl, p, s.reason()).isTrue();
            assertThat(s.loc()).as("%s %s", impl, p).isPositive();
            assertThat(s.parts().getFirst().label())
                    .as("%s %s starts in the repository class", impl, p)
                    .startsWith(impl.sourceFile(ROOT).getFileName().toString());
        }
        assertThat(extractor.extract(impl, "config").loc())
                .as("%s config", impl)
                .isPositive();
    }

    @ParameterizedTest
    @MethodSource("dev.persistbench.reports.model.FixtureImpls#all")
    void each_count_is_the_count_of_its_marked_lines(Impl impl) throws IOException {
        Map<String, Integer> scanned = scan(ROOT.resolve(impl.module()).resolve("src/main"));
        for (Pattern p : Pattern.values()) {
            CodeSnippet s = extractor.extract(impl, p);
            assertThat(s.loc()).as("%s %s", impl, p).isEqualTo(scanned.get(p.id()));
            assertThat(s.loc())
                    .isEqualTo(
                            s.parts().stream().mapToInt(CodeSnippet.Part::loc).sum());
        }
        for (String tag : CodeExtractor.SETUP_TAGS) {
            assertThat(extractor.extract(impl, tag).loc())
                    .as("%s %s", impl, tag)
                    .isEqualTo(scanned.getOrDefault(tag, 0));
        }
    }

    /** P13 read by hand in each implementation: the lines a reviewer counts. */
    @Test
    void one_small_region_per_implementation_counted_by_hand() {
        // DELETE_ORDER (1) + deleteOrder: @Override, signature, Arguments, return run(, name, lambda, } (7).
        assertThat(extractor.extract(FixtureImpls.JDBC, Pattern.P13).loc()).isEqualTo(8);
        // deleteOrder: 11 lines, one of them a // comment.
        assertThat(extractor.extract(FixtureImpls.HIBERNATE, Pattern.P13).loc()).isEqualTo(10);
        // deleteOrder: @Override, signature, Arguments, return run(, name, deleteFrom, where, execute, > 0);, }.
        assertThat(extractor.extract(FixtureImpls.JOOQ, Pattern.P13).loc()).isEqualTo(10);
        // deleteOrder 6 + OrderMapper.delete 1 + <delete> 3 (its comment not counted).
        CodeSnippet mybatis = extractor.extract(FixtureImpls.MYBATIS, Pattern.P13);
        assertThat(mybatis.parts()).extracting(CodeSnippet.Part::loc).containsExactly(6, 1, 3);
        assertThat(mybatis.parts().get(2).code()).contains("<delete id=\"delete\">");
        assertThat(mybatis.loc()).isEqualTo(10);
    }

    /**
     * An independent count: walk each file's lines, keep the set of open tags, and count every
     * line that is not blank, not a marker and not (inside) a comment once for each open tag.
     */
    private static Map<String, Integer> scan(Path main) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(main)) {
            files = walk.filter(
                            f -> f.toString().endsWith(".java") || f.toString().endsWith(".xml"))
                    .toList();
        }
        java.util.regex.Pattern marker =
                java.util.regex.Pattern.compile("\\s*(?://|<!--)\\s*(tag|end)::(\\w+)\\[\\]\\s*(?:-->)?\\s*");
        for (Path f : files) {
            boolean xml = f.toString().endsWith(".xml");
            List<String> open = new ArrayList<>();
            boolean inComment = false;
            for (String line : Files.readAllLines(f)) {
                var m = marker.matcher(line);
                if (m.matches()) {
                    if (m.group(1).equals("tag")) {
                        open.add(m.group(2));
                    } else {
                        open.remove(m.group(2));
                    }
                    continue;
                }
                String l = line.strip();
                String start = xml ? "<!--" : "/*";
                String end = xml ? "-->" : "*/";
                boolean comment = inComment || l.startsWith(start) || (!xml && l.startsWith("//"));
                if (inComment || l.startsWith(start)) {
                    inComment = !l.contains(end);
                }
                if (!l.isEmpty() && !comment) {
                    open.forEach(tag -> counts.merge(tag, 1, Integer::sum));
                }
            }
        }
        return counts;
    }
}
