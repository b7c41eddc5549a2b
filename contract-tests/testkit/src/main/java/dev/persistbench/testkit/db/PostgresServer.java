package dev.persistbench.testkit.db;

/**
 * A reachable PostgreSQL server: where to connect and as whom. The password stays inside this
 * object; {@link #toString()} never shows it.
 */
public interface PostgresServer extends AutoCloseable {

    /** A JDBC URL without schema settings, e.g. {@code jdbc:postgresql://localhost:5432/postgres}. */
    String jdbcUrl();

    String user();

    String password();

    /** Stops the server if this object started it; a no-op for an external server. */
    @Override
    void close();
}
