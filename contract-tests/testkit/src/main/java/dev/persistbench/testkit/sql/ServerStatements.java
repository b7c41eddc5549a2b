package dev.persistbench.testkit.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The server's own count of the statements it executed, from {@code pg_stat_statements}: the
 * referee for what a client says it sent (a batch that the driver did not rewrite counts once per
 * row here; BEGIN and COMMIT count too). Counts are differences between two snapshots, so nothing
 * is reset on the server; they are exact only while nothing else runs on it.
 *
 * <p>Needs the extension loaded ({@code shared_preload_libraries}) and created in the database;
 * the embedded server does both, an external server may not: {@link #open} then says why.
 */
public final class ServerStatements {

    private final DataSource dataSource;
    private final String view;

    private ServerStatements(DataSource dataSource, String view) {
        this.dataSource = dataSource;
        this.view = view;
    }

    /**
     * The server's counts over {@code dataSource}'s connections, or empty with the reason in
     * {@code why} when the server does not keep them.
     */
    public static Optional<ServerStatements> open(DataSource dataSource, StringBuilder why) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT n.nspname FROM pg_extension e"
                        + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                why.append(
                        "pg_stat_statements is not installed in this database (CREATE EXTENSION pg_stat_statements)");
                return Optional.empty();
            }
            ServerStatements counts = new ServerStatements(dataSource, quote(rs.getString(1)) + ".pg_stat_statements");
            counts.snapshot();
            return Optional.of(counts);
        } catch (SQLException | IllegalStateException e) {
            why.append("pg_stat_statements cannot be read: ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /** Calls so far per normalized statement text, for this database and user; this class's own queries left out. */
    public Map<String, Long> snapshot() {
        Map<String, Long> calls = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT query, sum(calls)::bigint FROM " + view
                        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " AND userid = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
                        + " AND query NOT LIKE '%pg_stat_statements%'"
                        // pgjdbc's own set-up of a new connection (a pool may open one at any time)
                        + " AND query NOT LIKE 'SET application_name%' GROUP BY query");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                calls.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read pg_stat_statements: " + e.getMessage(), e);
        }
        return calls;
    }

    /** What the server executed between two snapshots, per statement text (only those that ran). */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((query, calls) -> {
            long d = calls - before.getOrDefault(query, 0L);
            if (d > 0) {
                delta.put(query, d);
            }
        });
        return delta;
    }

    /**
     * A server-side count split the way the report shows it.
     *
     * @param statements statements other than transaction control and session queries
     * @param begins BEGIN (or START TRANSACTION)
     * @param commits COMMIT (or END)
     * @param rollbacks ROLLBACK
     * @param session SHOW and SET: what a driver sends for itself (pgjdbc answers
     *     {@code getTransactionIsolation()} with a SHOW), invisible to a client-side statement count
     */
    public record Count(long statements, long begins, long commits, long rollbacks, long session) {
        /** Splits a {@link #delta} into statements and transaction control. */
        public static Count of(Map<String, Long> delta) {
            long statements = 0, begins = 0, commits = 0, rollbacks = 0, session = 0;
            for (Map.Entry<String, Long> e : delta.entrySet()) {
                String q = e.getKey().trim().toUpperCase(Locale.ROOT);
                if (q.startsWith("BEGIN") || q.startsWith("START TRANSACTION")) {
                    begins += e.getValue();
                } else if (q.startsWith("COMMIT") || q.equals("END")) {
                    commits += e.getValue();
                } else if (q.startsWith("ROLLBACK")) {
                    rollbacks += e.getValue();
                } else if (q.startsWith("SHOW ") || q.startsWith("SET ")) {
                    session += e.getValue();
                } else {
                    statements += e.getValue();
                }
            }
            return new Count(statements, begins, commits, rollbacks, session);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
