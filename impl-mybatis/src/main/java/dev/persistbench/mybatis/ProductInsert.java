package dev.persistbench.mybatis;

import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Product;

/**
 * Parameter of one row of {@code ProductMapper.insert} in a batch: the product to insert and the
 * id MyBatis writes back from that row's generated key.
 */
final class ProductInsert {
    final NewProduct product;
    Long id;

    ProductInsert(NewProduct product) {
        this.product = product;
    }

    Product toProduct() {
        if (id == null) {
            throw new IllegalStateException("no generated id was returned for sku " + product.sku());
        }
        return new Product(
                id, product.sku(), product.name(), product.price(), product.stock(), product.attributes(), 0L);
    }
}
