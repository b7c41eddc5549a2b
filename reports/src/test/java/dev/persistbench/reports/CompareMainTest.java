package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persistbench.reports.Comparison.Change;
import dev.persistbench.reports.Comparison.RatioChange;
import dev.persistbench.reports.model.Summary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidate fixture differs from the quick one in P02 only: jdbc 85.0 ± 1.1 -> 95.0 ± 1.0
 * (beyond the combined error 2.1) and hibernate 120.0 ± 3.0 -> 121.0 ± 3.0 (within 6.0).
 */
class CompareMainTest {

    @TempDir
    Path tmp;

    private static Change find(List<Change> changes, String pattern, String impl) {
        return changes.stream()
                .filter(c -> c.pattern().equals(pattern) && c.impl().equals(impl))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change " + pattern + "/" + impl));
    }

    @Test
    void marks_only_changes_beyond_the_combined_error() {
        Summary base = CompareMain.load(Fixtures.dir("results-quick"));
        Summary candidate = CompareMain.load(Fixtures.dir("results-candidate"));
        List<Change> changes = Comparison.compare(base, candidate);

        Change jdbc = find(changes, "P02", "jdbc");
        assertThat(jdbc.deltaUs()).isEqualTo(10.0);
        assertThat(jdbc.deltaPercent()).isEqualTo(11.765);
        assertThat(jdbc.significant()).isTrue();

        Change hibernate = find(changes, "P02", "hibernate");
        assertThat(hibernate.deltaUs()).isEqualTo(1.0);
        assertThat(hibernate.significant()).isFalse();
        assertThat(hibernate.verdict()).isEqualTo("within error");

        assertThat(find(changes, "P02", "raw-jdbc").verdict()).isEqualTo("within error");
        assertThat(find(changes, "P04", "jdbc").verdict()).isEqualTo("error unknown");
        // Measured in neither run: left out rather than listed as noise.
        assertThat(changes).noneMatch(c -> c.impl().equals("mybatis"));
        assertThat(changes).hasSize(7);
        assertThat(changes.stream().filter(Change::significant)).hasSize(1);
    }

