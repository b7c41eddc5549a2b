package dev.persistbench.jdbc;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;

/**
 * The explicit row mappers of the repository: each reads the columns of one fixed SELECT list
 * (the {@code *_COLUMNS} constants) by label, so a renamed column fails loudly instead of being
 * mapped by guesswork.
 */
final class Rows {

    // tag::P01[]
    // tag::P02[]
    static final String CUSTOMER_COLUMNS = "id, email, name, created_at";
    // end::P01[]
    // end::P02[]

    // tag::P04[]
    // tag::P05[]
    static final String PRODUCT_COLUMNS = "id, sku, name, price, stock, attributes, version";
    // end::P04[]
    // end::P05[]

    // tag::P06[]
    // tag::P07[]
    // tag::P08[]
    // tag::P09[]
    /**
     * An order joined to its lines and their products, one row per line (a LEFT JOIN, so an
     * order without lines still gives one row, with null line columns).
     */
    static final String ORDER_WITH_LINES_COLUMNS = """
            o.id, o.customer_id, o.status, o.idempotency_key, o.total, o.created_at, o.version,
            l.line_no, l.product_id, p.sku, p.name AS product_name, l.quantity, l.unit_price""";
    // end::P06[]
    // end::P07[]
    // end::P08[]
    // end::P09[]

    // tag::P12[]
    static final String ORDER_LINE_ROW_COLUMNS = """
            l.order_id, l.line_no, o.customer_id, o.created_at, o.status,
            l.product_id, p.sku, p.name AS product_name, l.quantity, l.unit_price""";
    // end::P12[]

    // tag::P01[]
    // tag::P02[]
    static final RowMapper<Customer> CUSTOMER = (rs, row) ->
            new Customer(rs.getLong("id"), rs.getString("email"), rs.getString("name"), instant(rs, "created_at"));
    // end::P01[]
    // end::P02[]

    // tag::P11[]
    static final RowMapper<CustomerRevenue> CUSTOMER_REVENUE = (rs, row) -> new CustomerRevenue(
            rs.getLong("id"), rs.getString("email"), rs.getBigDecimal("revenue"), rs.getLong("orders"));
    // end::P11[]

    // tag::P12[]
    static final RowMapper<OrderLineRow> ORDER_LINE_ROW = (rs, row) -> new OrderLineRow(
            rs.getLong("order_id"),
            rs.getInt("line_no"),
            rs.getLong("customer_id"),
            instant(rs, "created_at"),
            OrderStatus.valueOf(rs.getString("status")),
            rs.getLong("product_id"),
            rs.getString("sku"),
            rs.getString("product_name"),
            rs.getInt("quantity"),
            rs.getBigDecimal("unit_price"));
    // end::P12[]

    // tag::P06[]
    // tag::P07[]
    // tag::P08[]
    // tag::P09[]
    /**
     * Folds the rows of {@link #ORDER_WITH_LINES_COLUMNS}, ordered by order and then line
     * number, into orders: consecutive rows with the same order id are one order.
     */
    static final ResultSetExtractor<List<Order>> ORDERS_WITH_LINES = rs -> {
        List<Order> orders = new ArrayList<>();
        long currentId = 0;
        OrderHeader header = null;
        List<OrderLine> lines = new ArrayList<>();
        while (rs.next()) {
            long id = rs.getLong("id");
            if (header == null || id != currentId) {
                if (header != null) {
                    orders.add(header.with(lines));
                    lines = new ArrayList<>();
                }
                currentId = id;
                header = new OrderHeader(
                        id,
                        rs.getLong("customer_id"),
                        OrderStatus.valueOf(rs.getString("status")),
                        Optional.ofNullable(rs.getString("idempotency_key")),
                        rs.getBigDecimal("total"),
                        instant(rs, "created_at"),
                        rs.getLong("version"));
            }
            int lineNo = rs.getInt("line_no");
            if (!rs.wasNull()) {
                lines.add(new OrderLine(
                        lineNo,
                        rs.getLong("product_id"),
                        rs.getString("sku"),
                        rs.getString("product_name"),
                        rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price")));
            }
        }
        if (header != null) {
            orders.add(header.with(lines));
        }
        return orders;
    };
    // end::P06[]
    // end::P07[]
    // end::P08[]
    // end::P09[]

    // tag::mapping[]
    private Rows() {}
    // end::mapping[]

    // tag::P04[]
    // tag::P05[]
    /** A product mapper that reads the jsonb attributes with {@code json}. */
    static RowMapper<Product> product(AttributesJson json) {
        return (rs, row) -> new Product(
                rs.getLong("id"),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getBigDecimal("price"),
                rs.getInt("stock"),
                json.read(rs.getString("attributes")),
                rs.getLong("version"));
    }
    // end::P04[]
    // end::P05[]

    // tag::mapping[]
    /** A timestamptz column as an Instant (pgjdbc maps timestamptz to OffsetDateTime, at UTC). */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An Instant as the parameter type pgjdbc binds to timestamptz. */
    static OffsetDateTime timestamptz(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
    // end::mapping[]

    // tag::P06[]
    // tag::P07[]
    // tag::P08[]
    // tag::P09[]
    /** The columns of an order before its lines are known. */
    private record OrderHeader(
            long id,
            long customerId,
            OrderStatus status,
            Optional<String> idempotencyKey,
            java.math.BigDecimal total,
            Instant createdAt,
            long version) {

        Order with(List<OrderLine> lines) {
            return new Order(id, customerId, status, idempotencyKey, total, createdAt, version, lines);
        }
    }
    // end::P06[]
    // end::P07[]
    // end::P08[]
    // end::P09[]
}
