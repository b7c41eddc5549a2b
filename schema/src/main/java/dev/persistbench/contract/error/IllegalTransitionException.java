package dev.persistbench.contract.error;

import dev.persistbench.contract.model.OrderStatus;

/** P09: the order's status may not move to the requested one; nothing was changed. */
public final class IllegalTransitionException extends StoreException {
    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalTransitionException(long orderId, OrderStatus from, OrderStatus to) {
        super("order " + orderId + " cannot move from " + from + " to " + to, null);
        this.from = from;
        this.to = to;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
