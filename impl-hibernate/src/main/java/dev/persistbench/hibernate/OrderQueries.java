package dev.persistbench.hibernate;

import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.SharedSessionContract;

/**
 * Orders with their lines, read as a projection: one row per line, holding the order's columns,
 * the line's and the product's SKU and name, and nothing else. No entity is loaded, so a product's
 * price, stock and JSON attributes are never read or parsed for an order line. Every query here is
 * one statement; the rows are folded into the contract's records.
 */
final class OrderQueries {

    // tag::P06[]
    // tag::P07[]
    // tag::P08[]
    // tag::P09[]
    /** One row of the join: an order, and one of its lines (all line columns null for an order without lines). */
    record OrderRow(
            Long orderId,
            Long customerId,
            OrderStatus status,
            String idempotencyKey,
            BigDecimal total,
            Instant createdAt,
            Long version,
            Integer lineNo,
            Long productId,
            String sku,
            String name,
            Integer quantity,
            BigDecimal unitPrice) {}

    /** The columns of {@link OrderRow}, from an order {@code o}, its line {@code l} and the line's product {@code p}. */
    private static final String COLUMNS = """
            select o.id, o.customerId, o.status, o.idempotencyKey, o.total, o.createdAt, o.version,
                   l.id.lineNo, p.id, p.sku, p.name, l.quantity, l.unitPrice
            """;

    // end::P06[]
    // end::P07[]
    // end::P08[]
    // end::P09[]
    // tag::P06[]
    // tag::P07[]
    // tag::P09[]
    private static final String ORDER_WITH_LINES = COLUMNS + """
            from PurchaseOrder o
            left join o.lines l
            left join l.product p
            """;
    // end::P06[]
    // end::P07[]
    // end::P09[]

    // tag::P08[]
    /**
     * P08: the customer's latest orders are cut first (ORDER BY ... LIMIT in a derived table),
     * then joined to their lines and products, so the limit counts orders, not lines.
     */
    private static final String LATEST = COLUMNS + """
            from (select po.id as id, po.customerId as customerId, po.status as status,
                         po.idempotencyKey as idempotencyKey, po.total as total,
                         po.createdAt as createdAt, po.version as version
                  from PurchaseOrder po
                  where po.customerId = :customerId
                  order by po.createdAt desc, po.id desc
                  limit :limit) o
            left join OrderLine l on l.id.orderId = o.id
            left join l.product p
            order by o.createdAt desc, o.id desc, l.id.lineNo
            """;
    // end::P08[]

    // tag::config[]
    private OrderQueries() {}
    // end::config[]

    // tag::P07[]
    // tag::P09[]
    /** P07 (and P09's result): the order with this id. */
    static Optional<Order> findById(SharedSessionContract session, long orderId) {
        return single(
                session.createSelectionQuery(ORDER_WITH_LINES + "where o.id = :id order by l.id.lineNo", OrderRow.class)
                        .setParameter("id", orderId)
                        .getResultList());
    }

    // end::P07[]
    // end::P09[]
    // tag::P06[]
    /** P06.4: the order first placed with this key, as it is now. */
    static Optional<Order> findByIdempotencyKey(SharedSessionContract session, String key) {
        return single(session.createSelectionQuery(
                        ORDER_WITH_LINES + "where o.idempotencyKey = :key order by l.id.lineNo", OrderRow.class)
                .setParameter("key", key)
                .getResultList());
    }

    // end::P06[]
    // tag::P08[]
    /** P08: at most {@code limit} orders of the customer, newest first. */
    static List<Order> latest(SharedSessionContract session, long customerId, int limit) {
        return fold(session.createSelectionQuery(LATEST, OrderRow.class)
                .setParameter("customerId", customerId)
                .setParameter("limit", limit)
                .getResultList());
    }

    // end::P08[]
    // tag::P06[]
    // tag::P07[]
    // tag::P08[]
    // tag::P09[]
    private static Optional<Order> single(List<OrderRow> rows) {
        List<Order> orders = fold(rows);
        return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
    }

    /** Orders from rows in which the rows of one order are consecutive, lines in line-number order. */
    private static List<Order> fold(List<OrderRow> rows) {
        List<Order> orders = new ArrayList<>();
        int start = 0;
        while (start < rows.size()) {
            OrderRow head = rows.get(start);
            int end = start;
            List<OrderLine> lines = new ArrayList<>();
            while (end < rows.size() && rows.get(end).orderId().equals(head.orderId())) {
                OrderRow row = rows.get(end);
                if (row.lineNo() != null) {
                    lines.add(new OrderLine(
                            row.lineNo(), row.productId(), row.sku(), row.name(), row.quantity(), row.unitPrice()));
                }
                end++;
            }
            orders.add(new Order(
                    head.orderId(),
                    head.customerId(),
                    head.status(),
                    Optional.ofNullable(head.idempotencyKey()),
                    head.total(),
                    head.createdAt(),
                    head.version(),
                    lines));
            start = end;
        }
        return orders;
    }
    // end::P06[]
    // end::P07[]
    // end::P08[]
    // end::P09[]
}
