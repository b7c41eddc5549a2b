package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.testkit.db.TestDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Helpers the reliability rules share: seeds, pools, scratch schemas, table snapshots, hygiene checks. */
final class Reliability {

    /** System property that switches the long runs on (1,000 model-based sequences instead of 200, more fault trials). */
    static final String LONG_PROPERTY = "pb.reliability.long";
    /** System property that fixes the seed of every randomised reliability rule (to replay a failure). */
    static final String SEED_PROPERTY = "pb.reliability.seed";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Reliability() {}

    static boolean longRun() {
        return Boolean.getBoolean(LONG_PROPERTY);
    }

    /** The seed for {@code rule}: {@value #SEED_PROPERTY} if set, else a fresh one; logged either way so a failure can be replayed. */
    static long seed(String rule) {
        String fixed = System.getProperty(SEED_PROPERTY);
        long seed = fixed == null || fixed.isBlank() ? RANDOM.nextLong() : Long.parseLong(fixed.trim());
        System.out.println(
                "[reliability] " + rule + " seed=" + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")");
        return seed;
    }

    /** A name no other run uses: letters, digits and underscores only, so it can be spliced into DDL. */
    static String uniqueName(String prefix) {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * A pool of this project's own, closed by the caller: the database's driver properties plus
     * {@code extra}, at {@code jdbcUrl} (the server's, or a proxy's), tuned by {@code tweak}.
     */
    static HikariDataSource pool(
            TestDatabase db,
            String name,
            int size,
            String jdbcUrl,
            Map<String, String> extra,
            Consumer<HikariConfig> tweak) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(db.server().user());
        config.setPassword(db.server().password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        db.driverProperties(extra).forEach(config::addDataSourceProperty);
        tweak.accept(config);
        return new HikariDataSource(config);
    }

    static HikariDataSource pool(TestDatabase db, String name, int size, Map<String, String> extra) {
        return pool(db, name, size, db.server().jdbcUrl(), extra, c -> {});
    }

    /** Creates a schema with a fresh name and runs the project's migrations in it. */
    static String createMigratedScratchSchema(TestDatabase db) {
        String schema = createEmptyScratchSchema(db);
        try {
            TestDatabase.migrate(
                    db.server().jdbcUrl(), db.server().user(), db.server().password(), schema);
        } catch (RuntimeException e) {
            dropSchema(db, schema);
            throw e;
        }
        return schema;
    }

    static String createEmptyScratchSchema(TestDatabase db) {
        String schema = uniqueName("pb_scratch");
        execute(db, "CREATE SCHEMA " + schema);
        return schema;
    }

    /** Drops a scratch schema this package created (names from {@link #uniqueName} only). */
    static void dropSchema(TestDatabase db, String schema) {
        if (!schema.matches("pb_scratch_[0-9a-f]+")) {
            throw new IllegalArgumentException("not a scratch schema: " + schema);
        }
        execute(db, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    static void execute(TestDatabase db, String sql) {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long queryLong(TestDatabase db, String sql, Object... args) {
        try (Connection c = db.openConnection()) {
            return queryLong(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long queryLong(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<Map<String, Object>> queryRows(TestDatabase db, String sql, Object... args) {
        try (Connection c = db.openConnection()) {
            return queryRows(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Rows of {@code sql} on an open connection, each as column label to value. */
    static List<Map<String, Object>> queryRows(Connection c, String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Empties the tables of the schema {@code c} works in (children first) and restarts their identities. */
    static void truncate(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute(TestDatabase.TRUNCATE_ALL);
        } catch (SQLException e) {
            throw new IllegalStateException("could not truncate: " + e.getMessage(), e);
        }
    }

    /**
     * Row count and an MD5 over every row's text form (sorted) of each table, plus the list of
     * relations and columns in the schema: two equal snapshots mean nothing was written.
     */
    static Map<String, String> snapshot(TestDatabase db) {
        return snapshot(db, null);
    }

    /** {@link #snapshot(TestDatabase)} of another schema (a scratch one), or of the database's own when null. */
    static Map<String, String> snapshot(TestDatabase db, String schema) {
        Map<String, String> snapshot = new LinkedHashMap<>();
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            if (schema != null) {
                s.execute("SET search_path TO " + schema); // scratch names come from uniqueName only
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                            + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') FROM \""
                                + table + "\" t")) {
                    rs.next();
                    snapshot.put(table, rs.getLong(1) + " rows, md5 " + rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT coalesce(string_agg(c.relname || ':' || c.relkind::text, ',' ORDER BY c.relname), '')"
                            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()")) {
                rs.next();
                snapshot.put("relations", rs.getString(1));
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT coalesce(string_agg(table_name || '.' || column_name || ':' || data_type"
                            + " || coalesce('(' || character_maximum_length || ')', '') || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')"
                            + " || ':' || is_nullable, ',' ORDER BY table_name, ordinal_position), '')"
                            + " FROM information_schema.columns WHERE table_schema = current_schema()")) {
                rs.next();
                snapshot.put("columns", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery(
                    "SELECT coalesce(string_agg(conname || ':' || pg_get_constraintdef(oid), ',' ORDER BY conname), '')"
                            + " FROM pg_constraint WHERE connamespace = current_schema()::regnamespace")) {
                rs.next();
                snapshot.put("constraints", rs.getString(1));
            }
            if (schema == null) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace")) {
                    rs.next();
                    snapshot.put("schemas", Long.toString(rs.getLong(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not snapshot the schema: " + e.getMessage(), e);
        }
        return snapshot;
    }

    /**
     * After a fault: the pool lends no connection, and the server holds no open transaction for
     * {@code applicationName} (waiting up to 10 s for backends whose client vanished to notice).
     */
    static void assertHygiene(TestDatabase db, HikariDataSource pool, String applicationName) {
        assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                .as("connections still lent out by pool %s after the operation returned", pool.getPoolName())
                .isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Map<String, Object>> open;
        do {
            open = queryRows(
                    db,
                    "SELECT pid, state, query FROM pg_stat_activity WHERE application_name = ?"
                            + " AND (state LIKE 'idle in transaction%' OR (state = 'active' AND pid <> pg_backend_pid()))",
                    applicationName);
            if (open.isEmpty()) {
                return;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        fail("transactions of " + applicationName + " still open on the server 10 s after the fault: " + open);
    }

    /** The pool's active connections and the server's open transactions of the shared pool (ApplicationName persistbench). */
    static void assertSharedPoolHygiene(TestDatabase db) {
        if (db.dataSource() instanceof HikariDataSource shared) {
            assertThat(shared.getHikariPoolMXBean().getActiveConnections())
                    .as("connections still lent out by the shared pool")
                    .isZero();
        }
        List<Map<String, Object>> open = queryRows(
                db,
                "SELECT pid, state, query FROM pg_stat_activity WHERE application_name = 'persistbench'"
                        + " AND state LIKE 'idle in transaction%'");
        assertThat(open).as("transactions left open by the shared pool").isEmpty();
    }

    /** Runs {@code task} on its own thread and fails (instead of hanging the build) if it has not ended within {@code limit}. */
    static <T> T within(Duration limit, String what, Callable<T> task) throws Throwable {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reliability-bounded");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> future = executor.submit(task);
            try {
                return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return fail(what + " did not end within " + limit + ": it hangs");
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        } finally {
            executor.shutdownNow();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
