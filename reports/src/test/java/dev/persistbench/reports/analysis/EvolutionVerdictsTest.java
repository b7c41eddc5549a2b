package dev.persistbench.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.reports.model.FixtureImpls;
import dev.persistbench.reports.model.Summary.EvolutionSummary;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.Evolution.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rehearsal's verdicts from known figures, including the outcomes the report fixture lacks. */
class EvolutionVerdictsTest {

    private static final Evolution.Step EXPAND =
            new Evolution.Step("2", "add column", Evolution.Kind.EXPAND, true, "ALTER TABLE ...");
    private static final Evolution.Step CONTRACT =
            new Evolution.Step("3", "drop column", Evolution.Kind.CONTRACT, true, "ALTER TABLE ... DROP ...");

    private static Evolution.Run run(String impl, Long expandFailed, Detection expand, Detection contract) {
        return new Evolution.Run(
                impl,
                List.of(
                        new Evolution.StepResult(
                                "2", 10L, 1, 100L, expandFailed, List.of(), 5.0, 2.0, List.of(), expand, null),
                        new Evolution.StepResult(
                                "3", 10L, 1, 100L, 0L, List.of(), 5.0, 2.0, List.of(), contract, null)),
                1.0,
                10L,
                0L,
                null);
    }

    private static EvolutionSummary of(Evolution.Run... runs) {
        return EvolutionVerdicts.of(
                new Evolution(1, null, List.of(EXPAND, CONTRACT), List.of(runs)), FixtureImpls.CATALOGUE);
    }

    @Test
    void a_contract_step_names_silent_and_unaffected_libraries_too() {
        EvolutionSummary s = of(
                run("hibernate", 0L, Detection.NONE, Detection.START_UP),
                run("jooq", 0L, Detection.NONE, Detection.SILENT),
                run("jdbc", 0L, Detection.NONE, Detection.NONE));
        assertThat(s.steps().get(1).verdict())
                .isEqualTo("V3 drop column (contract): noticed at start-up: Hibernate ORM; kept answering without an"
                        + " error although what it used changed: jOOQ; kept working: Spring JDBC.");
        assertThat(s.steps().getFirst().verdict())
                .isEqualTo("V2 add column (expand): 0 failed calls for every library.");
    }

    @Test
    void an_expand_step_with_an_unrecorded_count_or_a_detection_never_claims_zero_for_every_library() {
        EvolutionSummary s = of(
                run("hibernate", null, Detection.NONE, Detection.START_UP),
                run("mybatis", 0L, Detection.FIRST_CALL, Detection.FIRST_CALL));
        assertThat(s.steps().getFirst().verdict())
                .doesNotContain("for every library")
                .isEqualTo("V2 add column (expand): 0 failed calls for MyBatis; failed calls not recorded for"
                        + " Hibernate ORM; noticed only at the first failing call: MyBatis.");
        assertThat(s.steps().getFirst().failedCalls()).containsEntry("hibernate", null);
    }

    @Test
    void without_runs_no_verdict_claims_anything() {
        EvolutionSummary s = of();
        assertThat(s.steps().getFirst().verdict()).isEqualTo("V2 add column (expand): no library ran it.");
        assertThat(s.orders()).isEqualTo("No library ran the rehearsal.");
        assertThat(EvolutionVerdicts.of(null, FixtureImpls.CATALOGUE)).isNull();
    }
}
