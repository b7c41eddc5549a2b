package dev.persistbench.jooq;

import dev.persistbench.contract.DeclaredStoreProvider;
import org.jooq.Constants;

/** Registers {@link JooqStoreRepository} with the bench and the report. */
public final class JooqProvider extends DeclaredStoreProvider {

    public JooqProvider() {
        super(
                "jooq",
                "jOOQ",
                "jooq",
                JooqStoreRepository.class,
                JooqStoreRepository::new,
                JooqStoreRepository::variants);
    }

    @Override
    public String libraryVersion() {
        return Constants.FULL_VERSION;
    }
}
