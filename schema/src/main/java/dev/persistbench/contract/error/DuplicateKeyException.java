package dev.persistbench.contract.error;

/** A unique rule was broken: an e-mail address (any case) or a SKU that already exists. Nothing was written. */
public final class DuplicateKeyException extends StoreException {
    private final String constraint;

    public DuplicateKeyException(String constraint, String message, Throwable cause) {
        super(message, cause);
        this.constraint = constraint;
    }

    /** The database constraint or index that refused the row, when known; may be null. */
    public String constraint() {
        return constraint;
    }
}
