package dev.persistbench.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void sharedDatabaseIsMigratedInASchemaOfItsOwn() throws SQLException {
        TestDatabase db = TestDatabase.shared();
        assertThat(db.schema()).matches("persistbench_[0-9a-f]{10}");
        assertThat(db.serverVersion()).matches("\\d+(\\.\\d+)?.*");
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertThat(tables)
                    .containsExactlyInAnyOrder(
                            "customer", "product", "purchase_order", "order_line", "flyway_schema_history");
            assertThat(c.getSchema()).isEqualTo(db.schema());
        }
        assertThat(TestDatabase.shared()).isSameAs(db);
    }

    @Test
    void truncateAllEmptiesOnlyTheProjectTables() throws SQLException {
        TestDatabase db = TestDatabase.shared();
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (email, name) VALUES ('t@example.com', 'T')");
            db.truncateAll();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM customer")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void truncateAllLeavesTheSequencesWhereTheyWere() throws SQLException {
        TestDatabase db = TestDatabase.shared();
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            long before = insertedProductId(s, "seq-before");
            db.truncateAll();
            long after = insertedProductId(s, "seq-after");
            // product's identity goes up by 50: the next id is 50 above, never back at the start
            assertThat(after).isEqualTo(before + 50);
            db.truncateAll();
        }
    }

    private static long insertedProductId(Statement s, String sku) throws SQLException {
        try (ResultSet rs = s.executeQuery("INSERT INTO product (sku, name, price, stock, attributes) VALUES ('" + sku
                + "', 'P', 1.00, 1, '{}') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void externalModeWithoutAUrlSaysWhatIsMissing() {
        String previous = System.getProperty("pb.jdbc.url");
        System.clearProperty("pb.jdbc.url");
        try {
            if (System.getenv("PB_JDBC_URL") == null) {
                assertThatThrownBy(() -> TestDatabase.start(DatabaseMode.EXTERNAL))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("PB_JDBC_URL");
            } else {
                System.setProperty("pb.jdbc.url", "jdbc:mysql://localhost/x");
                assertThatThrownBy(() -> TestDatabase.start(DatabaseMode.EXTERNAL))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("jdbc:postgresql:");
            }
        } finally {
            if (previous == null) {
                System.clearProperty("pb.jdbc.url");
            } else {
                System.setProperty("pb.jdbc.url", previous);
            }
        }
    }

    @Test
    void unknownModeIsRefusedByName() {
        String previous = System.getProperty(DatabaseMode.PROPERTY);
        System.setProperty(DatabaseMode.PROPERTY, "oracle");
        try {
            assertThatThrownBy(DatabaseMode::selected)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'oracle'")
                    .hasMessageContaining("embedded, external, testcontainers");
        } finally {
            if (previous == null) {
                System.clearProperty(DatabaseMode.PROPERTY);
            } else {
                System.setProperty(DatabaseMode.PROPERTY, previous);
            }
        }
    }

    @Test
    void testcontainersModeWithoutDockerFailsWithAClearMessage() {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                TestDatabase.dockerAvailable(),
                "Docker is available here, so the no-Docker message cannot be observed");
        assertThatThrownBy(() -> TestDatabase.start(DatabaseMode.TESTCONTAINERS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Docker is not available");
    }

    @Test
    void schemaVersionIsReadFromItsPropertyAndNamesTheCustomerNameColumn() {
        withSchemaVersion("6", () -> {
            assertThat(TestDatabase.schemaVersion()).isEqualTo(6);
            assertThat(TestDatabase.customerNameColumn()).isEqualTo("full_name");
        });
        withSchemaVersion(
                "5", () -> assertThat(TestDatabase.customerNameColumn()).isEqualTo("name"));
        withSchemaVersion(
                "0",
                () -> assertThatThrownBy(TestDatabase::schemaVersion)
                        .hasMessageContaining("pb.schema.version")
                        .hasMessageContaining("was 0"));
        withSchemaVersion(
                "six",
                () -> assertThatThrownBy(TestDatabase::schemaVersion)
                        .hasMessageContaining("must be a whole number, was 'six'"));
    }

    @Test
    void theTrackMigratesUpToTheVersionAskedAndAVersionWithoutMigrationIsRefused() throws SQLException {
        PostgresServer server = TestDatabase.shared().server();
        String schema = TestDatabase.shared().schema() + "_track";
        try (Connection c = TestDatabase.shared().openConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            try {
                withSchemaVersion(
                        "9",
                        () -> assertThatThrownBy(() -> TestDatabase.migrate(
                                        server.jdbcUrl(), server.user(), server.password(), schema))
                                .hasMessageContaining("pb.schema.version/PB_SCHEMA_VERSION is 9")
                                .hasMessageContaining("no migration V9"));
                withSchemaVersion(
                        "6", () -> TestDatabase.migrate(server.jdbcUrl(), server.user(), server.password(), schema));
                try (ResultSet rs = s.executeQuery("SELECT string_agg(column_name, ',' ORDER BY column_name)"
                        + " FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'customer'")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("created_at,email,full_name,id");
                }
                try (ResultSet rs = s.executeQuery(
                        "SELECT max(version::int) FROM " + schema + ".flyway_schema_history WHERE success")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(6);
                }
                s.execute("SET search_path TO " + schema);
                s.execute("INSERT INTO customer (email, full_name) VALUES ('track@example.com', 'Track')");
                s.execute(TestDatabase.TRUNCATE_ALL);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM customer")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            } finally {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** Runs {@code body} with pb.schema.version set to {@code version}, then restores it. */
    private static void withSchemaVersion(String version, Runnable body) {
        String previous = System.getProperty("pb.schema.version");
        System.setProperty("pb.schema.version", version);
        try {
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty("pb.schema.version");
            } else {
                System.setProperty("pb.schema.version", previous);
            }
        }
    }
}
