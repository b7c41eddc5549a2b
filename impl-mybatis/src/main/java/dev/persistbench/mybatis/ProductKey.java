package dev.persistbench.mybatis;

// tag::P03[]
/** One row of P03's {@code RETURNING id, sku}: the id generated for the product with that SKU. */
record ProductKey(long id, String sku) {}
// end::P03[]
