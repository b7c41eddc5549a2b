package dev.persistbench.jdbc;

import dev.persistbench.contract.Variant;
import dev.persistbench.suite.P02FindCustomerRules;
import dev.persistbench.suite.P04FindProductBySkuRules;
import dev.persistbench.suite.P05SearchProductsRules;
import dev.persistbench.suite.P07FindOrderRules;
import dev.persistbench.suite.P08LatestOrdersRules;
import dev.persistbench.suite.P11RevenueReportRules;
import dev.persistbench.suite.VariantContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The {@code read-tx} variant passes the rules of the reads it wraps in read-only transactions. */
class SpringJdbcReadTxVariantContractTest extends VariantContract {

    @Override
    protected Variant variant() {
        return named(SpringJdbcStoreRepository.variants(), "read-tx");
    }

    @Nested
    @DisplayName("P02 findCustomer (variant read-tx)")
    class P02 extends Group implements P02FindCustomerRules {}

    @Nested
    @DisplayName("P04 findProductBySku (variant read-tx)")
    class P04 extends Group implements P04FindProductBySkuRules {}

    @Nested
    @DisplayName("P05 searchProducts (variant read-tx)")
    class P05 extends Group implements P05SearchProductsRules {}

    @Nested
    @DisplayName("P07 findOrder (variant read-tx)")
    class P07 extends Group implements P07FindOrderRules {}

    @Nested
    @DisplayName("P08 latestOrders (variant read-tx)")
    class P08 extends Group implements P08LatestOrdersRules {}

    @Nested
    @DisplayName("P11 topCustomersByRevenue (variant read-tx)")
    class P11 extends Group implements P11RevenueReportRules {}
}
