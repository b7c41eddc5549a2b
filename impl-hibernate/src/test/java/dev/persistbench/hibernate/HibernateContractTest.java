package dev.persistbench.hibernate;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.suite.StoreRepositoryContract;
import javax.sql.DataSource;

/** Runs every rule of the contract suite against {@link HibernateStoreRepository}. */
class HibernateContractTest extends StoreRepositoryContract {

    @Override
    protected StoreRepository createRepository(DataSource dataSource) {
        return new HibernateStoreRepository(dataSource);
    }
}
