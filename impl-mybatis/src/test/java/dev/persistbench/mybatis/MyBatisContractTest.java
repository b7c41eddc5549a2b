package dev.persistbench.mybatis;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.suite.StoreRepositoryContract;
import javax.sql.DataSource;

/** Runs every rule of the contract suite against the MyBatis implementation. */
class MyBatisContractTest extends StoreRepositoryContract {

    @Override
    protected StoreRepository createRepository(DataSource dataSource) {
        return new MyBatisStoreRepository(dataSource);
    }
}
