package dev.persistbench.mybatis;

import dev.persistbench.contract.model.Product;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Product statements; SQL in {@code ProductMapper.xml}. */
interface ProductMapper {

    /** P03: one row; under the BATCH executor the rows of a call travel as one JDBC batch. */
    int insert(ProductInsert product);

    /** P04: exact, case-sensitive match, or null. */
    Product findBySku(String sku);

    /** P05: one keyset page. */
    List<Product> search(SearchParams search);

    /** P06: SKU, name and price of those of {@code ids} that exist. */
    List<ProductRef> findRefs(@Param("ids") Collection<Long> ids);

    /** P06: takes {@code quantity} units if there are that many; 1 if taken, 0 if not. */
    int takeStock(@Param("id") long id, @Param("quantity") int quantity);
}
