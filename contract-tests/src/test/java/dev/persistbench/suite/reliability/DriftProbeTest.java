package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.suite.reliability.DriftResult.Outcome;
import dev.persistbench.testkit.db.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The R5.1 probe's verdicts for implementations that fail at start-up or at first use, in a scratch schema it drops. */
class DriftProbeTest {

    private final TestDatabase db = TestDatabase.shared();

    private long scratchSchemas() {
        return Reliability.queryLong(
                db, "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'pb_scratch_%'");
    }

    @Test
    void aConstructorThatThrowsIsRefusedAtStartupWithItsRootCause() {
        long before = scratchSchemas();
        DriftProbe probe = new DriftProbe(db, pool -> {
            throw new IllegalStateException(
                    "could not start\nsecond line", new SQLException("column \"title\" does not exist"));
        });

        DriftResult result = probe.run(SchemaDrift.RENAMED_COLUMN);

        assertThat(result.drift()).isEqualTo("RENAMED_COLUMN");
        assertThat(result.ddl()).containsExactly("ALTER TABLE product RENAME COLUMN name TO title");
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED_AT_STARTUP);
        assertThat(result.exception()).isEqualTo(IllegalStateException.class.getName());
        assertThat(result.message()).isEqualTo("could not start");
        assertThat(result.rootCause()).isEqualTo("java.sql.SQLException: column \"title\" does not exist");
        assertThat(result.steps()).isEmpty();
        assertThat(result.storedDataProblems()).isEmpty();
        assertThat(scratchSchemas()).as("scratch schemas left").isEqualTo(before);
    }

    @Test
    void aFirstOperationThatThrowsFailsAtFirstUseAndSaysWhetherTheExceptionIsTheContracts() {
        DriftProbe probe = new DriftProbe(db, pool -> failingRepository());

        DriftResult result = probe.run(SchemaDrift.BASELINE);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_AT_FIRST_USE);
        assertThat(result.steps()).containsExactly("createCustomer: DataAccessFailureException");
        assertThat(result.exception()).isEqualTo(DataAccessFailureException.class.getName());
        assertThat(result.contractException()).isTrue();
        assertThat(result.wrong()).isNull();
        assertThat(result.storedDataProblems())
                .as("the tables are empty, so nothing is wrong")
                .isEmpty();
    }

    /** A repository whose every operation fails with a retryable DataAccessFailureException. */
    private static StoreRepository failingRepository() {
        return (StoreRepository) Proxy.newProxyInstance(
                DriftProbeTest.class.getClassLoader(),
                new Class<?>[] {StoreRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new DataAccessFailureException("connection refused", "08001", true, null);
                });
    }
}
