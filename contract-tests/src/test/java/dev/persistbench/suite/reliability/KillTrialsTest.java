package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * R2.1's trials against {@link ToyOrders}: the transactional toy is all or nothing and fails
 * retryably; the autocommit toy is caught committing despite a failure that is not the contract's.
 */
class KillTrialsTest {

    private static final int TRIALS = 4;
    private final TestDatabase db = TestDatabase.shared();

    @AfterEach
    void empty() {
        db.truncateAll();
    }

    @Test
    void aTransactionalRepositoryLosesNothingAndFailsRetryably() throws SQLException {
        KillTrials.Tally tally = run(true);
        assertThat(tally.killed()).isEqualTo(TRIALS);
        assertThat(tally.triggerNotReached()).isZero();
        assertThat(tally.killsAfterStatement().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(TRIALS);
        assertThat(tally.killsAfterStatement().keySet()).isSubsetOf(1, 2);
        assertThat(tally.wrongFailures()).isEmpty();
        assertThat(tally.lostAcknowledged()).isEmpty();
        assertThat(tally.committedDespiteFailure()).isEmpty();
        assertThat(tally.meanTerminateMs()).isPositive();
    }

    @Test
    void anAutocommitRepositoryIsCaughtCommittingDespiteFailure() throws SQLException {
        KillTrials.Tally tally = run(false);
        assertThat(tally.killed()).isEqualTo(TRIALS);
        assertThat(tally.committedDespiteFailure()).hasSize(TRIALS).allMatch(k -> k.startsWith("r2.1-"));
        assertThat(tally.wrongFailures()).hasSize(TRIALS);
        assertThat(tally.lostAcknowledged()).isEmpty();
    }

    private KillTrials.Tally run(boolean transactional) throws SQLException {
        StatementTrigger trigger = new StatementTrigger();
        String app = Reliability.uniqueName("pb_kill_test");
        try (HikariDataSource pool = Reliability.pool(db, app, 2, Map.of("ApplicationName", app));
                Connection admin = db.openConnection();
                BackendKiller killer = new BackendKiller(admin)) {
            long customer = ToyOrders.customer(admin, "kill@example.com");
            Map<String, Integer> expectedLines = new LinkedHashMap<>();
            KillTrials trials =
                    new KillTrials(ToyOrders.repository(trigger.wrap(pool), transactional), trigger, killer, admin);
            KillTrials.Tally tally =
                    trials.run(TRIALS, 2, new Random(17), key -> ToyOrders.order(customer, key), expectedLines);
            assertThat(expectedLines).hasSize(TRIALS).containsValue(1);
            return tally;
        }
    }
}
