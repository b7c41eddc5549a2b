package dev.persistbench.testkit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The client's counts (statements, transaction calls, round trips) and the server's, on known work. */
class StatementCountsTest {

    private final SqlRecorder recorder = new SqlRecorder();
    private final DataSource dataSource = recorder.wrap(TestDatabase.shared().dataSource());

    private int query(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void selectOne() {
        try (Connection c = dataSource.getConnection()) {
            query(c, "SELECT 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void twoInOneTransaction() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            query(c, "SELECT 2");
            query(c, "SELECT 3");
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("one statement in auto-commit: one execution, no transaction call, one round trip")
    void oneStatement() {
        selectOne();
        SqlRecorder.Recorded<Object> r = recorder.record(() -> {
            selectOne();
            return null;
        });
        assertThat(r.statements()).isEqualTo(1);
        assertThat(r.transactionCalls()).isEmpty();
        assertThat(r.roundTrips()).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "two statements in a transaction: BEGIN then COMMIT, and three round trips (BEGIN rides with the first)")
    void twoStatementsInATransaction() {
        twoInOneTransaction();
        SqlRecorder.Recorded<Object> r = recorder.record(() -> {
            twoInOneTransaction();
            return null;
        });
        assertThat(r.statements()).isEqualTo(2);
        assertThat(r.transactionCalls())
                .containsExactly(SqlRecorder.TransactionCall.BEGIN, SqlRecorder.TransactionCall.COMMIT);
        assertThat(r.transactions()).isEqualTo(1);
        assertThat(r.commits()).isEqualTo(1);
        assertThat(r.roundTrips()).isEqualTo(3);
    }

    @Test
    @DisplayName("nothing is counted on a thread that does not record")
    void onlyTheRecordingThread() throws InterruptedException {
        SqlRecorder.Recorded<Object> r = recorder.record(() -> {
            Thread other = new Thread(this::selectOne);
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(r.statements()).isZero();
        assertThat(r.roundTrips()).isZero();
    }

    @Test
    @DisplayName("the embedded server counts statements and BEGIN/COMMIT itself (pg_stat_statements)")
    void serverCounts() {
        StringBuilder why = new StringBuilder();
        ServerStatements server = ServerStatements.open(TestDatabase.shared().dataSource(), why)
                .orElseThrow(() -> new AssertionError(why));
        Map<String, Long> before = server.snapshot();
        twoInOneTransaction();
        selectOne();
        ServerStatements.Count count = ServerStatements.Count.of(ServerStatements.delta(before, server.snapshot()));
        assertThat(count.statements()).as("statements").isEqualTo(3);
        assertThat(count.begins()).as("BEGIN").isEqualTo(1);
        // COMMIT sent by pgjdbc's commit() was not counted by pg_stat_statements on PostgreSQL 18.6
        // (BEGIN was): the client's transaction calls count commits; see ServerStatements.
        assertThat(count.commits()).as("COMMIT").isBetween(0L, 1L);
        assertThat(count.rollbacks()).as("ROLLBACK").isZero();
    }
}
