package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-profile fixture: two data sizes, a 1/2/4 thread sweep, sample-mode percentiles,
 * contract.json, a reliability file, a dirty working tree and a JMH run error.
 */
class FullProfileTest {

    @TempDir
    static Path tmp;

    static JsonNode summary;
    static String html;
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        out = tmp.resolve("report");
        int status = ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-full").toString(),
                    "--out",
                    out.toString(),
                    "--sources",
                    Fixtures.repo(tmp.resolve("repo"), true).toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
        assertThat(status).isZero();
        summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        html = Files.readString(out.resolve("index.html"));
    }

    static JsonNode p02() {
        return summary.get("patterns").get(1);
    }

    static JsonNode jdbc(JsonNode pattern) {
        return pattern.get("results").get(3);
    }

    @Test
    void headline_is_the_largest_size_at_one_thread_with_floor_at_the_same_size() {
        assertThat(p02().get("id").asText()).isEqualTo("P02");
        assertThat(p02().get("dataSize").asInt()).isEqualTo(10000);
        assertThat(p02().get("floorUsPerOp").asDouble()).isEqualTo(82.0);
        assertThat(p02().get("selectOneUsPerOp").asDouble()).isEqualTo(61.0);
        assertThat(jdbc(p02()).get("usPerOp").asDouble()).isCloseTo(93.5, within(1e-9));
        assertThat(jdbc(p02()).get("ratioToFloor").asDouble()).isCloseTo(93.5 / 82.0, within(1e-4));
    }

    @Test
    void ties_within_the_combined_error_are_named() {
        // P06 at 10,000: jdbc 850 ± 20, jooq 950 ± 20 (apart), mybatis 1,000 ± 600 (within 620 of jdbc).
        JsonNode p06 = summary.get("patterns").get(5);
        assertThat(p06.get("fastest").asText()).isEqualTo("jdbc");
        assertThat(p06.get("tiedWithFastest").toString()).isEqualTo("[\"mybatis\"]");
        assertThat(html).contains("<td>jdbc ≈ mybatis</td>");
    }

    @Test
    void sample_mode_percentiles() {
        assertThat(jdbc(p02()).get("p50Us").asDouble()).isEqualTo(85.0);
        assertThat(jdbc(p02()).get("p99Us").asDouble()).isEqualTo(170.0);
        assertThat(jdbc(p02()).get("p999Us").asDouble()).isEqualTo(340.0);
    }

    @Test
    void cost_by_size_and_throughput_by_threads() {
        JsonNode bySize = p02().get("bySize");
        // Four implementations and the floor, two sizes each.
        assertThat(bySize).hasSize(10);
        assertThat(bySize.get(bySize.size() - 1).get("impl").asText()).isEqualTo("raw-jdbc");
        JsonNode byThreads = p02().get("byThreads");
        assertThat(byThreads).hasSize(12);
        JsonNode jdbcTwo = null;
        for (JsonNode t : byThreads) {
            if (t.get("impl").asText().equals("jdbc") && t.get("threads").asInt() == 2) {
                jdbcTwo = t;
            }
        }
        assertThat(jdbcTwo).isNotNull();
        // 2 threads at 85.0 × 1.2 = 102 µs/op each: 2 / 102 µs = 19,607.8 ops/s.
        assertThat(jdbcTwo.get("opsPerSecond").asDouble()).isCloseTo(2e6 / 102.0, within(0.1));
        assertThat(out.resolve("charts/threads-P02.svg")).isRegularFile();
        assertThat(out.resolve("charts/size-P02.svg")).isRegularFile();
        assertThat(out.resolve("charts/threads-P06.svg")).doesNotExist();
    }

    @Test
    void contract_from_contract_json_and_drift_matrix_from_reliability_files() {
        assertThat(summary.get("contract").get(1).get("source").asText()).isEqualTo("contract.json");
        assertThat(summary.get("contract").get(1).get("status").asText()).isEqualTo("passed");
        JsonNode drift = summary.get("schemaDrift");
        assertThat(drift.get("RENAMED_COLUMN").get("hibernate").asText()).isEqualTo("refused-at-startup");
        assertThat(drift.get("RENAMED_COLUMN").get("jdbc").asText()).isEqualTo("fails-loudly");
        assertThat(drift.get("BASELINE").has("hibernate")).isFalse();
        JsonNode rules = summary.get("reliability");
        assertThat(rules.get("R1.1").get("hibernate").asText()).isEqualTo("failed");
        assertThat(rules.get("R2.1").get("jdbc").asText()).isEqualTo("passed");
        assertThat(summary.get("notMeasured").toString())
                .contains("reliability rules: no results for jooq")
                .contains("schema drift: no results for mybatis");
        assertThat(html)
                .contains("<h3>Schema drift: what each implementation does when the schema changes under it</h3>");
        assertThat(html)
                .contains("<tr><td>RENAMED_COLUMN</td><td>product.name renamed to title</td>"
                        + "<td>refused-at-startup\nSchema-validation: missing column [name] in table [product]</td>"
                        + "<td>not measured</td><td>not measured</td><td>fails-loudly</td></tr>");
        // Rules sorted by number, status and time per implementation.
        assertInOrder(html, "<td>R1.1</td>", "<td>failed · 4.10 s</td>", "<td>passed · 3.74 s</td>", "<td>R2.1</td>");
        assertThat(html).contains("<h3>R2.1 backend killed in the middle of P06</h3>");
        assertThat(html)
                .contains("<td>killsAfterStatement</td><td>not measured</td><td>not measured</td>"
                        + "<td>not measured</td><td>{&quot;1&quot;:39,&quot;2&quot;:25}</td>");
    }

    /**
     * {@code parts} appear in {@code text} in this order. AssertJ's containsSubsequence copies the
     * rest of the text after every part, which took 14 s on this report's page.
     */
    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertThat(at).as("'%s' after position %d", part, from).isNotNegative();
            from = at + part.length();
        }
    }

    @Test
    void run_errors_and_a_dirty_tree_are_stated() {
        assertThat(summary.get("environment").get("commitDirty").asBoolean()).isTrue();
        assertThat(html).contains("(with uncommitted changes)");
        assertThat(summary.get("caveats").toString())
                .contains("measured with uncommitted changes")
                .contains("mybatis was timed although its contract suite is failed")
                // mybatis P06: 1,000 ± 600 µs/op.
                .contains("1 figure(s) have an error larger than half of the figure itself")
                .doesNotContain("jdbc was timed although");
        assertThat(summary.get("notMeasured").toString())
                .contains(
                        "JMH run error: P05SearchProductsBenchmark.run [impl=JOOQ]: fixture error for the report test");
    }
}
