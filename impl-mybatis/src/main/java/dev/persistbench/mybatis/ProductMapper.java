package dev.persistbench.mybatis;

import dev.persistbench.contract.model.Product;
import java.math.BigDecimal;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Product statements; SQL in {@code ProductMapper.xml}. */
interface ProductMapper {

    // tag::P03[]
    /**
     * P03: inserts one product per index of the arrays (all of the same length) in one
     * statement; returns the generated id of each, with its SKU, in no particular order.
     */
    List<ProductKey> insertAll(
            @Param("skus") String[] skus,
            @Param("names") String[] names,
            @Param("prices") BigDecimal[] prices,
            @Param("stocks") Integer[] stocks,
            @Param("attributes") String[] attributesJson);
    // end::P03[]

    // tag::variant-batch-executor[]
    /** The batch-executor variant's P03: one product, its generated id written into {@code product.id}. */
    int insertOne(ProductInsert product);
    // end::variant-batch-executor[]

    // tag::P04[]
    /** P04: exact, case-sensitive match, or null. */
    Product findBySku(String sku);
    // end::P04[]

    // tag::P05[]
    /** P05: one keyset page. */
    List<Product> search(SearchParams search);
    // end::P05[]

    // tag::P06[]
    /**
     * P06: takes {@code units[i]} from the stock of product {@code ids[i]} wherever there are
     * that many, in one statement; returns SKU, name and price of the products it took from.
     */
    List<ProductRef> takeStock(@Param("ids") Long[] ids, @Param("units") Long[] units);

    /** P06, diagnosis only: those of {@code ids} that exist. */
    List<Long> findExistingIds(@Param("ids") Long[] ids);
    // end::P06[]
}
