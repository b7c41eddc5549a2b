package dev.persistbench.contract.error;

import java.sql.SQLException;
import java.util.Set;
import org.postgresql.util.PSQLException;

/**
 * Translates a {@link SQLException} from PostgreSQL (by its SQLSTATE) into the contract's
 * exceptions. Each implementation finds the SQLException inside its framework's exception and
 * calls {@link #translate}; the rules therefore do not differ between implementations.
 */
public final class SqlErrors {

    /** SQLSTATEs after which the same call may succeed: connection trouble, contention, shutdown, timeouts. */
    private static final Set<String> RETRYABLE = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available (lock_timeout)
            "57014", // query_canceled (statement_timeout)
            "57P01", // admin_shutdown (pg_terminate_backend)
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now
            "53300", // too_many_connections
            "25P04"); // idle_in_transaction_session_timeout

    private SqlErrors() {}

    /**
     * The contract exception for {@code e}: unique violations become
     * {@link DuplicateKeyException}, everything else {@link DataAccessFailureException}, marked
     * retryable for connection failures (class 08), transaction rollbacks (class 40) and the
     * SQLSTATEs above.
     */
    public static StoreException translate(String operation, SQLException e) {
        String state = sqlState(e);
        if ("23505".equals(state)) {
            return new DuplicateKeyException(constraintOf(e), operation + ": duplicate key: " + e.getMessage(), e);
        }
        return failure(operation, e);
    }

    /** A {@link DataAccessFailureException} for a failure that is not a SQLException (for example a pool time-out). */
    public static DataAccessFailureException failure(String operation, Throwable e) {
        String state = e instanceof SQLException sql ? sqlState(sql) : null;
        return new DataAccessFailureException(
                operation + " failed: " + e.getMessage(), state, isRetryable(state, e), e);
    }

    /** Whether a failure with this SQLSTATE may succeed when tried again. */
    public static boolean isRetryable(String state, Throwable e) {
        if (state == null) {
            return e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException;
        }
        return state.startsWith("08") || state.startsWith("40") || RETRYABLE.contains(state);
    }

    /** The first SQLSTATE in the chain of {@code e} and its next exceptions, or null. */
    public static String sqlState(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current.getSQLState() != null) {
                return current.getSQLState();
            }
        }
        return null;
    }

    /** The first {@link SQLException} in the cause chain of {@code t}, or null. */
    public static SQLException findSqlException(Throwable t) {
        for (Throwable current = t; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql) {
                return sql;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /**
     * Translates any exception thrown while running {@code operation}: contract exceptions and
     * {@link IllegalArgumentException} pass through unchanged; anything holding a SQLException
     * is translated by its SQLSTATE; the rest becomes a non-retryable-unless-known
     * {@link DataAccessFailureException}.
     */
    public static RuntimeException translateAny(String operation, Throwable t) {
        if (t instanceof StoreException se) {
            return se;
        }
        if (t instanceof IllegalArgumentException iae) {
            return iae;
        }
        SQLException sql = findSqlException(t);
        if (sql != null) {
            StoreException translated = translate(operation, sql);
            if (translated != t) {
                translated.addSuppressed(t);
            }
            return translated;
        }
        return failure(operation, t);
    }

    /**
     * The constraint named in the server's error fields (not its message text, which is in the
     * server's language), from the first {@link PSQLException} in the chain; null when the server
     * named none.
     */
    static String constraintOf(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                String constraint = psql.getServerErrorMessage().getConstraint();
                if (constraint != null) {
                    return constraint;
                }
            }
        }
        return null;
    }
}
