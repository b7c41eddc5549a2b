package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One document of two result sets from two environments: results-paired (PostgreSQL 18.1, embedded,
 * "Fixture CPU") and results-paired-pg16, its copy from another machine (PostgreSQL 16.6 in a
 * container, "Other Fixture CPU", 4 cores) where P02's hibernate arm took 21.9 µs/op [21.2, 22.8],
 * 1.72× [1.64, 1.81] instead of 15.5 [15.0, 16.1], 1.22× [1.16, 1.29]. Their means (18.7 µs/op,
 * 1.47×) must appear nowhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MergedReportTest {

    static final String A = "results-paired";
    static final String B = "results-paired-pg16";

    @TempDir
    static Path tmp;

    Path out;
    Path sources;
    JsonNode summary;
    String html;
    String md;

    @BeforeAll
    void generate() throws IOException {
        sources = Fixtures.repo(tmp.resolve("repo"), false);
        out = tmp.resolve("merged");
        Run r = merge(out, Fixtures.dir(A), Fixtures.dir(B));
        assertThat(r.status).as("exit status; stderr: %s", r.err).isZero();
        assertThat(r.out.strip()).isEqualTo(out.resolve("index.html").toString());
        summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        html = Files.readString(out.resolve("index.html"));
        md = Files.readString(out.resolve("report.md"));
    }

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = ReportMain.run(
                args,
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** ReportMain with {@code --results} for each of {@code sets}, into {@code out}. */
    Run merge(Path out, Path... sets) {
        List<String> args = new ArrayList<>();
        for (Path set : sets) {
            args.addAll(List.of("--results", set.toString()));
        }
        args.addAll(List.of("--out", out.toString(), "--sources", sources.toString()));
        return run(args.toArray(String[]::new));
    }

    JsonNode set(String label) {
        for (JsonNode s : summary.get("sets")) {
            if (s.get("label").asText().equals(label)) {
                return s;
            }
        }
        throw new AssertionError("no set " + label + " in " + summary);
    }

    static JsonNode result(JsonNode set, String pattern, String impl) {
        for (JsonNode p : set.get("summary").get("patterns")) {
            if (p.get("id").asText().equals(pattern)) {
                for (JsonNode r : p.get("results")) {
                    if (r.get("impl").asText().equals(impl)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no " + pattern + "/" + impl);
    }

    /** The Markdown table after the bold title "label" or "label · n orders" in section "## id …". */
    String mdBlock(String pattern, String label) {
        int section = md.indexOf("\n## " + pattern + " ");
        assertThat(section).as("section %s", pattern).isPositive();
        int next = md.indexOf("\n## ", section + 1);
        String text = next < 0 ? md.substring(section) : md.substring(section, next);
        int withSize = text.indexOf("\n**" + label + " ·");
        int start = withSize >= 0 ? withSize : text.indexOf("\n**" + label + "**");
        assertThat(start).as("block %s of %s", label, pattern).isPositive();
        int end = text.indexOf("\n\n", text.indexOf("\n|", start) + 1);
        return text.substring(start, end);
    }

    @Test
    void summary_json_holds_each_set_with_its_own_environment() {
        assertThat(summary.get("sets")).hasSize(2);
        assertThat(summary.get("sets").get(0).get("label").asText()).isEqualTo(A);
        assertThat(summary.get("sets").get(1).get("label").asText()).isEqualTo(B);
        assertThat(set(A).at("/summary/environment/postgres").asText()).isEqualTo("18.1");
        assertThat(set(A).at("/summary/environment/cpu").asText()).isEqualTo("Fixture CPU @ 2.0GHz");
        assertThat(set(B).at("/summary/environment/postgres").asText()).isEqualTo("16.6");
        assertThat(set(B).at("/summary/environment/cpu").asText()).isEqualTo("Other Fixture CPU @ 3.1GHz");
        assertThat(set(B).at("/summary/environment/dbMode").asText()).isEqualTo("container");
        assertThat(summary.get("rule").asText()).contains("never averaged");
        assertThat(summary.has("patterns"))
                .as("no top-level figures: every figure sits in its set")
                .isFalse();
    }

    @Test
    void a_figure_that_differs_keeps_both_values_with_their_sets() {
        JsonNode a = result(set(A), "P02", "hibernate");
        JsonNode b = result(set(B), "P02", "hibernate");
        assertThat(a.get("usPerOp").asDouble()).isEqualTo(15.5);
        assertThat(b.get("usPerOp").asDouble()).isEqualTo(21.9);
        assertThat(a.get("ratioToFloor").asDouble()).isEqualTo(1.22);
        assertThat(b.get("ratioToFloor").asDouble()).isEqualTo(1.72);

        assertThat(mdBlock("P02", A)).contains("| hibernate | 15.5 [15.0, 16.1] | 1.22× [1.16, 1.29] |");
        assertThat(mdBlock("P02", B)).contains("| hibernate | 21.9 [21.2, 22.8] | 1.72× [1.64, 1.81] |");
        assertThat(html).contains("<td>15.5 [15.0, 16.1]</td>", "<td>21.9 [21.2, 22.8]</td>");
        assertThat(html).contains("<td>1.22× [1.16, 1.29]</td>", "<td>1.72× [1.64, 1.81]</td>");
    }

    @Test
    void no_figure_equals_the_mean_of_the_two_sets() {
        for (String doc : List.of(md, html)) {
            assertThat(doc).doesNotContain("18.7").doesNotContain("1.47×");
        }
        List<Double> values = new ArrayList<>();
        summary.findValues("usPerOp").forEach(v -> values.add(v.asDouble()));
        assertThat(values).contains(15.5, 21.9).doesNotContain(18.7);
    }

    @Test
    void every_figure_of_each_set_appears_under_its_label() {
        for (String label : List.of(A, B)) {
            for (JsonNode p : set(label).at("/summary/patterns")) {
                if (p.findValues("usPerOp").stream().allMatch(JsonNode::isNull)) {
                    assertThat(md)
                            .containsPattern(
                                    "Not measured in any set: .*" + p.get("id").asText());
                    assertThat(md).doesNotContain("\n## " + p.get("id").asText() + " ");
                    continue;
                }
                String block = mdBlock(p.get("id").asText(), label);
                for (JsonNode r : p.get("results")) {
                    if (!r.get("usPerOp").isNull()) {
                        String median = figure(r.get("usPerOp").asDouble());
                        assertThat(block)
                                .as("%s %s %s", label, p.get("id"), r.get("impl"))
                                .containsPattern(
                                        "\\| " + r.get("impl").asText() + " \\| " + Pattern.quote(median) + " \\[");
                    }
                }
            }
        }
    }

    private static String figure(double v) {
        return v >= 10
                ? String.format(java.util.Locale.ROOT, "%.1f", v)
                : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    @Test
    void the_result_sets_table_puts_the_environments_side_by_side() {
        assertThat(md)
                .contains(
                        "## Result sets",
                        "| PostgreSQL | 18.1 | 16.6 |",
                        "| Database mode | embedded | container |",
                        "| CPU | Fixture CPU @ 2.0GHz (2 cores) | Other Fixture CPU @ 3.1GHz (4 cores) |",
                        "| Network distance (added round trip) | loopback only | loopback only |");
        assertThat(html).contains("<td>Other Fixture CPU @ 3.1GHz (4 cores)</td>");
        assertThat(md.indexOf("## Result sets")).isLessThan(md.indexOf("## P02"));
        Matcher never = Pattern.compile("never averaged").matcher(md);
        int count = 0;
        while (never.find()) {
            count++;
        }
        int sections = md.split("\n## P").length - 1;
        assertThat(sections)
                .as("P02, P06, P07: the patterns the fixtures measured")
                .isEqualTo(3);
        assertThat(count).as("the rule on top and under every pattern").isEqualTo(sections + 1);
    }

    @Test
    void sets_from_different_machines_get_no_side_by_side_table() {
        assertThat(md).doesNotContain("side by side");
        assertThat(html).doesNotContain("side by side");
    }

    @Test
    void sets_that_differ_only_in_postgresql_stand_side_by_side_each_with_its_own_figures() throws IOException {
        // B's figures on A's machine: the environments differ in the PostgreSQL version alone.
        Path pg18 = Fixtures.copy(A, tmp.resolve("side").resolve("pg18"));
        Path pg16 = Fixtures.copy(B, tmp.resolve("side").resolve("pg16"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode env =
                (ObjectNode) json.readTree(pg18.resolve("environment.json").toFile());
        env.put("postgres", "16.6");
        json.writeValue(pg16.resolve("environment.json").toFile(), env);
        Path o = tmp.resolve("side-report");
        Run r = merge(o, pg18, pg16);
        assertThat(r.status).as(r.err).isZero();
        String side = Files.readString(o.resolve("report.md"));
        assertThat(side)
                .contains(
                        "**P02 side by side: the sets differ only in PostgreSQL**",
                        "| implementation | pg18: µs/op | pg18: ratio to the floor | pg16: µs/op | pg16: ratio to the floor |",
                        "| hibernate | 15.5 [15.0, 16.1] | 1.22× [1.16, 1.29] | 21.9 [21.2, 22.8] | 1.72× [1.64, 1.81] |",
                        "| raw-jdbc (floor) | 12.7 [12.5, 12.9] | — | 12.7 [12.5, 12.9] | — |")
                .doesNotContain("18.7")
                .doesNotContain("1.47×");
        assertThat(Files.readString(o.resolve("index.html")))
                .contains("<h3>P02 side by side: the sets differ only in PostgreSQL</h3>");
    }

    @Test
    void each_set_keeps_its_own_full_report() throws IOException {
        for (String label : List.of(A, B)) {
            Path dir = out.resolve("sets").resolve(label);
            assertThat(dir.resolve("index.html")).exists();
            assertThat(dir.resolve("report.md")).exists();
            JsonNode own =
                    new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertThat(own.get("environment")).isEqualTo(set(label).at("/summary/environment"));
            assertThat(html).contains("href=\"sets/" + label + "/index.html\"");
        }
        assertThat(Files.readString(out.resolve("sets").resolve(B).resolve("report.md")))
                .contains("16.6");
    }

    @Test
    void results_from_reads_every_subfolder_like_download_artifact_lays_them_out() throws IOException {
        Path artifacts = tmp.resolve("artifacts");
        Fixtures.copy(A, artifacts.resolve("results-pg18"));
        Fixtures.copy(B, artifacts.resolve("results-pg16"));
        Path o = tmp.resolve("from");
        Run r = run("--results-from", artifacts.toString(), "--out", o.toString(), "--sources", sources.toString());
        assertThat(r.status).as(r.err).isZero();
        JsonNode s = new ObjectMapper().readTree(o.resolve("summary.json").toFile());
        List<String> sets = new ArrayList<>();
        s.get("sets").forEach(set -> sets.add(set.get("label").asText()));
        assertThat(sets).containsExactly("results-pg16", "results-pg18");
        assertThat(Files.readString(o.resolve("report.md"))).contains("| PostgreSQL | 16.6 | 18.1 |");
    }

    @Test
    void a_label_with_spaces_and_a_hash_is_linked_escaped() throws IOException {
        Path odd = Fixtures.copy(B, tmp.resolve("odd").resolve("pg 16 #2"));
        Path o = tmp.resolve("odd-report");
        Run r = merge(o, Fixtures.dir(A), odd);
        assertThat(r.status).as(r.err).isZero();
        assertThat(o.resolve("sets").resolve("pg 16 #2").resolve("report.md")).exists();
        assertThat(Files.readString(o.resolve("report.md"))).contains("(sets/pg%2016%20%232/report.md)");
        assertThat(Files.readString(o.resolve("index.html"))).contains("href=\"sets/pg%2016%20%232/index.html\"");
    }

    @Test
    void a_folder_that_is_not_a_result_set_is_named() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("not-a-set"));
        Run r = merge(tmp.resolve("x"), Fixtures.dir(A), empty);
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains(empty.toString(), "is not a result set", "paired.json");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void two_sets_with_one_label_are_refused() {
        Path copy = Fixtures.copy(A, tmp.resolve("elsewhere").resolve(A));
        Run r = merge(tmp.resolve("y"), Fixtures.dir(A), copy);
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err)
                .contains(
                        copy.toString(),
                        "same label \"" + A + "\"",
                        Fixtures.dir(A).toString());
        assertThat(tmp.resolve("y")).doesNotExist();
    }

    @Test
    void an_empty_results_from_folder_is_refused() throws IOException {
        Path none = Files.createDirectories(tmp.resolve("no-artifacts"));
        Run r = run("--results-from", none.toString(), "--out", tmp.resolve("z").toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains(none.toString(), "no result-set folder");
    }

    @Test
    void publish_takes_one_set_only() {
        Run r = run(
                "--results",
                Fixtures.dir(A).toString(),
                "--results",
                Fixtures.dir(B).toString(),
                "--publish",
                tmp.resolve("pub").toString(),
                "--sources",
                sources.toString());
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--publish takes one result set");
        assertThat(tmp.resolve("pub")).doesNotExist();
    }

    @Test
    void one_set_renders_exactly_the_single_report() throws IOException {
        Path single = tmp.resolve("single");
        Fixtures.report(Fixtures.dir(A), single, sources);
        Path merged = tmp.resolve("own");
        assertThat(merge(merged, Fixtures.dir(A), Fixtures.dir(B)).status).isZero();
        // The same generator renders a set alone and inside the merged report; only the time stamps differ.
        assertThat(withoutTimes(
                        Files.readString(merged.resolve("sets").resolve(A).resolve("report.md"))))
                .isEqualTo(withoutTimes(Files.readString(single.resolve("report.md"))));
        assertThat(Files.readString(single.resolve("report.md"))).doesNotContain("## Result sets");
        assertThat(single.resolve("sets")).doesNotExist();
    }

    private static String withoutTimes(String s) {
        return s.replaceAll("Generated \\S+", "Generated T");
    }
}
