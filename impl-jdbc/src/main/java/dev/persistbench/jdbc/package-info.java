/**
 * The store contract implemented with Spring JDBC alone: {@code JdbcClient} for single
 * statements, {@code JdbcTemplate} where a JDBC batch is needed, explicit row mappers and
 * result-set extractors, one {@code TransactionTemplate} over a {@code DataSourceTransactionManager}
 * per call. No Spring application context, no Spring Boot: everything is wired in the
 * repository's constructor.
 */
package dev.persistbench.jdbc;
