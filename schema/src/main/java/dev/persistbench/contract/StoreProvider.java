package dev.persistbench.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * How an implementation of {@link StoreRepository} makes itself known to the bench and the report:
 * each implementation module registers one provider in {@code
 * META-INF/services/dev.persistbench.contract.StoreProvider}, and whoever has the module on its class
 * path finds it with {@link ServiceLoader}. Adding an implementation therefore means adding its
 * module (with its provider) and nothing in the bench or the report.
 */
public interface StoreProvider {

    /**
     * The id used in result files, JMH parameters and reports: lower-case letters, digits and dashes,
     * starting with a letter ("hibernate"); unique among the providers on the class path.
     */
    String id();

    /** The id of the hand-written raw-JDBC floor in result files, which no provider may take. */
    String FLOOR_ID = "raw-jdbc";

    /** The display name in reports ("Hibernate ORM"). */
    String label();

    /** The key of the library's version in environment.json "libraries" ("hibernate", "spring-jdbc"). */
    String library();

    /** The version of the library this provider runs on, as found on the class path at run time. */
    String libraryVersion();

    /** The repository class; its source file is shown first among the module's code. */
    Class<? extends StoreRepository> repositoryClass();

    /** A new repository over {@code dataSource}; the caller closes it. */
    StoreRepository create(DataSource dataSource);

    /** The named variants measured beside the default (none unless the implementation declares some). */
    default List<Variant> variants() {
        return List.of();
    }

    /** The Maven module directory holding the implementation, relative to the repository root. */
    default String module() {
        return "impl-" + id();
    }

    /** The repository class's source, relative to the module's {@code src/main/java}. */
    default String sourcePath() {
        return repositoryClass().getName().replace('.', '/') + ".java";
    }

    /**
     * Every provider that {@code loader} can see, checked: ids well-formed and unique, labels
     * present. Sorted by label, ignoring case, which is the order of every report.
     *
     * @throws IllegalStateException naming the provider class that breaks a rule
     */
    static List<StoreProvider> all(ClassLoader loader) {
        List<StoreProvider> found = ServiceLoader.load(StoreProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .sorted((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.label(), b.label()))
                .toList();
        Map<String, String> ids = new HashMap<>();
        for (StoreProvider p : found) {
            String name = p.getClass().getName();
            if (p.id() == null || !p.id().matches("[a-z][a-z0-9-]*")) {
                throw new IllegalStateException(name + ": id must be lower-case letters, digits and dashes, "
                        + "starting with a letter; was " + p.id());
            }
            if (p.id().equals(FLOOR_ID)) {
                throw new IllegalStateException(name + ": id '" + FLOOR_ID + "' is the floor's");
            }
            String taken = ids.putIfAbsent(p.id(), name);
            if (taken != null) {
                throw new IllegalStateException(
                        "id '" + p.id() + "' is taken by both " + taken + " and " + name + ": ids must be unique");
            }
            if (p.label() == null || p.label().isBlank()) {
                throw new IllegalStateException(name + ": label is blank");
            }
        }
        return found;
    }
}
