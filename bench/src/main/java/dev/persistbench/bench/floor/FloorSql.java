package dev.persistbench.bench.floor;

import dev.persistbench.contract.model.OrderStatus;

/**
 * The floor's SQL, as constants: every statement text is fixed (P05 and P09 choose among fixed
 * texts), so pgjdbc's per-connection statement cache keeps each one server-prepared.
 */
final class FloorSql {

    private FloorSql() {}

    static final String SELECT_ONE = "SELECT 1";

    /** P01: the database sets id and created_at; email and name are returned as given. */
    static final String INSERT_CUSTOMER = "INSERT INTO customer (email, name) VALUES (?, ?) RETURNING id, created_at";

    /** P02. */
    static final String SELECT_CUSTOMER = "SELECT email, name, created_at FROM customer WHERE id = ?";

    /**
     * P03: the whole list as five arrays, one INSERT ... SELECT FROM unnest in auto-commit. The
     * identity default takes one value per row in the order unnest produces the rows, and
     * RETURNING gives the rows in the order they were inserted: the ids come back in input order.
     */
    static final String INSERT_PRODUCTS = """
            INSERT INTO product (sku, name, price, stock, attributes)
            SELECT t.sku, t.name, t.price, t.stock, t.attributes::jsonb
            FROM unnest(?::varchar[], ?::varchar[], ?::numeric[], ?::int[], ?::text[])
                AS t(sku, name, price, stock, attributes)
            RETURNING id""";

    static final String PRODUCT_COLUMNS = "id, sku, name, price, stock, attributes, version";

    /** P04. */
    static final String SELECT_PRODUCT_BY_SKU = "SELECT " + PRODUCT_COLUMNS + " FROM product WHERE sku = ?";

    /**
     * An order joined to its lines and their products, one row per line (LEFT JOIN: an order
     * without lines still gives one row, with null line columns). Read by
     * {@link FloorRows#orders}.
     */
    static final String ORDER_COLUMNS =
            "o.id, o.customer_id, o.status, o.idempotency_key, o.total, o.created_at, o.version,"
                    + " l.line_no, l.product_id, p.sku, p.name, l.quantity, l.unit_price";

    /** P07. */
    static final String SELECT_ORDER = "SELECT " + ORDER_COLUMNS
            + " FROM purchase_order o LEFT JOIN order_line l ON l.order_id = o.id"
            + " LEFT JOIN product p ON p.id = l.product_id WHERE o.id = ? ORDER BY l.line_no";

    /** P06.4: the order first placed with an idempotency key, as it is now. */
    static final String SELECT_ORDER_BY_KEY = "SELECT " + ORDER_COLUMNS
            + " FROM purchase_order o LEFT JOIN order_line l ON l.order_id = o.id"
            + " LEFT JOIN product p ON p.id = l.product_id WHERE o.idempotency_key = ? ORDER BY l.line_no";

    /** P08: the orders limited first (in a subquery, on the customer's latest-orders index), then joined. */
    static final String SELECT_LATEST_ORDERS = "SELECT " + ORDER_COLUMNS
            + " FROM (SELECT id, customer_id, status, idempotency_key, total, created_at, version"
            + " FROM purchase_order WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?) o"
            + " LEFT JOIN order_line l ON l.order_id = o.id LEFT JOIN product p ON p.id = l.product_id"
            + " ORDER BY o.created_at DESC, o.id DESC, l.line_no";

    /**
     * P06, taking stock: one guarded UPDATE for every product of the order. Parameters: product
     * ids and the units per product (bigint: a sum beyond any int is simply more than any stock).
     * The sub-select locks the product rows in ascending id order first (the lock the UPDATE
     * takes anyway), so every statement that changes stock (P06, P09, P10) queues in one order and
     * none can deadlock with another; the UPDATE then re-checks {@code stock >= units} on the
     * latest row version. A product that is unknown or short returns no row; the version rises
     * once per product. %s: an extra condition of the sub-select.
     */
    private static final String TAKE_STOCK_UPDATE = """
            UPDATE product p SET stock = p.stock - w.units, version = p.version + 1
            FROM (SELECT k.id, u.units
                  FROM product k JOIN unnest(?::bigint[], ?::bigint[]) AS u(id, units) ON u.id = k.id%s
                  ORDER BY k.id
                  FOR NO KEY UPDATE OF k) w
            WHERE p.id = w.id AND p.stock >= w.units
            RETURNING p.id, p.sku, p.name, p.price""";

    /** P06: take the stock; returns id, sku, name, price of each product taken. */
    static final String TAKE_STOCK = TAKE_STOCK_UPDATE.formatted("");

    /**
     * P06, after the stock: the order (with its computed total, written once) and all its lines in
     * one statement. Parameters: customer id, idempotency key (null for none), total, created_at,
     * then the lines as arrays of product ids, quantities and unit prices in request order (their
     * ordinality is the line number). Returns the order id; no row when the key was used before
     * (a caller racing with the same key waits on the unique index for the first to commit). An
     * unknown customer fails the order's foreign key.
     */
    static final String INSERT_ORDER_WITH_LINES = """
            WITH o AS (
                INSERT INTO purchase_order (customer_id, idempotency_key, total, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id),
            lines AS (
                INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price)
                SELECT o.id, r.line_no, r.product_id, r.quantity, r.unit_price
                FROM o, unnest(?::bigint[], ?::int[], ?::numeric[]) WITH ORDINALITY
                    AS r(product_id, quantity, unit_price, line_no))
            SELECT id FROM o""";

