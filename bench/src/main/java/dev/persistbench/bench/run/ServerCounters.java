package dev.persistbench.bench.run;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The server's own count of rolled-back transactions and deadlocks in the current database
 * (pg_stat_database), read at the start and the end of a thread-sweep fork. The server adds a
 * backend's counts when it flushes its statistics (at the latest about a second after the
 * backend goes idle), so a reading just after the last slice may miss that slice's last second.
 *
 * @param rollbacks xact_rollback
 * @param deadlocks deadlocks
 */
public record ServerCounters(long rollbacks, long deadlocks) {

    /** The counts now, over a connection of {@code dataSource}. */
    public static ServerCounters read(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery(
                    "SELECT xact_rollback, deadlocks FROM pg_stat_database" + " WHERE datname = current_database()")) {
                rs.next();
                return new ServerCounters(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read pg_stat_database: " + e.getMessage(), e);
        }
    }

    /** A sweep fork's record: the counts since {@code start} and the size of {@code dataSource}'s pool (-1: unknown). */
    public Slices.Sweep sweepSince(ServerCounters start, DataSource dataSource) {
        int poolSize = dataSource instanceof HikariDataSource h ? h.getMaximumPoolSize() : -1;
        return new Slices.Sweep(poolSize, rollbacks - start.rollbacks, deadlocks - start.deadlocks);
    }
}
