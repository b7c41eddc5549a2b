package dev.persistbench.jooq;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.suite.StoreRepositoryContract;
import javax.sql.DataSource;

/** Runs every rule of the contract suite against {@link JooqStoreRepository}. */
class JooqContractTest extends StoreRepositoryContract {

    @Override
    protected StoreRepository createRepository(DataSource dataSource) {
        return new JooqStoreRepository(dataSource);
    }
}
