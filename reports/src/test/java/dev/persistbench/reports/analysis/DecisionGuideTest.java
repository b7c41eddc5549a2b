package dev.persistbench.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.reports.model.FixtureImpls;
import dev.persistbench.reports.model.Summary.ColdStart;
import dev.persistbench.reports.model.Summary.EvolutionSummary;
import dev.persistbench.reports.model.Summary.GuideEntry;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.model.Summary.SizePoint;
import dev.persistbench.reports.model.Summary.ThreadPoint;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision guide from known figures: a claim appears only when the figures support it. */
class DecisionGuideTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static PatternResult arm(String impl, double ratio, double low, double high, boolean settled) {
        return arm(impl, ratio, low, high, settled, null, null, null);
    }

    static PatternResult arm(
            String impl,
            double ratio,
            double low,
            double high,
            boolean settled,
            Double bytes,
            Integer roundTrips,
            Integer loc) {
        double us = 100 * ratio;
        Map<String, Object> r = new HashMap<>();
        r.put("impl", impl);
        r.put("status", Status.Measure.MEASURED);
        r.put("contract", Status.Contract.PASSED);
        r.put("usPerOp", us);
        r.put("usPerOpLow", us - 1);
        r.put("usPerOpHigh", us + 1);
        r.put("settled", settled);
        r.put("bytesPerOp", bytes);
        r.put("roundTrips", roundTrips);
        r.put("ratioToFloor", ratio);
        r.put("ratioToFloorLow", low);
        r.put("ratioToFloorHigh", high);
        r.put("loc", loc);
        return JSON.convertValue(r, PatternResult.class);
    }

    /** P02: Spring JDBC at 1.00× the floor, MyBatis at the given ratio (interval ± 0.02), in the given groups. */
    static List<GuideEntry> p02(List<List<String>> groups, double mybatis) {
        return guide(pattern(
                "P02",
                groups,
                List.of(),
                arm("jdbc", 1.00, 0.98, 1.02, true),
                arm("mybatis", mybatis, mybatis - 0.02, mybatis + 0.02, true)));
    }

    /** P07 with Spring JDBC 30 % ahead of Hibernate in a separate group. */
    static List<GuideEntry> p07(boolean hibernateSettled) {
        return guide(pattern(
                "P07",
                List.of(List.of("jdbc"), List.of("hibernate")),
                List.of(),
                arm("jdbc", 1.00, 0.98, 1.02, true),
                arm("hibernate", 1.30, 1.28, 1.32, hibernateSettled)));
    }

    static PatternSummary pattern(
            String id, List<List<String>> groups, List<ThreadPoint> threads, PatternResult... arms) {
        return new PatternSummary(
                id,
                "Title " + id,
                1000,
                Map.of(),
                100.0,
                99.0,
                101.0,
                null,
                true,
                null,
                null,
                10.0,
                null,
                List.of(arms),
                List.of(),
                threads,
                null,
                List.of(),
                1,
                "none",
                20,
                3,
                Map.of(),
                1.0,
                null,
                false,
                true,
                null,
                groups,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null);
    }

    static GuideEntry entry(List<GuideEntry> guide, String concern, String pattern) {
        return guide.stream()
                .filter(g -> g.concern().equals(concern) && g.patterns().contains(pattern))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + concern + "/" + pattern + " in " + guide));
    }

    static List<GuideEntry> guide(PatternSummary... patterns) {
        return DecisionGuide.of(FixtureImpls.CATALOGUE, List.of(patterns), List.of(), Map.of());
    }

    @Test
    void a_clear_leader_is_named_with_its_margin_and_interval_bounds() {
        List<GuideEntry> g = p02(List.of(List.of("jdbc"), List.of("mybatis")), 1.30);
        GuideEntry e = entry(g, "single-row reads", "P02");
        assertThat(e.leaders()).containsExactly("jdbc");
        assertThat(e.tied()).isFalse();
        assertThat(e.margin()).isEqualTo(1.30, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.marginLow()).isEqualTo(1.28 / 1.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.marginUpper()).isEqualTo(1.32 / 0.98, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.anchor()).isEqualTo("P02");
        assertThat(e.notMeasured()).isNull();
        assertThat(e.provisional()).isEmpty();
        assertThat(e.sentence())
                .contains("Spring JDBC (1.00× floor) leads")
                .contains("MyBatis")
                .contains("takes 1.30×")
                .contains("1.25×–1.35×")
                .doesNotContain("Provisional");
    }

    @Test
    void a_next_group_whose_median_is_below_a_leaders_is_not_given_a_margin_of_lead() {
        List<GuideEntry> g = guide(pattern(
                "P02",
                List.of(List.of("jdbc", "hibernate"), List.of("mybatis")),
                List.of(),
                arm("jdbc", 1.00, 0.98, 1.02, true),
                arm("hibernate", 1.40, 1.10, 1.70, true),
                arm("mybatis", 1.30, 1.28, 1.32, true)));
        GuideEntry e = entry(g, "single-row reads", "P02");
        assertThat(e.leaders()).containsExactly("jdbc", "hibernate");
        assertThat(e.sentence())
                .contains("estimates overlap")
                .contains("the order between them is weak")
                .doesNotContain("takes 0.93");
    }

    @Test
    void one_percent_apart_in_one_group_cannot_be_told_apart_and_no_one_leads() {
        List<GuideEntry> g = p02(List.of(List.of("jdbc", "mybatis")), 1.01);
        GuideEntry e = entry(g, "single-row reads", "P02");
        assertThat(e.tied()).isTrue();
        assertThat(e.leaders()).containsExactly("jdbc", "mybatis");
        assertThat(e.margin()).isNull();
        assertThat(e.sentence()).contains("cannot be told apart").doesNotContain("lead");
    }

    @Test
    void a_pattern_the_run_did_not_measure_says_so_and_claims_nothing() {
        List<GuideEntry> g = p02(List.of(List.of("jdbc"), List.of("mybatis")), 1.30);
        for (String[] c : new String[][] {
            {"dynamic search", "P05"}, {"single-row reads", "P04"}, {"streaming allocation", "P12"},
        }) {
            GuideEntry e = entry(g, c[0], c[1]);
            assertThat(e.notMeasured()).isNotNull();
            assertThat(e.leaders()).isEmpty();
            assertThat(e.sentence()).contains("not measured in this run").doesNotContain("lead");
        }
        assertThat(entry(g, "transactional writes under contention", "P06, P09").sentence())
                .contains("not measured in this run (no thread sweep)");
        assertThat(entry(g, "start-up cost", "cold start").notMeasured()).isNotNull();
        assertThat(entry(g, "schema drift detection", "schema drift").notMeasured())
                .isNotNull();
    }

    @Test
    void an_unsettled_figure_makes_the_sentence_provisional_and_says_whose() {
        List<GuideEntry> g = p07(false);
        GuideEntry e = entry(g, "object graphs", "P07");
        assertThat(e.provisional()).containsExactly("hibernate");
        assertThat(e.sentence()).contains("Provisional: the figure of Hibernate ORM did not settle");
        GuideEntry settled = entry(p07(true), "object graphs", "P07");
        assertThat(settled.provisional()).isEmpty();
        assertThat(settled.sentence()).doesNotContain("Provisional");
    }

    @Test
    void counted_figures_rank_as_they_are_and_equal_figures_tie() {
        PatternSummary p = pattern(
                "P12",
                List.of(List.of("jdbc", "jooq")),
                List.of(
                        new ThreadPoint("jdbc", 4, 100, 1.0, 40_000, null),
                        new ThreadPoint("jooq", 4, 150, 1.0, 26_000, null)),
                arm("jdbc", 1.00, 0.98, 1.02, true, 1000.0, 3, 40),
                arm("jooq", 1.01, 0.99, 1.03, true, 1500.0, 3, 20));
        List<GuideEntry> g = DecisionGuide.of(
                FixtureImpls.CATALOGUE,
                List.of(p),
                List.of(new ColdStart("jdbc", 800.0, 20.0, 3, null), new ColdStart("jooq", 1200.0, 30.0, 3, null)),
                Map.of(
                        "RENAMED_COLUMN", Map.of("jdbc", "failed-at-first-use", "jooq", "refused-at-startup"),
                        "WIDENED_TYPE", Map.of("jdbc", "silently-wrong", "jooq", "silently-wrong")));
        GuideEntry alloc = entry(g, "streaming allocation", "P12");
        assertThat(alloc.leaders()).containsExactly("jdbc");
        assertThat(alloc.margin()).isEqualTo(1.5);
        assertThat(entry(g, "lines of code", "P12").leaders()).containsExactly("jooq");
        assertThat(entry(g, "lines of code", "P12").margin()).isEqualTo(2.0);
        GuideEntry trips = entry(g, "round trips", "P12");
        assertThat(trips.tied()).isTrue();
        assertThat(trips.sentence()).contains("all equal").doesNotContain("lead");
        GuideEntry cold = entry(g, "start-up cost", "cold start");
        assertThat(cold.leaders()).containsExactly("jdbc");
        assertThat(cold.margin()).isEqualTo(1.5);
        assertThat(cold.anchor()).isEqualTo("coldstart");
        GuideEntry drift = entry(g, "schema drift detection", "schema drift");
        assertThat(drift.leaders()).containsExactly("jooq");
        assertThat(drift.sentence()).contains("jOOQ 1 refused at start-up, 1 silently wrong");
        GuideEntry contention = entry(g, "transactional writes under contention", "P06, P09");
        assertThat(contention.notMeasured()).isEqualTo("no thread sweep");
        assertThat(entry(g, "streaming", "P12").sentence()).contains("cannot be told apart");
    }

    @Test
    void contention_names_a_leader_only_beyond_the_combined_error_at_the_most_threads() {
        PatternSummary p06 = pattern(
                "P06",
                List.of(List.of("jdbc", "jooq")),
                List.of(
                        new ThreadPoint("jdbc", 1, 50, 1.0, 20_000, null),
                        new ThreadPoint("jdbc", 8, 100, 2.0, 80_000, null),
                        new ThreadPoint("jooq", 8, 103, 2.0, 77_000, null),
                        new ThreadPoint("hibernate", 8, 130, 2.0, 61_000, 7L)),
                arm("jdbc", 1.00, 0.98, 1.02, true),
                arm("jooq", 1.01, 0.99, 1.03, true));
        GuideEntry e = entry(guide(p06), "transactional writes under contention", "P06");
        assertThat(e.leaders()).containsExactly("jdbc", "jooq");
        assertThat(e.margin()).isEqualTo(1.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.anchor()).isEqualTo("scaling");
        assertThat(e.sentence())
                .contains("at 8 threads")
                .contains("Hibernate ORM, takes 1.30×")
                .contains("80,000 ops/s")
                .endsWith("; failed operations: Hibernate ORM 7.");
    }

    /**
     * A rehearsal of two expand steps and one contract step under four libraries: MyBatis had
     * {@code mybatisFailed} failed calls in the second expand step, Spring JDBC lost
     * {@code jdbcMissing} orders, Hibernate noticed the contract step at start-up.
     */
    static EvolutionSummary rehearsal(long mybatisFailed, long jdbcMissing) {
        List<Evolution.Step> steps = List.of(
                new Evolution.Step("2", "add column", Evolution.Kind.EXPAND, true, "ALTER TABLE ..."),
                new Evolution.Step("3", "index", Evolution.Kind.EXPAND, false, "CREATE INDEX CONCURRENTLY ..."),
                new Evolution.Step("4", "drop column", Evolution.Kind.CONTRACT, true, "ALTER TABLE ... DROP ..."));
        List<Evolution.Run> runs = new java.util.ArrayList<>();
        for (String impl : List.of("hibernate", "jooq", "mybatis", "jdbc")) {
            List<Evolution.StepResult> results = List.of(
                    result("2", 0, Evolution.Detection.NONE),
                    result("3", impl.equals("mybatis") ? mybatisFailed : 0, Evolution.Detection.NONE),
                    result(
                            "4",
                            50,
                            impl.equals("hibernate") ? Evolution.Detection.START_UP : Evolution.Detection.FIRST_CALL));
            runs.add(new Evolution.Run(impl, results, 3.0, 1000L, impl.equals("jdbc") ? jdbcMissing : 0L, null));
        }
        return EvolutionVerdicts.of(new Evolution(1, null, steps, runs), FixtureImpls.CATALOGUE);
    }

    static Evolution.StepResult result(String version, long failed, Evolution.Detection detection) {
        return new Evolution.StepResult(
                version, 100L, 1, 1000L, failed, List.of(), 20.0, 5.0, List.of(), detection, null);
    }

    static GuideEntry evolution(EvolutionSummary e) {
        return entry(
                DecisionGuide.of(FixtureImpls.CATALOGUE, List.of(), List.of(), Map.of(), e),
                "schema changes under load",
                "schema evolution");
    }

    @Test
    void the_rehearsal_claim_names_only_libraries_the_figures_support() {
        GuideEntry all = evolution(rehearsal(0, 0));
        assertThat(all.leaders()).containsExactly("hibernate", "jooq", "mybatis", "jdbc");
        assertThat(all.tied()).isTrue();
        assertThat(all.anchor()).isEqualTo("evolution");
        assertThat(all.sentence())
                .contains("Hibernate ORM = jOOQ = MyBatis = Spring JDBC kept serving through all 2 expand steps"
                        + " with 0 failed calls")
                .contains("contract step V4 noticed at start-up by Hibernate ORM, only at the first failing call by"
                        + " jOOQ, MyBatis, Spring JDBC");

        GuideEntry one = evolution(rehearsal(3, 0));
        assertThat(one.leaders()).containsExactly("hibernate", "jooq", "jdbc");
        assertThat(one.tied()).isFalse();
        assertThat(one.sentence())
                .contains("Hibernate ORM = jOOQ = Spring JDBC kept serving")
                .contains("(MyBatis 3 failed calls)");

        GuideEntry lost = evolution(rehearsal(3, 2));
        assertThat(lost.leaders()).containsExactly("hibernate", "jooq");
        assertThat(lost.sentence()).contains("MyBatis 3 failed calls; Spring JDBC lost 2 acknowledged orders");
    }

    @Test
    void without_a_rehearsal_the_claim_is_not_measured() {
        GuideEntry none = evolution(null);
        assertThat(none.leaders()).isEmpty();
        assertThat(none.notMeasured()).contains("no evolution.json");
        assertThat(none.sentence()).contains("not measured in this run").doesNotContain("kept serving");
    }

    /** {@code p} with its cost at each data size. */
    static PatternSummary withSizes(PatternSummary p, SizePoint... points) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.convertValue(p, Map.class);
        fields.put("bySize", List.of(points));
        return JSON.convertValue(fields, PatternSummary.class);
    }

    static SizePoint size(String impl, int dataSize, Double ratio, Double growth) {
        return new SizePoint(impl, dataSize, 100.0, null, null, null, ratio, null, null, growth, true);
    }

    @Test
    void the_implementation_whose_ratio_to_the_floor_grows_most_with_the_data_is_named() {
        PatternSummary p05 = withSizes(
                pattern("P05", List.of(List.of("jdbc"), List.of("hibernate")), List.of()),
                size("hibernate", 1000, 1.20, null),
                size("hibernate", 50_000, 6.00, 10.0),
                size("jdbc", 1000, 1.05, null),
                size("jdbc", 50_000, 1.10, 2.1),
                size("raw-jdbc", 1000, null, null),
                size("raw-jdbc", 50_000, null, 2.0));
        PatternSummary p02 = withSizes(
                pattern("P02", List.of(List.of("mybatis")), List.of()),
                size("mybatis", 1000, 1.20, null),
                size("mybatis", 50_000, 2.00, 3.0));
        GuideEntry growth = entry(guide(p02, p05), "cost growth with the data", "P05");
        assertThat(growth.leaders()).as("it names who degrades, not who leads").isEmpty();
        assertThat(growth.notMeasured()).isNull();
        assertThat(growth.anchor()).isEqualTo("scaling");
        assertThat(growth.sentence())
                .isEqualTo("cost growth with the data, P05, dataSize 1,000 → 50,000: Hibernate ORM's cost grows most"
                        + " against the floor's: its ratio to the floor goes from 1.20× to 6.00× (its µs/op 10.00×,"
                        + " the floor's 2.00×).");

        GuideEntry none = entry(p07(true), "cost growth with the data", "data sizes");
        assertThat(none.notMeasured()).isEqualTo("no pattern was measured at two data sizes");
        assertThat(none.leaders()).isEmpty();
    }
}
