package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The fault trigger of R2.1 and R2.2: counts per thread, fires once after statement k, on that statement's connection. */
class StatementTriggerTest {

    private final StatementTrigger trigger = new StatementTrigger();
    private final DataSource proxied = trigger.wrap(TestDatabase.shared().dataSource());

    @AfterEach
    void disarm() {
        trigger.disarm();
    }

    @Test
    void countingSeesEveryStatementAndABatchOnceWithoutActing() throws SQLException {
        trigger.count();
        try (Connection c = proxied.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            s.execute("SELECT 2");
            s.addBatch("SET pb.trigger_test = 'a'");
            s.addBatch("SET pb.trigger_test = 'b'");
            s.executeBatch();
        }
        assertThat(trigger.seen()).isEqualTo(3);
        assertThat(trigger.fired()).isFalse();
    }

    @Test
    void armedItRunsTheActionOnceRightAfterStatementKOnThatStatementsConnection() throws SQLException {
        List<Integer> firedAfter = new ArrayList<>();
        List<Integer> firedOnBackend = new ArrayList<>();
        trigger.arm(2, connection -> {
            firedAfter.add(trigger.seen());
            firedOnBackend.add(backendPid(connection));
        });
        int backend;
        try (Connection c = proxied.getConnection();
                Statement s = c.createStatement()) {
            backend = backendPid(c);
            s.execute("SELECT 1");
            assertThat(trigger.fired()).as("after statement 1").isFalse();
            s.execute("SELECT 2");
            assertThat(trigger.fired()).as("after statement 2").isTrue();
            s.execute("SELECT 3");
        }
        assertThat(firedAfter).containsExactly(2);
        assertThat(firedOnBackend).containsExactly(backend);
        assertThat(trigger.seen()).isEqualTo(3);
    }

    @Test
    void armingHoldsForTheArmingThreadOnly() throws Exception {
        AtomicInteger actions = new AtomicInteger();
        trigger.arm(1, connection -> actions.incrementAndGet());
        int[] seenElsewhere = {-1};
        Thread other = new Thread(() -> {
            try (Connection c = proxied.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                seenElsewhere[0] = trigger.seen();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        other.join();
        assertThat(seenElsewhere[0]).as("statements seen on the other thread").isZero();
        assertThat(actions).hasValue(0);
        assertThat(trigger.seen()).isZero();
        trigger.disarm();
        assertThat(trigger.fired()).isFalse();
    }

    private static int backendPid(Connection connection) {
        try {
            return connection.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
