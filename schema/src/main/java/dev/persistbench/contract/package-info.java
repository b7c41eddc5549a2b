/**
 * The repository contract of the order store: {@link dev.persistbench.contract.StoreRepository}
 * is the specification that every implementation (Hibernate ORM, jOOQ, MyBatis, Spring JDBC)
 * fulfils and that the shared contract suite pins down. Rules are numbered after the patterns
 * P01 to P13 of the specification; values are in {@code model}, exceptions in {@code error}.
 */
package dev.persistbench.contract;
