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
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Schema evolution" section from fixtures/evolution/evolution.json, added to a copy of
 * results-paired: four libraries, steps V2..V6; V4 cost MyBatis 3 failed calls of 3,290; V6 is the
 * contract step, noticed by Hibernate at start-up and by the other three at the first failing call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvolutionReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    Path sources;
    String html;
    String md;
    JsonNode summary;

    @BeforeAll
    void generate() throws IOException {
        sources = Fixtures.repo(tmp.resolve("repo"), false);
        Path out = Fixtures.report(results("as-written", e -> {}), tmp.resolve("out"), sources);
        html = Files.readString(out.resolve("index.html"));
        md = Files.readString(out.resolve("report.md"));
        summary = JSON.readTree(out.resolve("summary.json").toFile());
    }

    /** A copy of results-paired with the fixture's evolution.json, changed by {@code edit}. */
    private Path results(String name, Consumer<ObjectNode> edit) throws IOException {
        Path dir = Fixtures.copy("results-paired", tmp.resolve(name));
        ObjectNode evolution = (ObjectNode) JSON.readTree(
                Fixtures.dir("evolution").resolve("evolution.json").toFile());
        edit.accept(evolution);
        JSON.writeValue(dir.resolve("evolution.json").toFile(), evolution);
        return dir;
    }

    /** The result of {@code impl} (run index) for step index {@code step}. */
    private static ObjectNode result(ObjectNode evolution, int run, int step) {
        return (ObjectNode) evolution.get("runs").get(run).get("steps").get(step);
    }

    private String[] reportOf(Consumer<ObjectNode> edit, String name) throws IOException {
        Path out = Fixtures.report(results(name, edit), tmp.resolve(name + "-out"), sources);
        return new String[] {Files.readString(out.resolve("index.html")), Files.readString(out.resolve("report.md"))};
    }

    @Test
    void the_section_comes_after_reliability_in_html_and_markdown() {
        assertThat(html).contains("<h2 id=\"evolution\">Schema evolution</h2>");
        assertThat(html.indexOf("id=\"evolution\"")).isGreaterThan(html.indexOf("id=\"reliability\""));
        assertThat(html.indexOf("id=\"evolution\"")).isLessThan(html.indexOf("id=\"environment\""));
        assertThat(md).contains("\n## Schema evolution\n");
        assertThat(md.indexOf("## Schema evolution")).isGreaterThan(md.indexOf("## Reliability and schema drift"));
        assertThat(md.indexOf("## Schema evolution")).isLessThan(md.indexOf("## Environment"));
    }

    @Test
    void the_setup_is_one_sentence_from_the_file() {
        String setup =
                "100,000 orders (10,000 customers, 1,000 products) seeded on PostgreSQL 18.1; the V1 code of each"
                        + " library kept serving 4 reading and 2 order-placing (P06) threads";
        assertThat(html).contains(setup).contains("lock_timeout 2,000 ms and at most 3 attempts");
        assertThat(md).contains(setup).contains("lock_timeout 2,000 ms and at most 3 attempts");
    }

    @Test
    void each_step_has_its_figures_per_library_in_both_formats() {
        assertThat(html)
                .contains("V4 product inventory split · expand · in a transaction")
                .contains("V5 order status index concurrently · expand · outside a transaction")
                .contains("<td>MyBatis</td><td>3 / 3,290\norg.springframework.dao.PessimisticLockingFailureException:"
                        + " ERROR: deadlock detected</td><td>2,004 (556.7× of 3.60)</td><td>41.7</td><td>1</td>"
                        + "<td>1,810</td><td>held: ShareRowExclusiveLock on product</td><td>none</td>")
                .contains("waited for 1, longest 182.0 ms (AccessExclusiveLock on purchase_order)");
        assertThat(md)
                .contains("| MyBatis | 3 / 3,290<br>org.springframework.dao.PessimisticLockingFailureException:"
                        + " ERROR: deadlock detected | 2,004 (556.7× of 3.60) | 41.7 | 1 | 1,810 |"
                        + " held: ShareRowExclusiveLock on product | none |")
                .contains("waited for 1, longest 182.0 ms (AccessExclusiveLock on purchase_order)<br>held:");
        assertThat(md).contains("| Hibernate ORM | 1,402 / 2,950<br>");
        assertThat(md).contains("| start-up<br>org.hibernate.tool.schema.spi.SchemaManagementException");
    }

    @Test
    void the_sql_of_each_step_is_shown_collapsible_in_html() {
        assertThat(html)
                .contains("<details><summary>SQL of V5 order status index concurrently</summary><pre class=\"sql\">"
                        + "<code class=\"sql\">CREATE INDEX CONCURRENTLY purchase_order_status_created_at_idx");
        assertThat(html).contains("ALTER TABLE customer DROP COLUMN name;");
        assertThat(md)
                .contains("```sql\nCREATE INDEX CONCURRENTLY purchase_order_status_created_at_idx")
                .contains("```sql\nDROP TRIGGER customer_display_name_sync ON customer;");
    }

    @Test
    void the_verdicts_follow_the_figures() {
        for (String doc : new String[] {html, md}) {
            assertThat(doc)
                    .contains("V2 customer display name expand (expand): 0 failed calls for every library.")
                    .contains("V4 product inventory split (expand): failed calls under MyBatis 3 of 3,290;"
                            + " 0 failed calls for Hibernate ORM, jOOQ, Spring JDBC.")
                    .contains("V6 customer name contract (contract): noticed at start-up: Hibernate ORM;"
                            + " noticed only at the first failing call: jOOQ, MyBatis, Spring JDBC.")
                    .contains("Every acknowledged order was in the database afterwards, for every library.");
        }
    }

    @Test
    void a_changed_figure_changes_the_sentence() throws IOException {
        String[] changed = reportOf(
                e -> {
                    result(e, 1, 0).put("failedCalls", 2);
                    result(e, 1, 4).put("detection", "start-up");
                    ((ObjectNode) e.get("runs").get(3)).put("missingOrders", 1);
                },
                "changed");
        for (String doc : changed) {
            assertThat(doc)
                    .doesNotContain("V2 customer display name expand (expand): 0 failed calls for every library.")
                    .contains("V2 customer display name expand (expand): failed calls under jOOQ 2 of 4,247;"
                            + " 0 failed calls for Hibernate ORM, MyBatis, Spring JDBC.")
                    .contains("noticed at start-up: Hibernate ORM, jOOQ;"
                            + " noticed only at the first failing call: MyBatis, Spring JDBC.")
                    .contains("Acknowledged orders missing afterwards: Spring JDBC 1 of 6,120.")
                    .doesNotContain("Every acknowledged order was in the database afterwards");
        }
    }

    @Test
    void a_run_that_stopped_early_is_named_with_its_error() throws IOException {
        String[] stopped = reportOf(
                e -> {
                    ObjectNode run = (ObjectNode) e.get("runs").get(0);
                    ((com.fasterxml.jackson.databind.node.ArrayNode) run.get("steps")).remove(4);
                    ((com.fasterxml.jackson.databind.node.ArrayNode) run.get("steps")).remove(3);
                    run.put("error", "V5 gave up after 3 attempts on a lock");
                },
                "stopped");
        for (String doc : stopped) {
            assertThat(doc)
                    .contains("V5 order status index concurrently (expand): 0 failed calls for jOOQ, MyBatis,"
                            + " Spring JDBC; not run for Hibernate ORM (its run stopped before this step).")
                    .contains("V5 gave up after 3 attempts on a lock")
                    .contains("not run (stopped before this step)")
                    .contains("3 of 5");
        }
    }

    @Test
    void the_decision_guide_links_its_claim_to_the_section() {
        String claim = "schema changes under load, schema evolution: Hibernate ORM = jOOQ = Spring JDBC kept serving"
                + " through all 4 expand steps with 0 failed calls (MyBatis 3 failed calls); contract step V6 noticed"
                + " at start-up by Hibernate ORM, only at the first failing call by jOOQ, MyBatis, Spring JDBC.";
        assertThat(md).contains("- " + claim + " ([figures](#schema-evolution))");
        assertThat(html).contains(claim).contains("href=\"#evolution\"");
    }

    @Test
    void lines_changed_are_said_to_be_not_measured_without_follow_track_json() {
        assertThat(html).contains("Lines changed to follow each step: not measured in this run");
        assertThat(md).contains("Lines changed to follow each step: not measured in this run");
    }

    @Test
    void summary_json_carries_the_figures_and_the_verdicts() {
        JsonNode e = summary.get("evolution");
        assertThat(e.get("setup").get("orders").asInt()).isEqualTo(100_000);
        assertThat(e.get("steps")).hasSize(5);
        JsonNode v4 = e.get("steps").get(2);
        assertThat(v4.get("step").get("kind").asText()).isEqualTo("expand");
        assertThat(v4.get("failedCalls").get("mybatis").asLong()).isEqualTo(3);
        assertThat(v4.get("verdict").asText()).contains("failed calls under MyBatis 3 of 3,290");
        assertThat(e.get("steps").get(4).get("detection").get("hibernate").asText())
                .isEqualTo("start-up");
        assertThat(e.get("runs")
                        .get(2)
                        .get("steps")
                        .get(2)
                        .get("longestStallMillis")
                        .asDouble())
                .isEqualTo(2004.0);
        assertThat(summary.get("decisionGuide")).isNotEmpty();
        assertThat(summary.get("notMeasured").toString()).doesNotContain("schema evolution");
    }

    @Test
    void without_evolution_json_the_section_says_not_run_and_how_to_run_it() throws IOException {
        Path out = Fixtures.report(Fixtures.dir("results-paired"), tmp.resolve("absent-out"), sources);
        String command = "./mvnw -B -Pbench -Dbench.evolution=true (the full profile, -Dbench.profile=full, runs it"
                + " by default)";
        assertThat(Files.readString(out.resolve("index.html")))
                .contains("<h2 id=\"evolution\">Schema evolution</h2>")
                .contains("Not measured: the schema-evolution rehearsal (migrations after V1 applied under each"
                        + " library&#39;s load) was not run: this results folder has no evolution.json.")
                .contains(command);
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("## Schema evolution\n\n> **Not measured:** the schema-evolution rehearsal (migrations after"
                        + " V1 applied under each library's load) was not run: this results folder has no evolution.json."
                        + " It runs with " + command + ".\n\n### Following the track\n\n> **Not measured:**");
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("evolution").isNull()).isTrue();
        assertThat(s.get("notMeasured").toString()).contains("schema evolution: not measured");
    }

    @Test
    void a_merged_report_lists_which_sets_have_the_rehearsal_and_each_keeps_its_section() throws IOException {
        Path withIt = results("with-evolution", e -> {});
        Path out = tmp.resolve("merged");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportMain.run(
                new String[] {
                    "--results", withIt.toString(),
                    "--results", Fixtures.dir("results-paired-pg16").toString(),
                    "--out", out.toString(),
                    "--sources", sources.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("| Schema evolution | 5 steps under 4 libraries, in the set's own report | not run |");
        assertThat(Files.readString(out.resolve("index.html")))
                .contains("<td>Schema evolution</td><td>5 steps under 4 libraries, in the set&#39;s own report</td>"
                        + "<td>not run</td>");
        assertThat(Files.readString(out.resolve("sets/with-evolution/report.md")))
                .contains("V4 product inventory split (expand): failed calls under MyBatis 3 of 3,290;");
        assertThat(Files.readString(out.resolve("sets/results-paired-pg16/report.md")))
                .contains("was not run: this results folder has no evolution.json.");
    }

    @Test
    void a_malformed_evolution_json_is_a_clear_error_naming_the_file() throws IOException {
        assertError(e -> result(e, 0, 0).put("detection", "sometimes"), "detection-value", "sometimes");
        assertError(e -> e.put("steps", "V2"), "steps-shape", "wrong type or shape");
        assertError(e -> ((ObjectNode) e.get("steps").get(1)).remove("kind"), "no-kind", "steps[1] needs");
        assertError(
                e -> result(e, 2, 1).put("version", "7"),
                "unknown-version",
                "has a result for version 7, which is not");
        Path broken = Fixtures.copy("results-paired", tmp.resolve("broken"));
        Files.writeString(broken.resolve("evolution.json"), "{\"schema\": 1, \"steps\": [");
        assertThat(runError(broken)).contains("evolution.json").contains("malformed JSON at line 1");
    }

    private void assertError(Consumer<ObjectNode> edit, String name, String what) throws IOException {
        Path results = results(name, edit);
        assertThat(runError(results))
                .contains(results.resolve("evolution.json").toString())
                .contains(what);
    }

    private String runError(Path results) {
        return Fixtures.reportError(results, tmp.resolve("never"), sources);
    }
}
