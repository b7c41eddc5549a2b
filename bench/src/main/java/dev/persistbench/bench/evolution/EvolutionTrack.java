package dev.persistbench.bench.evolution;

import dev.persistbench.reports.results.Evolution;
import dev.persistbench.testkit.db.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * The evolution track: the schema module's migrations of {@value #LOCATION} (V2 and on), applied
 * after V1 only by the rehearsal, one version at a time, each retried when it gives up on a lock.
 */
public final class EvolutionTrack {

    /** Where the schema module keeps the track. */
    public static final String LOCATION = TestDatabase.EVOLUTION;

    /** SQLState of "canceling statement due to lock timeout". */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private EvolutionTrack() {}

    /**
     * Flyway over {@code schema} with V1 and the track, stopping at {@code target}. Flyway takes its
     * lock at session level: with its default transactional lock, CREATE INDEX CONCURRENTLY waits
     * forever for Flyway's own lock-holding transaction (flyway/flyway#3682).
     */
    public static Flyway flyway(DataSource dataSource, String schema, String target, Callback... callbacks) {
        FluentConfiguration config = Flyway.configure();
        config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return config.dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(false)
                .locations(TestDatabase.MIGRATIONS, LOCATION)
                .target(target)
                .callbacks(callbacks)
                .load();
    }

    /** The steps after V1, in order, with their SQL (read from the class path). */
    public static List<Evolution.Step> steps(DataSource dataSource, String schema) {
        List<Evolution.Step> steps = new ArrayList<>();
        for (MigrationInfo info : flyway(dataSource, schema, "latest").info().all()) {
            if (info.getVersion().isNewerThan("1")) {
                String sql = resource(info.getScript());
                steps.add(new Evolution.Step(
                        info.getVersion().getVersion(),
                        info.getDescription(),
                        kind(info.getScript(), sql),
                        transactional(info.getScript(), sql),
                        sql));
            }
        }
        return steps;
    }

    /** A step's kind, from the first line of its file ("-- V6 contract: ..."), which every file of the track starts with. */
    static Evolution.Kind kind(String script, String sql) {
        String first = sql.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        if (first.contains(" contract:")) {
            return Evolution.Kind.CONTRACT;
        }
        if (first.contains(" expand:")) {
            return Evolution.Kind.EXPAND;
        }
        throw new IllegalStateException(script + " must start with '-- V<n> expand: ...' or '-- V<n> contract: ...'");
    }

    /** Whether Flyway runs the script in a transaction: not when its .conf says so, nor for CONCURRENTLY. */
    static boolean transactional(String script, String sql) {
        String conf = optionalResource(script + ".conf");
        boolean off = conf != null && conf.replace(" ", "").contains("executeInTransaction=false");
        return !off && !sql.toUpperCase(Locale.ROOT).contains("CONCURRENTLY");
    }

    private static String resource(String script) {
        String text = optionalResource(script);
        if (text == null) {
            throw new IllegalStateException("no " + script + " under " + LOCATION);
        }
        return text;
    }

    private static String optionalResource(String script) {
        String path = LOCATION.substring("classpath:".length()) + "/" + script;
        try (InputStream in = EvolutionTrack.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    /** What applying one version took. */
    public record Applied(int attempts, long millis) {}

    /**
     * Migrates {@code schema} to {@code target}, trying again (after a repair, which removes the
     * failed row a non-transactional script leaves) up to {@code maxAttempts} times in all when the
     * migration gave up on a lock; any other failure, or the last one, is thrown.
     */
    public static Applied migrate(
            DataSource dataSource, String schema, String target, int maxAttempts, Callback... callbacks)
            throws InterruptedException {
        long start = System.nanoTime();
        Flyway flyway = flyway(dataSource, schema, target, callbacks);
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return new Applied(attempt, (System.nanoTime() - start) / 1_000_000);
            } catch (FlywayException e) {
                if (attempt >= maxAttempts || !gaveUpOnLock(e)) {
                    throw e;
                }
                flyway.repair();
                Thread.sleep(100L * attempt);
            }
        }
    }

    /** Whether {@code e} or one of its causes is PostgreSQL's lock timeout. */
    static boolean gaveUpOnLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("lock timeout")) {
                return true;
            }
        }
        return false;
    }
}
