package dev.persistbench.suite;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.suite.reliability.ConcurrencyRules;
import dev.persistbench.suite.reliability.FaultRules;
import dev.persistbench.suite.reliability.HostileInputRules;
import dev.persistbench.suite.reliability.MigrationRules;
import dev.persistbench.suite.reliability.ModelBasedRules;
import dev.persistbench.suite.reliability.SchemaDriftRules;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.SqlRecorder;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract suite. An implementation module adds one subclass that says how to build its
 * repository over a DataSource; every rule of the contract then runs against it.
 *
 * <p>The repository is built once per class (an ORM's bootstrap is not what these tests
 * measure) over the JVM's shared database; every test starts from empty tables and leaves them
 * empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreRepositoryContract
        implements P01CreateCustomerRules,
                P02FindCustomerRules,
                P03CreateProductsRules,
                P04FindProductBySkuRules,
                P05SearchProductsRules,
                P06PlaceOrderRules,
                P07FindOrderRules,
                P08LatestOrdersRules,
                P09ChangeStatusRules,
                P10CancelNewOrdersRules,
                P11RevenueReportRules,
                P12StreamOrderLinesRules,
                P13DeleteOrderRules,
                ValueRules,
                ArgumentRules,
                GeneralRules,
                TransactionRules,
                EdgeCaseRules,
                ConcurrencyRules,
                FaultRules,
                HostileInputRules,
                ModelBasedRules,
                SchemaDriftRules,
                MigrationRules {

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
