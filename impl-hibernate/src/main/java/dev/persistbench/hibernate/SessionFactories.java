package dev.persistbench.hibernate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.StandardBasicTypes;

// tag::config[]
/**
 * Builds the one SessionFactory of a repository with Hibernate's native bootstrap (no
 * persistence.xml, no container): the settings below, the four entities, and one SQL function
 * for jsonb containment.
 */
final class SessionFactories {

    /** Rows per JDBC batch of a stateful session's flush (P06's lines set their own, larger size). */
    static final int BATCH_SIZE = 50;

    /**
     * The HQL function {@code jsonb_contains(attributes, :json)}: PostgreSQL's {@code @>}, which
     * the GIN index on product.attributes (jsonb_path_ops) serves. HQL has no operator for it.
     */
    static final String JSONB_CONTAINS = "jsonb_contains";

    private SessionFactories() {}

    /**
     * The Hibernate settings that matter for speed and behaviour, as given to the bootstrap.
     * impl-hibernate/README.md gives the reason for each.
     */
    static Map<String, String> settings(String defaultSchema) {
        Map<String, String> s = new LinkedHashMap<>();
        // Validate the mapping against the Flyway-migrated schema; never create or alter anything.
        s.put(AvailableSettings.HBM2DDL_AUTO, "validate");
        // PostgreSQL's dialect, named, seeing identity columns' sequences (IdentitySequencesDialect);
        // the server version is still detected from the connection.
        s.put(AvailableSettings.DIALECT, IdentitySequencesDialect.class.getName());
        // The schema of the DataSource's connections (currentSchema=...): the validator reads the
        // tables there, and generated SQL names it.
        s.put(AvailableSettings.DEFAULT_SCHEMA, defaultSchema);

        s.put(AvailableSettings.STATEMENT_BATCH_SIZE, Integer.toString(BATCH_SIZE));
        s.put(AvailableSettings.ORDER_INSERTS, "true");
        s.put(AvailableSettings.ORDER_UPDATES, "true");
        // Only P12 streams, and it sets its own fetch size; other reads are small and bounded.
        s.put(AvailableSettings.STATEMENT_FETCH_SIZE, "0");

        s.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        s.put(AvailableSettings.USE_QUERY_CACHE, "false");
        s.put(AvailableSettings.QUERY_PLAN_CACHE_ENABLED, "true");
        s.put(AvailableSettings.QUERY_PLAN_CACHE_MAX_SIZE, "2048");
        // IN lists padded to powers of two, so P06's and P08's id lists reuse a few plans.
        s.put(AvailableSettings.IN_CLAUSE_PARAMETER_PADDING, "true");
        // Paging a collection fetch in memory (HHH90003004) is a bug here, not a warning.
        s.put(AvailableSettings.FAIL_ON_PAGINATION_OVER_COLLECTION_FETCH, "true");

        // Lazy loading is never relied on: every fetch is explicit in a query.
        s.put(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, "-1");

        // One connection per transaction, from the pool, returned at its end.
        s.put(AvailableSettings.CONNECTION_HANDLING, "DELAYED_ACQUISITION_AND_RELEASE_AFTER_TRANSACTION");
        // The caller's pool hands out connections in auto-commit mode; Hibernate switches it off per transaction.
        s.put(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, "false");
        // G.1: an operation of one statement runs it in auto-commit, without a transaction; a
        // mutation query or a flush outside a transaction is otherwise refused (TransactionRequiredException).
        s.put(AvailableSettings.ALLOW_UPDATE_OUTSIDE_TRANSACTION, "true");

        s.put(AvailableSettings.SHOW_SQL, "false");
        s.put(AvailableSettings.FORMAT_SQL, "false");
        s.put(AvailableSettings.USE_SQL_COMMENTS, "false");
        s.put(AvailableSettings.GENERATE_STATISTICS, "false");

        s.put(AvailableSettings.JSON_FORMAT_MAPPER, "jackson");
        // Instants travel as OffsetDateTime in UTC (JDBC 4.2 setObject/getObject, java.time's proleptic
        // calendar). The default (TIMESTAMP_UTC) binds a java.sql.Timestamp, whose Julian calendar
        // shifts instants before 1582 by days: year 1 (Check.MIN_INSTANT) would be stored 2 days off.
        s.put(AvailableSettings.PREFERRED_INSTANT_JDBC_TYPE, "TIMESTAMP_WITH_TIMEZONE");
        return s;
    }

    /**
     * The session factory over {@code dataSource} with {@code settings}, or an exception if the
     * mapping does not match the schema.
     */
    static SessionFactory build(DataSource dataSource, Map<String, String> settings) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySettings(new LinkedHashMap<String, Object>(settings))
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .build();
        try {
            Metadata metadata = new MetadataSources(registry)
                    .addAnnotatedClass(CustomerEntity.class)
                    .addAnnotatedClass(ProductEntity.class)
                    .addAnnotatedClass(PurchaseOrderEntity.class)
                    .addAnnotatedClass(OrderLineEntity.class)
                    .getMetadataBuilder()
                    .applyFunctions(SessionFactories::contributeFunctions)
                    .build();
            return metadata.buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** What Hibernate resolved at start-up, for {@link HibernateStoreRepository#settings()}. */
    static Map<String, String> resolved(SessionFactory sessionFactory) {
        SessionFactoryImplementor sf = sessionFactory.unwrap(SessionFactoryImplementor.class);
        JdbcEnvironment jdbc = sf.getJdbcServices().getJdbcEnvironment();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("hibernate.version", org.hibernate.Version.getVersionString());
        s.put(
                "hibernate.dialect",
                jdbc.getDialect().getClass().getName() + " " + jdbc.getDialect().getVersion());
        return Collections.unmodifiableMap(s);
    }

    private static void contributeFunctions(FunctionContributions functions) {
        functions
                .getFunctionRegistry()
                .registerPattern(
                        JSONB_CONTAINS,
                        "(?1 @> cast(?2 as jsonb))",
                        functions.getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.BOOLEAN));
    }

    /** The schema the pool's connections work in (pgjdbc's currentSchema), read once at start-up. */
    static String currentSchema(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String schema = connection.getSchema();
            if (schema == null || schema.isBlank()) {
                throw new IllegalStateException("the DataSource's connections have no current schema");
            }
            return schema;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the current schema: " + e.getMessage(), e);
        }
    }
}
// end::config[]
