package dev.persistbench.testkit.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.testkit.sql.RoundTrips;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.postgresql.Driver;

/**
 * A migrated PostgreSQL schema of this project's own, with a HikariCP pool over it.
 *
 * <p>{@link #shared()} gives one per JVM: the server is chosen by {@link DatabaseMode#selected()},
 * a schema with a fresh random name is created in it and migrated with the schema module's Flyway
 * migrations, and at JVM exit the schema is dropped (and an embedded or container server
 * stopped). The project never touches any other schema, so pointing it at a real server
 * loses no data.
 */
public final class TestDatabase implements AutoCloseable {

    /** Where the schema module keeps its migrations. */
    public static final String MIGRATIONS = "classpath:db/persistbench";

    /** Where the schema module keeps the evolution track (V2 and on), applied only up to {@link #schemaVersion()}. */
    public static final String EVOLUTION = "classpath:db/evolution";

    /** The track's contract step: it drops customer.name, and full_name holds a customer's name from then on. */
    public static final int CUSTOMER_NAME_DROPPED_AT = 6;

    /** The tables of the schema, children first. */
    public static final List<String> TABLES = List.of("order_line", "purchase_order", "product", "customer");

    /**
     * Empties {@link #TABLES}; CASCADE also empties the tables the evolution track adds that refer to
     * them (V4's product_attributes), and nothing else. The identities' sequences go on where they
     * were, as they do in production: an id cache that trusts them (Hibernate's pooled optimizer,
     * which keeps ids it has taken from product_id_seq across tests) would hand out ids the
     * sequence gives again if they restarted.
     */
    public static final String TRUNCATE_ALL = "TRUNCATE " + String.join(", ", TABLES) + " CASCADE";

