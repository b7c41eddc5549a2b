package dev.persistbench.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The Testcontainers mode end to end; skipped, with the reason, where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerDatabaseTest {

    @Test
    void startsPinnedImageAndMigrates() throws Exception {
        try (TestDatabase db = TestDatabase.start(DatabaseMode.TESTCONTAINERS);
                Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertThat(rs.getLong(1)).isPositive();
            assertThat(db.serverVersion()).startsWith("18");
        }
    }
}
