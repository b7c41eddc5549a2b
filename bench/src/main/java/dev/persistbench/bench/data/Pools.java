package dev.persistbench.bench.data;

import dev.persistbench.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Set-based SQL that write benchmarks use outside the timed loop: pre-creating the orders that
 * an iteration consumes, putting them back as they were, and removing what an iteration wrote,
 * so that every iteration starts from tables of the same size.
 *
 * <p>Rows made here carry a marker (an idempotency-key or e-mail prefix) so that clean-up never
 * touches the seeded rows. Everything runs on connections of a small pool of its own (one per
 * database, {@value #POOL_NAME}), never through the arms' pools or the statement recorder: the
 * resets run before every slice and warm-up chunk, and a new connection each time cost 10-16 ms of
 * them on the 2-core machine.
 */
public final class Pools {
    static final String POOL_NAME = "bench-maintenance";

    private static final Map<TestDatabase, DataSource> MAINTENANCE = new ConcurrentHashMap<>();

    /** Per database, whether its maintenance sessions may skip the foreign-key triggers ({@link #withoutForeignKeyTriggers}). */
    private static final Map<TestDatabase, Boolean> MAY_SKIP_TRIGGERS = new ConcurrentHashMap<>();

    private Pools() {}

    /**
     * {@code db}'s maintenance pool (made on first use, closed with the database): the bench pins its
     * backends with the measuring thread, which waits while they work ({@code run.Placement}).
     */
    public static DataSource maintenance(TestDatabase db) {
        return MAINTENANCE.computeIfAbsent(db, d -> d.newDataSource(POOL_NAME, 2, Map.of()));
    }

    /** A connection of {@code db}'s maintenance pool. */
    private static Connection connection(TestDatabase db) throws SQLException {
        return maintenance(db).getConnection();
    }

    /**
     * Inserts {@code count} NEW orders of {@code customerId}, each with {@code lines} lines of one
     * unit of {@code productId} at {@code price}, created {@code spacingMicros} apart from
     * {@code firstCreatedAt}, with idempotency keys {@code marker + index}; returns their ids in
     * creation order.
     */
    public static long[] createOrders(
            TestDatabase db,
            String marker,
            int count,
            Instant firstCreatedAt,
            long spacingMicros,
            int lines,
            long customerId,
            long productId,
            BigDecimal price) {
        return createOrders(db, marker, 0, count, firstCreatedAt, spacingMicros, lines, customerId, productId, price);
    }

    /**
     * As {@link #createOrders(TestDatabase, String, int, Instant, long, int, long, long, BigDecimal)},
     * numbering keys (and creation instants) from {@code firstIndex}, to add to a pool made before.
     */
    public static long[] createOrders(
            TestDatabase db,
            String marker,
            long firstIndex,
            int count,
            Instant firstCreatedAt,
            long spacingMicros,
            int lines,
            long customerId,
            long productId,
            BigDecimal price) {
        long[] ids = new long[count];
        try (Connection c = connection(db)) {
            c.setAutoCommit(false);
            // The rows point only at a customer and a product of the data set and at the orders
            // just inserted.
            withoutForeignKeyTriggers(db, c);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO purchase_order (customer_id, status, idempotency_key, total, created_at, version) "
                            + "SELECT ?, 'NEW', ? || g, ?, ? + g * (? * interval '1 microsecond'), 0 "
                            + "FROM generate_series(?::bigint, ?::bigint + ? - 1) g ORDER BY g RETURNING id")) {
                ps.setLong(1, customerId);
                ps.setString(2, marker);
                ps.setBigDecimal(3, price.multiply(BigDecimal.valueOf(lines)));
                ps.setObject(4, OffsetDateTime.ofInstant(firstCreatedAt, ZoneOffset.UTC));
                ps.setLong(5, spacingMicros);
                ps.setLong(6, firstIndex);
                ps.setLong(7, firstIndex);
                ps.setInt(8, count);
                try (ResultSet rs = ps.executeQuery()) {
                    int i = 0;
                    while (rs.next()) {
                        ids[i++] = rs.getLong(1);
                    }
                    if (i != count) {
                        throw new IllegalStateException("expected " + count + " pool orders, inserted " + i);
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price) "
                            + "SELECT o.id, l, ?, 1, ? FROM purchase_order o CROSS JOIN generate_series(1, ?) l "
                            + "WHERE o.id = ANY (?)")) {
                ps.setLong(1, productId);
                ps.setBigDecimal(2, price);
                ps.setInt(3, lines);
                ps.setArray(
                        4,
                        c.createArrayOf(
                                "bigint", java.util.Arrays.stream(ids).boxed().toArray()));
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not create " + count + " pool orders '" + marker + "': " + e.getMessage(), e);
        }
        return ids;
    }

    /** Puts the orders marked {@code marker} back to NEW, version 0. */
    public static void resetOrders(TestDatabase db, String marker) {
        update(
                db,
                "UPDATE purchase_order SET status = 'NEW', version = 0 "
                        + "WHERE idempotency_key LIKE ? AND (status <> 'NEW' OR version <> 0)",
                likePrefix(marker));
    }

    /** Deletes the orders marked {@code marker} (their lines go with them). */
    public static void deleteOrders(TestDatabase db, String marker) {
        update(db, "DELETE FROM purchase_order WHERE idempotency_key LIKE ?", likePrefix(marker));
    }

    /** Gives back the stock that the orders marked {@code marker} took, then deletes them. */
    public static void undoPlacedOrders(TestDatabase db, String marker) {
        try (Connection c = connection(db)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE product p SET stock = p.stock + t.units FROM ("
                    + " SELECT l.product_id, sum(l.quantity) AS units FROM order_line l"
                    + " JOIN purchase_order o ON o.id = l.order_id WHERE o.idempotency_key LIKE ?"
                    + " GROUP BY l.product_id) t WHERE p.id = t.product_id")) {
                ps.setString(1, likePrefix(marker));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM purchase_order WHERE idempotency_key LIKE ?")) {
                ps.setString(1, likePrefix(marker));
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not undo the orders '" + marker + "': " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the customers whose e-mail starts with {@code prefix}, which no order may refer to
     * (checked in one join, not row by row; a referenced one is refused and nothing is deleted).
     */
    public static void deleteCustomers(TestDatabase db, String prefix) {
        deleteUnreferenced(
                db,
                "WITH gone AS (DELETE FROM customer WHERE email LIKE ? RETURNING id) "
                        + "SELECT count(*) FROM purchase_order o JOIN gone ON o.customer_id = gone.id",
                prefix,
                "customers",
                "orders");
    }

    /**
     * Deletes the products whose SKU starts with {@code prefix}, which no order line may refer to
     * (checked in one join, not row by row; a referenced one is refused and nothing is deleted).
     */
    public static void deleteProducts(TestDatabase db, String prefix) {
        deleteUnreferenced(
                db,
                "WITH gone AS (DELETE FROM product WHERE sku LIKE ? RETURNING id) "
                        + "SELECT count(*) FROM order_line l JOIN gone ON l.product_id = gone.id",
                prefix,
                "products",
                "order lines");
    }

    /**
     * Runs {@code sql}, a delete of the rows marked {@code prefix} that counts the rows still
     * referring to them, without the foreign-key triggers; commits only when that count is 0.
     */
    private static void deleteUnreferenced(
            TestDatabase db, String sql, String prefix, String deleted, String referring) {
        try (Connection c = connection(db)) {
            c.setAutoCommit(false); // closing the pool's connection uncommitted rolls back
            withoutForeignKeyTriggers(db, c);
            long refs;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, likePrefix(prefix));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    refs = rs.getLong(1);
                }
            }
            if (refs != 0) {
                throw new IllegalStateException("the " + deleted + " '" + prefix + "' still have " + refs + " "
                        + referring + " referring to them; nothing deleted");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not delete the " + deleted + " '" + prefix + "': " + e.getMessage(), e);
        }
    }

    /**
     * In {@code c}'s open transaction, turns off the foreign-key triggers for the statements that
     * follow ({@code SET LOCAL session_replication_role = replica}), where the role may: a
     * superuser, as on the embedded server and CI's private cluster. The callers write only rows
     * whose references hold by construction, or check them in one join: the triggers' query per
     * row cost 60-115 ms of each reset of P01, P03 and P13 on the 2-core machine (thousands of
     * rows per slice). Without the right the triggers run: slower resets, the same tables.
     */
    private static void withoutForeignKeyTriggers(TestDatabase db, Connection c) throws SQLException {
        Boolean may = MAY_SKIP_TRIGGERS.get(db);
        if (may == null) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('is_superuser') = 'on'")) {
                rs.next();
                may = rs.getBoolean(1);
            }
            MAY_SKIP_TRIGGERS.put(db, may);
        }
        if (may) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL session_replication_role = replica");
            }
        }
    }

    /**
     * Reclaims the space of deleted and updated rows of {@code tables} (the ones the pattern wrote),
     * so the next iteration sees the same tables; with {@code analyze}, also refreshes their planner
     * statistics (the bench asks for them before the first timed slice of every round; they cost
     * more than the vacuum on the order tables).
     */
    public static void vacuum(TestDatabase db, boolean analyze, String... tables) {
        for (String t : tables) {
            if (!TestDatabase.TABLES.contains(t)) {
                throw new IllegalArgumentException(
                        "not a table of the schema: '" + t + "'; one of " + TestDatabase.TABLES);
            }
        }
        if (tables.length == 0) {
            throw new IllegalArgumentException("no table to vacuum");
        }
        String sql = (analyze ? "VACUUM (ANALYZE) " : "VACUUM ") + String.join(", ", tables);
        try (Connection c = connection(db);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** How many rows of {@code table} match {@code where} (one bind parameter). */
    public static long count(TestDatabase db, String table, String where, Object parameter) {
        try (Connection c = connection(db);
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + where)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count " + table + ": " + e.getMessage(), e);
        }
    }

    private static void update(TestDatabase db, String sql, String parameter) {
        try (Connection c = connection(db);
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    /** A LIKE pattern matching {@code prefix} literally at the start (markers hold no wildcards, but be exact). */
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
