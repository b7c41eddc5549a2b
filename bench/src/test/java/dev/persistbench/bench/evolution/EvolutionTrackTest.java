package dev.persistbench.bench.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The track's migrations on a small V1 schema: what each leaves behind, read from the catalog. */
class EvolutionTrackTest {

    private static TestDatabase db;
    private static Dataset data;
    private static ScratchSchema schema;
    private static HikariDataSource pool;

    @BeforeAll
    static void seed() {
        db = TestDatabase.shared();
        data = Dataset.of(200);
        data.load(db);
        schema = ScratchSchema.copyOf(db, data);
        db.truncateAll();
        pool = schema.pool("pb-evolution-test", 2, Map.of());
    }

    @AfterAll
    static void drop() {
        pool.close();
        schema.close();
    }

    @Test
    @DisplayName(
            "the track is V2..V6, four expand steps then the contract step, and only V5 and the batched ones outside a transaction")
    void steps() {
        List<Evolution.Step> steps = EvolutionTrack.steps(pool, schema.name());

        assertThat(steps).extracting(Evolution.Step::version).containsExactly("2", "3", "4", "5", "6");
        assertThat(steps)
                .extracting(Evolution.Step::kind)
                .containsExactly(
                        Evolution.Kind.EXPAND,
                        Evolution.Kind.EXPAND,
                        Evolution.Kind.EXPAND,
                        Evolution.Kind.EXPAND,
                        Evolution.Kind.CONTRACT);
        assertThat(steps).extracting(Evolution.Step::transactional).containsExactly(false, false, false, false, true);
        assertThat(steps.get(3).sql()).contains("CREATE INDEX CONCURRENTLY");
        assertThat(steps).allSatisfy(s -> assertThat(s.sql()).startsWith("-- V" + s.version() + " "));
    }

    @Test
    @DisplayName(
            "V2..V6 on a loaded V1 schema: name renamed to full_name (NOT NULL), channel backfilled, attributes split off, index valid")
    void applied() throws Exception {
        assertThat(EvolutionTrack.migrate(pool, schema.name(), "2", 1).attempts())
                .isEqualTo(1);
        execute("INSERT INTO customer (email, name) VALUES ('old-code@example.com', 'Written By Old Code')");
        assertThat(column("SELECT full_name FROM customer WHERE email = 'old-code@example.com'"))
                .containsExactly("Written By Old Code");
        assertThat(column("SELECT count(*) FROM customer WHERE full_name IS DISTINCT FROM name"))
                .containsExactly("0");

        EvolutionTrack.migrate(pool, schema.name(), "4", 1);
        execute("UPDATE product SET attributes = '{\"color\": \"teal\"}' WHERE id = 1");
        assertThat(column("SELECT attributes ->> 'color' FROM product_attributes WHERE product_id = 1"))
                .containsExactly("teal");
        assertThat(column("SELECT count(*) FROM product_attributes")).containsExactly("" + data.productCount());
        assertThat(column("SELECT DISTINCT channel FROM purchase_order")).containsExactly("legacy");

        EvolutionTrack.migrate(pool, schema.name(), "6", 1);
        assertThat(column("SELECT column_name || ' ' || is_nullable FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name = 'customer' ORDER BY column_name"))
                .containsExactly("created_at NO", "email NO", "full_name NO", "id NO");
        assertThat(column(
                        "SELECT column_name || ' ' || is_nullable || ' ' || column_default FROM information_schema.columns"
                                + " WHERE table_schema = current_schema() AND table_name = 'purchase_order'"
                                + " AND column_name = 'channel'"))
                .singleElement()
                .asString()
                .startsWith("channel NO 'web'");
        assertThat(column("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_name LIKE 'product%' ORDER BY 1"))
                .containsExactly("product", "product_attributes");
        assertThat(column("SELECT i.indisvalid::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 'purchase_order_channel_created_at_idx'"
                        + " AND c.relnamespace = current_schema()::regnamespace"))
                .containsExactly("true");
        assertThat(column(
                        "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal" + " AND tgrelid = 'customer'::regclass"))
                .isEmpty();
        assertThat(column("SELECT full_name FROM customer WHERE id = 7"))
                .containsExactly(data.customer(7).name());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
