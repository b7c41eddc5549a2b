package dev.persistbench.contract.error;

/** P09: the caller's expected version is not the current one; nothing was changed. */
public final class StaleVersionException extends StoreException {
    private final long orderId;
    private final long expectedVersion;

    public StaleVersionException(long orderId, long expectedVersion) {
        super("order " + orderId + " is no longer at version " + expectedVersion, null);
        this.orderId = orderId;
        this.expectedVersion = expectedVersion;
    }

    public long orderId() {
        return orderId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
