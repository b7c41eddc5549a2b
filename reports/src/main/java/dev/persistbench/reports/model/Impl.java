package dev.persistbench.reports.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The four implementations under comparison, in report order, with where their sources live.
 */
public enum Impl {
    HIBERNATE(
            "hibernate",
            "Hibernate ORM",
            "impl-hibernate",
            "dev/persistbench/hibernate/HibernateStoreRepository.java",
            "hibernate"),
    JOOQ("jooq", "jOOQ", "impl-jooq", "dev/persistbench/jooq/JooqStoreRepository.java", "jooq"),
    MYBATIS("mybatis", "MyBatis", "impl-mybatis", "dev/persistbench/mybatis/MyBatisStoreRepository.java", "mybatis"),
    JDBC("jdbc", "Spring JDBC", "impl-jdbc", "dev/persistbench/jdbc/SpringJdbcStoreRepository.java", "spring-jdbc");

    private final String id;
    private final String label;
    private final String module;
    private final String sourcePath;
    private final String libraryKey;

    Impl(String id, String label, String module, String sourcePath, String libraryKey) {
        this.id = id;
        this.label = label;
        this.module = module;
        this.sourcePath = sourcePath;
        this.libraryKey = libraryKey;
    }

    /** Id used in results and reports ("jdbc" is Spring JDBC). */
    public String id() {
        return id;
    }

    /** Display name. */
    public String label() {
        return label;
    }

    /** Maven module directory. */
    public String module() {
        return module;
    }

    /** The repository class, relative to the repository root. */
    public Path sourceFile(Path repoRoot) {
        return repoRoot.resolve(module).resolve("src/main/java").resolve(sourcePath);
    }

    /** Key of this library's version in environment.json "libraries". */
    public String libraryKey() {
        return libraryKey;
    }

    /** Matches a result id ("jdbc") or a JMH enum param ("JDBC"). */
    public static Optional<Impl> byId(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.toLowerCase(Locale.ROOT);
        for (Impl i : values()) {
            if (i.id.equals(v) || i.name().toLowerCase(Locale.ROOT).equals(v)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
