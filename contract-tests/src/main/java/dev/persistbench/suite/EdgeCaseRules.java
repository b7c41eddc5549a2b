package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cases where the contract once was silent and the implementations disagreed (P04.3, P06.2, P08.3,
 * V.4): now rules, so that every implementation answers them alike.
 */
public interface EdgeCaseRules extends ContractFixture {

    @Test
    @DisplayName("P04.3 a blank SKU or one over 200 characters gives an empty Optional without SQL")
    default void p04_3_impossibleSku() {
        Product longest = data().product().sku("k".repeat(Check.MAX_KEY_LENGTH)).create();
        assertThat(store().findProductBySku(longest.sku())).contains(longest);
        for (String sku : List.of("", " ", "\t", "k".repeat(Check.MAX_KEY_LENGTH + 1), "\uD83D\uDE00".repeat(201))) {
            Attempt attempt = attempt(() -> assertThat(store().findProductBySku(sku))
                    .as("SKU of %d chars", sku.length())
                    .isEmpty());
            assertThat(attempt.thrown()).as("SKU of %d chars", sku.length()).isNull();
            assertThat(attempt.statements())
                    .as("statements for an impossible SKU")
                    .isZero();
        }
    }

    @Test
    @DisplayName(
            "P06.2 units summed beyond any int are more than any stock: InsufficientStockException, nothing written")
    default void p06_2_sumBeyondInt() {
        Customer customer = data().customer();
        Product product = data().product("1.00", Integer.MAX_VALUE);
        PlaceOrder order = PlaceOrder.of(
                customer.id(),
                T0,
                List.of(
                        new OrderLineRequest(product.id(), Integer.MAX_VALUE),
                        new OrderLineRequest(product.id(), Integer.MAX_VALUE)));
        Attempt attempt = attempt(() -> store().placeOrder(order));
        assertThat(attempt.thrown()).isInstanceOf(InsufficientStockException.class);
        InsufficientStockException e = (InsufficientStockException) attempt.thrown();
        assertThat(e.productId()).isEqualTo(product.id());
        assertThat(e.requested()).isEqualTo(2L * Integer.MAX_VALUE);
        assertThat(data().count("purchase_order")).isZero();
        assertThat(data().stock(product.id())).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    @DisplayName("P06.2 one line of Integer.MAX_VALUE units when exactly that many are in stock is placed")
    default void p06_2_maxUnitsPlaced() {
        Product product = data().product("0.01", Integer.MAX_VALUE);
        Order order = data().order(data().customer(), T0, line(product, Integer.MAX_VALUE));
        assertThat(order.total()).isEqualByComparingTo("21474836.47");
        assertThat(data().stock(product.id())).isZero();
    }

    @Test
    @DisplayName("P08.3 a customer id of zero or below gives an empty list without SQL")
    default void p08_3_impossibleCustomer() {
        for (long id : new long[] {0, -1, Long.MIN_VALUE}) {
            Attempt attempt =
                    attempt(() -> assertThat(store().latestOrders(id, 10)).isEmpty());
            assertThat(attempt.thrown()).as("customer %d", id).isNull();
            assertThat(attempt.statements())
                    .as("statements for customer %d", id)
                    .isZero();
        }
    }

    @Test
    @DisplayName("V.4 placedAt outside years 1 to 9999 is refused naming 'placedAt'; both ends round-trip")
    default void v4_writtenInstantRange() {
        Customer customer = data().customer();
        List<OrderLineRequest> lines =
                List.of(new OrderLineRequest(data().product("1.00", 5).id(), 1));
        for (Instant outside : List.of(
                Instant.MIN,
                Instant.MAX,
                Check.MIN_INSTANT.minus(1, ChronoUnit.MICROS),
                Check.MAX_INSTANT.plus(1, ChronoUnit.MICROS))) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> PlaceOrder.of(customer.id(), outside, lines))
                    .withMessageContaining("placedAt");
        }
        for (Instant edge : List.of(Check.MIN_INSTANT, Check.MAX_INSTANT)) {
            Order placed = store().placeOrder(PlaceOrder.of(customer.id(), edge, lines));
            assertThat(placed.createdAt()).isEqualTo(edge);
            assertThat(store().findOrder(placed.id())).map(Order::createdAt).contains(edge);
        }
    }

    @Test
    @DisplayName(
            "V.4 time bounds beyond the written range are open ends: Instant.MIN and Instant.MAX select all (P10, P11, P12)")
    default void v4_boundsAreOpenEnds() {
        Customer customer = data().customer();
        Product product = data().product("2.00", 50);
        List<Order> orders = new ArrayList<>();
        for (Instant at : List.of(Check.MIN_INSTANT, T0, Check.MAX_INSTANT)) {
            orders.add(data().order(customer, at, product, 1));
        }
        List<Long> streamed = new ArrayList<>();
        assertThat(store().streamOrderLines(Instant.MIN, Instant.MAX, row -> streamed.add(row.orderId())))
                .isEqualTo(3);
        assertThat(streamed)
                .containsExactlyElementsOf(orders.stream().map(Order::id).toList());
        for (Order order : orders) {
            store().changeStatus(order.id(), 0, OrderStatus.PAID);
        }
        assertThat(store().topCustomersByRevenue(Instant.MIN, Instant.MAX, 10))
                .singleElement()
                .satisfies(r -> assertThat(r.revenue()).isEqualByComparingTo("6.00"));
        assertThat(store().topCustomersByRevenue(Instant.MAX, Instant.MAX, 10)).isEmpty();
        Order fresh = data().order(customer, Check.MAX_INSTANT, product, 1);
        assertThat(store().cancelNewOrdersBefore(Instant.MAX)).isEqualTo(1);
        assertThat(store().findOrder(fresh.id()).map(Order::status)).isEqualTo(Optional.of(OrderStatus.CANCELLED));
    }
}
