package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persistbench.reports.model.Summary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the report from the paired fixture (results-paired: P02 and P07 with a floor arm, P06
 * without one; P07's hibernate arm never settled; statements.json with round trips, server counts,
 * transactions and shapes; a jmh-result.json whose score mixes the arms and must not be shown).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairedReportTest {

    @TempDir
    static Path tmp;

    Path out;
    JsonNode summary;
    String html;
    String md;

    @BeforeAll
    void generate() throws IOException {
        out = tmp.resolve("report");
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-paired").toString(),
                    "--out",
                    out.toString(),
                    "--sources",
                    Fixtures.repo(tmp.resolve("repo"), false).toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(status)
                .as("exit status; stderr: %s", e.toString(StandardCharsets.UTF_8))
                .isZero();
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
    void summary_json_has_the_ratio_interval_beside_its_estimate() {
        assertThat(summary.get("timing").asText()).isEqualTo("paired");
        JsonNode jooq = result("P02", "jooq");
        assertThat(jooq.get("ratioToFloor").asDouble()).isEqualTo(1.09);
        assertThat(jooq.get("ratioToFloorLow").asDouble()).isEqualTo(1.07);
        assertThat(jooq.get("ratioToFloorHigh").asDouble()).isEqualTo(1.11);
        assertThat(jooq.get("usPerOp").asDouble()).isEqualTo(13.9);
        assertThat(jooq.get("usPerOpLow").asDouble()).isEqualTo(13.7);
        assertThat(jooq.get("usPerOpHigh").asDouble()).isEqualTo(14.1);
        // No JMH error in a paired run: the interval replaces it.
        assertThat(jooq.get("error").isNull()).isTrue();
        assertThat(jooq.get("bytesPerOp").asDouble()).isEqualTo(4388.0);
        assertThat(pattern("P02").get("floorUsPerOp").asDouble()).isEqualTo(12.7);
        assertThat(pattern("P02").get("floorUsPerOpLow").asDouble()).isEqualTo(12.5);
        // Every result carries the fields, null where the pattern has no floor arm.
        JsonNode p06 = result("P06", "jdbc");
        assertThat(p06.has("ratioToFloorLow")).isTrue();
        assertThat(p06.get("ratioToFloor").isNull()).isTrue();
        assertThat(p06.get("ratioToFloorLow").isNull()).isTrue();
        assertThat(p06.get("ratioToFloorHigh").isNull()).isTrue();
        assertThat(p06.get("usPerOp").asDouble()).isEqualTo(262.0);
    }

    @Test
    void summary_json_has_groups_settled_warm_up_and_placement_per_pattern() {
        JsonNode p02 = pattern("P02");
        // Inside a group the members are in report order, not in the file's order (jdbc, mybatis, hibernate).
        assertThat(p02.get("groups").toString()).isEqualTo("[[\"jooq\"],[\"hibernate\",\"mybatis\",\"jdbc\"]]");
        assertThat(p02.get("settled").asBoolean()).isTrue();
        assertThat(p02.get("steadyFromRound").asInt()).isEqualTo(5);
        assertThat(p02.get("warmupSeconds").asDouble()).isEqualTo(6.1);
        assertThat(p02.get("placement").asText()).isEqualTo("same-core");
        assertThat(p02.get("rounds").asInt()).isEqualTo(20);
        assertThat(p02.get("fastest").asText()).isEqualTo("jooq");
        assertThat(p02.get("tiedWithFastest")).isEmpty();
        // P06: the fastest group has two members: no single fastest.
        JsonNode p06 = pattern("P06");
        assertThat(p06.get("fastest").isNull()).isTrue();
        assertThat(p06.get("tiedWithFastest").toString()).isEqualTo("[\"mybatis\",\"jdbc\"]");
        assertThat(p06.get("floorUsPerOp").isNull()).isTrue();
        // SELECT 1 per pattern is the median of its probes.
        assertThat(p02.get("selectOneUsPerOp").asDouble()).isEqualTo(9.455);
        // A pattern absent from paired.json has no groups and is listed as not measured.
        assertThat(pattern("P01").get("groups")).isEmpty();
        List<String> gaps = new ArrayList<>();
        summary.get("notMeasured").forEach(n -> gaps.add(n.asText()));
        assertThat(gaps).contains("P01: not measured (no entry in paired.json)");
        assertThat(gaps).anyMatch(g -> g.startsWith("P06: raw-JDBC floor not measured"));
    }

    @Test
    void summary_json_has_the_counts_from_statements_json() {
        JsonNode h = result("P07", "hibernate");
        assertThat(h.get("statementsPerOp").asInt()).isEqualTo(2);
        assertThat(h.get("roundTrips").asInt()).isEqualTo(2);
        assertThat(h.get("serverStatements").asInt()).isEqualTo(2);
        assertThat(h.get("transactions").asInt()).isZero();
        assertThat(h.get("shape").asText()).isEqualTo("2 queries");
        JsonNode m = result("P06", "mybatis");
        assertThat(m.get("serverStatements").isNull()).isTrue();
        assertThat(m.get("serverCountNote").asText()).contains("pg_stat_statements");
        assertThat(m.get("transactions").asInt()).isEqualTo(1);
    }

    @Test
    void the_probe_is_summarised_and_drawn() {
        JsonNode probe = summary.get("selectOneProbe");
        assertThat(probe.get("medianUs").asDouble()).isEqualTo(9.41);
        assertThat(probe.get("p10Us").asDouble()).isEqualTo(9.009);
        assertThat(probe.get("p90Us").asDouble()).isEqualTo(9.83);
        assertThat(probe.get("probes").asInt()).isEqualTo(280);
        assertThat(probe.get("minutes").asDouble()).isEqualTo(3.41);
        String line = "SELECT 1 probe: median 9.41 µs, p10–p90 9.01–9.83 µs (spread 9 % of the median),"
                + " 280 probes over 3.41 min";
        assertThat(md).contains("**" + line + "**").contains("![SELECT 1 probe through the run](charts/probe.svg)");
        assertThat(html).contains(line);
        assertThat(out.resolve("charts/probe.svg"))
                .content()
                .startsWith("<svg")
                .contains("How calm was the machine?")
                .contains("minutes since the run");
        assertThat(html).contains("id=\"fig-probe\"");
    }

    @Test
    void the_report_shows_intervals_and_the_ranking_line() {
        assertThat(md)
                .contains("| P02 Find customer by id | 15.5 [15.0, 16.1] (1.22× [1.16, 1.29]) | 13.9 [13.7, 14.1]"
                        + " (1.09× [1.07, 1.11]) | 15.2 [14.8, 15.7] (1.20× [1.15, 1.24]) | 15.0 [14.6, 15.5]"
                        + " (1.18× [1.14, 1.22]) | 12.7 [12.5, 12.9] | 9.46 | jOOQ < Hibernate ORM = MyBatis ="
                        + " Spring JDBC |")
                .contains("| P06 Place order (transaction, idempotency) | 410.0 [398.0, 425.0] |")
                .contains("MyBatis = Spring JDBC < jOOQ < Hibernate ORM |")
                .contains("**Ranking:** jOOQ < Hibernate ORM = MyBatis = Spring JDBC (= : this run does not split"
                        + " them)")
                .contains("**Ranking:** Spring JDBC < MyBatis < Hibernate ORM = jOOQ (= : this run does not split"
                        + " them)")
                .doesNotContain("; inside a group, shown");
        assertThat(html)
                .contains("<strong>Ranking:</strong> jOOQ &lt; Hibernate ORM = MyBatis = Spring JDBC")
                .contains("<th>ranking</th>")
                .contains("13.9 [13.7, 14.1]<br><small>1.09× [1.07, 1.11] floor</small>");
    }

    @Test
    void the_report_names_the_estimate_the_bench_recorded() throws IOException {
        assertThat(md)
                .contains("each the Hodges-Lehmann estimate of the per-round values of the steady rounds")
                .contains("The Hodges-Lehmann estimate is the median of the averages of every pair of values");
        assertThat(html).contains("each the Hodges-Lehmann estimate of the per-round values of the steady rounds");
        assertThat(summary.get("pairedMethod").get("statistic").asText()).startsWith("Hodges-Lehmann estimate");
        // Results written before (results-paired-pg16: "median" in the method and in every interval).
        Path older = Fixtures.report(
                Fixtures.dir("results-paired-pg16"),
                tmp.resolve("older"),
                Fixtures.repo(tmp.resolve("repo-older"), false));
        String olderMd = Files.readString(older.resolve("report.md"));
        assertThat(olderMd)
                .contains("each the median of the per-round values of the steady rounds")
                .doesNotContain("Hodges-Lehmann");
        JsonNode olderSummary =
                new ObjectMapper().readTree(older.resolve("summary.json").toFile());
        assertThat(olderSummary.findValues("ratioToFloor"))
                .as("ratios read from intervals named median")
                .anyMatch(JsonNode::isNumber);
    }

    @Test
    void the_arms_table_has_counts_transaction_and_shape() {
        assertThat(md)
                .contains("| arm | µs/op [interval] | × floor [95 % interval] | B/op | round trips"
                        + " | server statements | client statements | transaction | shape | lines | contract |")
                .contains(
                        "| jdbc | 44.1 [43.3, 45.0] | 1.10× [1.07, 1.13] | 8,830 | 1 | 1 | 1 | no | one joined SELECT |")
                .contains("| raw-jdbc (floor) | 40.2 [39.6, 41.0] | 1 (floor) | 5,120 | 1 | 1 | 1 | no |"
                        + " one joined SELECT |")
                .contains("| jooq | 280.0 [274.0, 287.0] | — | 61,020 | 5 | 4 | 4 | yes |  |")
                .contains("| mybatis | 265.0 [259.0, 272.0] | — | 48,210 | 5 | — | 4 | yes |")
                .contains("- mybatis: server statements not counted: pg_stat_statements was not loaded")
                .contains("**hibernate** (2 statement(s)/op · 2 round trips · 2 on the server · no transaction"
                        + " · 2 queries)");
        assertThat(html).contains("<td>2 queries</td>").contains("<th>round trips</th>");
    }

    @Test
    void an_unsettled_arm_is_flagged() {
        assertThat(result("P07", "hibernate").get("settled").asBoolean()).isFalse();
        assertThat(result("P07", "jdbc").get("settled").asBoolean()).isTrue();
        assertThat(pattern("P07").get("settled").asBoolean()).isFalse();
        assertThat(md)
                .contains("| hibernate | 61.8 [58.9, 66.0] (not settled) | 1.54× [1.44, 1.66] | 38,870 | 2 | 2 | 2 |")
                .contains("| P07 Find order with lines | 61.8 [58.9, 66.0] (1.54× [1.44, 1.66]) (not settled) |")
                .contains("NOT SETTLED: some arm was still trending");
        assertThat(md).doesNotContain("| jdbc | 44.1 [43.3, 45.0] (not settled)");
        assertThat(html).contains("61.8 [58.9, 66.0] <span class=\"unsettled\">not settled</span>");
        List<String> caveats = new ArrayList<>();
        summary.get("caveats").forEach(n -> caveats.add(n.asText()));
        assertThat(caveats).anySatisfy(c -> assertThat(c).startsWith("not settled: the slices of P07 (hibernate)"));
        assertThat(caveats).noneMatch(c -> c.contains("paired.json is absent"));
    }

    @Test
    void the_reading_guide_says_what_a_rank_rests_on_and_that_an_interval_is_one_runs() {
        for (String text : List.of(md, html.replaceAll("\\s+", " "))) {
            assertThat(text)
                    .contains("was shown faster than every one after it")
                    .contains("Each interval describes this run: one JVM per pattern.")
                    .doesNotContain("overlaps 1 ± the tie margin");
        }
    }

    @Test
    void a_pattern_whose_steady_rounds_the_jit_still_compiled_through_says_so() {
        assertThat(pattern("P07").get("jitShare").asDouble()).isEqualTo(0.35);
        assertThat(pattern("P02").get("jitShare").asDouble()).isEqualTo(0.04);
        assertThat(pattern("P06").path("jitShare").isNumber()).isFalse();
        String jit = "JIT STILL COMPILING: the JIT compilers were busy for 35 % of the steady rounds";
        assertThat(md)
                .containsOnlyOnce(jit)
                .contains("- *JIT STILL COMPILING* on a pattern's line: the fork's JIT compilers");
        assertThat(html).contains(jit);
        List<String> caveats = new ArrayList<>();
        summary.get("caveats").forEach(n -> caveats.add(n.asText()));
        assertThat(caveats)
                .filteredOn(c -> c.startsWith("JIT still compiling"))
                .singleElement()
                .satisfies(c -> assertThat(c).contains("more than 10 % of the steady rounds of P07 (35 %);"));
    }

    @Test
    void the_jmh_score_of_an_interleaved_run_is_not_shown() {
        // jmh-result.json of the fixture has a score of 98,765 µs/op that mixes all arms of P02.
        assertThat(md).doesNotContain("98,765").doesNotContain("98765");
        assertThat(html).doesNotContain("98,765");
        assertThat(summary.toString()).doesNotContain("98765");
    }

    @Test
    void charts_show_intervals_of_paired_figures() throws IOException {
        assertThat(out.resolve("charts/overhead.svg")).content().contains("paired per round");
        assertThat(out.resolve("charts/pattern-P07.svg")).content().contains("Not settled: hibernate.");
        try (var charts = Files.list(out.resolve("charts"))) {
            assertThat(charts.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "pattern-P02.svg", "pattern-P06.svg", "pattern-P07.svg", "overhead.svg", "probe.svg");
        }
    }

    @Test
    void decision_guide_comes_right_after_the_summary_from_the_groups_and_links_to_the_figures() {
        JsonNode p07 = null;
        for (JsonNode g : summary.get("decisionGuide")) {
            if (g.get("patterns").toString().equals("[\"P07\"]")
                    && g.get("concern").asText().equals("object graphs")) {
                p07 = g;
            }
        }
        assertThat(p07).as("decisionGuide entry for P07").isNotNull();
        assertThat(p07.get("leaders").toString()).isEqualTo("[\"jdbc\"]");
        assertThat(p07.get("tied").asBoolean()).isFalse();
        assertThat(p07.get("margin").asDouble()).isGreaterThan(1.0);
        assertThat(p07.get("anchor").asText()).isEqualTo("P07");
        assertThat(html.indexOf("id=\"decision-guide\""))
                .isGreaterThan(html.indexOf("id=\"cost-table\""))
                .isLessThan(html.indexOf("id=\"overhead\""));
        assertThat(html).contains(p07.get("sentence").asText().replace("'", "&#39;") + " <a href=\"#P07\">figures</a>");
        assertThat(md).contains("### P07 Find order with lines").contains("(#p07-find-order-with-lines)");
        assertThat(md.indexOf("## Decision guide")).isLessThan(md.indexOf("## Overhead"));
        assertThat(md)
                .contains(
                        "transactional writes under contention, P06, P09: not measured in this run (no thread sweep)");
    }

    /** The P07 guide entry of a report from the paired fixture whose P07 groups are replaced by {@code groups}. */
    JsonNode guideP07(String name, String groups) throws IOException {
        return guideP07(name, groups, null);
    }

    /** As {@link #guideP07(String, String)}, with P07's orders inside its groups ({@code null}: the fixture's none). */
    JsonNode guideP07(String name, String groups, String ordersInGroups) throws IOException {
        Path report = reportWithP07(name, groups, ordersInGroups);
        ObjectMapper json = new ObjectMapper();
        for (JsonNode g : json.readTree(report.resolve("summary.json").toFile()).get("decisionGuide")) {
            if (g.get("concern").asText().equals("object graphs")
                    && g.get("anchor").asText().equals("P07")) {
                return g;
            }
        }
        throw new AssertionError("no P07 entry in " + report);
    }

    /** A report from the paired fixture with P07's groups and orders inside them replaced. */
    Path reportWithP07(String name, String groups, String ordersInGroups) throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve(name));
        ObjectMapper json = new ObjectMapper();
        JsonNode paired = json.readTree(results.resolve("paired.json").toFile());
        for (JsonNode r : paired.get("results")) {
            if (r.get("pattern").asText().equals("P07")) {
                ((ObjectNode) r).set("groups", json.readTree(groups));
                if (ordersInGroups != null) {
                    ((ObjectNode) r).set("ordersInGroups", json.readTree(ordersInGroups));
                }
            }
        }
        json.writeValue(results.resolve("paired.json").toFile(), paired);
        return Fixtures.report(results, tmp.resolve(name + "-report"), tmp.resolve("repo"));
    }

    @Test
    void a_pattern_measured_in_several_jvms_says_so_and_gives_each_jvm_s_ratio() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("jvms"));
        ObjectMapper json = new ObjectMapper();
        JsonNode paired = json.readTree(results.resolve("paired.json").toFile());
        for (JsonNode r : paired.get("results")) {
            if (r.get("pattern").asText().equals("P07")) {
                ((ObjectNode) r).put("forks", 2);
                for (JsonNode a : r.get("arms")) {
                    if (a.get("impl").asText().equals("jooq")) {
                        ((ObjectNode) a).set("ratioByJvm", json.readTree("[1.71, 1.92]"));
                    }
                }
            }
        }
        json.writeValue(results.resolve("paired.json").toFile(), paired);
        Path report = Fixtures.report(results, tmp.resolve("jvms-report"), tmp.resolve("repo"));
        String page = Files.readString(report.resolve("report.md"));
        assertThat(page)
                .contains("2 JVMs, each settling on its own; the intervals and groups hold the spread between them")
                .contains("rounds in all")
                .contains("Ratio to the floor in each JVM, in the order they ran (the row pools them): jOOQ 1.71×,"
                        + " 1.92×.");
        JsonNode summaryJson = json.readTree(report.resolve("summary.json").toFile());
        for (JsonNode p : summaryJson.get("patterns")) {
            if (p.get("id").asText().equals("P07")) {
                assertThat(p.get("forks").asInt()).isEqualTo(2);
                for (JsonNode r : p.get("results")) {
                    assertThat(r.get("ratioToFloorByJvm").toString())
                            .isEqualTo(r.get("impl").asText().equals("jooq") ? "[1.71,1.92]" : "null");
                }
            }
        }
        assertThat(pattern("P07").get("forks").isNull()).as("one JVM: no count").isTrue();
        assertThat(md).doesNotContain("each JVM");
    }

    @Test
    void an_order_the_run_showed_inside_a_group_follows_the_ranking_and_the_guide_names_it() throws IOException {
        String one = "[[\"jdbc\", \"mybatis\", \"jooq\", \"hibernate\"]]";
        Path report = reportWithP07("inside", one, "[[\"jdbc\", \"hibernate\"]]");
        String page = Files.readString(report.resolve("report.md"));
        assertThat(page)
                .contains("**Ranking:** Hibernate ORM = jOOQ = MyBatis = Spring JDBC; inside a group, shown:"
                        + " Spring JDBC < Hibernate ORM (= : this run does not split them)");
        JsonNode p07 = null;
        for (JsonNode p : new ObjectMapper()
                .readTree(report.resolve("summary.json").toFile())
                .get("patterns")) {
            p07 = p.get("id").asText().equals("P07") ? p : p07;
        }
        assertThat(p07).as("P07 in summary.json").isNotNull();
        assertThat(p07.get("ordersInGroups").toString()).isEqualTo("[[\"jdbc\",\"hibernate\"]]");
        assertThat(pattern("P02").get("ordersInGroups"))
                .as("the fixture's own file has none")
                .isEmpty();
        JsonNode guide = guideP07("inside-guide", one, "[[\"jdbc\", \"hibernate\"]]");
        assertThat(guide.get("tied").asBoolean()).isTrue();
        assertThat(guide.get("sentence").asText())
                .contains("this run draws no line through them, though it shows Spring JDBC faster than Hibernate ORM")
                .doesNotContain("cannot be told apart");

        // Without the order the same group reads as before.
        assertThat(guideP07("inside-none", one).get("sentence").asText()).contains("cannot be told apart in this run");
    }

    @Test
    void a_lead_in_the_guide_appears_and_disappears_with_the_run_s_groups() throws IOException {
        JsonNode apart = guideP07("apart", "[[\"jdbc\"], [\"mybatis\"], [\"jooq\", \"hibernate\"]]");
        assertThat(apart.get("sentence").asText()).contains("Spring JDBC (1.10× floor) leads; the next, MyBatis");
        assertThat(apart.get("provisional")).isEmpty();

        JsonNode twoLead = guideP07("two-lead", "[[\"jdbc\", \"mybatis\"], [\"jooq\", \"hibernate\"]]");
        assertThat(twoLead.get("leaders").toString()).isEqualTo("[\"mybatis\",\"jdbc\"]"); // report order
        assertThat(twoLead.get("sentence").asText())
                .contains("lead and cannot be told apart")
                .doesNotContain(" leads");
        assertThat(twoLead.get("provisional").toString()).contains("hibernate");
        assertThat(twoLead.get("sentence").asText())
                .contains("Provisional: the figure of Hibernate ORM did not settle");

        JsonNode one = guideP07("one", "[[\"jdbc\", \"mybatis\", \"jooq\", \"hibernate\"]]");
        assertThat(one.get("tied").asBoolean()).isTrue();
        assertThat(one.get("margin").isNull()).isTrue();
        assertThat(one.get("sentence").asText())
                .contains("cannot be told apart in this run")
                .doesNotContain("lead");
    }

    @Test
    void an_implementation_counted_from_a_round_of_its_own_is_named_beside_the_patterns_round(@TempDir Path dir)
            throws IOException {
        Path results = Fixtures.copy("results-paired", dir.resolve("results"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode paired =
                (ObjectNode) json.readTree(results.resolve("paired.json").toFile());
        for (JsonNode r : paired.get("results")) {
            if (r.get("pattern").asText().equals("P02")) {
                for (JsonNode a : r.get("arms")) {
                    ((ObjectNode) a)
                            .put(
                                    "steadyFromRound",
                                    a.get("impl").asText().equals("jooq")
                                            ? 2
                                            : r.get("steadyFromRound").asInt());
                }
            }
        }
        json.writeValue(results.resolve("paired.json").toFile(), paired);
        Path report = Fixtures.report(results, dir.resolve("report"), Fixtures.repo(dir.resolve("repo"), false));

        JsonNode p02 = null;
        for (JsonNode p : json.readTree(report.resolve("summary.json").toFile()).get("patterns")) {
            if (p.get("id").asText().equals("P02")) {
                p02 = p;
            }
        }
        assertThat(p02.get("armsSteadyFromRound").toString()).isEqualTo("{\"jooq\":2}");
        assertThat(Files.readString(report.resolve("report.md"))).contains("steady from round 5 (jooq from round 2)");
        assertThat(pattern("P02").get("armsSteadyFromRound").isEmpty())
                .as("the fixture's arms predate their own rounds")
                .isTrue();
    }

    @Test
    void a_fork_says_how_often_its_measuring_thread_moved_to_the_faster_cpu(@TempDir Path dir) throws IOException {
        // The fixture predates the moves: its placements are the plain mode.
        assertThat(pattern("P02").get("placement").asText()).isEqualTo("same-core");

        Path results = Fixtures.copy("results-paired", dir.resolve("results"));
        Path file = results.resolve("paired.json");
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(file.toFile());
        for (JsonNode result : root.get("results")) {
            String id = result.get("pattern").asText();
            int i = 0;
            for (JsonNode probe : result.get("selectOne")) {
                // P02: CPU 0, then 1 from the 30th probe, then 0 again from the 70th; P06: CPU 1 throughout.
                int cpu = id.equals("P02") ? (i >= 30 && i < 70 ? 1 : 0) : 1;
                if (!id.equals("P07")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) probe).put("cpu", cpu);
                }
                i++;
            }
        }
        json.writeValue(file.toFile(), root);
        Path report = Fixtures.report(results, dir.resolve("report"), Fixtures.repo(dir.resolve("repo"), false));

        Map<String, String> placements = new TreeMap<>();
        new ObjectMapper()
                .readTree(report.resolve("summary.json").toFile())
                .get("patterns")
                .forEach(p ->
                        placements.put(p.get("id").asText(), p.get("placement").asText()));
        assertThat(placements)
                .containsEntry("P02", "same-core (the measuring thread moved 2 times to the faster CPU)")
                .containsEntry("P06", "same-core")
                .containsEntry("P07", "same-core");
        assertThat(Files.readString(report.resolve("report.md")))
                .contains("placement same-core (the measuring thread moved 2 times to the faster CPU)");
    }

    @Test
    void the_cpu_probe_is_summarised_per_run_and_per_fork(@TempDir Path dir) throws IOException {
        // The fixture predates the CPU probe: nothing is claimed.
        assertThat(summary.get("cpuLoopProbe").isNull()).isTrue();
        assertThat(pattern("P02").get("cpuLoopProbe").isNull()).isTrue();
        assertThat(md).doesNotContain("CPU probe").doesNotContain("CPU loop");

        // P02's fork (100 probes) at 400 µs a loop, P06's (80) at 420, P07's (100) at 440.
        Path results = Fixtures.withCpuProbes(
                dir.resolve("results"),
                Map.of("P02", new double[] {400, 2000}, "P06", new double[] {420, 2000}, "P07", new double[] {440, 2200
                }));
        Path report = Fixtures.report(results, dir.resolve("report"), Fixtures.repo(dir.resolve("repo"), false));
        JsonNode s = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        JsonNode loop = s.get("cpuLoopProbe");
        assertThat(loop.get("medianUs").asDouble()).isEqualTo(420.0);
        assertThat(loop.get("p10Us").asDouble()).isEqualTo(400.0);
        assertThat(loop.get("p90Us").asDouble()).isEqualTo(440.0);
        assertThat(loop.get("probes").asInt()).isEqualTo(280);
        assertThat(s.get("memoryWalkProbe").get("medianUs").asDouble()).isEqualTo(2000.0);
        Map<String, Double> forks = new TreeMap<>();
        s.get("patterns")
                .forEach(p -> forks.put(
                        p.get("id").asText(),
                        p.path("cpuLoopProbe").path("medianUs").asDouble()));
        assertThat(forks)
                .containsEntry("P02", 400.0)
                .containsEntry("P06", 420.0)
                .containsEntry("P07", 440.0);

        String line = "CPU probe, the same fixed work on the measuring thread before every slice: loop median 420.0 µs,"
                + " p10–p90 400.0–440.0 µs (spread 10 %), the forks' medians 400.0–440.0 µs (10 % apart); memory walk"
                + " median 2,000 µs, p10–p90 2,000–2,200 µs (spread 10 %), the forks' medians 2,000–2,200 µs (10 % apart)";
        String reportMd = Files.readString(report.resolve("report.md"));
        assertThat(reportMd).contains(line + ". Pairing cancels the floor's share");
        assertThat(Files.readString(report.resolve("index.html"))).contains("id=\"cpu-probe-line\"");
        assertThat(reportMd).contains("CPU loop median 400.0 µs, memory walk 2,000 µs");
    }

    @Test
    void forks_at_a_slower_level_of_the_round_trip_are_named(@TempDir Path dir) throws IOException {
        assertThat(summary.get("caveats").toString()).doesNotContain("two levels");
        // Every probe of P02's fork 50 % slower: the whole fork at another level, its spread unchanged.
        Path results = Fixtures.slowProbes(Fixtures.copy("results-paired", dir.resolve("results")), "P02", 1);
        ObjectMapper json = new ObjectMapper();
        Path report = Fixtures.report(results, dir.resolve("report"), Fixtures.repo(dir.resolve("repo"), false));
        List<String> caveats = new ArrayList<>();
        json.readTree(report.resolve("summary.json").toFile()).get("caveats").forEach(c -> caveats.add(c.asText()));
        assertThat(caveats)
                .filteredOn(c -> c.contains("two levels"))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .startsWith("a round trip at two levels: the fastest fork's SELECT 1 probe had a median of ")
                        .contains("the fork of P02 (14.2 µs) 25 % or more above it")
                        .doesNotContain("P06 (")
                        .doesNotContain("P07 ("));
    }

    @Test
    void a_noisy_machine_is_a_caveat_and_a_calm_one_is_not(@TempDir Path dir) throws IOException {
        assertThat(summary.get("caveats").toString()).doesNotContain("a noisy machine");
        // Every third probe 50 % slower: p90 at 1.5x the median, as on a busy host.
        Path results = Fixtures.slowProbes(Fixtures.copy("results-paired", dir.resolve("results")), null, 3);
        ObjectMapper json = new ObjectMapper();
        Path report = Fixtures.report(results, dir.resolve("report"), Fixtures.repo(dir.resolve("repo"), false));

        List<String> caveats = new ArrayList<>();
        json.readTree(report.resolve("summary.json").toFile()).get("caveats").forEach(c -> caveats.add(c.asText()));
        assertThat(caveats)
                .anySatisfy(c -> assertThat(c)
                        .startsWith("a noisy machine: the SELECT 1 probe's p10–p90 spread was")
                        .contains("% of its median (above 25 %)"));
        assertThat(Files.readString(report.resolve("report.md"))).contains("a noisy machine: the SELECT 1 probe");
    }

    @Test
    void a_pattern_measured_while_the_machine_was_noisy_is_named_in_a_calm_run(@TempDir Path dir) throws IOException {
        assertThat(pattern("P02").get("selectOneProbe").get("medianUs").asDouble())
                .isEqualTo(9.455);
        assertThat(md).contains("SELECT 1 probe median 9.46 µs, spread 7 %").doesNotContain("NOISY");
        // Every fourth of P06's probes 50 % slower: its fork is noisy, the run's 280 probes are not.
        Path results = Fixtures.slowProbes(Fixtures.copy("results-paired", dir.resolve("results")), "P06", 4);
        ObjectMapper json = new ObjectMapper();
        Path report = Fixtures.report(results, dir.resolve("report"), Fixtures.repo(dir.resolve("repo"), false));

        JsonNode noisy = json.readTree(report.resolve("summary.json").toFile());
        assertThat(Summary.ProbeSummary.noisy(probe(noisy.get("selectOneProbe"))))
                .isFalse();
        Map<String, Boolean> forks = new TreeMap<>();
        noisy.get("patterns").forEach(p -> {
            if (p.hasNonNull("selectOneProbe")) {
                forks.put(p.get("id").asText(), Summary.ProbeSummary.noisy(probe(p.get("selectOneProbe"))));
            }
        });
        assertThat(forks).isEqualTo(Map.of("P02", false, "P06", true, "P07", false));
        List<String> caveats = new ArrayList<>();
        noisy.get("caveats").forEach(c -> caveats.add(c.asText()));
        assertThat(caveats)
                .filteredOn(c -> c.contains("noisy"))
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .startsWith("a round trip noisy at times: the SELECT 1 probe's p10–p90 spread was ")
                        .contains("of its median over the whole run (25 % or less); the pattern measured while it"
                                + " spread above 25 %: P06 (")
                        .doesNotContain("P02 (")
                        .contains("up to 31 % higher"));
        String report06 = Files.readString(report.resolve("report.md"));
        assertThat(report06.split("NOISY: the round trip was unsteady while this pattern ran", -1))
                .hasSize(2);
    }

    private static Summary.ProbeSummary probe(JsonNode p) {
        return new Summary.ProbeSummary(
                p.get("medianUs").asDouble(),
                p.get("p10Us").asDouble(),
                p.get("p90Us").asDouble(),
                p.get("probes").asInt(),
                p.get("minutes").asDouble());
    }
}
