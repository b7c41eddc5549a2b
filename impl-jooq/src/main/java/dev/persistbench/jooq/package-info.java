/**
 * The order store implemented with jOOQ: {@link dev.persistbench.jooq.JooqStoreRepository} over
 * the table and record classes that the build generates from the Flyway-migrated schema
 * (package {@code dev.persistbench.jooq.db}, under target/generated-sources/jooq, never
 * committed).
 */
package dev.persistbench.jooq;
