package dev.persistbench.contract;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A {@link StoreProvider} whose facts are given to its constructor, so that an implementation's
 * provider is one constructor call and the way it reads its library's version.
 */
public abstract class DeclaredStoreProvider implements StoreProvider {
    private final String id;
    private final String label;
    private final String library;
    private final Class<? extends StoreRepository> repositoryClass;
    private final Function<DataSource, StoreRepository> factory;
    private final Supplier<List<Variant>> variants;

    /**
     * @param id see {@link #id()}
     * @param label see {@link #label()}
     * @param library see {@link #library()}
     * @param repositoryClass see {@link #repositoryClass()}
     * @param factory builds the default repository over a DataSource
     * @param variants the declared variants (called each time they are asked for)
     */
    protected DeclaredStoreProvider(
            String id,
            String label,
            String library,
            Class<? extends StoreRepository> repositoryClass,
            Function<DataSource, StoreRepository> factory,
            Supplier<List<Variant>> variants) {
        this.id = Objects.requireNonNull(id, "id");
        this.label = Objects.requireNonNull(label, "label");
        this.library = Objects.requireNonNull(library, "library");
        this.repositoryClass = Objects.requireNonNull(repositoryClass, "repositoryClass");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.variants = Objects.requireNonNull(variants, "variants");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String label() {
        return label;
    }

    @Override
    public final String library() {
        return library;
    }

    @Override
    public final Class<? extends StoreRepository> repositoryClass() {
        return repositoryClass;
    }

    @Override
    public final StoreRepository create(DataSource dataSource) {
        return factory.apply(dataSource);
    }

    @Override
    public final List<Variant> variants() {
        return variants.get();
    }

    @Override
    public String toString() {
        return id;
    }
}
