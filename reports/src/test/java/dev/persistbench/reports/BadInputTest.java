package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails clearly, with a non-zero exit, and never leaves a half-written report. */
class BadInputTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportMain.run(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** An earlier report whose survival proves nothing was replaced. */
    private Path previousReport() throws IOException {
        Path out = tmp.resolve("out/report");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), "previous report");
        return out;
    }

    private void assertUntouched(Path out) throws IOException {
        assertThat(out.resolve("index.html")).hasContent("previous report");
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("report");
        }
    }

    @Test
    void missing_results_directory() throws IOException {
        Path out = previousReport();
        Path missing = tmp.resolve("no-such-results");
        int status = run("--results", missing.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err()).contains(missing.toString()).contains("results directory does not exist");
        assertUntouched(out);
    }

    @Test
    void results_directory_without_jmh_result() throws IOException {
        Path out = previousReport();
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve("environment.json"), "{}");
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains(results.resolve("jmh-result.json").toString())
                .contains("missing");
        assertUntouched(out);
    }

    @Test
    void malformed_json_names_the_file_and_the_position() throws IOException {
        Path out = previousReport();
        Path results = Fixtures.dir("results-malformed");
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains(results.resolve("jmh-result.json").toString())
                .contains("malformed JSON at line");
        assertUntouched(out);
    }

    @Test
    void a_well_formed_file_of_the_wrong_shape_is_named_too() throws IOException {
        Path out = previousReport();
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve("jmh-result.json"), "[]");
        Files.writeString(results.resolve("statements.json"), "[{\"pattern\": \"P02\", \"statementsPerOp\": 1}]");
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains(results.resolve("statements.json").toString())
                .contains("entry 0 has no \"impl\"");
        assertUntouched(out);
    }

    @Test
    void a_non_numeric_score_is_named() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve("jmh-result.json"), """
                [ { "benchmark": "dev.persistbench.bench.P02FindCustomerBenchmark.run", "mode": "avgt", "threads": 1,
                    "params": { "impl": "JDBC", "dataSize": "1000" },
                    "primaryMetric": { "score": "fast", "scoreError": 1.0, "scoreUnit": "us/op" } } ]
                """);
        int status =
                run("--results", results.toString(), "--out", tmp.resolve("r").toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains("jmh-result.json")
                .contains("P02FindCustomerBenchmark.run")
                .contains("\"score\" is not a number: \"fast\"");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    /** The paired fixture with paired.json changed by {@code edit}; the report must fail naming file and field. */
    private String failOnPaired(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("paired-results"));
        Path paired = results.resolve("paired.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(paired.toFile());
        edit.accept(root);
        json.writeValue(paired.toFile(), root);
        Path out = previousReport();
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).as(err()).isEqualTo(1);
        assertUntouched(out);
        assertThat(err()).contains(paired.toString() + ": ");
        return err();
    }

    private static ObjectNode arm(ObjectNode root, int result, int arm) {
        return (ObjectNode) root.get("results").get(result).get("arms").get(arm);
    }

    @Test
    void paired_json_a_value_of_the_wrong_type_names_the_field() throws IOException {
        String err = failOnPaired(root -> ((ObjectNode) arm(root, 0, 1).get("usPerOp")).put("low", "fast"));
        assertThat(err).contains("field results[0].arms[1].usPerOp.low").contains("wrong type");
    }

    @Test
    void paired_json_a_missing_field_is_named() throws IOException {
        String err = failOnPaired(root -> arm(root, 2, 1).remove("settled"));
        assertThat(err).contains("field results[2].arms[1].settled is missing or null");
    }

    @Test
    void paired_json_an_interval_that_does_not_enclose_its_estimate_is_named() throws IOException {
        String err = failOnPaired(root -> ((ObjectNode) arm(root, 0, 2).get("ratioToFloor")).put("low", 1.2));
        assertThat(err)
                .contains("field results[0].arms[2].ratioToFloor low 1.2, estimate 1.09, high 1.11")
                .contains("expected low <= estimate <= high");
    }

    @Test
    void paired_json_a_group_member_that_is_no_arm_is_named() throws IOException {
        String err = failOnPaired(
                root -> ((ArrayNode) root.get("results").get(0).get("groups").get(1)).set(0, "eclipselink"));
        assertThat(err).contains("field results[0].groups[1][0] \"eclipselink\" is not an implementation arm");
    }

    @Test
    void paired_json_an_order_inside_a_group_between_two_groups_is_named() throws IOException {
        String err = failOnPaired(root -> ((ObjectNode) root.get("results").get(0))
                .putArray("ordersInGroups")
                .addArray()
                .add("jooq")
                .add("jdbc"));
        assertThat(err).contains("field results[0].ordersInGroups[0] [jooq, jdbc] are not members of one group");
    }

    @Test
    void paired_json_a_cpu_probe_time_that_is_not_positive_is_named() throws IOException {
        String err = failOnPaired(root ->
                ((ObjectNode) root.get("results").get(1).get("selectOne").get(3)).put("memoryWalkUs", -2.0));
        assertThat(err)
                .contains("field results[1].selectOne[3].memoryWalkUs is -2.0")
                .contains("expected a positive time in µs, or no field");
    }

    @Test
    void paired_json_of_another_schema_is_refused() throws IOException {
        String err = failOnPaired(root -> root.put("schema", 2));
        assertThat(err).contains("field schema is 2, this report reads version 1");
    }

    @Test
    void paired_json_that_is_not_json_names_the_position() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("broken-results"));
        Files.writeString(results.resolve("paired.json"), "{ \"schema\": 1, \"results\": [ { \"pattern\": ");
        Path out = previousReport();
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err()).contains(results.resolve("paired.json").toString()).contains("malformed JSON at line 1");
        assertUntouched(out);
    }

    @Test
    void unknown_option_is_a_usage_error() {
        assertThat(run("--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("unknown option --colour").contains("usage: ReportMain");
    }
}
