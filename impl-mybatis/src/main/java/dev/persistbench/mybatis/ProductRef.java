package dev.persistbench.mybatis;

import java.math.BigDecimal;

// tag::P06[]
/** What P06 reads of a product it sells: identity and current price. */
record ProductRef(long id, String sku, String name, BigDecimal price) {}
// end::P06[]
