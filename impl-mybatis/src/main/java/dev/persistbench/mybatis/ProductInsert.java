package dev.persistbench.mybatis;

import java.math.BigDecimal;

// tag::variant-batch-executor[]
/**
 * Parameter of {@code ProductMapper.insertOne} (the {@code batch-executor} variant's P03): the
 * values to insert, and the id MyBatis writes back from the generated keys of the batch.
 */
final class ProductInsert {
    final String sku;
    final String name;
    final BigDecimal price;
    final int stock;
    final String attributesJson;
    Long id;

    ProductInsert(String sku, String name, BigDecimal price, int stock, String attributesJson) {
        this.sku = sku;
        this.name = name;
        this.price = price;
        this.stock = stock;
        this.attributesJson = attributesJson;
    }
}
// end::variant-batch-executor[]
