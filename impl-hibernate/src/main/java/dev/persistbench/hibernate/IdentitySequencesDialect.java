package dev.persistbench.hibernate;

import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

// tag::config[]
/**
 * PostgreSQL's dialect, reading sequences from {@code pg_sequences} instead of {@code
 * information_schema.sequences}, which leaves out the sequences behind identity columns. The
 * persist variant draws product ids from {@code product_id_seq}, the identity's own sequence, so
 * that it and every other writer share one; schema validation and the check that the allocation
 * size is the sequence's increment must see it. The columns are named as the information schema
 * names them, which is what Hibernate's sequence reader expects.
 */
public class IdentitySequencesDialect extends PostgreSQLDialect {

    private static final String SEQUENCES = """
            select current_database() as sequence_catalog, schemaname as sequence_schema,
                   sequencename as sequence_name, start_value, min_value as minimum_value,
                   max_value as maximum_value, increment_by as increment
            from pg_catalog.pg_sequences""";

    public IdentitySequencesDialect() {}

    public IdentitySequencesDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    public String getQuerySequencesString() {
        return SEQUENCES;
    }
}
// end::config[]
