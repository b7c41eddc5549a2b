package dev.persistbench.bench.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.testkit.db.PostgresServer;
import dev.persistbench.testkit.db.TestDatabase;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * The pool a pattern's arms use: the test kit's own pool when no distance is asked for, otherwise
 * a pool of the same size and pgjdbc settings whose connections go through a {@link DelayRelay}
 * adding {@code rttMicros} to every round trip.
 */
public final class NetworkDistance implements AutoCloseable {

    private final DataSource dataSource;
    private final DelayRelay relay;
    private final HikariDataSource pool;

    private NetworkDistance(DataSource dataSource, DelayRelay relay, HikariDataSource pool) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.pool = pool;
    }

    /** The arms' pool over {@code database}, {@code rttMicros} away (0: the kit's pool itself). */
    public static NetworkDistance open(TestDatabase database, int rttMicros) {
        if (rttMicros < 0) {
            throw new IllegalArgumentException("rttMicros must not be negative, was " + rttMicros);
        }
        if (rttMicros == 0) {
            return new NetworkDistance(database.dataSource(), null, null);
        }
        PostgresServer server = database.server();
        Properties parsed = Driver.parseURL(server.jdbcUrl(), null);
        if (parsed == null) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + server.jdbcUrl());
        }
        String host = parsed.getProperty("PGHOST");
        String port = parsed.getProperty("PGPORT");
        if (host.contains(",")) {
            throw new IllegalStateException("a network distance needs one server, the URL names " + host);
        }
        DelayRelay relay = new DelayRelay(host, Integer.parseInt(port), rttMicros);
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-rtt-" + rttMicros);
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + relay.port() + "/" + parsed.getProperty("PGDBNAME"));
        config.setUsername(server.user());
        config.setPassword(server.password());
        int size = database.dataSource() instanceof HikariDataSource kit
                ? kit.getMaximumPoolSize()
                : TestDatabase.DEFAULT_POOL_SIZE;
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        passOn(parsed, config);
        database.driverProperties(Map.of()).forEach(config::addDataSourceProperty);
        HikariDataSource pool = new HikariDataSource(config);
        return new NetworkDistance(pool, relay, pool);
    }

    /** The URL's own pgjdbc properties (ssl, ...), except where the relay stands in for host, port and database. */
    private static void passOn(Properties parsed, HikariConfig config) {
        for (String name : parsed.stringPropertyNames()) {
            if (!name.startsWith("PG")) {
                config.addDataSourceProperty(name, parsed.getProperty(name));
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        if (relay != null) {
            relay.close();
        }
    }
}
