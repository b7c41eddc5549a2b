package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P08: a customer's latest orders, each with its lines. */
public interface P08LatestOrdersRules extends ContractFixture {

    /** Places {@code count} orders for {@code customer}, one to three lines each, at distinct instants. */
    private List<Order> orders(Customer customer, int count, Product a, Product b) {
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Creation order differs from id order, so sorting by id alone would fail.
            long micros = (i * 7_919L) % 1_000 * 1_000_000L + i;
            placed.add(
                    switch (i % 3) {
                        case 0 -> data().order(customer, TestData.at(micros), line(a, 1));
                        case 1 -> data().order(customer, TestData.at(micros), line(a, 1), line(b, 2));
                        default -> data().order(customer, TestData.at(micros), line(b, 1), line(a, 1), line(b, 1));
                    });
        }
        return placed;
    }

    private static Comparator<Order> newestFirst() {
        return Comparator.comparing(Order::createdAt)
                .thenComparingLong(Order::id)
                .reversed();
    }

    @Test
    @DisplayName("P08.1 newest first by creation instant, each order complete with its lines")
    default void p08_1_newestFirst() {
        Product a = data().product("1.10", 10_000);
        Product b = data().product("2.20", 10_000);
        Customer customer = data().customer();
        List<Order> placed = orders(customer, 12, a, b);
        orders(data().customer(), 4, a, b);
        List<Order> latest = store().latestOrders(customer.id(), 100);
        assertThat(latest)
                .containsExactlyElementsOf(placed.stream().sorted(newestFirst()).toList());
        for (Order order : latest) {
            assertThat(order.customerId()).isEqualTo(customer.id());
            assertThat(store().findOrder(order.id())).contains(order);
        }
    }

    @Test
    @DisplayName("P08.1 orders created at the same instant come newest id first")
    default void p08_1_tiesByIdDescending() {
        Product a = data().product("1.00", 100);
        Customer customer = data().customer();
        Order older = data().order(customer, TestData.at(-1), a, 1);
        Order first = data().order(customer, TestData.T0, a, 1);
        Order second = data().order(customer, TestData.T0, a, 2);
        Order third = data().order(customer, TestData.T0, a, 3);
        Order newer = data().order(customer, TestData.at(1), a, 1);
        assertThat(store().latestOrders(customer.id(), 10))
                .extracting(Order::id)
                .containsExactly(newer.id(), third.id(), second.id(), first.id(), older.id());
    }

    @Test
    @DisplayName("P08.1 at most limit orders: the newest ones")
    default void p08_1_limit() {
        Product a = data().product("1.10", 10_000);
        Product b = data().product("2.20", 10_000);
        Customer customer = data().customer();
        List<Order> expected =
                orders(customer, 9, a, b).stream().sorted(newestFirst()).toList();
        assertThat(store().latestOrders(customer.id(), 1)).containsExactly(expected.get(0));
        assertThat(store().latestOrders(customer.id(), 4)).containsExactlyElementsOf(expected.subList(0, 4));
        assertThat(store().latestOrders(customer.id(), 9)).containsExactlyElementsOf(expected);
        assertThat(store().latestOrders(customer.id(), StoreRepository.MAX_LATEST_ORDERS))
                .containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("P08.2 the statement count is the same for 1 order and for 20 orders (no N+1)")
    default void p08_2_noNPlusOne() {
        Product a = data().product("1.10", 10_000);
        Product b = data().product("2.20", 10_000);
        Customer one = data().customer();
        Customer twenty = data().customer();
        orders(one, 1, a, b);
        orders(twenty, 20, a, b);
        // Warm up once so a first-call effect (metadata, prepared-statement set-up) is not counted.
        store().latestOrders(one.id(), 20);
        var forOne = sql().record(() -> store().latestOrders(one.id(), 20));
        var forTwenty = sql().record(() -> store().latestOrders(twenty.id(), 20));
        assertThat(forOne.result()).hasSize(1);
        assertThat(forTwenty.result()).hasSize(20);
        assertThat(forTwenty.result())
                .allSatisfy(order -> assertThat(order.lines()).isNotEmpty());
        assertThat(forTwenty.statements())
                .as("statements for 20 orders (1 order took %d)", forOne.statements())
                .isEqualTo(forOne.statements());
    }

    @Test
    @DisplayName("P08.3 an unknown customer, or one without orders, gives an empty list")
    default void p08_3_unknownCustomer() {
        Customer without = data().customer();
        assertThat(store().latestOrders(without.id(), 10)).isNotNull().isEmpty();
        assertThat(store().latestOrders(without.id() + 1_000, 10)).isNotNull().isEmpty();
    }

    @Test
    @DisplayName("P08.3 limit 1 and MAX_LATEST_ORDERS are accepted; MAX_LATEST_ORDERS orders come back complete")
    default void p08_3_limitBounds() {
        Product a = data().product("1.00", 10_000);
        Customer customer = data().customer();
        for (int i = 0; i <= StoreRepository.MAX_LATEST_ORDERS; i++) {
            data().order(customer, TestData.at(i), a, 1);
        }
        List<Order> latest = store().latestOrders(customer.id(), StoreRepository.MAX_LATEST_ORDERS);
        assertThat(latest).hasSize(StoreRepository.MAX_LATEST_ORDERS);
        assertThat(latest.get(0).createdAt()).isEqualTo(TestData.at(StoreRepository.MAX_LATEST_ORDERS));
        assertThat(latest).allSatisfy(order -> assertThat(order.lines()).hasSize(1));
        assertThat(store().latestOrders(customer.id(), 1)).hasSize(1);
    }
}
