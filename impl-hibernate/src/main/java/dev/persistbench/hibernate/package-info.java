/**
 * The store contract implemented with Hibernate ORM 7: {@link dev.persistbench.hibernate.HibernateStoreRepository}
 * builds a SessionFactory over the caller's DataSource with the native bootstrap, validates the
 * annotated entities against the Flyway-migrated schema, and converts the package-private entities
 * into the contract's records at the edge, so no entity and no Hibernate exception leaves the
 * package.
 */
package dev.persistbench.hibernate;
