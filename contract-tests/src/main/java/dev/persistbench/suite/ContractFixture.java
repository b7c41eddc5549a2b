package dev.persistbench.suite;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.SqlRecorder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What every rule interface of the suite may use: the repository under test, the database and the statement recorder. */
public interface ContractFixture {

    /** The implementation under test, built over {@link #database()} through {@link #sql()}'s recording proxy. */
    StoreRepository store();

    /** Whether {@link #store()} is an implementation a provider registers (the floor is not). */
    default boolean registered() {
        return true;
    }

    /** The migrated database, for set-up and checks that bypass the repository. */
    TestDatabase database();

    /** Counts the statements the repository sends. */
    SqlRecorder sql();

    /**
     * Builds another instance of the implementation under test over {@code dataSource} (a pool
     * with other driver settings, a drifted schema, a proxy that cuts the network); the caller
     * closes it.
     */
    StoreRepository newRepository(javax.sql.DataSource dataSource);

    /** Runs {@code call}, catching what it throws and counting the statements it sent. */
    default Attempt attempt(ThrowingCallable call) {
        return Attempt.of(sql(), call);
    }

    /** Builders and direct SQL helpers for test data. */
    default TestData data() {
        return new TestData(store(), database());
    }
}
