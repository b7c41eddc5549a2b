package dev.persistbench.bench.floor;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.suite.StoreRepositoryContract;
import javax.sql.DataSource;

/** Runs the whole contract suite against the raw-JDBC floor, like against every implementation. */
class RawJdbcFloorContractTest extends StoreRepositoryContract {

    @Override
    protected StoreRepository createRepository(DataSource dataSource) {
        return new RawJdbcFloor(dataSource);
    }

    /** The floor is the yardstick, never an implementation: no provider may register it. */
    @Override
    protected boolean registeredImplementation() {
        return false;
    }
}
