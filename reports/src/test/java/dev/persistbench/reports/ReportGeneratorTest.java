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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the report from the quick-profile fixture (hibernate and jdbc timed, mybatis's suite
 * failed, jooq missing) and checks summary.json, report.md and index.html.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportGeneratorTest {

    @TempDir
    static Path tmp;

    Path out;
    String stdout;
    JsonNode summary;
    String html;
    String md;

    @BeforeAll
    void generate() throws IOException {
        Path repo = Fixtures.repo(tmp.resolve("repo"), false);
        out = tmp.resolve("report");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-quick").toString(),
                    "--out",
                    out.toString(),
                    "--sources",
                    repo.toString()
                },
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(status)
                .as("exit status; stderr: %s", e.toString(StandardCharsets.UTF_8))
                .isZero();
        stdout = o.toString(StandardCharsets.UTF_8).strip();
        summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        html = Files.readString(out.resolve("index.html"));
        md = Files.readString(out.resolve("report.md"));
    }

    JsonNode pattern(String id) {
        for (JsonNode p : summary.get("patterns")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no pattern " + id);
    }

    JsonNode result(String pattern, String impl) {
        for (JsonNode r : pattern(pattern).get("results")) {
            if (r.get("impl").asText().equals(impl)) {
                return r;
            }
        }
        throw new AssertionError("no result " + pattern + "/" + impl);
    }

    @Test
    void prints_the_absolute_path_of_index_html() {
        assertThat(stdout).isEqualTo(out.resolve("index.html").toAbsolutePath().toString());
        assertThat(out.resolve("index.html")).isRegularFile();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class SummaryJson {

        @Test
        void lists_all_patterns_and_all_four_implementations_in_order() {
            assertThat(summary.get("implementations").toString())
                    .isEqualTo("[\"hibernate\",\"jooq\",\"mybatis\",\"jdbc\"]");
            assertThat(summary.get("patterns")).hasSize(13);
            for (JsonNode p : summary.get("patterns")) {
                List<String> impls = new ArrayList<>();
                p.get("results").forEach(r -> impls.add(r.get("impl").asText()));
                assertThat(impls).as(p.get("id").asText()).containsExactly("hibernate", "jooq", "mybatis", "jdbc");
            }
        }

        @Test
        void environment_is_copied_from_environment_json() {
            JsonNode env = summary.get("environment");
            assertThat(env.get("postgres").asText()).isEqualTo("18.1");
            assertThat(env.get("cores").asInt()).isEqualTo(2);
            assertThat(env.get("profile").asText()).isEqualTo("quick");
            assertThat(env.get("commit").asText()).startsWith("0123456789abcdef");
            assertThat(env.get("libraries").get("spring-jdbc").asText()).isEqualTo("7.0.10");
            assertThat(summary.get("generatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }

        @Test
        void ratios_and_deltas_over_the_floor_and_select_one() {
            JsonNode p02 = pattern("P02");
            assertThat(p02.get("floorUsPerOp").asDouble()).isEqualTo(80.0);
            assertThat(p02.get("selectOneUsPerOp").asDouble()).isEqualTo(60.0);
            JsonNode jdbc = result("P02", "jdbc");
            assertThat(jdbc.get("usPerOp").asDouble()).isEqualTo(85.0);
            assertThat(jdbc.get("error").asDouble()).isEqualTo(1.1);
            assertThat(jdbc.get("ratioToFloor").asDouble()).isCloseTo(85.0 / 80.0, within(1e-4));
            assertThat(jdbc.get("deltaToFloorUs").asDouble()).isCloseTo(5.0, within(1e-9));
            assertThat(jdbc.get("ratioToSelectOne").asDouble()).isCloseTo(85.0 / 60.0, within(1e-4));
            assertThat(jdbc.get("deltaToSelectOneUs").asDouble()).isCloseTo(25.0, within(1e-9));
            assertThat(result("P02", "hibernate").get("ratioToFloor").asDouble())
                    .isCloseTo(1.5, within(1e-9));
        }

        @Test
        void units_are_normalised_to_microseconds() {
            // hibernate P03 is reported by JMH in ms/op: 4.0 ± 0.1 ms.
            JsonNode h = result("P03", "hibernate");
            assertThat(h.get("usPerOp").asDouble()).isCloseTo(4000.0, within(1e-6));
            assertThat(h.get("error").asDouble()).isCloseTo(100.0, within(1e-6));
            assertThat(h.get("ratioToFloor").asDouble()).isCloseTo(2.0, within(1e-9));
            // The JMH param wins over environment.json's workload ("P03batchSize": 1000) ...
            assertThat(pattern("P03").get("params").get("batchSize").asText()).isEqualTo("100");
            // ... which otherwise states the pattern's fixed workload.
            assertThat(pattern("P08").get("params").get("limit").asText()).isEqualTo("10");
        }

        @Test
        void allocation_and_statements_per_op() {
            assertThat(result("P02", "jdbc").get("bytesPerOp").asDouble()).isEqualTo(1234.0);
            // hibernate's entry uses JMH's older "·gc.alloc.rate.norm" key.
            assertThat(result("P02", "hibernate").get("bytesPerOp").asDouble()).isEqualTo(5678.0);
            assertThat(result("P02", "jdbc").get("statementsPerOp").asInt()).isEqualTo(1);
            assertThat(result("P03", "hibernate").get("statementsPerOp").asInt())
                    .isEqualTo(3);
            assertThat(pattern("P02").get("floorStatementsPerOp").asInt()).isEqualTo(1);
        }

        @Test
        void no_floor_means_null_floor_and_null_ratio() {
            JsonNode p04 = pattern("P04");
            assertThat(p04.get("floorUsPerOp").isNull()).isTrue();
            assertThat(result("P04", "jdbc").get("ratioToFloor").isNull()).isTrue();
            assertThat(result("P04", "jdbc").get("ratioToSelectOne").asDouble()).isCloseTo(70.0 / 60.0, within(1e-4));
            // JMH wrote "NaN" for the error: unknown, not zero.
            assertThat(result("P04", "jdbc").get("error").isNull()).isTrue();
        }

        @Test
        void failed_suite_and_missing_implementation_are_nulls_with_reasons() {
            JsonNode mybatis = result("P02", "mybatis");
            assertThat(mybatis.get("status").asText()).isEqualTo("not-measured");
            assertThat(mybatis.get("usPerOp").isNull()).isTrue();
            assertThat(mybatis.get("ratioToFloor").isNull()).isTrue();
            assertThat(mybatis.get("reason").asText()).contains("contract suite failed");
            assertThat(mybatis.get("contract").asText()).isEqualTo("failed");
            JsonNode jooq = result("P02", "jooq");
            assertThat(jooq.get("usPerOp").isNull()).isTrue();
            assertThat(jooq.get("reason").asText()).contains("missing");
            assertThat(jooq.get("contract").asText()).isEqualTo("missing");
            JsonNode hibernateP04 = result("P04", "hibernate");
            assertThat(hibernateP04.get("usPerOp").isNull()).isTrue();
            assertThat(hibernateP04.get("reason").asText()).contains("no JMH result for P04");
        }

        @Test
        void contract_results_come_from_surefire_reports() {
            JsonNode c = summary.get("contract");
            assertThat(c).hasSize(4);
            assertThat(c.get(0).get("impl").asText()).isEqualTo("hibernate");
            assertThat(c.get(0).get("status").asText()).isEqualTo("passed");
            assertThat(c.get(0).get("tests").asInt()).isEqualTo(120);
            assertThat(c.get(1).get("status").asText()).isEqualTo("missing");
            assertThat(c.get(1).get("tests").isNull()).isTrue();
            assertThat(c.get(2).get("status").asText()).isEqualTo("failed");
            assertThat(c.get(2).get("failed").asInt()).isEqualTo(3);
            assertThat(c.get(2).get("errors").asInt()).isEqualTo(1);
            // jdbc: only its ContractTest counts, not the failing ScratchTest beside it.
            assertThat(c.get(3).get("status").asText()).isEqualTo("passed");
            assertThat(c.get(3).get("tests").asInt()).isEqualTo(120);
            assertThat(c.get(3).get("skipped").asInt()).isEqualTo(2);
        }

        @Test
        void cold_start_uses_the_median_and_computes_it_when_absent() {
            JsonNode cs = summary.get("coldStart");
            assertThat(cs.get(0).get("impl").asText()).isEqualTo("hibernate");
            assertThat(cs.get(0).get("ms").asDouble()).isEqualTo(2100.0);
            assertThat(cs.get(0).get("heapMb").asDouble()).isEqualTo(61.0);
            // jdbc has runs but no median: median of 700 and 760.
            assertThat(cs.get(3).get("ms").asDouble()).isEqualTo(730.0);
            assertThat(cs.get(3).get("heapMb").asDouble()).isEqualTo(21.0);
            assertThat(cs.get(1).get("ms").isNull()).isTrue();
            assertThat(cs.get(1).get("reason").asText()).contains("jooq");
        }

        @Test
        void lines_of_code_come_from_the_marked_regions() {
            // findCustomer's region: 7 lines (annotation to closing brace; its Javadoc, the //
            // comment and the marker lines not counted).
            assertThat(result("P02", "jdbc").get("loc").asInt()).isEqualTo(7);
            // One P03 region: createProducts 5 + insertBatch 3 + toProducts 3 (block comment not counted).
            assertThat(result("P03", "jdbc").get("loc").asInt()).isEqualTo(11);
            // Three P04 regions: the SQL constant 1 + findProductBySku 4 + the row mapper in Rows 3.
            assertThat(result("P04", "jdbc").get("loc").asInt()).isEqualTo(8);
            // inTransaction is marked config: counted there, not for the patterns that call it.
            assertThat(result("P13", "jdbc").get("loc").asInt()).isEqualTo(4);
            // MyBatis: Java 7 + the mapper interface's declaration 1 + the XML region: <resultMap> 3
            // + <sql> 1 + <select id="findById"> 5 (its comment not counted).
            assertThat(result("P02", "mybatis").get("loc").asInt()).isEqualTo(17);
            // The fixture's stub region that carries the patterns it does not implement: 3 lines.
            assertThat(result("P12", "jdbc").get("loc").asInt()).isEqualTo(3);
            // No impl-jooq module in the fixture: nothing to count.
            assertThat(result("P02", "jooq").get("loc").isNull()).isTrue();
        }

        @Test
        void fastest_only_when_beyond_the_combined_error() {
            // P02: jdbc 85.0 ± 1.1 against hibernate 120.0 ± 3.0: clearly apart.
            assertThat(pattern("P02").get("fastest").asText()).isEqualTo("jdbc");
            assertThat(pattern("P02").get("tiedWithFastest")).isEmpty();
            // P03: jdbc 2,500 ± 50 against hibernate 4,000 ± 100.
            assertThat(pattern("P03").get("fastest").asText()).isEqualTo("jdbc");
            assertThat(pattern("P13").get("fastest").isNull()).isTrue();
        }

        @Test
        void caveats_name_figures_without_an_error_estimate() {
            List<String> caveats = new ArrayList<>();
            summary.get("caveats").forEach(n -> caveats.add(n.asText()));
            // No paired.json: the ratios are not paired. Only P04 jdbc lacks an error (JMH wrote "NaN");
            // nothing was timed despite a failed suite.
            assertThat(caveats)
                    .containsExactly(
                            dev.persistbench.reports.analysis.SummaryBuilder.UNPAIRED_CAVEAT,
                            "1 figure(s) have no error estimate (JMH needs more measurement"
                                    + " iterations for one): they cannot be compared for significance");
            assertThat(caveats.get(0)).contains("paired.json is absent").contains("not paired");
            assertThat(summary.get("timing").asText()).isEqualTo("jmh-unpaired");
            assertThat(html).contains("These ratios are not paired");
        }

        @Test
        void every_gap_is_listed_as_not_measured() {
            List<String> gaps = new ArrayList<>();
            summary.get("notMeasured").forEach(n -> gaps.add(n.asText()));
            assertThat(gaps).anyMatch(g -> g.startsWith("mybatis was not timed"));
            assertThat(gaps).anyMatch(g -> g.startsWith("jooq was not timed"));
            assertThat(gaps).anyMatch(g -> g.startsWith("throughput vs threads: not measured"));
            assertThat(gaps).anyMatch(g -> g.startsWith("cost vs data size: not measured"));
            assertThat(gaps).anyMatch(g -> g.startsWith("reliability and schema drift: not measured"));
            assertThat(gaps).anyMatch(g -> g.startsWith("P07: raw-JDBC floor not measured"));
            assertThat(gaps).anyMatch(g -> g.equals("P04: no JMH result for hibernate"));
            assertThat(gaps).anyMatch(g -> g.equals("settings of jooq were not recorded"));
        }
    }

    @Nested
    class Html {

        @Test
        void is_self_contained() {
            assertThat(html).doesNotContainPattern("(?i)<script[^>]*\\bsrc=");
            assertThat(html).doesNotContainPattern("(?i)<link[^>]*stylesheet");
            assertThat(html).doesNotContainPattern("(?i)(src|href)=\"https?:");
        }

        @Test
        void escapes_sql_and_settings() {
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(html).doesNotContain("<script>alert(1)");
            assertThat(html).contains("&lt;b&gt;not bold&lt;/b&gt;");
        }

        @Test
        void inlines_one_svg_per_chart_with_the_environment_under_it() {
            Matcher svgs = java.util.regex.Pattern.compile("<svg ").matcher(html);
            int count = 0;
            while (svgs.find()) {
                count++;
            }
            // P02, P03, P04 bars, overhead, cold start.
            assertThat(count).isEqualTo(5);
            assertThat(html.split("<figcaption>", -1)).hasSize(6);
            assertThat(html)
                    .contains(
                            "<figcaption>Hibernate ORM 7.4.15.Final · jOOQ 3.21.9 · MyBatis 3.5.19 · Spring JDBC 7.0.10");
            assertThat(html).contains("PostgreSQL 18.1 (embedded) · JVM 25.0.1");
            assertThat(html).contains("CPU Fixture CPU @ 2.0GHz, 2 cores · pool 10");
        }

        @Test
        void shows_sql_and_code_side_by_side() {
            assertThat(html).contains("select id, email, name, created_at from customer where id = ?");
            assertThat(html).contains("public Optional&lt;Customer&gt; findCustomer(long id) {");
            assertThat(html).contains("private long[] insertBatch(List&lt;NewProduct&gt; products) {");
            assertThat(html)
                    .contains(
                            "private static final String SELECT_PRODUCT = &quot;select id, sku, name from product where sku = ?&quot;;");
            assertThat(html).contains("Rows.java:7-9 · 3 lines");
            // The plumbing marked config is shown once, in the settings section, not under a pattern.
            String patterns = html.substring(0, html.indexOf("<h2 id=\"settings\">"));
            assertThat(patterns).doesNotContain("private &lt;T&gt; T inTransaction");
            assertThat(html.substring(html.indexOf("<h2 id=\"settings\">")))
                    .contains("config code: 9 lines (marked tag::config[])")
                    .contains("private &lt;T&gt; T inTransaction");
            assertThat(html).contains("&lt;select id=&quot;findById&quot; resultMap=&quot;customer&quot;&gt;");
            assertThat(html).contains("&lt;sql id=&quot;customerColumns&quot;&gt;");
            assertThat(html).contains("CustomerMapper.java:7-8 · 1 lines");
            assertThat(html)
                    .contains(
                            "&lt;resultMap id=&quot;customer&quot; type=&quot;dev.persistbench.contract.model.Customer&quot;&gt;");
            assertThat(html).doesNotContain("select * from product where id = #{id}");
            assertThat(html).contains("not found: sources impl-jooq/src/main do not exist");
        }

        @Test
        void marks_what_was_not_measured() {
            assertThat(html).contains("<h2 id=\"not-measured\">Not measured</h2>");
            assertThat(html).contains("Not measured: no implementation has a result for P13 in this run.");
            assertThat(html).contains("Not measured: every pattern was run at one data size only (");
            assertThat(html).contains("Not measured: no pattern was run at more than one thread count");
            assertThat(html).contains("Not measured: no reliability results");
            assertThat(html).contains("not measured: mybatis not timed: contract suite failed in this build");
        }
    }

    @Nested
    class Markdown {

        @Test
        void has_the_summary_table_with_ratios() {
            assertThat(md)
                    .contains(
                            "| P02 Find customer by id | 120.0 ± 3.0 (1.50×) | not measured | not measured | 85.0 ± 1.1 (1.06×) | 80.0 ± 0.5 | 60.0 ± 0.4 | jdbc |");
            assertThat(md)
                    .contains(
                            "| P04 Find product by SKU | not measured | not measured | not measured | 70.0 ± ? | no floor for this pattern | 60.0 ± 0.4 | jdbc |");
        }

        @Test
        void has_the_statements_allocation_and_code_overview() {
            // P02: hibernate 1 statement, 5,678 B, 4 lines; jooq nothing; mybatis not timed but has code.
            assertThat(md)
                    .contains("| P02 Find customer by id | 1 stmt · 5.5 KB · 4 lines | — | 17 lines"
                            + " | 1 stmt · 1.2 KB · 7 lines |");
        }

        @Test
        void links_the_charts_written_next_to_it() {
            assertThat(md).contains("![P02 Find customer by id](charts/pattern-P02.svg)");
            assertThat(md).contains("![Overhead over the raw-JDBC floor](charts/overhead.svg)");
            assertThat(out.resolve("charts/pattern-P02.svg")).content().startsWith("<svg");
            assertThat(out.resolve("charts/overhead.svg")).isRegularFile();
            assertThat(out.resolve("charts/coldstart.svg")).isRegularFile();
        }

        @Test
        void has_pattern_tables_sql_and_code() {
            assertThat(md).contains("| jdbc | 85.0 ± 1.1 | 1.06× | +5.00 | 1.42× | +25.0 | 1 | 1,234 | 7 | passed |");
            assertThat(md)
                    .contains(
                            "| mybatis | not measured: mybatis not timed: contract suite failed in this build (3 failures, 1 error) | | | | | — | — | 17 | failed |");
            assertThat(md)
                    .contains(
                            "```sql\ninsert into product (sku, name, price, stock, attributes) values (?, ?, ?, ?, ?::jsonb)\n```");
            assertThat(md).contains("```java\n@Override\npublic Optional<Customer> findCustomer(long id) {");
            assertThat(md).contains("> **Not measured:** no implementation has a result for P13 in this run.");
        }
    }
}
