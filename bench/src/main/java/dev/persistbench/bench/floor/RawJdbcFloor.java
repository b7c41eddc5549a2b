package dev.persistbench.bench.floor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The hand-written java.sql floor ("raw-jdbc"): what the same operations cost with nothing but
 * pgjdbc and the pool: prepared statements, one JDBC batch (rewritten by pgjdbc into multi-row
 * INSERTs) for P03, one joined query for P07 and P08. It builds the contract's records so that
 * its answers are checked exactly like the implementations'. It is a floor, not an
 * implementation: it skips the contract's argument checks and error translation.
 */
public final class RawJdbcFloor {

    private static final String ORDER_COLUMNS =
            "o.id, o.customer_id, o.status, o.idempotency_key, o.total, o.created_at, o.version, "
                    + "l.line_no, l.product_id, p.sku, p.name, l.quantity, l.unit_price";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public RawJdbcFloor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One round trip on a pooled connection: {@code SELECT 1}. */
    public int selectOne() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw failure("SELECT 1", e);
        }
    }

    /** P02: a customer by primary key. */
    public Optional<Customer> findCustomer(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT id, email, name, created_at FROM customer WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
            }
        } catch (SQLException e) {
            throw failure("P02", e);
        }
    }

    /**
     * P03: one transaction; the ids of the whole batch in one query, then one JDBC batch of
     * INSERTs with those ids, which pgjdbc rewrites into multi-row INSERTs. (A batch that asks
     * for generated keys is not rewritten and was measured slower than two of the libraries:
     * a floor must be the fastest technique.)
     */
    public List<Product> createProducts(List<NewProduct> products) {
        List<Product> created = new ArrayList<>(products.size());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] ids = new long[products.size()];
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT nextval(pg_get_serial_sequence('product', 'id')) FROM generate_series(1, ?) ORDER BY 1")) {
                    ps.setInt(1, products.size());
                    try (ResultSet rs = ps.executeQuery()) {
                        for (int i = 0; i < ids.length; i++) {
                            if (!rs.next()) {
                                throw new IllegalStateException("P03 floor: fewer ids than rows");
                            }
                            ids[i] = rs.getLong(1);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO product (id, sku, name, price, stock, attributes) VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                    for (int i = 0; i < ids.length; i++) {
                        NewProduct p = products.get(i);
                        ps.setLong(1, ids[i]);
                        ps.setString(2, p.sku());
                        ps.setString(3, p.name());
                        ps.setBigDecimal(4, p.price());
                        ps.setInt(5, p.stock());
                        ps.setString(6, json(p.attributes()));
                        ps.addBatch();
                        created.add(new Product(ids[i], p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0));
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("P03", e);
        }
        return created;
    }

    /** P07: an order with its lines and their products in one joined query. */
    public Optional<Order> findOrder(long orderId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_COLUMNS
                        + " FROM purchase_order o LEFT JOIN order_line l ON l.order_id = o.id"
                        + " LEFT JOIN product p ON p.id = l.product_id WHERE o.id = ? ORDER BY l.line_no")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Order> orders = readOrders(rs);
                return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
            }
        } catch (SQLException e) {
            throw failure("P07", e);
        }
    }

    /** P08: a customer's latest orders with their lines in one query (the orders limited first, then joined). */
    public List<Order> latestOrders(long customerId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + ORDER_COLUMNS
                        + " FROM (SELECT * FROM purchase_order WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?) o"
                        + " LEFT JOIN order_line l ON l.order_id = o.id LEFT JOIN product p ON p.id = l.product_id"
                        + " ORDER BY o.created_at DESC, o.id DESC, l.line_no")) {
            ps.setLong(1, customerId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                return readOrders(rs);
            }
        } catch (SQLException e) {
            throw failure("P08", e);
        }
    }

    /** P11: revenue per customer over [from, to), PAID and SHIPPED orders, top {@code limit}. */
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT c.id, c.email, sum(o.total) AS revenue, count(*) AS orders"
                                + " FROM purchase_order o JOIN customer c ON c.id = o.customer_id"
                                + " WHERE o.status IN ('PAID', 'SHIPPED') AND o.created_at >= ? AND o.created_at < ?"
                                + " GROUP BY c.id, c.email ORDER BY revenue DESC, c.id LIMIT ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            ps.setInt(3, limit);
            List<CustomerRevenue> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new CustomerRevenue(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getLong(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure("P11", e);
        }
    }

    /** Orders from rows of {@link #ORDER_COLUMNS}, consecutive rows of one order folded into one. */
    private static List<Order> readOrders(ResultSet rs) throws SQLException {
        List<Order> orders = new ArrayList<>();
        long currentId = 0;
        Order head = null;
        List<OrderLine> lines = new ArrayList<>();
        while (rs.next()) {
            long id = rs.getLong(1);
            if (head == null || id != currentId) {
                if (head != null) {
                    orders.add(withLines(head, lines));
                    lines = new ArrayList<>();
                }
                currentId = id;
                head = new Order(
                        id,
                        rs.getLong(2),
                        OrderStatus.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)),
                        rs.getBigDecimal(5),
                        instant(rs, 6),
                        rs.getLong(7),
                        List.of());
            }
            int lineNo = rs.getInt(8);
            if (!rs.wasNull()) {
                lines.add(new OrderLine(
                        lineNo,
                        rs.getLong(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getInt(12),
                        rs.getBigDecimal(13)));
            }
        }
        if (head != null) {
            orders.add(withLines(head, lines));
        }
        return orders;
    }

    private static Order withLines(Order o, List<OrderLine> lines) {
        return new Order(
                o.id(), o.customerId(), o.status(), o.idempotencyKey(), o.total(), o.createdAt(), o.version(), lines);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The attributes as a JSON object, for the jsonb column. */
    private static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes cannot be written as JSON", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("raw-jdbc floor " + what + " failed: " + e.getMessage(), e);
    }
}
