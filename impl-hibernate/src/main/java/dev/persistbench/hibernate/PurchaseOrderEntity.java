package dev.persistbench.hibernate;

import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
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
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

// tag::mapping[]
/**
 * A row of {@code purchase_order} with its lines.
 *
 * <p>Inserted by P06 ({@code persist}); loaded as an entity only by the {@code entities} variant
 * (P07, P08 with its lines fetched): the default reads of orders are projections of the columns
 * the contract's records need (see {@link OrderQueries}), which join the lines through the
 * {@code lines} association. An order is inserted alone, so an IDENTITY id
 * costs nothing in batching here.
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

    // The same column, read-only, so that projections can select the id without a join.
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

    // Loaded only by the entities variant ("left join fetch o.lines"); the default queries join it. The database
    // deletes lines with their
    // order (ON DELETE CASCADE); no JPA cascade is needed.
    @OneToMany(mappedBy = "order")
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
    // end::mapping[]
    // tag::variant-entities[]

    /** The order and its fetched lines as the contract's record (the entities variant's P07, P08). */
    Order toRecord() {
        List<OrderLine> out = lines.stream()
                .map(OrderLineEntity::toRecord)
                .sorted(Comparator.comparingInt(OrderLine::lineNo))
                .toList();
        return new Order(id, customerId, status, Optional.ofNullable(idempotencyKey), total, createdAt, version, out);
    }
    // end::variant-entities[]
    // tag::mapping[]
}
// end::mapping[]
