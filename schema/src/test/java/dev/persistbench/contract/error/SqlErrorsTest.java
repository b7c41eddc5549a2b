package dev.persistbench.contract.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void uniqueViolationBecomesDuplicateKeyWithTheConstraintName() {
        SQLException e =
                new SQLException("ERROR: duplicate key value violates unique constraint \"product_sku_uq\"", "23505");
        StoreException translated = SqlErrors.translate("createProducts", e);
        assertThat(translated).isInstanceOf(DuplicateKeyException.class).hasCause(e);
        assertThat(((DuplicateKeyException) translated).constraint()).isEqualTo("product_sku_uq");
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
