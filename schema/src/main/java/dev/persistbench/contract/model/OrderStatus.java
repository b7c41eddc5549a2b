package dev.persistbench.contract.model;

/**
 * The life cycle of an order. Legal transitions (P09): NEW to PAID, PAID to SHIPPED, NEW or
 * PAID to CANCELLED. Everything else, including a status to itself, is illegal.
 */
public enum OrderStatus {
    NEW,
    PAID,
    SHIPPED,
    CANCELLED;

    /** Whether an order in this status may move to {@code target}. */
    public boolean canMoveTo(OrderStatus target) {
        return switch (this) {
            case NEW -> target == PAID || target == CANCELLED;
            case PAID -> target == SHIPPED || target == CANCELLED;
            case SHIPPED, CANCELLED -> false;
        };
    }
}
