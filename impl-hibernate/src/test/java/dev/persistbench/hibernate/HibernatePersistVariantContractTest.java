package dev.persistbench.hibernate;

import dev.persistbench.contract.Variant;
import dev.persistbench.suite.P03CreateProductsRules;
import dev.persistbench.suite.VariantContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The {@code persist} variant passes the rules of P03, the pattern it writes differently. */
class HibernatePersistVariantContractTest extends VariantContract {

    @Override
    protected Variant variant() {
        return named(HibernateStoreRepository.variants(), "persist");
    }

    @Nested
    @DisplayName("P03 createProducts (variant persist)")
    class P03 extends Group implements P03CreateProductsRules {}
}
