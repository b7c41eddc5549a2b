package dev.persistbench.contract.model;

/**
 * One line of a P06 order request.
 *
 * @param productId the product to buy
 * @param quantity units, greater than zero
 */
public record OrderLineRequest(long productId, int quantity) {
    public OrderLineRequest {
        Check.id("productId", productId);
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be greater than zero, was " + quantity);
        }
    }
}
