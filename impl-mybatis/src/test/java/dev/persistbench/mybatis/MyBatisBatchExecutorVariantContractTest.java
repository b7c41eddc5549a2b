package dev.persistbench.mybatis;

import dev.persistbench.contract.Variant;
import dev.persistbench.suite.P03CreateProductsRules;
import dev.persistbench.suite.VariantContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The {@code batch-executor} variant passes the rules of P03, the one pattern it writes differently. */
class MyBatisBatchExecutorVariantContractTest extends VariantContract {

    @Override
    protected Variant variant() {
        return named(MyBatisStoreRepository.variants(), "batch-executor");
    }

    @Nested
    @DisplayName("P03 createProducts (variant batch-executor)")
    class P03 extends Group implements P03CreateProductsRules {}
}
