package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persistbench.reports.input.InputException;
import dev.persistbench.reports.render.ReportView;
import dev.persistbench.reports.source.CodeSnippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The implementations, their order and their labels come from the results (implementations.json),
 * not from the report module: a fifth implementation shows up without any change here, the order of
 * the file is the order of the report, and an older file without labels still makes a report.
 */
class CatalogueReportTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path tmp;

    /** results-paired copied, with {@code change} applied to the root of {@code file}. */
    private Path results(String file, Consumer<JsonNode> change) throws IOException {
        Path dir = Files.isDirectory(tmp.resolve("results")) ? tmp.resolve("results") : copy();
        edit(dir.resolve(file), change);
        return dir;
    }

    private Path copy() {
        return Fixtures.copy("results-paired", tmp.resolve("results"));
    }

    private static void edit(Path file, Consumer<JsonNode> change) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        change.accept(root);
        JSON.writeValue(file.toFile(), root);
    }

    private Path sources() {
        return Fixtures.repo(tmp.resolve("repo"), false);
    }

    /** Adds an entry "fifth" copied from jdbc's wherever the run lists implementations. */
    private Path withFifth() throws IOException {
        Path dir = results("implementations.json", root -> {
            ArrayNode a = (ArrayNode) root;
            a.addObject()
                    .put("impl", "fifth")
                    .put("label", "Fifth Store")
                    .put("module", "impl-fifth")
                    .put("source", "dev/example/FifthRepository.java")
                    .put("library", "fifth")
                    .put("status", "timed");
            a.addObject().put("impl", "raw-jdbc").put("status", "timed");
        });
        edit(dir.resolve("paired.json"), root -> {
            for (JsonNode r : root.get("results")) {
                ArrayNode arms = (ArrayNode) r.get("arms");
                ObjectNode fifth = arms.get(arms.size() - 1).deepCopy();
                assertThat(fifth.get("impl").asText()).isEqualTo("jdbc");
                arms.add(fifth.put("impl", "fifth"));
                for (JsonNode g : r.get("groups")) {
                    if (g.toString().contains("\"jdbc\"")) {
                        ((ArrayNode) g).add("fifth");
                    }
                }
            }
        });
        copyJdbcEntries(dir.resolve("statements.json"));
        copyJdbcEntries(dir.resolve("contract.json"));
        edit(dir.resolve("environment.json"), root -> ((ObjectNode) root.get("libraries")).put("fifth", "5.0.1"));
        return dir;
    }

    private static void copyJdbcEntries(Path file) throws IOException {
        edit(file, root -> {
            List<JsonNode> copies = new ArrayList<>();
            root.forEach(e -> {
                if (e.get("impl").asText().equals("jdbc")) {
                    copies.add(((ObjectNode) e.deepCopy()).put("impl", "fifth"));
                }
            });
            assertThat(copies).isNotEmpty();
            copies.forEach(((ArrayNode) root)::add);
        });
    }

    @Test
    void a_fifth_implementation_appears_wherever_every_implementation_does() throws IOException {
        Path results = withFifth();
        Path out = tmp.resolve("report");
        ReportGenerator.Generated g = ReportGenerator.generate(results, out, sources());
        String html = Files.readString(out.resolve("index.html"));
        String md = Files.readString(out.resolve("report.md"));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());

        assertThat(summary.get("implementations").toString())
                .isEqualTo("[\"hibernate\",\"jooq\",\"mybatis\",\"jdbc\",\"fifth\"]");
        everyPatternLists(summary, List.of("hibernate", "jooq", "mybatis", "jdbc", "fifth"));
        JsonNode p02Fifth = Fixtures.first(
                Fixtures.first(
                                summary.get("patterns"),
                                p -> p.get("id").asText().equals("P02"),
                                "P02")
                        .get("results"),
                r -> r.get("impl").asText().equals("fifth"),
                "fifth in P02");
        assertThat(p02Fifth.get("status").asText()).isEqualTo("measured");
        assertThat(p02Fifth.get("usPerOp").isNumber()).isTrue();

        // Summary table headers, ranking, per-pattern rows, versions.
        assertThat(html)
                .contains("<th>Spring JDBC</th><th>Fifth Store</th><th>raw-JDBC floor</th>")
                .contains("Fifth Store 5.0.1")
                .contains("persistbench: Hibernate ORM vs jOOQ vs MyBatis vs Spring JDBC vs Fifth Store");
        assertThat(md)
                .contains("| pattern | Hibernate ORM | jOOQ | MyBatis | Spring JDBC | Fifth Store |")
                .contains("Fifth Store 5.0.1")
                .contains("**Ranking:** jOOQ < Hibernate ORM = MyBatis = Spring JDBC = Fifth Store");
        ReportView.PatternView p02 = g.view().patterns().stream()
                .filter(p -> p.id().equals("P02"))
                .findFirst()
                .orElseThrow();
        assertThat(p02.rows()).extracting(ReportView.Row::impl).contains("fifth");

        // Its module is not in the sources: its code is reported as not found.
        CodeSnippet code = p02.code().stream()
                .filter(c -> c.impl().equals("fifth"))
                .findFirst()
                .orElseThrow();
        assertThat(code.found()).isFalse();
        assertThat(code.reason()).contains("impl-fifth");
        assertThat(md).contains("**fifth**: not found: ");
        assertThat(html).contains("not found: sources impl-fifth/src/main do not exist");
    }

    @Test
    void an_older_implementations_json_without_labels_names_each_implementation_by_its_id() throws IOException {
        Path results = results(
                "implementations.json",
                root -> root.forEach(e -> ((ObjectNode) e).remove(List.of("label", "module", "source", "library"))));
        Path out = Fixtures.report(results, tmp.resolve("report"), sources());
        String html = Files.readString(out.resolve("index.html"));
        String md = Files.readString(out.resolve("report.md"));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());

        // The order in which paired.json's arms first name them.
        assertThat(summary.get("implementations").toString())
                .isEqualTo("[\"hibernate\",\"jooq\",\"mybatis\",\"jdbc\"]");
        assertThat(summary.get("catalogue").findValuesAsText("label"))
                .containsExactly("hibernate", "jooq", "mybatis", "jdbc");
        assertThat(md).contains("| pattern | hibernate | jooq | mybatis | jdbc |");
        assertThat(html).contains("<th>hibernate</th><th>jooq</th><th>mybatis</th><th>jdbc</th>");
        assertThat(md).doesNotContain("Hibernate ORM").doesNotContain("Spring JDBC");
        // Its library key is its id: "hibernate" has a version, "jdbc" has none.
        assertThat(md).contains("hibernate 7.4.15.Final").contains("jdbc ?");
        List<String> notMeasured = new ArrayList<>();
        summary.get("notMeasured").forEach(n -> notMeasured.add(n.asText()));
        assertThat(notMeasured)
                .filteredOn(n -> n.startsWith("implementations described only by their id"))
                .singleElement()
                .asString()
                .contains("hibernate, jooq, mybatis, jdbc")
                .contains("an older bench");
        // No source file: the code is not found, and nothing throws.
        assertThat(md).contains("**jdbc**: not found: sources of jdbc unknown");
    }

    @Test
    void without_implementations_json_the_ids_of_the_results_are_the_implementations() throws IOException {
        Path results = copy();
        Files.delete(results.resolve("implementations.json"));
        Path out = Fixtures.report(results, tmp.resolve("report"), sources());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());

        assertThat(summary.get("implementations").toString())
                .isEqualTo("[\"hibernate\",\"jooq\",\"mybatis\",\"jdbc\"]");
        List<String> notMeasured = new ArrayList<>();
        summary.get("notMeasured").forEach(n -> notMeasured.add(n.asText()));
        assertThat(notMeasured)
                .anyMatch(n -> n.startsWith("implementations.json is missing"))
                .anyMatch(n -> n.startsWith("implementations described only by their id: hibernate, jooq, mybatis,"
                        + " jdbc (implementations.json is missing)"));
    }

    @Test
    void the_order_of_implementations_json_is_the_order_of_the_report() throws IOException {
        List<String> order = List.of("jdbc", "mybatis", "hibernate", "jooq");
        Path results = results("implementations.json", root -> {
            List<JsonNode> entries = new ArrayList<>();
            root.forEach(entries::add);
            ArrayNode a = (ArrayNode) root;
            a.removeAll();
            for (String id : order) {
                a.add(entries.stream()
                        .filter(e -> e.get("impl").asText().equals(id))
                        .findFirst()
                        .orElseThrow());
            }
        });
        Path out = Fixtures.report(results, tmp.resolve("report"), sources());
        String html = Files.readString(out.resolve("index.html"));
        String md = Files.readString(out.resolve("report.md"));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());

        assertThat(summary.get("implementations").toString())
                .isEqualTo("[\"jdbc\",\"mybatis\",\"hibernate\",\"jooq\"]");
        everyPatternLists(summary, order);
        List<String> coldStart = new ArrayList<>();
        summary.get("coldStart").forEach(c -> coldStart.add(c.get("impl").asText()));
        assertThat(coldStart).isEqualTo(order);
        assertThat(md)
                .contains("| pattern | Spring JDBC | MyBatis | Hibernate ORM | jOOQ |")
                .contains("persistbench: Spring JDBC vs MyBatis vs Hibernate ORM vs jOOQ on one PostgreSQL schema")
                // Inside a group, the members in report order.
                .contains("**Ranking:** jOOQ < Spring JDBC = MyBatis = Hibernate ORM");
        assertThat(html).contains("<th>Spring JDBC</th><th>MyBatis</th><th>Hibernate ORM</th><th>jOOQ</th>");
    }

    @Test
    void an_arm_that_implementations_json_does_not_list_is_refused() throws IOException {
        Path results = results(
                "paired.json",
                root -> ((ObjectNode) root.get("results").get(0).get("arms").get(1)).put("impl", "eclipselink"));
        edit(results.resolve("paired.json"), root -> {
            for (JsonNode g : root.get("results").get(0).get("groups")) {
                for (int k = 0; k < g.size(); k++) {
                    if (g.get(k).asText().equals("hibernate")) {
                        ((ArrayNode) g).set(k, "eclipselink");
                    }
                }
            }
        });
        assertThatThrownBy(() -> ReportGenerator.summarize(results, null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("field results[0].arms[1].impl \"eclipselink\" is not an implementation of"
                        + " implementations.json (hibernate, jooq, mybatis, jdbc)");
    }

    @Test
    void an_implementation_listed_twice_is_refused() throws IOException {
        Path results = results(
                "implementations.json",
                root -> ((ArrayNode) root).add(root.get(0).deepCopy()));
        assertThatThrownBy(() -> ReportGenerator.summarize(results, null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("implementations.json")
                .hasMessageContaining("implementation \"hibernate\" is listed twice");
    }

    /** Every pattern of summary.json lists its results for exactly {@code ids}, in that order. */
    private static void everyPatternLists(JsonNode summary, List<String> ids) {
        for (JsonNode p : summary.get("patterns")) {
            List<String> impls = new ArrayList<>();
            p.get("results").forEach(r -> impls.add(r.get("impl").asText()));
            assertThat(impls).as(p.get("id").asText()).isEqualTo(ids);
        }
    }
}
