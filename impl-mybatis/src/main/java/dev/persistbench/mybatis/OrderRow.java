package dev.persistbench.mybatis;

import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

// tag::P06[]
// tag::P07[]
// tag::P08[]
// tag::P09[]
/**
 * The target of the {@code order} result map. MyBatis 3.5 cannot pass a nested
 * {@code <collection>} to a constructor (that arrives in 3.6), so an order is collected into this
 * mutable row, its lines (records, built by constructor) appended as the joined rows arrive,
 * and then turned into the contract's immutable {@link Order}. MyBatis sets the fields
 * directly.
 */
final class OrderRow {
    private long id;
    private long customerId;
    private OrderStatus status;
    private String idempotencyKey;
    private BigDecimal total;
    private Instant createdAt;
    private long version;
    private List<OrderLine> lines = new ArrayList<>();

    OrderRow() {}

    OrderStatus status() {
        return status;
    }

    long version() {
        return version;
    }

    Order toOrder() {
        return new Order(id, customerId, status, Optional.ofNullable(idempotencyKey), total, createdAt, version, lines);
    }
}
// end::P06[]
// end::P07[]
// end::P08[]
// end::P09[]