    /** Pool size unless {@code pb.pool.size} / {@code PB_POOL_SIZE} says otherwise. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private static TestDatabase shared;

    private final DatabaseMode mode;
    private final PostgresServer server;
    private final String schema;
    private final HikariDataSource dataSource;
    private final String serverVersion;
    private final List<HikariDataSource> extraPools = new ArrayList<>();
    private boolean closed;

    private TestDatabase(DatabaseMode mode, PostgresServer server, String schema, int poolSize) {
        this.mode = mode;
        this.server = server;
        this.schema = schema;
        this.dataSource = newPool("persistbench", server.jdbcUrl(), poolSize, Map.of());
        this.serverVersion = queryServerVersion();
    }

    /** The one database of this JVM, started and migrated on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = start(DatabaseMode.selected());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "persistbench-database-shutdown"));
        }
        return shared;
    }

    /** Starts a server of {@code mode} (or connects to it), and creates and migrates a schema of its own in it. */
    public static TestDatabase start(DatabaseMode mode) {
        PostgresServer server = switch (mode) {
            case EMBEDDED -> EmbeddedServer.start();
            case EXTERNAL -> ExternalServer.fromEnvironment();
            case TESTCONTAINERS -> ContainerServer.start();
        };
        String schema = "persistbench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        try {
            createAndMigrate(server, schema);
            return new TestDatabase(
                    mode, server, schema, Settings.getInt("pb.pool.size", "PB_POOL_SIZE", DEFAULT_POOL_SIZE));
        } catch (RuntimeException e) {
            dropSchemaQuietly(server, schema);
            server.close();
            throw e;
        }
    }

    /** Whether a Docker engine answers, for tests that need {@link DatabaseMode#TESTCONTAINERS}. */
    public static boolean dockerAvailable() {
        return ContainerServer.dockerAvailable();
    }

    private static void createAndMigrate(PostgresServer server, String schema) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema); // name made here from hex digits only
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not create schema " + schema + " on " + server + ": " + e.getMessage(), e);
        }
        migrate(server.jdbcUrl(), server.user(), server.password(), schema);
    }

    /**
     * Runs the project's Flyway migrations in {@code schema}, up to {@link #schemaVersion()}: V1 alone
     * unless the evolution track was asked for. Flyway refuses a tampered history.
     */
    public static void migrate(String url, String user, String password, String schema) {
        int version = schemaVersion();
        // Flyway's own refusal of a missing target does not name the setting: look first, without a target.
        if (version > 1
                && Arrays.stream(flyway(url, user, password, schema)
                                .target("latest")
                                .load()
                                .info()
                                .all())
                        .noneMatch(m -> m.getVersion() != null
                                && m.getVersion().getVersion().equals(String.valueOf(version)))) {
            throw new IllegalStateException("pb.schema.version/PB_SCHEMA_VERSION is " + version
                    + ", but the schema module has no migration V" + version + " (under " + MIGRATIONS
                    + " and " + EVOLUTION + ")");
        }
        flyway(url, user, password, schema).load().migrate();
    }

    /**
     * Flyway over {@code schema} with the project's migrations up to {@link #schemaVersion()} (its
     * target), and {@code extraLocations} beside them (a caller that wants one of theirs applied sets a
     * target above that version).
     */
    public static FluentConfiguration flyway(
            String url, String user, String password, String schema, String... extraLocations) {
        int version = schemaVersion();
        FluentConfiguration config = Flyway.configure();
        List<String> locations = new ArrayList<>(List.of(MIGRATIONS));
        if (version > 1) {
            // CREATE INDEX CONCURRENTLY (V5) waits forever for Flyway's own lock-holding transaction
            // unless Flyway takes its lock at session level (flyway/flyway#3682).
            config.getConfigurationExtension(PostgreSQLConfigurationExtension.class)
                    .setTransactionalLock(false);
            locations.add(EVOLUTION);
        }
        locations.addAll(List.of(extraLocations));
        return config.dataSource(url, user, password)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(false)
                .locations(locations.toArray(String[]::new))
                .target(String.valueOf(version));
    }

    /**
     * The schema version the suite runs on: {@code pb.schema.version} / {@code PB_SCHEMA_VERSION},
     * 1 (V1 alone) unless set; a later version applies the evolution track up to it.
     */
    public static int schemaVersion() {
        int version = Settings.getInt("pb.schema.version", "PB_SCHEMA_VERSION", 1);
        if (version < 1) {
            throw new IllegalStateException(
                    "pb.schema.version/PB_SCHEMA_VERSION must be 1 or more (a migration version), was " + version);
        }
        return version;
    }

    /** The column that holds a customer's name at {@link #schemaVersion()}: name, then full_name once V6 dropped name. */
    public static String customerNameColumn() {
        return schemaVersion() >= CUSTOMER_NAME_DROPPED_AT ? "full_name" : "name";
    }

    /** The pooled, migrated DataSource; every connection's search path is this database's schema. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Another pool over the same schema, with extra pgjdbc properties (for example
     * {@code preferQueryMode=simple}); closed with this database.
     */
    public synchronized DataSource newDataSource(String poolName, int poolSize, Map<String, String> driverProperties) {
        HikariDataSource pool = newPool(poolName, server.jdbcUrl(), poolSize, driverProperties);
        extraPools.add(pool);
        return pool;
    }

    /** The server's host and port, from its JDBC URL (one server: a URL naming several is refused). */
    public InetSocketAddress serverAddress() {
        Properties url = parsedUrl();
        String host = url.getProperty("PGHOST");
        if (host.contains(",")) {
            throw new IllegalStateException("the JDBC URL names several servers: " + host);
        }
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(url.getProperty("PGPORT")));
    }

    /**
     * Another pool like {@link #dataSource()} (its size, pgjdbc settings and the URL's own
     * properties), whose connections go to {@code via} instead of the server: a relay in front of
     * it, say; closed with this database.
     */
    public synchronized DataSource newDataSourceVia(String poolName, InetSocketAddress via) {
        Properties url = parsedUrl();
        Map<String, String> extra = new LinkedHashMap<>();
        for (String name : url.stringPropertyNames()) {
            if (!name.startsWith("PG")) {
                extra.put(name, url.getProperty(name));
            }
        }
        String jdbcUrl =
                "jdbc:postgresql://" + via.getHostString() + ":" + via.getPort() + "/" + url.getProperty("PGDBNAME");
        HikariDataSource pool = newPool(poolName, jdbcUrl, dataSource.getMaximumPoolSize(), extra);
        extraPools.add(pool);
        return pool;
    }

    private Properties parsedUrl() {
        Properties url = Driver.parseURL(server.jdbcUrl(), null);
        if (url == null) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + server.jdbcUrl());
        }
        return url;
    }

    private HikariDataSource newPool(String poolName, String jdbcUrl, int poolSize, Map<String, String> extra) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        driverProperties(extra).forEach(config::addDataSourceProperty);
        return new HikariDataSource(config);
    }

    /** The pgjdbc properties every pool of the project uses, recorded by the bench beside its results. */
    public Map<String, String> driverProperties(Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("currentSchema", schema);
        props.put("ApplicationName", "persistbench");
        // Multi-row INSERTs for JDBC batches: the tuned setting every library here benefits from.
        props.put("reWriteBatchedInserts", "true");
        // pgjdbc's default, stated: server-side prepared statements after 5 executions.
        props.put("prepareThreshold", "5");
        if (Settings.getBoolean("pb.countRoundTrips", "PB_COUNT_ROUND_TRIPS", true)) {
            // Round trips counted under pgjdbc for SqlRecorder; a benchmark's timed JVM turns it off.
            props.put(RoundTrips.DRIVER_PROPERTY, RoundTrips.FACTORY);
        }
        props.putAll(extra);
        return props;
    }

    /** A new plain (unpooled) connection to this database's schema, for fixtures and checks that must bypass the pool. */
    public Connection openConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        props.setProperty("password", server.password());
        driverProperties(Map.of()).forEach(props::setProperty);
        return DriverManager.getConnection(server.jdbcUrl(), props);
    }

    /** Empties every table of this database's own schema; its sequences go on (see {@link #TRUNCATE_ALL}). */
    public void truncateAll() {
        try (Connection c = openConnection();
                Statement s = c.createStatement()) {
            s.execute(TRUNCATE_ALL);
        } catch (SQLException e) {
            throw new IllegalStateException("could not clean schema " + schema, e);
        }
    }

    public DatabaseMode mode() {
        return mode;
    }

    /** The name of the schema this database created and works in. */
    public String schema() {
        return schema;
    }

    /** The server's version string, e.g. "18.1". */
    public String serverVersion() {
        return serverVersion;
    }

    /** Where the server is, without credentials. */
    public String describe() {
        return server + ", schema " + schema;
    }

    /** JDBC URL, user and password of the server, for code that must open its own connections (jOOQ's generator, a second JVM). */
    public PostgresServer server() {
        return server;
    }

    private String queryServerVersion() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the server version", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        extraPools.forEach(HikariDataSource::close);
        extraPools.clear();
        dataSource.close();
        if (mode != DatabaseMode.EMBEDDED) {
            // An embedded server is thrown away whole (and may already be stopping at JVM exit).
            dropSchemaQuietly(server, schema);
        }
        server.close();
    }

    private static void dropSchemaQuietly(PostgresServer server, String schema) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            // Only the schema this class created, with its random name.
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("persistbench: could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