    @Test
    void prints_and_writes_the_table_from_a_summary_json_and_a_results_directory() throws Exception {
        // Base as a generated report's summary.json, candidate as a raw results directory.
        Path report = tmp.resolve("base-report");
        ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-quick").toString(),
                    "--out",
                    report.toString(),
                    "--sources",
                    tmp.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
        Path file = tmp.resolve("changes.md");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = CompareMain.run(
                new String[] {
                    "--base",
                    report.resolve("summary.json").toString(),
                    "--candidate",
                    Fixtures.dir("results-candidate").toString(),
                    "--out",
                    file.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(file).hasContent(printed.stripTrailing());
        assertThat(printed)
                .contains("1 of 7 figures measured in both runs changed by more than the combined error")
                .contains("| P02 | jdbc | 85.0 ± 1.1 | 95.0 ± 1.0 | +10.0 | +11.8 % | **▲ significant** |")
                .contains("| P02 | hibernate | 120.0 ± 3.0 | 121.0 ± 3.0 | +1.00 | +0.8 % | within error |")
                .doesNotContain("environment differs")
                .doesNotContain("| P03 | jdbc | 2,500 ± 50 | 2,500 ± 50 | +0.00 | +0.0 % | **");
        assertThat(Files.readString(file)).contains("commit 0123456789abcdef").contains("commit fedcba9876543210");
    }

    @Test
    void lists_reliability_and_drift_outcomes_that_changed() throws Exception {
        // Base without reliability files, candidate with them.
        Path base = tmp.resolve("base");
        Path candidate = tmp.resolve("candidate");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-full").toString(),
                    "--out",
                    base.toString(),
                    "--sources",
                    tmp.resolve("empty").toString()
                },
                quiet,
                System.err);
        ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-full").toString(),
                    "--out",
                    candidate.toString(),
                    "--sources",
                    Fixtures.repo(tmp.resolve("repo"), true).toString()
                },
                quiet,
                System.err);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(CompareMain.run(
                        new String[] {"--base", base.toString(), "--candidate", candidate.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        quiet))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("0 of 14 figures measured in both runs changed by more than the combined error")
                .contains("## Reliability rule status changes\n\n- R1.1 hibernate: not measured → failed\n"
                        + "- R1.1 jdbc: not measured → passed\n- R2.1 jdbc: not measured → passed\n")
                .contains("- RENAMED_COLUMN hibernate: not measured → refused-at-startup\n");
    }

    /**
     * The paired fixture with other rankings: P02 from jOOQ < the rest to Spring JDBC < jOOQ < Hibernate
     * ORM = MyBatis; P07 from Spring JDBC < MyBatis < jOOQ = Hibernate ORM to Spring JDBC < the rest,
     * inside which Hibernate ORM < jOOQ was shown; P06 as it was.
     */
    private Path reordered() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("reordered"));
        Path file = results.resolve("paired.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        setGroups(root, "P02", List.of(List.of("jdbc"), List.of("jooq"), List.of("hibernate", "mybatis")), List.of());
        setGroups(
                root,
                "P07",
                List.of(List.of("jdbc"), List.of("hibernate", "jooq", "mybatis")),
                List.of(List.of("hibernate", "jooq")));
        json.writeValue(file.toFile(), root);
        return results;
    }

    private static void setGroups(
            ObjectNode root, String pattern, List<List<String>> groups, List<List<String>> ordersInGroups) {
        for (JsonNode r : root.get("results")) {
            if (r.get("pattern").asText().equals(pattern)) {
                ObjectNode result = (ObjectNode) r;
                result.set("groups", new ObjectMapper().valueToTree(groups));
                result.set("ordersInGroups", new ObjectMapper().valueToTree(ordersInGroups));
                return;
            }
        }
        throw new AssertionError("no pattern " + pattern);
    }

    private static Comparison.OrderChange order(
            List<Comparison.OrderChange> orders, String pattern, String a, String b) {
        return orders.stream()
                .filter(o -> o.pattern().equals(pattern)
                        && List.of(o.first(), o.second()).containsAll(List.of(a, b)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pair " + pattern + " " + a + "/" + b));
    }

    @Test
    void orders_the_other_run_reverses_are_contradicted_and_counted() throws IOException {
        Summary base = CompareMain.load(Fixtures.dir("results-paired"));
        Summary candidate = CompareMain.load(reordered());
        List<Comparison.OrderChange> orders = Comparison.compareOrders(base, candidate);
        // Three patterns ranked in both, four implementations each: six pairs each.
        assertThat(orders).hasSize(18);

        Comparison.OrderChange flipped = order(orders, "P02", "jooq", "jdbc");
        assertThat(flipped.first()).isEqualTo("jooq"); // report order
        assertThat(flipped.base()).isEqualTo(Comparison.Shown.FIRST_FASTER);
        assertThat(flipped.candidate()).isEqualTo(Comparison.Shown.SECOND_FASTER);
        assertThat(flipped.contradicted()).isTrue();
        assertThat(flipped.agree()).isFalse();
        assertThat(order(orders, "P02", "jooq", "mybatis").agree()).isTrue();
        // Split by the candidate alone, then by neither.
        assertThat(order(orders, "P02", "jdbc", "mybatis").oneRunOnly()).isTrue();
        Comparison.OrderChange neither = order(orders, "P02", "mybatis", "hibernate");
        assertThat(neither.agree() || neither.contradicted() || neither.oneRunOnly())
                .isFalse();
        // An order shown inside a group counts as shown: Hibernate ORM < jOOQ in the candidate only.
        Comparison.OrderChange inside = order(orders, "P07", "hibernate", "jooq");
        assertThat(inside.base()).isEqualTo(Comparison.Shown.NOT_SPLIT);
        assertThat(inside.candidate()).isEqualTo(Comparison.Shown.FIRST_FASTER);
        assertThat(order(orders, "P07", "mybatis", "jooq").oneRunOnly()).isTrue();
        assertThat(order(orders, "P07", "jdbc", "hibernate").agree()).isTrue();
        assertThat(orders.stream().filter(Comparison.OrderChange::contradicted)).hasSize(1);
        assertThat(orders.stream().filter(Comparison.OrderChange::agree)).hasSize(10);
        assertThat(orders.stream().filter(Comparison.OrderChange::oneRunOnly)).hasSize(5);

        assertThat(Comparison.markdown(base, candidate, "base", "candidate"))
                .contains("| pattern | base ranking | candidate ranking | contradicted | one run only |")
                .contains(" | jOOQ < Spring JDBC → Spring JDBC < jOOQ | Spring JDBC < Hibernate ORM (candidate),"
                        + " Spring JDBC < MyBatis (candidate) |")
                .contains("| P07 | Spring JDBC < MyBatis < Hibernate ORM = jOOQ | Spring JDBC < Hibernate ORM = jOOQ"
                        + " = MyBatis; inside a group, shown: Hibernate ORM < jOOQ | — |")
                .contains("\nOf 18 pairs of implementations ranked in both runs, 11 were ordered by both: 10 agree,"
                        + " **1 contradicted**; 5 ordered by one run only; 2 split by neither.\n");
        assertThat(Comparison.markdown(base, base, "base", "base"))
                .contains("Of 18 pairs of implementations ranked in both runs, 13 were ordered by both: 13 agree,"
                        + " none contradicted; 0 ordered by one run only; 5 split by neither.");
    }

    /** The paired fixture with some ratios moved: P02 jooq apart, P02 jdbc overlapping, P07 hibernate touching. */
    private Path movedRatios() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("paired-candidate"));
        Path file = results.resolve("paired.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        setRatio(root, 0, "jooq", 1.17, 1.15, 1.19); // base 1.09 [1.07, 1.11]: apart
        setRatio(root, 0, "jdbc", 1.21, 1.19, 1.26); // base 1.18 [1.14, 1.22]: overlaps
        setRatio(root, 2, "hibernate", 1.68, 1.66, 1.70); // base 1.54 [1.44, 1.66]: touches, still agrees
        json.writeValue(file.toFile(), root);
        return results;
    }

    private static void setRatio(ObjectNode root, int result, String impl, double median, double low, double high) {
        for (JsonNode arm : root.get("results").get(result).get("arms")) {
            if (arm.get("impl").asText().equals(impl)) {
                ObjectNode r = (ObjectNode) arm.get("ratioToFloor");
                r.put("estimate", median);
                r.put("low", low);
                r.put("high", high);
                return;
            }
        }
        throw new AssertionError("no arm " + impl);
    }

    @Test
    void floors_that_ran_slower_say_the_machine_s_speed_changed() throws IOException {
        Summary base = CompareMain.load(Fixtures.dir("results-paired"));
        assertThat(Comparison.floorChange(base, base)).isZero();
        assertThat(Comparison.machineSpeed(base, base)).isEmpty();

        Summary slower = CompareMain.load(scaledFloors(tmp.resolve("slower"), 1.10, 1.20));
        // P02's floor 10 % slower, P07's 20 %: the median of the two, 15 %; P06 has no floor.
        assertThat(Comparison.floorChange(base, slower)).isCloseTo(0.15, offset(1e-9));
        assertThat(Comparison.markdown(base, slower, "base", "candidate"))
                .contains("- **the machine's speed differs:** the raw-JDBC floors ran +15.0 % (median over the"
                        + " patterns) in the candidate;");
        assertThat(Comparison.floorChange(slower, base)).isCloseTo(1 / 1.15 - 1, offset(0.01));

        Summary close = CompareMain.load(scaledFloors(tmp.resolve("close"), 1.03, 1.05));
        assertThat(Comparison.machineSpeed(base, close)).isEmpty();
        assertThat(Comparison.markdown(base, close, "base", "candidate")).doesNotContain("speed differs");
    }

    /** A copy of the paired fixture whose floor arms (P02, P07) ran {@code p02} and {@code p07} times slower. */
    private static Path scaledFloors(Path dir, double p02, double p07) throws IOException {
        Path results = Fixtures.copy("results-paired", dir);
        Path file = results.resolve("paired.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        Map<String, Double> factor = Map.of("P02", p02, "P07", p07);
        for (JsonNode r : root.get("results")) {
            Double f = factor.get(r.get("pattern").asText());
            for (JsonNode arm : r.get("arms")) {
                if (f != null && arm.path("floor").asBoolean()) {
                    ObjectNode us = (ObjectNode) arm.get("usPerOp");
                    for (String k : List.of("estimate", "low", "high")) {
                        us.put(k, us.get(k).asDouble() * f);
                    }
                }
            }
        }
        json.writeValue(file.toFile(), root);
        return results;
    }

    private static RatioChange ratio(List<RatioChange> ratios, String pattern, String impl) {
        return ratios.stream()
                .filter(r -> r.pattern().equals(pattern) && r.impl().equals(impl))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ratio " + pattern + "/" + impl));
    }

    @Test
    void paired_ratios_agree_when_their_intervals_overlap() throws IOException {
        Path moved = movedRatios();
        Summary base = CompareMain.load(Fixtures.dir("results-paired"));
        Summary candidate = CompareMain.load(moved);
        List<RatioChange> ratios = Comparison.compareRatios(base, candidate);
        // P02 and P07 have a floor arm: four ratios each; P06 has none.
        assertThat(ratios).hasSize(8);
        assertThat(ratios).noneMatch(r -> r.pattern().equals("P06"));
        RatioChange jooq = ratio(ratios, "P02", "jooq");
        assertThat(jooq.agree()).isFalse();
        assertThat(jooq.baseLow()).isEqualTo(1.07);
        assertThat(jooq.candidateLow()).isEqualTo(1.15);
        assertThat(ratio(ratios, "P02", "jdbc").agree()).isTrue();
        assertThat(ratio(ratios, "P07", "hibernate").agree()).isTrue();
        assertThat(ratio(ratios, "P07", "jdbc").agree()).isTrue();
        assertThat(jooq.change()).isCloseTo(1.17 / 1.09 - 1, offset(0.005));
        assertThat(ratios).allMatch(r -> Boolean.TRUE.equals(r.calm()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = CompareMain.run(
                new String[] {"--base", Fixtures.dir("results-paired").toString(), "--candidate", moved.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("| pattern | impl | base × floor | candidate × floor | Δ | agree | machine |")
                .contains("| P02 | jooq | 1.09× [1.07, 1.11] | 1.17× [1.15, 1.19] | +7.")
                .contains(" % | **no** | calm |")
                .contains("| P02 | jdbc | 1.18× [1.14, 1.22] | 1.21× [1.19, 1.26] | +2.")
                .contains("| P07 | hibernate | 1.54× [1.44, 1.66] | 1.68× [1.66, 1.70] | +9.")
                .contains("\n7 of 8 ratios agree within their intervals. 8 of 8 are within ±10 % of each other.\n")
                // µs/op of paired figures are compared by their intervals too.
                .contains("| P02 | jooq | 13.9 [13.7, 14.1] | 13.9 [13.7, 14.1] | +0.000 | +0.0 % | within interval |");
    }

    @Test
    void a_ratio_measured_while_either_run_was_noisy_is_marked_and_counted_apart() throws IOException {
        // Every fourth of P02's probes 50 % slower: that fork was noisy, P07's was not.
        Path moved = Fixtures.slowProbes(movedRatios(), "P02", 4);
        Summary base = CompareMain.load(Fixtures.dir("results-paired"));
        Summary candidate = CompareMain.load(moved);
        List<RatioChange> ratios = Comparison.compareRatios(base, candidate);
        RatioChange jooq = ratio(ratios, "P02", "jooq");
        assertThat(jooq.baseNoisy()).isFalse();
        assertThat(jooq.candidateNoisy()).isTrue();
        assertThat(jooq.calm()).isFalse();
        assertThat(ratio(ratios, "P07", "jooq").calm()).isTrue();
        String md = Comparison.markdown(base, candidate, "base", "candidate");
        assertThat(md)
                .contains(" % | **no** | noisy in candidate |")
                .contains(" % | yes | calm |")
                .contains("7 of 8 ratios agree within their intervals. 8 of 8 are within ±10 % of each other: 4 of 4"
                        + " with a calm probe in both runs, 4 of 4 where either run's probe was noisy.\n");
        RatioChange swapped = Comparison.compareRatios(candidate, base).stream()
                .filter(r -> r.pattern().equals("P02") && r.impl().equals("jooq"))
                .findFirst()
                .orElseThrow();
        assertThat(swapped.baseNoisy()).isTrue();
        assertThat(Comparison.markdown(candidate, base, "base", "candidate")).contains(" | noisy in base |");
    }

    @Test
    void a_cpu_probe_that_moved_is_named_for_the_run_and_for_each_ratio_of_its_fork() throws IOException {
        double[] same = {400, 2000};
        Summary base = CompareMain.load(
                Fixtures.withCpuProbes(tmp.resolve("cpu-base"), Map.of("P02", same, "P06", same, "P07", same)));
        // P02's fork ran the loop 10 % slower, P07's 2 % (and its walk 3 %): only P02's moved beyond 5 %.
        Summary candidate = CompareMain.load(Fixtures.withCpuProbes(
                tmp.resolve("cpu-candidate"),
                Map.of("P02", new double[] {440, 2000}, "P06", same, "P07", new double[] {408, 2060})));
        List<RatioChange> ratios = Comparison.compareRatios(base, candidate);
        assertThat(ratio(ratios, "P02", "jooq").cpuLoopChange()).isCloseTo(0.10, offset(1e-9));
        assertThat(ratio(ratios, "P02", "jooq").cpuMoved()).isTrue();
        assertThat(ratio(ratios, "P07", "jooq").memoryWalkChange()).isCloseTo(0.03, offset(1e-9));
        assertThat(ratio(ratios, "P07", "jooq").cpuMoved()).isFalse();
        String md = Comparison.markdown(base, candidate, "base", "candidate");
        assertThat(md)
                .contains("- CPU probe (the same fixed work before every slice, medians over the run): loop 400.0 →"
                        + " 408.0 µs (+2.0 %), memory walk 2,000 → 2,000 µs (+0.0 %)\n")
                .doesNotContain("the CPU's speed differs")
                .contains(
                        "| P02 | jooq | 1.09× [1.07, 1.11] | 1.09× [1.07, 1.11] | +0.0 % | yes | calm; CPU loop +10.0 % |")
                .contains("| P07 | jooq | ")
                .contains("8 of 8 are within ±10 % of each other; 4 of 4 where the fork's CPU probe moved by more"
                        + " than 5 %.\n");
        assertThat(md.lines().filter(l -> l.startsWith("| P07 |") && l.contains("× [")))
                .hasSize(4)
                .allMatch(l -> l.endsWith("| yes | calm |"));

        double[] slower = {440, 2000};
        Summary allSlower = CompareMain.load(
                Fixtures.withCpuProbes(tmp.resolve("cpu-slower"), Map.of("P02", slower, "P06", slower, "P07", slower)));
        assertThat(Comparison.markdown(base, allSlower, "base", "candidate"))
                .contains("- **the CPU's speed differs:** CPU probe (the same fixed work before every slice, medians"
                        + " over the run): loop 400.0 → 440.0 µs (+10.0 %), memory walk 2,000 → 2,000 µs (+0.0 %);");
        // Results from a bench without the probe: no line, no mark.
        Summary old = CompareMain.load(Fixtures.dir("results-paired"));
        assertThat(Comparison.cpuSpeed(old, candidate)).isEmpty();
        assertThat(Comparison.markdown(old, candidate, "base", "candidate"))
                .doesNotContain("CPU loop")
                .doesNotContain("CPU probe (the same");
    }

    @Test
    void a_fork_whose_round_trip_changed_level_is_marked_and_counted_apart() throws IOException {
        // Every probe of P02's fork 50 % slower: a steady fork at another level, not a noisy one.
        Path slower = Fixtures.slowProbes(Fixtures.copy("results-paired", tmp.resolve("level")), "P02", 1);
        Summary base = CompareMain.load(Fixtures.dir("results-paired"));
        Summary candidate = CompareMain.load(slower);
        List<RatioChange> ratios = Comparison.compareRatios(base, candidate);
        RatioChange jooq = ratio(ratios, "P02", "jooq");
        assertThat(jooq.roundTripChange()).as("medians rounded to 3 decimals").isCloseTo(0.5, offset(1e-3));
        assertThat(jooq.roundTripMoved()).isTrue();
        assertThat(jooq.calm()).as("its spread did not change").isTrue();
        assertThat(ratio(ratios, "P07", "jooq").roundTripMoved()).isFalse();
        String md = Comparison.markdown(base, candidate, "base", "candidate");
        assertThat(md)
                .contains("| P02 | jooq | 1.09× [1.07, 1.11] | 1.09× [1.07, 1.11] | +0.0 % | yes | calm; round trip"
                        + " +50.0 % |")
                .contains("8 of 8 are within ±10 % of each other; 4 of 4 where the fork's round trip moved by more"
                        + " than 10 % (4 of 4 where it held).\n");
    }

    @Test
    void a_ratio_without_an_interval_cannot_be_judged() {
        // Base from an older bench (no paired.json): its ratios have no interval.
        Summary base = CompareMain.load(Fixtures.dir("results-quick"));
        Summary candidate = CompareMain.load(Fixtures.dir("results-paired"));
        List<RatioChange> ratios = Comparison.compareRatios(base, candidate);
        RatioChange jdbc = ratio(ratios, "P02", "jdbc");
        assertThat(jdbc.base()).isEqualTo(1.0625);
        assertThat(jdbc.baseLow()).isNull();
        assertThat(jdbc.agree()).isNull();
        assertThat(ratio(ratios, "P07", "jdbc").base()).isNull();
        assertThat(ratio(ratios, "P03", "hibernate").candidate()).isNull();
        String md = Comparison.markdown(base, candidate, "base", "candidate");
        assertThat(md)
                .contains("| P02 | jdbc | 1.06× | 1.18× [1.14, 1.22] | +11.")
                .contains(" % | — (no interval) | — |")
                .contains("| P07 | jdbc | — | 1.10× [1.07, 1.13] | — | — (not in base) | — |")
                .contains("| P03 | hibernate | 2.00× | — | — | — (not in candidate) | — |")
                .contains("0 of 0 ratios agree within their intervals. 10 ratios lack an interval or a counterpart"
                        + " in one of the runs and cannot be judged.");
    }

    @Test
    void intervals_that_touch_overlap() {
        assertThat(Comparison.overlap(1.0, 2.0, 2.0, 3.0)).isTrue();
        assertThat(Comparison.overlap(1.0, 2.0, 2.01, 3.0)).isFalse();
        assertThat(Comparison.overlap(2.01, 3.0, 1.0, 2.0)).isFalse();
        assertThat(Comparison.overlap(1.0, 3.0, 1.5, 2.0)).isTrue();
    }

    @Test
    void bad_input_is_named() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CompareMain.run(
                new String[] {
                    "--base",
                    tmp.resolve("nope.json").toString(),
                    "--candidate",
                    Fixtures.dir("results-quick").toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.json").contains("does not exist");
    }

    @Test
    void a_noisy_run_is_named_before_its_ratios_are_compared() {
        Summary.ProbeSummary calm = new Summary.ProbeSummary(21.0, 20.6, 21.6, 1540, 10.0);
        Summary.ProbeSummary noisy = new Summary.ProbeSummary(21.3, 20.8, 30.4, 1540, 10.0);
        assertThat(Summary.ProbeSummary.noisy(calm)).isFalse();
        assertThat(Summary.ProbeSummary.noisy(noisy)).isTrue();
        assertThat(Comparison.machineCalm(calm, calm)).isEmpty();
        assertThat(Comparison.machineCalm(calm, null))
                .as("no probe, nothing to say")
                .isEmpty();
        assertThat(Comparison.machineCalm(calm, noisy))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("the machine's calm differs:** SELECT 1 probe spread 5 % (base), 45 % (candidate)")
                        .contains("above 25 % is noisy")
                        .contains("up to 31 % higher"));
        assertThat(Comparison.machineCalm(noisy, noisy))
                .hasValueSatisfying(line -> assertThat(line).startsWith("both runs on a noisy machine:** "));
    }
}
