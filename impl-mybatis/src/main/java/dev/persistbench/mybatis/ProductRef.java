package dev.persistbench.mybatis;

import java.math.BigDecimal;

/** What P06 reads of a product it sells: identity and current price. */
record ProductRef(long id, String sku, String name, BigDecimal price) {}
