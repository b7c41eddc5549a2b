package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.suite.ContractFixture;
import dev.persistbench.testkit.db.PostgresServer;
import dev.persistbench.testkit.db.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R6: the migrations guard the schema. A tampered checksum of an applied migration stops
 * start-up with Flyway's validation error; a migration that fails half-way leaves the schema
 * exactly as it was, and the implementation keeps working on it. Both run in scratch schemas
 * that are dropped afterwards.
 */
public interface MigrationRules extends ContractFixture {

    /** The migration that fails half-way; R6.2 applies it as the version after the suite's schema version. */
    String FAILING_MIGRATION = "reliability/migrations/failing/fails_half_way.sql";

    /** Flyway over {@code schema} with the project's migrations up to the suite's schema version. */
    private Flyway flyway(String schema) {
        PostgresServer server = database().server();
        return TestDatabase.flyway(server.jdbcUrl(), server.user(), server.password(), schema)
                .load();
    }

    /**
     * Runs Flyway over {@code schema} with the project's migrations and the failing one as version
     * {@code version} (copied into a temporary folder under that version's file name, removed after).
     *
     * @return what the migration threw, null when it did not fail
     */
    private Throwable migrateFailing(String schema, String version) throws IOException {
        Path folder = Files.createTempDirectory("pb-failing-migration");
        Path script = folder.resolve("V" + version + "__fails_half_way.sql");
        try (InputStream in = MigrationRules.class.getClassLoader().getResourceAsStream(FAILING_MIGRATION)) {
            if (in == null) {
                throw new IllegalStateException("no " + FAILING_MIGRATION + " on the class path");
            }
            Files.copy(in, script);
            PostgresServer server = database().server();
            Flyway failing = TestDatabase.flyway(
                            server.jdbcUrl(), server.user(), server.password(), schema, "filesystem:" + folder)
                    .target(version)
                    .load();
            return org.assertj.core.api.Assertions.catchThrowable(failing::migrate);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(folder);
        }
    }

    @Test
    @DisplayName("R6.1 A tampered checksum of an applied migration makes start-up refuse with FlywayValidateException")
    default void r6_1_tamperedChecksumIsRefused() {
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R6.1", "tampered migration checksum");
        String schema = Reliability.createMigratedScratchSchema(database());
        try {
            assertThat(flyway(schema).validateWithResult().validationSuccessful)
                    .as("an untouched history validates")
                    .isTrue();
            long tampered = Reliability.queryLong(
                    database(),
                    "WITH t AS (UPDATE " + schema + ".flyway_schema_history SET checksum = coalesce(checksum, 0) + 1"
                            + " WHERE version = '1' RETURNING 1) SELECT count(*) FROM t");
            assertThat(tampered).as("history rows tampered").isEqualTo(1);
            PostgresServer server = database().server();
            assertThatThrownBy(() -> TestDatabase.migrate(server.jdbcUrl(), server.user(), server.password(), schema))
                    .isInstanceOf(FlywayValidateException.class)
                    .hasMessageContaining("checksum");
            assertThatThrownBy(() -> flyway(schema).validate()).isInstanceOf(FlywayValidateException.class);
            figures.put("refusedWith", FlywayValidateException.class.getSimpleName());
        } finally {
            Reliability.dropSchema(database(), schema);
        }
        figures.passed();
    }

    @Test
    @DisplayName(
            "R6.2 A migration failing half-way leaves the schema as it was, and the implementation still works on it")
    default void r6_2_failedMigrationLeavesSchemaAsItWas() throws IOException {
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R6.2", "failing migration rolled back");
        String schema = Reliability.createEmptyScratchSchema(database());
        // The failing migration comes right after the suite's schema version: V1.1 on V1, V6.1 on V6.
        String failingVersion = TestDatabase.schemaVersion() + ".1";
        try {
            flyway(schema).migrate();
            Map<String, String> before = Reliability.snapshot(database(), schema);
            Throwable failure = migrateFailing(schema, failingVersion);
            assertThat(failure).as("the failing V" + failingVersion).isInstanceOf(FlywayException.class);
            Map<String, String> after = Reliability.snapshot(database(), schema);
            figures.put("failure", failure.getClass().getSimpleName());
            assertThat(after)
                    .as("tables, rows, columns and constraints after the failed V" + failingVersion)
                    .isEqualTo(before);
            assertThat(Reliability.queryLong(
                            database(),
                            "SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE version = '"
                                    + failingVersion + "' AND success"))
                    .as("V" + failingVersion + " recorded as applied")
                    .isZero();
            String app = Reliability.uniqueName("pb_migrated");
            try (HikariDataSource pool = Reliability.pool(
                            database(), app, 2, Map.of("ApplicationName", app, "currentSchema", schema));
                    StoreRepository repository = newRepository(pool)) {
                Customer created =
                        repository.createCustomer(new NewCustomer("after-failed-migration@example.com", "Still works"));
                assertThat(repository.findCustomer(created.id())).contains(created);
                assertThat(Reliability.queryLong(database(), "SELECT count(*) FROM " + schema + ".customer"))
                        .isEqualTo(1);
            }
        } finally {
            Reliability.dropSchema(database(), schema);
        }
        figures.passed();
    }
}
