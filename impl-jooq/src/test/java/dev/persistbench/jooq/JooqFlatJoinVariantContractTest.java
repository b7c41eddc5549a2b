package dev.persistbench.jooq;

import dev.persistbench.contract.Variant;
import dev.persistbench.suite.P07FindOrderRules;
import dev.persistbench.suite.P08LatestOrdersRules;
import dev.persistbench.suite.VariantContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The {@code flat-join} variant passes the rules of P07 and P08, the patterns it reads differently. */
class JooqFlatJoinVariantContractTest extends VariantContract {

    @Override
    protected Variant variant() {
        return named(JooqStoreRepository.variants(), "flat-join");
    }

    @Nested
    @DisplayName("P07 findOrder (variant flat-join)")
    class P07 extends Group implements P07FindOrderRules {}

    @Nested
    @DisplayName("P08 latestOrders (variant flat-join)")
    class P08 extends Group implements P08LatestOrdersRules {}
}
