package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.error.IllegalTransitionException;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.ProductSortKey;
import dev.persistbench.contract.model.SortDirection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spot checks of the reference model against the contract's Javadoc, independent of any implementation. */
class ReferenceStoreTest {

    private final ReferenceStore model = new ReferenceStore();
    private final Instant t0 = Instant.parse("2026-03-01T00:00:00Z");

    private Product product(String sku, String price, int stock) {
        return model.createProducts(
                        List.of(new NewProduct(sku, sku.toLowerCase(), new BigDecimal(price), stock, Map.of())))
                .get(0);
    }

    @Test
    void emailIsUniqueWhateverItsCase() {
        model.createCustomer(new NewCustomer("a@example.com", "A"));
        assertThatThrownBy(() -> model.createCustomer(new NewCustomer("A@EXAMPLE.com", "B")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(model.customers()).hasSize(1);
    }

    @Test
    void idempotencyKeyReturnsTheFirstOrderWhateverTheRequestHolds() {
        Customer c = model.createCustomer(new NewCustomer("a@example.com", "A"));
        Product p = product("P", "2.50", 10);
        Order first = model.placeOrder(PlaceOrder.of(c.id(), t0, List.of(new OrderLineRequest(p.id(), 3)))
                .withIdempotencyKey("k"));
        Order again = model.placeOrder(
                PlaceOrder.of(999, t0, List.of(new OrderLineRequest(12345, 99))).withIdempotencyKey("k"));
        assertThat(again).isEqualTo(first);
        assertThat(model.findProductBySku("P").orElseThrow().stock()).isEqualTo(7);
        assertThat(first.total()).isEqualByComparingTo("7.50");
    }

    @Test
    void statusChangesCheckTheVersionBeforeTheTransitionAndCancellationGivesStockBack() {
        Customer c = model.createCustomer(new NewCustomer("a@example.com", "A"));
        Product p = product("P", "1.00", 10);
        Order o = model.placeOrder(
                PlaceOrder.of(c.id(), t0, List.of(new OrderLineRequest(p.id(), 2), new OrderLineRequest(p.id(), 3))));
        assertThat(model.findProductBySku("P").orElseThrow())
                .extracting(Product::stock, Product::version)
                .containsExactly(5, 1L);
        assertThatThrownBy(() -> model.changeStatus(o.id(), 1, OrderStatus.SHIPPED))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> model.changeStatus(o.id(), 0, OrderStatus.SHIPPED))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(model.changeStatus(o.id(), 0, OrderStatus.CANCELLED).version())
                .isEqualTo(1);
        assertThat(model.findProductBySku("P").orElseThrow())
                .extracting(Product::stock, Product::version)
                .containsExactly(10, 2L);
    }

    @Test
    void bulkCancelStepsEachProductsVersionOnce() {
        Customer c = model.createCustomer(new NewCustomer("a@example.com", "A"));
        Product p = product("P", "1.00", 10);
        model.placeOrder(PlaceOrder.of(c.id(), t0, List.of(new OrderLineRequest(p.id(), 1))));
        model.placeOrder(PlaceOrder.of(c.id(), t0, List.of(new OrderLineRequest(p.id(), 1))));
        assertThat(model.cancelNewOrdersBefore(t0.plusSeconds(1))).isEqualTo(2);
        assertThat(model.findProductBySku("P").orElseThrow())
                .extracting(Product::stock, Product::version)
                .containsExactly(10, 3L);
    }

    @Test
    void keysetPagesVisitEveryMatchingRowOnceWithTiesBrokenById() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ids.add(product("S" + i, i % 2 == 1 ? "1.00" : "2.00", 1).id());
        }
        ProductSearch first = ProductSearch.all(3).sortedBy(ProductSortKey.PRICE, SortDirection.DESC);
        List<Long> seen = new ArrayList<>();
        ProductPage page = model.searchProducts(first);
        seen.addAll(page.items().stream().map(Product::id).toList());
        while (page.next().isPresent()) {
            page = model.searchProducts(first.after(page.next().get()));
            seen.addAll(page.items().stream().map(Product::id).toList());
        }
        // price 2.00 (products 2, 4, 6) first, then 1.00 (1, 3, 5, 7), each group by id descending
        assertThat(seen)
                .containsExactly(ids.get(5), ids.get(3), ids.get(1), ids.get(6), ids.get(4), ids.get(2), ids.get(0));
    }
}
