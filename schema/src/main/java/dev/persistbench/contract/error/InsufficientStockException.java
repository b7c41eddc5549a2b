package dev.persistbench.contract.error;

/** P06: a product has fewer units than the order asks for; nothing was written. */
public final class InsufficientStockException extends StoreException {
    private final long productId;
    private final int requested;

    public InsufficientStockException(long productId, int requested) {
        super("product " + productId + " has fewer than " + requested + " units in stock", null);
        this.productId = productId;
        this.requested = requested;
    }

    public long productId() {
        return productId;
    }

    /** Units the order asked for in all, over every line that names the product. */
    public int requested() {
        return requested;
    }
}
