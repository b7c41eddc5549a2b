package dev.persistbench.hibernate;

import dev.persistbench.contract.DeclaredStoreProvider;
import org.hibernate.Version;

/** Registers {@link HibernateStoreRepository} with the bench and the report. */
public final class HibernateProvider extends DeclaredStoreProvider {

    public HibernateProvider() {
        super(
                "hibernate",
                "Hibernate ORM",
                "hibernate",
                HibernateStoreRepository.class,
                HibernateStoreRepository::new,
                HibernateStoreRepository::variants);
    }

    @Override
    public String libraryVersion() {
        return Version.getVersionString();
    }
}
