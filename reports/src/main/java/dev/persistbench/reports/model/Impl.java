package dev.persistbench.reports.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One implementation under comparison, as the results describe it (implementations.json): its id,
 * display name, and where its sources and library version are.
 *
 * @param id id used in results and reports
 * @param label display name
 * @param module Maven module directory, relative to the repository root
 * @param source the repository class, relative to {@code <module>/src/main/java}; null when the results
 *     did not name it
 * @param libraryKey key of this library's version in environment.json "libraries"
 */
public record Impl(String id, String label, String module, String source, String libraryKey) {

    /** Requires an id; a missing label, module or library key falls back as in {@link #ofId}. */
    public Impl {
        Objects.requireNonNull(id, "id");
        label = label == null || label.isBlank() ? id : label;
        module = module == null || module.isBlank() ? "impl-" + id : module;
        source = source == null || source.isBlank() ? null : source;
        libraryKey = libraryKey == null || libraryKey.isBlank() ? id : libraryKey;
    }

    /**
     * An implementation known only by its id (results of an older bench): the id as label and library
     * key, {@code impl-<id>} as module, no source file.
     */
    public static Impl ofId(String id) {
        return new Impl(id, id, null, null, null);
    }

    /** The repository class, relative to the repository root; null when the results did not name one. */
    public Path sourceFile(Path repoRoot) {
        return source == null
                ? null
                : repoRoot.resolve(module).resolve("src/main/java").resolve(source);
    }

    /** Whether {@code value} names this implementation: its id in any case ("jdbc", the JMH param "JDBC"). */
    public boolean matches(String value) {
        return value != null && id.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
    }
}
