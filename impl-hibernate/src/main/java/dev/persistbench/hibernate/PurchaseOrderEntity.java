package dev.persistbench.hibernate;

import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A row of {@code purchase_order} with its lines.
 *
 * <p>Both associations are lazy; every query that needs the lines says so with a join fetch
 * (see {@link OrderQueries}), so the fetch plan is chosen per use case, never by the mapping.
 * An order is inserted alone (P06), so an IDENTITY id costs nothing in batching here.
 */
@Entity(name = "PurchaseOrder")
@Table(name = "purchase_order")
class PurchaseOrderEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", nullable = false)
    private CustomerEntity customer;

    // The same column, read-only: the record needs the id, and asking the lazy proxy for it
    // (field access) would load the customer, one more statement per order.
    @Column(name = "customer_id", insertable = false, updatable = false)
    private Long customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private OrderStatus status;

    @Column(name = "idempotency_key", length = 200)
    private String idempotencyKey;

    @Column(name = "total", nullable = false, precision = 12, scale = 2)
    private BigDecimal total;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    // The database deletes lines with their order (ON DELETE CASCADE); no JPA cascade is needed.
    @OneToMany(mappedBy = "order")
    @OrderBy("id.lineNo")
    private List<OrderLineEntity> lines = new ArrayList<>();

    protected PurchaseOrderEntity() {}

    PurchaseOrderEntity(CustomerEntity customer, String idempotencyKey, BigDecimal total, Instant createdAt) {
        this.customer = customer;
        this.status = OrderStatus.NEW;
        this.idempotencyKey = idempotencyKey;
        this.total = total;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    OrderStatus getStatus() {
        return status;
    }

    void setStatus(OrderStatus status) {
        this.status = status;
    }

    long getVersion() {
        return version;
    }

    List<OrderLineEntity> getLines() {
        return lines;
    }

    /** The record, lines included: call only on an order whose lines were fetched. */
    Order toRecord() {
        return new Order(
                id,
                customerId,
                status,
                Optional.ofNullable(idempotencyKey),
                total,
                createdAt,
                version,
                lines.stream().map(OrderLineEntity::toRecord).toList());
    }
}
