package dev.persistbench.contract.error;

/** Base of every exception the contract throws (besides {@link IllegalArgumentException} for bad arguments). */
public abstract sealed class StoreException extends RuntimeException
        permits DuplicateKeyException,
                StaleVersionException,
                InsufficientStockException,
                IllegalTransitionException,
                NotFoundException,
                DataAccessFailureException {

    protected StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
