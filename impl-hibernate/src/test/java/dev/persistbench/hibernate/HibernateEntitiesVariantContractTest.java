package dev.persistbench.hibernate;

import dev.persistbench.contract.Variant;
import dev.persistbench.suite.P07FindOrderRules;
import dev.persistbench.suite.P08LatestOrdersRules;
import dev.persistbench.suite.VariantContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The {@code entities} variant passes the rules of P07 and P08, the patterns it reads differently. */
class HibernateEntitiesVariantContractTest extends VariantContract {

    @Override
    protected Variant variant() {
        return named(HibernateStoreRepository.variants(), "entities");
    }

    @Nested
    @DisplayName("P07 findOrder (variant entities)")
    class P07 extends Group implements P07FindOrderRules {}

    @Nested
    @DisplayName("P08 latestOrders (variant entities)")
    class P08 extends Group implements P08LatestOrdersRules {}
}
