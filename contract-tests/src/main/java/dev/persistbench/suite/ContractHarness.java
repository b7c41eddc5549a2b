package dev.persistbench.suite;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.SqlRecorder;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every contract test class shares: the repository under test, built once per class over
 * the JVM's shared database through the statement recorder, and the {@link Group} base of its
 * {@code @Nested} rule groups. {@link StoreRepositoryContract} runs every group against an
 * implementation; {@link VariantContract} runs the groups of the patterns a variant changes.
 *
 * <p>Every test starts from empty tables and leaves them empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractHarness {

    private final SqlRecorder sql = new SqlRecorder();
    private TestDatabase database;
    private StoreRepository store;

    /** Builds the implementation under test over {@code dataSource}. */
    protected abstract StoreRepository createRepository(DataSource dataSource);

    @BeforeAll
    final void startRepository() {
        database = TestDatabase.shared();
        database.truncateAll();
        store = createRepository(sql.wrap(database.dataSource()));
    }

    @AfterEach
    final void cleanTables() {
        database.truncateAll();
    }

    @AfterAll
    final void closeRepository() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * Whether the repository under test is an implementation, registered by a {@link
     * dev.persistbench.contract.StoreProvider}; the bench's raw-JDBC floor, which runs the same
     * suite, is not one and says so.
     */
    protected boolean registeredImplementation() {
        return true;
    }

    /** A group of rules: the fixture is the enclosing test class's. */
    protected abstract class Group implements ContractFixture {
        @Override
        public final boolean registered() {
            return registeredImplementation();
        }

        @Override
        public final StoreRepository store() {
            return store;
        }

        @Override
        public final StoreRepository newRepository(DataSource dataSource) {
            return createRepository(dataSource);
        }

        @Override
        public final TestDatabase database() {
            return database;
        }

        @Override
        public final SqlRecorder sql() {
            return sql;
        }
    }
}
