package dev.persistbench.reports.model;

import java.util.List;

/** The four implementations of this repository as the fixtures' implementations.json describes them. */
public final class FixtureImpls {

    /** Hibernate ORM. */
    public static final Impl HIBERNATE = new Impl(
            "hibernate",
            "Hibernate ORM",
            "impl-hibernate",
            "dev/persistbench/hibernate/HibernateStoreRepository.java",
            "hibernate");

    /** jOOQ. */
    public static final Impl JOOQ =
            new Impl("jooq", "jOOQ", "impl-jooq", "dev/persistbench/jooq/JooqStoreRepository.java", "jooq");

    /** MyBatis. */
    public static final Impl MYBATIS = new Impl(
            "mybatis", "MyBatis", "impl-mybatis", "dev/persistbench/mybatis/MyBatisStoreRepository.java", "mybatis");

    /** Spring JDBC. */
    public static final Impl JDBC = new Impl(
            "jdbc", "Spring JDBC", "impl-jdbc", "dev/persistbench/jdbc/SpringJdbcStoreRepository.java", "spring-jdbc");

    /** All four in report order. */
    public static final Catalogue CATALOGUE = Catalogue.of(List.of(HIBERNATE, JOOQ, MYBATIS, JDBC));

    private FixtureImpls() {}

    /** The four, for parameterised tests. */
    public static List<Impl> all() {
        return CATALOGUE.impls();
    }
}
