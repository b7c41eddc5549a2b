/**
 * A migrated, pooled PostgreSQL for the suite and the bench: {@link dev.persistbench.testkit.db.TestDatabase#shared()}.
 * The server is chosen by the {@code pb.db} system property or the {@code PB_DB} environment
 * variable: {@code embedded} (default), {@code external} or {@code testcontainers}.
 */
package dev.persistbench.testkit.db;
