package dev.persistbench.contract.error;

/**
 * Any other failure of the data store: connection lost, timeout, deadlock, serialization
 * failure, a constraint the contract does not name. The operation had no effect unless it
 * failed while committing (then it may or may not have been committed; a retry with the same
 * idempotency key is safe).
 */
public final class DataAccessFailureException extends StoreException {
    private final boolean retryable;
    private final String sqlState;

    public DataAccessFailureException(String message, String sqlState, boolean retryable, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
        this.retryable = retryable;
    }

    /** Whether the same call may succeed if tried again (a transient failure). */
    public boolean isRetryable() {
        return retryable;
    }

    /** The SQLSTATE reported by PostgreSQL or the driver, or null when there was none. */
    public String sqlState() {
        return sqlState;
    }
}
