package dev.persistbench.contract.error;

/** P06: a product has fewer units than the order asks for; nothing was written. */
public final class InsufficientStockException extends StoreException {
    private final long productId;
    private final long requested;

    public InsufficientStockException(long productId, long requested) {
        super("product " + productId + " has fewer than " + requested + " units in stock", null);
        this.productId = productId;
        this.requested = requested;
    }

    public long productId() {
        return productId;
    }

    /** Units the order asked for in all, summed exactly over every line that names the product (P06.2). */
    public long requested() {
        return requested;
    }
}
