package dev.persistbench.bench.evolution;

import dev.persistbench.reports.results.Evolution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Samples, every {@value #PERIOD_MILLIS} ms on a connection of its own, the locks of the backends
 * whose {@code application_name} is the migration's: relations of the schema under change (held or
 * waited for; Flyway's history table left out) and the transactions it waited for (CREATE INDEX
 * CONCURRENTLY waits for those that were running when it started). A wait's length comes from
 * {@code pg_locks.waitstart}; the longest seen is kept. A lock held for less than a period may be
 * missed, so {@link #atCommit()} also reads what a transactional migration holds just before it
 * commits (Flyway's afterEachMigrate runs in the migration's transaction).
 */
final class LockSampler implements AutoCloseable {

    static final long PERIOD_MILLIS = 10;

    private static final String SQL = """
            SELECT coalesce(c.relname, l.locktype) AS relation, l.mode, l.granted,
                   coalesce(extract(epoch FROM clock_timestamp() - l.waitstart) * 1000, 0) AS waited_ms
            FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            LEFT JOIN pg_class c ON c.oid = l.relation
            WHERE a.application_name = ?
              AND ((l.locktype = 'relation' AND c.relnamespace = to_regnamespace(?)
                    AND c.relname NOT LIKE 'flyway_schema_history%')
                   OR (l.locktype IN ('transactionid', 'virtualxid', 'tuple') AND NOT l.granted))
            """;

    private static final String HELD_SQL = """
            SELECT c.relname, l.mode
            FROM pg_locks l
            JOIN pg_class c ON c.oid = l.relation
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
              AND c.relnamespace = to_regnamespace(?) AND c.relname NOT LIKE 'flyway_schema_history%'
            """;

    private record Key(String relation, String mode, boolean granted) {}

    private final Map<Key, Double> seen = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    private final String schema;

    LockSampler(DataSource dataSource, String applicationName, String schema) {
        this.schema = schema;
        thread = Thread.ofPlatform().name("evolution-lock-sampler").daemon().start(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, applicationName);
                ps.setString(2, schema);
                while (running) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            record(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getDouble(4));
                        }
                    }
                    Thread.sleep(PERIOD_MILLIS);
                }
            } catch (SQLException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A Flyway callback recording, after each migration and before its commit, the relation locks its connection holds. */
    Callback atCommit() {
        return new BaseCallback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_EACH_MIGRATE;
            }

            @Override
            public void handle(Event event, Context context) {
                try (PreparedStatement ps = context.getConnection().prepareStatement(HELD_SQL)) {
                    ps.setString(1, schema);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            record(rs.getString(1), rs.getString(2), true, 0);
                        }
                    }
                } catch (SQLException e) {
                    failure = e;
                }
            }
        };
    }

    private synchronized void record(String relation, String mode, boolean granted, double waitedMillis) {
        seen.merge(new Key(relation, mode, granted), granted ? 0.0 : waitedMillis, Math::max);
    }

    /** Stops sampling; the locks seen, waits first. */
    List<Evolution.Lock> stop() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("lock sampling failed: " + failure.getMessage(), failure);
        }
        List<Evolution.Lock> locks = new ArrayList<>();
        synchronized (this) {
            seen.forEach((k, waited) -> {
                if (!k.granted()) {
                    locks.add(new Evolution.Lock(k.relation(), k.mode(), false, round(waited)));
                }
            });
            seen.forEach((k, waited) -> {
                if (k.granted()) {
                    locks.add(new Evolution.Lock(k.relation(), k.mode(), true, 0.0));
                }
            });
        }
        return locks;
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }

    @Override
    public void close() {
        running = false;
    }
}
