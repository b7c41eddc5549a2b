package dev.persistbench.bench.evolution;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.RoundTrips;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schema of the rehearsal's own on the server of a {@link TestDatabase}, migrated to V1 and
 * filled with a copy of what that database's schema holds (the seeded data set), so that the
 * track can change it without touching the schema every other part of the bench uses.
 */
final class ScratchSchema implements AutoCloseable {

    private final TestDatabase db;
    private final String name;

    private ScratchSchema(TestDatabase db, String name) {
        this.db = db;
        this.name = name;
    }

    /** A new schema at V1 holding a copy of {@code db}'s rows and identities (seeded with {@code data}). */
    static ScratchSchema copyOf(TestDatabase db, Dataset data) {
        String name = "pb_evolution_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        execute(db, "CREATE SCHEMA " + name); // hex digits only
        ScratchSchema scratch = new ScratchSchema(db, name);
        try (HikariDataSource flywayPool = scratch.pool("pb-evolution-setup", 2, Map.of())) {
            EvolutionTrack.flyway(flywayPool, name, "1").migrate();
            String from = db.schema();
            StringBuilder sql = new StringBuilder();
            for (String table : TestDatabase.TABLES.reversed()) {
                sql.append("INSERT INTO ")
                        .append(name)
                        .append('.')
                        .append(table)
                        .append(" SELECT * FROM ")
                        .append(from)
                        .append('.')
                        .append(table)
                        .append("; ");
            }
            sql.append("SELECT setval(pg_get_serial_sequence('")
                    .append(name)
                    .append(".customer', 'id'), ")
                    .append(data.customerCount())
                    .append("); SELECT setval(pg_get_serial_sequence('")
                    .append(name)
                    .append(".product', 'id'), ")
                    .append(Dataset.productId(data.productCount()))
                    .append("); SELECT setval(pg_get_serial_sequence('")
                    .append(name)
                    .append(".purchase_order', 'id'), ")
                    .append(data.orderCount())
                    .append(");");
            execute(db, sql.toString());
            execute(
                    db,
                    "ANALYZE " + name + ".customer, " + name + ".product, " + name + ".purchase_order, " + name
                            + ".order_line");
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
        return scratch;
    }

    String name() {
        return name;
    }

    /**
     * A pool whose connections work in this schema under {@code applicationName} (how the lock
     * sampler finds them), with {@code extra} pgjdbc properties; the caller closes it.
     */
    HikariDataSource pool(String applicationName, int size, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>(db.driverProperties(Map.of()));
        // The round-trip counter of the verification pass has no use here.
        props.remove(RoundTrips.DRIVER_PROPERTY);
        props.putAll(Map.of("currentSchema", name, "ApplicationName", applicationName));
        props.putAll(extra);
        HikariConfig config = new HikariConfig();
        config.setPoolName(applicationName);
        config.setJdbcUrl(db.server().jdbcUrl());
        config.setUsername(db.server().user());
        config.setPassword(db.server().password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        props.forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    static void execute(TestDatabase db, String sql) {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** Drops the schema and all it holds. */
    @Override
    public void close() {
        execute(db, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