    /** P06, only when stock could not be taken for every product: which of customer and products exist. */
    static final String WHY_NO_STOCK = "SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?),"
            + " ARRAY(SELECT id FROM product WHERE id = ANY (?::bigint[]))";

    /**
     * P09 as one statement. The version- and transition-checked UPDATE (%1$s: the new status,
     * %2$s: its legal sources) returns the changed order, joined to its lines. No row: nothing
     * changed, and the caller reads why ({@link #SELECT_STATUS_AND_VERSION}) only then. (A second
     * branch that read the reason in the same statement cost every successful call about 5 %%.)
     * %3$s is empty, or the restock of a cancellation. Parameters: order id, expected version.
     */
    private static final String CHANGE_STATUS_TEMPLATE = """
            WITH o AS (
                UPDATE purchase_order SET status = '%1$s', version = version + 1
                WHERE id = ? AND version = ? AND status IN (%2$s)
                RETURNING id, customer_id, status, idempotency_key, total, created_at, version)%3$s
            SELECT o.id, o.customer_id, o.status, o.idempotency_key, o.total, o.created_at, o.version,
                   l.line_no, l.product_id, p.sku, p.name, l.quantity, l.unit_price
            FROM o LEFT JOIN order_line l ON l.order_id = o.id LEFT JOIN product p ON p.id = l.product_id
            ORDER BY l.line_no""";

    /**
     * Units back to stock from a CTE {@code units(product_id, units)} of the same statement (P09's
     * cancellation, P10): each product once, its version up by one, its row locked in ascending
     * id order first, as {@link #TAKE_STOCK} locks them.
     */
    private static final String RESTOCK = """
            UPDATE product p SET stock = p.stock + k.units, version = p.version + 1
            FROM (SELECT r.id, u.units
                  FROM product r JOIN units u ON u.product_id = r.id
                  ORDER BY r.id
                  FOR NO KEY UPDATE OF r) k
            WHERE p.id = k.id""";

    /** A cancelled order's units back to stock ({@link #RESTOCK}). */
    private static final String RESTOCK_CTE = """
            ,
            units AS (
                SELECT l.product_id, sum(l.quantity) AS units
                FROM order_line l JOIN o ON l.order_id = o.id
                GROUP BY l.product_id),
            restocked AS (%s)""".formatted(RESTOCK);

    /** P09 to NEW: no status may move there, so only the diagnosis is read. */
    static final String SELECT_STATUS_AND_VERSION = "SELECT status, version FROM purchase_order WHERE id = ?";

    /** The P09 statement for a change to {@code target}; never called for NEW (no legal source). */
    static String changeStatus(OrderStatus target) {
        return switch (target) {
            case PAID -> CHANGE_TO_PAID;
            case SHIPPED -> CHANGE_TO_SHIPPED;
            case CANCELLED -> CHANGE_TO_CANCELLED;
            case NEW -> throw new IllegalArgumentException("no status may move to NEW");
        };
    }

    private static final String CHANGE_TO_PAID = CHANGE_STATUS_TEMPLATE.formatted("PAID", "'NEW'", "");
    private static final String CHANGE_TO_SHIPPED = CHANGE_STATUS_TEMPLATE.formatted("SHIPPED", "'PAID'", "");
    private static final String CHANGE_TO_CANCELLED =
            CHANGE_STATUS_TEMPLATE.formatted("CANCELLED", "'NEW', 'PAID'", RESTOCK_CTE);

    /**
     * P10 as one statement: data-modifying CTEs run to completion whether or not the final SELECT
     * reads them; each product is restocked once with the units of all its cancelled lines.
     */
    static final String CANCEL_NEW_ORDERS = """
            WITH cancelled AS (
                UPDATE purchase_order SET status = 'CANCELLED', version = version + 1
                WHERE status = 'NEW' AND created_at < ?
                RETURNING id),
            units AS (
                SELECT l.product_id, sum(l.quantity) AS units
                FROM order_line l JOIN cancelled c ON c.id = l.order_id
                GROUP BY l.product_id),
            restocked AS (%s)
            SELECT count(*) FROM cancelled""".formatted(RESTOCK);

    /** P11: the shape every implementation uses (CONTRACT-CHANGES item 2): join, then aggregate. */
    static final String REVENUE_REPORT = "SELECT c.id, c.email, sum(o.total) AS revenue, count(*) AS orders"
            + " FROM purchase_order o JOIN customer c ON c.id = o.customer_id"
            + " WHERE o.status IN ('PAID', 'SHIPPED') AND o.created_at >= ? AND o.created_at < ?"
            + " GROUP BY c.id, c.email ORDER BY revenue DESC, c.id LIMIT ?";

    /** P12. */
    static final String STREAM_ORDER_LINES = """
            SELECT l.order_id, l.line_no, o.customer_id, o.created_at, o.status,
                   l.product_id, p.sku, p.name, l.quantity, l.unit_price
            FROM purchase_order o
            JOIN order_line l ON l.order_id = o.id
            JOIN product p ON p.id = l.product_id
            WHERE o.created_at >= ? AND o.created_at < ?
            ORDER BY l.order_id, l.line_no""";

    /** P13: the lines go by ON DELETE CASCADE. */
    static final String DELETE_ORDER = "DELETE FROM purchase_order WHERE id = ?";

    /** The foreign key an order of an unknown customer breaks (P06.3). */
    static final String ORDER_CUSTOMER_FK = "purchase_order_customer_id_fkey";
}
