package dev.persistbench.jdbc;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.suite.StoreRepositoryContract;
import javax.sql.DataSource;

/** Runs the whole contract suite against the Spring JDBC implementation. */
class SpringJdbcContractTest extends StoreRepositoryContract {

    @Override
    protected StoreRepository createRepository(DataSource dataSource) {
        return new SpringJdbcStoreRepository(dataSource);
    }
}
