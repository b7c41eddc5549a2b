package dev.persistbench.jdbc;

import dev.persistbench.contract.DeclaredStoreProvider;
import org.springframework.core.SpringVersion;

/** Registers {@link SpringJdbcStoreRepository} with the bench and the report. */
public final class SpringJdbcProvider extends DeclaredStoreProvider {

    public SpringJdbcProvider() {
        super(
                "jdbc",
                "Spring JDBC",
                "spring-jdbc",
                SpringJdbcStoreRepository.class,
                SpringJdbcStoreRepository::new,
                SpringJdbcStoreRepository::variants);
    }

    @Override
    public String libraryVersion() {
        return SpringVersion.getVersion();
    }
}
