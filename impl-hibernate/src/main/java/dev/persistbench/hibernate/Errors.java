package dev.persistbench.hibernate;

import dev.persistbench.contract.error.SqlErrors;
import dev.persistbench.contract.error.StoreException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;

// tag::config[]
/**
 * Turns what Hibernate and Jakarta Persistence throw into the contract's exceptions. Arguments
 * are checked before a session opens, so anything thrown inside one, an IllegalArgumentException
 * from Hibernate included, is a failure of the store, never a bad argument.
 */
final class Errors {

    private Errors() {}

    /** The contract exception for {@code e}, thrown while running {@code operation} inside a session. */
    static RuntimeException translate(String operation, RuntimeException e) {
        if (e instanceof StoreException || e instanceof ConsumerFailure) {
            return e;
        }
        SQLException sql = SqlErrors.findSqlException(e);
        if (sql == null) {
            return SqlErrors.failure(operation, e);
        }
        StoreException translated = SqlErrors.translate(operation, sql);
        translated.addSuppressed(e);
        return translated;
    }

    // end::config[]
    // tag::P06[]
    /**
     * Whether {@code e} holds PostgreSQL's foreign-key violation (23503) of {@code constraint}, named
     * in the server error's fields (not in its message text, which is in the server's language).
     */
    static boolean isForeignKeyViolation(Throwable e, String constraint) {
        SQLException sql = SqlErrors.findSqlException(e);
        if (sql == null || !"23503".equals(SqlErrors.sqlState(sql))) {
            return false;
        }
        for (SQLException current = sql; current != null; current = current.getNextException()) {
            if (current instanceof PSQLException psql
                    && psql.getServerErrorMessage() != null
                    && constraint.equals(psql.getServerErrorMessage().getConstraint())) {
                return true;
            }
        }
        return false;
    }

    // end::P06[]
    // tag::P12[]
    /**
     * Carries an exception thrown by a P12 consumer through the transaction's clean-up, so that it
     * reaches the caller unchanged instead of being translated.
     */
    static final class ConsumerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConsumerFailure(Throwable cause) {
            super(null, cause, false, false);
        }

        /** Throws the consumer's own exception, checked ones included, as it was thrown. */
        RuntimeException rethrow() {
            throw Errors.<RuntimeException>sneaky(getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
    // end::P12[]
}
