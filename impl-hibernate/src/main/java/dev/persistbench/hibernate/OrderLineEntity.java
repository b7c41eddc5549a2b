package dev.persistbench.hibernate;

import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.Product;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import java.math.BigDecimal;

// tag::mapping[]
/**
 * A row of {@code order_line}: its primary key is (order_id, line_no), the order part taken from
 * the association ({@link MapsId}). Lines are never changed after they are placed.
 */
@Entity(name = "OrderLine")
@Table(name = "order_line")
class OrderLineEntity {

    @EmbeddedId
    private OrderLineId id;

    @MapsId("orderId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id", nullable = false)
    private PurchaseOrderEntity order;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id", nullable = false)
    private ProductEntity product;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "unit_price", nullable = false, precision = 12, scale = 2)
    private BigDecimal unitPrice;

    protected OrderLineEntity() {}

    /**
     * A new line of {@code order}, whose id is passed separately: the order may be an uninitialised
     * reference, and asking it for its id would load it.
     */
    OrderLineEntity(
            PurchaseOrderEntity order,
            long orderId,
            int lineNo,
            ProductEntity product,
            int quantity,
            BigDecimal unitPrice) {
        this.id = new OrderLineId(orderId, lineNo);
        this.order = order;
        this.product = product;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }
    // end::mapping[]
    // tag::variant-entities[]

    /** The line as the contract's record; its product must have been fetched with it. */
    OrderLine toRecord() {
        Product p = product.toRecord();
        return new OrderLine(id.getLineNo(), p.id(), p.sku(), p.name(), quantity, unitPrice);
    }
    // end::variant-entities[]
    // tag::mapping[]
}
// end::mapping[]
