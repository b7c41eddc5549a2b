package dev.persistbench.contract.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class SqlErrorsTest {

    @Test
    void uniqueViolationBecomesDuplicateKeyNamingTheConstraintFromTheServerFields() {
        // A server that speaks German: the message text names the constraint in other quotes.
        PSQLException e = new PSQLException(new ServerErrorMessage("SFEHLER\0VERROR\0C23505"
                + "\0Mdoppelter Schl\u00fcsselwert verletzt Unique-Constraint \u00bbproduct_sku_uq\u00ab"
                + "\0nproduct_sku_uq\0"));
        StoreException translated = SqlErrors.translate("createProducts", e);
        assertThat(translated).isInstanceOf(DuplicateKeyException.class).hasCause(e);
        assertThat(((DuplicateKeyException) translated).constraint()).isEqualTo("product_sku_uq");
    }

    @Test
    void theConstraintIsFoundBehindABatchUpdateException() {
        PSQLException cause =
                new PSQLException(new ServerErrorMessage("SERROR\0C23505\0Mduplicate key\0ncustomer_email_lower_uq\0"));
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 failed", "23505", new int[0]);
        batch.setNextException(cause);
        DuplicateKeyException translated = (DuplicateKeyException) SqlErrors.translate("createProducts", batch);
        assertThat(translated.constraint()).isEqualTo("customer_email_lower_uq");
    }

    @Test
    void noConstraintFieldMeansNoConstraintName() {
        SQLException e =
                new SQLException("ERROR: duplicate key value violates unique constraint \"product_sku_uq\"", "23505");
        assertThat(((DuplicateKeyException) SqlErrors.translate("createProducts", e)).constraint())
                .as("never parsed from the message text")
                .isNull();
    }

    @Test
    void connectionAndContentionFailuresAreRetryable() {
        for (String state : new String[] {"08006", "57P01", "40001", "40P01", "55P03", "57014"}) {
            StoreException translated = SqlErrors.translate("op", new SQLException("x", state));
            assertThat(translated).isInstanceOf(DataAccessFailureException.class);
            assertThat(((DataAccessFailureException) translated).isRetryable())
                    .as(state)
                    .isTrue();
        }
        DataAccessFailureException check =
                (DataAccessFailureException) SqlErrors.translate("op", new SQLException("x", "23514"));
        assertThat(check.isRetryable()).isFalse();
        assertThat(check.sqlState()).isEqualTo("23514");
    }

    @Test
    void translateAnyFindsTheSqlExceptionInsideAFrameworkException() {
        SQLException sql = new SQLException("boom", "57P01");
        RuntimeException framework = new IllegalStateException("framework", new RuntimeException(sql));
        RuntimeException translated = SqlErrors.translateAny("op", framework);
        assertThat(translated).isInstanceOf(DataAccessFailureException.class).hasCause(sql);
        IllegalArgumentException iae = new IllegalArgumentException("x");
        assertThat(SqlErrors.translateAny("op", iae)).isSameAs(iae);
        assertThat(SqlErrors.translateAny("op", new RuntimeException("no sql")))
                .isInstanceOf(DataAccessFailureException.class);
    }
}
