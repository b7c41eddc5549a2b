package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G.2: bad arguments are refused with an {@link IllegalArgumentException} that names the
 * argument, before any SQL is sent, and nothing is written.
 */
public interface ArgumentRules extends ContractFixture {

    /** Checks that {@code call} is refused naming {@code argument}, with no statement sent. */
    private void assertRefused(String argument, ThrowingCallable call) {
        Attempt attempt = attempt(call);
        assertThat(attempt.thrown())
                .as("refusal naming '%s'", argument)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(argument);
        assertThat(attempt.statements())
                .as("statements sent before refusing '%s'", argument)
                .isZero();
    }

    private void assertNothingWritten() {
        for (String table : List.of("customer", "product", "purchase_order", "order_line")) {
            assertThat(data().count(table)).as("rows in %s", table).isZero();
        }
    }

    @Test
    @DisplayName("G.2 createCustomer(null) is refused naming 'customer'")
    default void g2_nullCustomer() {
        assertRefused("customer", () -> store().createCustomer(null));
        assertNothingWritten();
    }

    @Test
    @DisplayName(
            "G.2 createProducts: a null list, a null element and more than MAX_BATCH are refused naming 'products'")
    default void g2_badProductLists() {
        assertRefused("products", () -> store().createProducts(null));
        List<NewProduct> withNull = new ArrayList<>(
                List.of(data().product().build(), data().product().build()));
        withNull.add(null);
        assertRefused("products", () -> store().createProducts(withNull));
        List<NewProduct> tooMany = new ArrayList<>(StoreRepository.MAX_BATCH + 1);
        for (int i = 0; i <= StoreRepository.MAX_BATCH; i++) {
            tooMany.add(new NewProduct("over-" + i, "Over " + i, BigDecimal.ONE, 1, Map.of()));
        }
        assertRefused("products", () -> store().createProducts(tooMany));
        assertNothingWritten();
    }

    @Test
    @DisplayName("G.2 findProductBySku: null, U+0000 and a lone surrogate are refused naming 'sku'")
    default void g2_badSkus() {
        assertRefused("sku", () -> store().findProductBySku(null));
        assertRefused("sku", () -> store().findProductBySku("A\u0000B"));
        assertRefused("sku", () -> store().findProductBySku("A\uD83DB"));
        assertRefused("sku", () -> store().findProductBySku("\uDE00"));
    }

    @Test
    @DisplayName("G.2 searchProducts(null) is refused naming 'search'")
    default void g2_nullSearch() {
        assertRefused("search", () -> store().searchProducts(null));
    }

    @Test
    @DisplayName("G.2 placeOrder(null) is refused naming 'order'; nothing written")
    default void g2_nullOrder() {
        assertRefused("order", () -> store().placeOrder(null));
        assertNothingWritten();
    }

    @Test
    @DisplayName(
            "G.2 changeStatus: a zero or negative orderId and a null newStatus are refused by name; nothing changes")
    default void g2_badChangeStatus() {
        Product product = data().product("1.00", 10);
        long orderId = data().order(data().customer(), T0, product, 2).id();
        assertRefused("orderId", () -> store().changeStatus(0, 0, OrderStatus.PAID));
        assertRefused("orderId", () -> store().changeStatus(-1, 0, OrderStatus.PAID));
        assertRefused("orderId", () -> store().changeStatus(Long.MIN_VALUE, 0, OrderStatus.CANCELLED));
        assertRefused("newStatus", () -> store().changeStatus(orderId, 0, null));
        assertThat(data().orderStatus(orderId)).isEqualTo("NEW");
        assertThat(data().orderVersion(orderId)).isZero();
        assertThat(data().stock(product.id())).isEqualTo(8);
    }

    @Test
    @DisplayName("G.2 deleteOrder: a zero or negative orderId is refused naming 'orderId'")
    default void g2_badDeleteOrder() {
        assertRefused("orderId", () -> store().deleteOrder(0));
        assertRefused("orderId", () -> store().deleteOrder(-7));
    }

    @Test
    @DisplayName("G.2 latestOrders: limit 0, -1 and MAX_LATEST_ORDERS + 1 are refused naming 'limit'")
    default void g2_latestOrdersLimits() {
        long customerId = data().customer().id();
        assertRefused("limit", () -> store().latestOrders(customerId, 0));
        assertRefused("limit", () -> store().latestOrders(customerId, -1));
        assertRefused("limit", () -> store().latestOrders(customerId, StoreRepository.MAX_LATEST_ORDERS + 1));
        assertRefused("limit", () -> store().latestOrders(customerId, Integer.MIN_VALUE));
    }

    @Test
    @DisplayName("G.2 cancelNewOrdersBefore(null) is refused naming 'cutoff'; nothing changes")
    default void g2_nullCutoff() {
        Product product = data().product("1.00", 10);
        long orderId = data().order(data().customer(), T0, product, 1).id();
        assertRefused("cutoff", () -> store().cancelNewOrdersBefore(null));
        assertThat(data().orderStatus(orderId)).isEqualTo("NEW");
        assertThat(data().stock(product.id())).isEqualTo(9);
    }

    @Test
    @DisplayName("G.2 topCustomersByRevenue: null from/to and a limit out of 1..MAX_REPORT_ROWS are refused by name")
    default void g2_badReportArguments() {
        assertRefused("from", () -> store().topCustomersByRevenue(null, T0, 10));
        assertRefused("to", () -> store().topCustomersByRevenue(T0, null, 10));
        assertRefused("limit", () -> store().topCustomersByRevenue(T0, T0.plusSeconds(1), 0));
        assertRefused("limit", () -> store().topCustomersByRevenue(T0, T0.plusSeconds(1), -5));
        assertRefused(
                "limit",
                () -> store().topCustomersByRevenue(T0, T0.plusSeconds(1), StoreRepository.MAX_REPORT_ROWS + 1));
    }

    @Test
    @DisplayName("G.2 streamOrderLines: null from, to or consumer is refused by name; the consumer is never called")
    default void g2_badStreamArguments() {
        List<Object> seen = new ArrayList<>();
        assertRefused("from", () -> store().streamOrderLines(null, T0, seen::add));
        assertRefused("to", () -> store().streamOrderLines(T0, null, seen::add));
        assertRefused("consumer", () -> store().streamOrderLines(T0, T0.plusSeconds(1), null));
        assertThat(seen).isEmpty();
    }

    @Test
    @DisplayName(
            "G.2 the command records refuse bad input themselves: empty lines, zero or negative quantity, zero ids, U+0000")
    default void g2_recordsCheckThemselves() {
        assertThatThrownBy(() -> PlaceOrder.of(1, T0, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lines");
        assertThatThrownBy(() -> new OrderLineRequest(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> new OrderLineRequest(1, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> new OrderLineRequest(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("productId");
        assertThatThrownBy(() -> PlaceOrder.of(0, T0, List.of(new OrderLineRequest(1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId");
        assertThatThrownBy(() -> PlaceOrder.of(1, T0, Arrays.asList(new OrderLineRequest(1, 1), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lines[1]");
        assertThatThrownBy(() -> new NewProduct("S", "bad\u0000name", BigDecimal.ONE, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new NewProduct("S", "N", new BigDecimal("1.005"), 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price");
    }
}
