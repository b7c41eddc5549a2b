package dev.persistbench.mybatis;

import dev.persistbench.contract.DeclaredStoreProvider;
import org.apache.ibatis.session.SqlSession;

/** Registers {@link MyBatisStoreRepository} with the bench and the report. */
public final class MyBatisProvider extends DeclaredStoreProvider {

    public MyBatisProvider() {
        super(
                "mybatis",
                "MyBatis",
                "mybatis",
                MyBatisStoreRepository.class,
                MyBatisStoreRepository::new,
                MyBatisStoreRepository::variants);
    }

    @Override
    public String libraryVersion() {
        return SqlSession.class.getPackage().getImplementationVersion();
    }
}
