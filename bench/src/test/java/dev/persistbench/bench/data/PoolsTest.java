package dev.persistbench.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The set-up SQL's vacuum: only the schema's tables, by name, with or without fresh statistics. */
class PoolsTest {

    @Test
    @DisplayName("a name that is not one of the schema's tables is refused before any SQL, naming it")
    void unknownTableIsRefused() {
        assertThatThrownBy(() -> Pools.vacuum(null, true, "customer", "customer; DROP TABLE product"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'customer; DROP TABLE product'")
                .hasMessageContaining("purchase_order");
        assertThatThrownBy(() -> Pools.vacuum(null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no table");
    }

    @Test
    @DisplayName("with analyze the table's statistics are refreshed; without, only vacuumed")
    void analyzeOnlyWhenAsked() throws Exception {
        TestDatabase db = TestDatabase.shared();
        long before = analyzeCount(db);
        Pools.vacuum(db, false, "customer");
        assertThat(analyzeCount(db)).isEqualTo(before);
        Pools.vacuum(db, true, "customer");
        assertThat(analyzeCount(db)).isEqualTo(before + 1);
    }

    private static long analyzeCount(TestDatabase db) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            // The statistics collector's view may lag a moment behind: ask it for a fresh snapshot.
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery(
                    "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'customer' AND schemaname = current_schema()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
