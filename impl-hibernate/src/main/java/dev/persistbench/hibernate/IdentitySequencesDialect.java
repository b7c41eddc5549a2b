package dev.persistbench.hibernate;

import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * PostgreSQL's dialect, except that schema validation also sees the sequences behind identity
 * columns.
 *
 * <p>{@code product.id} is an identity column whose sequence ({@code product_id_seq}, INCREMENT
 * BY 50) Hibernate's pooled optimizer draws from. The stock dialect lists sequences from
 * {@code information_schema.sequences}, which leaves identity sequences out, so validation would
 * report it missing. {@code pg_sequences} lists them, so the validator checks that the sequence
 * exists and that its increment equals the mapping's allocation size. Public only because
 * Hibernate instantiates the dialect by class name.
 */
public final class IdentitySequencesDialect extends PostgreSQLDialect {

    /** Used by Hibernate with the connection's metadata, so the server version is still detected. */
    public IdentitySequencesDialect(DialectResolutionInfo info) {
        super(info);
    }

    /** For Hibernate's reflection when no metadata is available. */
    public IdentitySequencesDialect() {
        super();
    }

    @Override
    public String getQuerySequencesString() {
        // The column names that Hibernate's sequence extractor reads from information_schema.sequences.
        return """
                select current_database() as sequence_catalog,
                       schemaname as sequence_schema,
                       sequencename as sequence_name,
                       start_value,
                       min_value as minimum_value,
                       max_value as maximum_value,
                       increment_by as increment
                from pg_catalog.pg_sequences""";
    }
}
