package dev.persistbench.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

// tag::mapping[]
/** The composite key of {@link OrderLineEntity}: (order_id, line_no). */
@Embeddable
class OrderLineId implements Serializable {

    private static final long serialVersionUID = 1L;

    @Column(name = "order_id", nullable = false)
    private Long orderId;

    @Column(name = "line_no", nullable = false)
    private int lineNo;

    protected OrderLineId() {}

    OrderLineId(Long orderId, int lineNo) {
        this.orderId = orderId;
        this.lineNo = lineNo;
    }

    int getLineNo() {
        return lineNo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderLineId other && Objects.equals(orderId, other.orderId) && lineNo == other.lineNo;
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, lineNo);
    }
}
// end::mapping[]
