package dev.persistbench.bench.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.bench.BenchMain;
import dev.persistbench.bench.Impl;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.testkit.db.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rehearsal of the whole track under every implementation, on a small data set with short
 * windows: what the old code met at each step (timings are never asserted).
 */
class RehearsalTest {

    private static final Rehearsal.Settings SMALL = new Rehearsal.Settings(
            200,
            2,
            2,
            5,
            Duration.ofMillis(300),
            Duration.ofMillis(700),
            // Long enough for the readers' findCustomer calls to meet the contract step even on a busy machine.
            Duration.ofMillis(1000),
            Duration.ofSeconds(2),
            5);

    private static Evolution evolution;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void rehearse() {
        evolution = new Rehearsal(TestDatabase.shared(), SMALL, progress::add).run(Impl.all());
    }

    @Test
    @DisplayName("every implementation ran every step, and every acknowledged order is in the database with its lines")
    void everyRunComplete() {
        assertThat(evolution.runs())
                .extracting(Evolution.Run::impl)
                .containsExactly("hibernate", "jooq", "mybatis", "jdbc");
        assertThat(evolution.runs()).allSatisfy(run -> {
            assertThat(run.error()).as(run.impl()).isNull();
            assertThat(run.steps()).extracting(Evolution.StepResult::version).containsExactly("2", "3", "4", "5", "6");
            assertThat(run.acknowledgedOrders()).as(run.impl()).isPositive();
            assertThat(run.missingOrders()).as(run.impl()).isZero();
            assertThat(run.baselineP99Millis()).as(run.impl()).isPositive();
        });
        assertThat(progress).hasSize(4);
        assertThat(evolution.setup().orders()).isEqualTo(400);
        assertThat(evolution.setup().lockTimeoutMillis()).isEqualTo(2000);
    }

    @Test
    @DisplayName("expand steps: no failed call under any implementation; the old code kept working (detection none)")
    void expandStepsCostNoFailure() {
        for (Evolution.Run run : evolution.runs()) {
            for (Evolution.StepResult step : run.steps().subList(0, 4)) {
                assertThat(step.failedCalls())
                        .as(run.impl() + " V" + step.version() + " " + step.failures())
                        .isZero();
                assertThat(step.calls()).as(run.impl() + " V" + step.version()).isPositive();
                assertThat(step.detection()).isEqualTo(Evolution.Detection.NONE);
                assertThat(step.attempts()).isBetween(1, SMALL.maxAttempts());
            }
        }
    }

    @Test
    @DisplayName("contract step: old code fails; Hibernate notices at start-up, the other three at the first call")
    void contractStepBreaksOldCode() {
        for (Evolution.Run run : evolution.runs()) {
            Evolution.StepResult contract = run.steps().get(4);
            assertThat(contract.failedCalls()).as(run.impl()).isPositive();
            assertThat(contract.failures()).as(run.impl()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
            Evolution.Detection expected =
                    run.impl().equals("hibernate") ? Evolution.Detection.START_UP : Evolution.Detection.FIRST_CALL;
            assertThat(contract.detection()).as(run.impl()).isEqualTo(expected);
            assertThat(contract.detectionDetail()).as(run.impl()).containsIgnoringCase("name");
        }
    }

    @Test
    @DisplayName(
            "the migration's locks are recorded: the contract step drops a column holding ACCESS EXCLUSIVE on customer")
    void locksRecorded() {
        for (Evolution.Run run : evolution.runs()) {
            assertThat(run.steps().get(4).locks())
                    .as(run.impl())
                    .contains(new Evolution.Lock("customer", "AccessExclusiveLock", true, 0.0));
        }
    }

    @Test
    @DisplayName("evolution.json, written with the bench's mapper, reads back equal into the report's record")
    void roundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("evolution.json");
        BenchMain.write(file, evolution);

        assertThat(new ObjectMapper().readValue(file.toFile(), Evolution.class)).isEqualTo(evolution);
    }
}
