package dev.persistbench.bench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The set-up SQL: its vacuum (only the schema's tables, by name, with or without fresh statistics),
 * and its writes, which skip the foreign-key triggers but still leave every reference whole.
 */
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

    @Test
    @DisplayName("pool orders get all their lines; deleting them takes the lines too; no reference is left dangling")
    void poolOrdersKeepTheirReferences() throws Exception {
        TestDatabase db = TestDatabase.shared();
        long customer = customer(db, "pools-test-owner@example.com");
        long product = product(db, "pools-test-line", "2.50");
        try {
            long[] ids = Pools.createOrders(
                    db,
                    "pools-test-",
                    5,
                    Instant.parse("2031-01-01T00:00:00Z"),
                    1_000,
                    3,
                    customer,
                    product,
                    new BigDecimal("2.50"));
            assertThat(ids).hasSize(5).doesNotHaveDuplicates();
            assertThat(single(db, "SELECT count(*) FROM order_line WHERE product_id = " + product))
                    .isEqualTo(15);
            assertThat(single(
                            db,
                            "SELECT count(*) FROM order_line l WHERE l.product_id = " + product
                                    + " AND NOT EXISTS (SELECT 1 FROM purchase_order o WHERE o.id = l.order_id)"))
                    .isZero();
            Pools.deleteOrders(db, "pools-test-");
            assertThat(single(db, "SELECT count(*) FROM order_line WHERE product_id = " + product))
                    .isZero();
        } finally {
            execute(db, "DELETE FROM purchase_order WHERE customer_id = " + customer);
            execute(db, "DELETE FROM customer WHERE id = " + customer);
            execute(db, "DELETE FROM product WHERE id = " + product);
        }
    }

    @Test
    @DisplayName("marked customers and products that something refers to are refused by name, and none is deleted")
    void referencedRowsAreNotDeleted() throws Exception {
        TestDatabase db = TestDatabase.shared();
        long owner = customer(db, "pools-ref-owner@example.com");
        customer(db, "pools-ref-idle@example.com");
        long sold = product(db, "pools-ref-sold", "1.00");
        product(db, "pools-ref-idle", "1.00");
        try {
            Pools.createOrders(
                    db, "pools-ref-", 1, Instant.parse("2031-01-01T00:00:00Z"), 1_000, 1, owner, sold, BigDecimal.ONE);
            assertThatThrownBy(() -> Pools.deleteCustomers(db, "pools-ref-"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("customers 'pools-ref-'")
                    .hasMessageContaining("1 orders");
            assertThatThrownBy(() -> Pools.deleteProducts(db, "pools-ref-"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("products 'pools-ref-'")
                    .hasMessageContaining("1 order lines");
            assertThat(single(db, "SELECT count(*) FROM customer WHERE email LIKE 'pools-ref-%'"))
                    .isEqualTo(2);
            assertThat(single(db, "SELECT count(*) FROM product WHERE sku LIKE 'pools-ref-%'"))
                    .isEqualTo(2);

            Pools.deleteOrders(db, "pools-ref-");
            Pools.deleteCustomers(db, "pools-ref-");
            Pools.deleteProducts(db, "pools-ref-");
            assertThat(single(db, "SELECT count(*) FROM customer WHERE email LIKE 'pools-ref-%'"))
                    .isZero();
            assertThat(single(db, "SELECT count(*) FROM product WHERE sku LIKE 'pools-ref-%'"))
                    .isZero();
        } finally {
            execute(db, "DELETE FROM purchase_order WHERE customer_id = " + owner);
            execute(db, "DELETE FROM customer WHERE email LIKE 'pools-ref-%'");
            execute(db, "DELETE FROM product WHERE sku LIKE 'pools-ref-%'");
        }
    }

    /** A new customer with e-mail {@code email}; its id. */
    private static long customer(TestDatabase db, String email) throws Exception {
        return single(
                db,
                "INSERT INTO customer (email, " + TestDatabase.customerNameColumn() + ") VALUES ('" + email
                        + "', 'Pools test') RETURNING id");
    }

    /** A new product with SKU {@code sku} at {@code price}, out of stock; its id. */
    private static long product(TestDatabase db, String sku, String price) throws Exception {
        return single(
                db,
                "INSERT INTO product (sku, name, price, stock) VALUES ('" + sku + "', 'Pools test', " + price
                        + ", 0) RETURNING id");
    }

    /** The first column of the one row {@code sql} returns (a count, or the id of an inserted row). */
    private static long single(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.openConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.openConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
