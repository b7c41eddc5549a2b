package dev.persistbench.bench;

import dev.persistbench.contract.StoreProvider;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * An implementation under test: whatever {@link StoreProvider} the class path registers, so the
 * bench names no library. {@link #all()} is the registry, in report order (by label); the JMH
 * parameter {@code impls} holds their ids, and no benchmark ever switches on one.
 */
public final class Impl {
    private final StoreProvider provider;

    private Impl(StoreProvider provider) {
        this.provider = provider;
    }

    /**
     * Every implementation registered on the class path of the current thread's context class
     * loader (the application class path in a JMH fork), sorted by label.
     *
     * @throws IllegalStateException when a provider breaks {@link StoreProvider#all}'s rules
     */
    public static List<Impl> all() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return StoreProvider.all(loader == null ? Impl.class.getClassLoader() : loader).stream()
                .map(Impl::new)
                .toList();
    }

    /** The registered implementation whose id is {@code text} (any case, surrounding blanks ignored). */
    public static Impl parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        List<Impl> all = all();
        return all.stream()
                .filter(i -> i.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation '" + text
                        + "'; expected one of " + all.stream().map(Impl::id).toList()));
    }

    /** The id used in result files and reports: "hibernate", "jooq", "mybatis", "jdbc", ... */
    public String id() {
        return provider.id();
    }

    /** The display name ("Hibernate ORM"). */
    public String label() {
        return provider.label();
    }

    /** The key of its library's version in environment.json "libraries". */
    public String library() {
        return provider.library();
    }

    /** Its library's version, as found on the class path. */
    public String libraryVersion() {
        return provider.libraryVersion();
    }

    /** The Maven module holding this implementation (and its contract-suite reports). */
    public String module() {
        return provider.module();
    }

    /** The repository class's source, relative to the module's src/main/java. */
    public String sourcePath() {
        return provider.sourcePath();
    }

    /** The variants the implementation declares, measured beside its default (none for most). */
    public List<Variant> variants() {
        return provider.variants();
    }

    /** A new repository over {@code dataSource}; the caller closes it. */
    public StoreRepository create(DataSource dataSource) {
        return provider.create(dataSource);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Impl other && other.id().equals(id());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id());
    }

    @Override
    public String toString() {
        return id();
    }
}
