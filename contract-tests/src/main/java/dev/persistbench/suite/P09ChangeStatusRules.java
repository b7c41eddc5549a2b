package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.error.IllegalTransitionException;
import dev.persistbench.contract.error.NotFoundException;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** P09: status changes with optimistic locking. */
public interface P09ChangeStatusRules extends ContractFixture {

    /** The legal transitions, written out here rather than taken from the enum under test. */
    Map<OrderStatus, Set<OrderStatus>> LEGAL = Map.of(
            OrderStatus.NEW, Set.of(OrderStatus.PAID, OrderStatus.CANCELLED),
            OrderStatus.PAID, Set.of(OrderStatus.SHIPPED, OrderStatus.CANCELLED),
            OrderStatus.SHIPPED, Set.of(),
            OrderStatus.CANCELLED, Set.of());

    /** A placed order taken through legal steps to {@code status}; its products' stock is 10 - 2 and 10 - 3 (unless cancelled). */
    private Order orderIn(OrderStatus status, Product a, Product b) {
        Order order = data().order(data().customer(), T0, line(a, 2), line(b, 3));
        List<OrderStatus> path = switch (status) {
            case NEW -> List.of();
            case PAID -> List.of(OrderStatus.PAID);
            case SHIPPED -> List.of(OrderStatus.PAID, OrderStatus.SHIPPED);
            case CANCELLED -> List.of(OrderStatus.CANCELLED);
        };
        for (OrderStatus step : path) {
            order = store().changeStatus(order.id(), order.version(), step);
        }
        return order;
    }

    private void assertStoredAs(Order expected) {
        assertThat(store().findOrder(expected.id())).contains(expected);
        assertThat(data().orderStatus(expected.id()))
                .isEqualTo(expected.status().name());
        assertThat(data().orderVersion(expected.id())).isEqualTo(expected.version());
    }

    @Test
    @DisplayName("P09.1 NEW -> PAID -> SHIPPED: each step applied, version +1, updated order returned and stored")
    default void p09_1_happyPath() {
        Product a = data().product("1.00", 10);
        Product b = data().product("2.00", 10);
        Order placed = orderIn(OrderStatus.NEW, a, b);
        Order paid = store().changeStatus(placed.id(), 0, OrderStatus.PAID);
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.version()).isEqualTo(1);
        assertThat(paid)
                .usingRecursiveComparison()
                .ignoringFields("status", "version")
                .isEqualTo(placed);
        assertStoredAs(paid);
        Order shipped = store().changeStatus(placed.id(), 1, OrderStatus.SHIPPED);
        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.version()).isEqualTo(2);
        assertThat(shipped)
                .usingRecursiveComparison()
                .ignoringFields("status", "version")
                .isEqualTo(placed);
        assertStoredAs(shipped);
        assertThat(data().stock(a.id())).as("shipping keeps the stock taken").isEqualTo(8);
        assertThat(data().stock(b.id())).isEqualTo(7);
    }

    @Test
    @DisplayName("P09.1 NEW -> CANCELLED and PAID -> CANCELLED are applied, version +1")
    default void p09_1_cancellations() {
        Product a = data().product("1.00", 100);
        Product b = data().product("2.00", 100);
        for (OrderStatus from : List.of(OrderStatus.NEW, OrderStatus.PAID)) {
            Order order = orderIn(from, a, b);
            Order cancelled = store().changeStatus(order.id(), order.version(), OrderStatus.CANCELLED);
            assertThat(cancelled.status()).as("from %s", from).isEqualTo(OrderStatus.CANCELLED);
            assertThat(cancelled.version()).as("from %s", from).isEqualTo(order.version() + 1);
            assertThat(cancelled.lines()).isEqualTo(order.lines());
            assertStoredAs(cancelled);
        }
    }

    @Test
    @DisplayName("P09.2 a stale version is a StaleVersionException; status, version and stock unchanged")
    default void p09_2_staleVersion() {
        Product a = data().product("1.00", 10);
        Product b = data().product("2.00", 10);
        Order paid = orderIn(OrderStatus.PAID, a, b);
        for (long stale : new long[] {0, 2, 99, -1}) {
            Attempt attempt = attempt(() -> store().changeStatus(paid.id(), stale, OrderStatus.CANCELLED));
            assertThat(attempt.thrown()).as("expected version %d", stale).isInstanceOf(StaleVersionException.class);
            StaleVersionException e = (StaleVersionException) attempt.thrown();
            assertThat(e.orderId()).isEqualTo(paid.id());
            assertThat(e.expectedVersion()).isEqualTo(stale);
        }
        assertStoredAs(paid);
        assertThat(data().stock(a.id())).isEqualTo(8);
        assertThat(data().productVersion(a.id())).isEqualTo(1);
    }

    @Test
    @DisplayName("P09.2 the version is checked before the transition: stale and illegal is a StaleVersionException")
    default void p09_2_versionCheckedFirst() {
        Order shipped = orderIn(OrderStatus.SHIPPED, data().product("1.00", 10), data().product("1.00", 10));
        Attempt attempt = attempt(() -> store().changeStatus(shipped.id(), 0, OrderStatus.PAID));
        assertThat(attempt.thrown()).isInstanceOf(StaleVersionException.class);
        assertStoredAs(shipped);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("P09.2 callers racing with the same version: exactly one wins, the others get StaleVersionException")
    default void p09_2_racingChanges() throws Exception {
        Product a = data().product("1.00", 10);
        Order order = orderIn(OrderStatus.NEW, a, data().product("1.00", 10));
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch ready = new CountDownLatch(racers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                OrderStatus target = i % 2 == 0 ? OrderStatus.PAID : OrderStatus.CANCELLED;
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return store().changeStatus(order.id(), 0, target);
                    } catch (StaleVersionException e) {
                        return e;
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Order> winners = winnersOnly(outcomes);
            assertThat(winners).hasSize(1);
            assertStoredAs(winners.get(0));
            int expectedStock = winners.get(0).status() == OrderStatus.CANCELLED ? 10 : 8;
            assertThat(data().stock(a.id())).isEqualTo(expectedStock);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The orders the racers got; every other racer must have got a StaleVersionException. */
    private static List<Order> winnersOnly(List<Future<Object>> outcomes) throws Exception {
        List<Order> winners = new ArrayList<>();
        for (Future<Object> outcome : outcomes) {
            Object value = outcome.get(60, TimeUnit.SECONDS);
            if (value instanceof Order won) {
                winners.add(won);
            } else {
                assertThat(value).isInstanceOf(StaleVersionException.class);
            }
        }
        return winners;
    }

    @Test
    @DisplayName(
            "P09.3 every illegal transition, including a status to itself, is an IllegalTransitionException; nothing changes")
    default void p09_3_illegalTransitions() {
        Product a = data().product("1.00", 1_000);
        Product b = data().product("2.00", 1_000);
        int checked = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (LEGAL.get(from).contains(to)) {
                    continue;
                }
                Order order = orderIn(from, a, b);
                int stockA = data().stock(a.id());
                long versionA = data().productVersion(a.id());
                Attempt attempt = attempt(() -> store().changeStatus(order.id(), order.version(), to));
                assertThat(attempt.thrown()).as("%s -> %s", from, to).isInstanceOf(IllegalTransitionException.class);
                IllegalTransitionException e = (IllegalTransitionException) attempt.thrown();
                assertThat(e.from()).as("%s -> %s", from, to).isEqualTo(from);
                assertThat(e.to()).as("%s -> %s", from, to).isEqualTo(to);
                assertStoredAs(order);
                assertThat(data().stock(a.id())).as("%s -> %s stock", from, to).isEqualTo(stockA);
                assertThat(data().productVersion(a.id()))
                        .as("%s -> %s product version", from, to)
                        .isEqualTo(versionA);
                checked++;
            }
        }
        assertThat(checked).as("illegal pairs checked").isEqualTo(12);
    }

    @Test
    @DisplayName(
            "P09.4 cancelling gives every line's units back; each product's version rises by one, even on two lines")
    default void p09_4_cancelGivesStockBack() {
        Product a = data().product("1.00", 10);
        Product b = data().product("2.00", 10);
        for (OrderStatus from : List.of(OrderStatus.NEW, OrderStatus.PAID)) {
            Order order = data().order(data().customer(), T0, line(a, 2), line(b, 3), line(a, 4));
            if (from == OrderStatus.PAID) {
                order = store().changeStatus(order.id(), 0, OrderStatus.PAID);
            }
            assertThat(data().stock(a.id())).isEqualTo(4);
            long versionA = data().productVersion(a.id());
            long versionB = data().productVersion(b.id());
            store().changeStatus(order.id(), order.version(), OrderStatus.CANCELLED);
            assertThat(data().stock(a.id())).as("from %s", from).isEqualTo(10);
            assertThat(data().stock(b.id())).as("from %s", from).isEqualTo(10);
            assertThat(data().productVersion(a.id())).as("from %s", from).isEqualTo(versionA + 1);
            assertThat(data().productVersion(b.id())).as("from %s", from).isEqualTo(versionB + 1);
        }
    }

    @Test
    @DisplayName("P09.4 paying and shipping do not touch stock or product versions")
    default void p09_4_otherTransitionsKeepStock() {
        Product a = data().product("1.00", 10);
        Order order = data().order(data().customer(), T0, a, 3);
        Order paid = store().changeStatus(order.id(), 0, OrderStatus.PAID);
        store().changeStatus(order.id(), paid.version(), OrderStatus.SHIPPED);
        assertThat(data().stock(a.id())).isEqualTo(7);
        assertThat(data().productVersion(a.id())).isEqualTo(1);
    }

    @Test
    @DisplayName("P09.5 an unknown order is a NotFoundException naming it")
    default void p09_5_unknownOrder() {
        Order order = data().order(data().customer(), T0, data().product("1.00", 10), 1);
        long missing = order.id() + 1_000;
        Attempt attempt = attempt(() -> store().changeStatus(missing, 0, OrderStatus.PAID));
        assertThat(attempt.thrown()).isInstanceOf(NotFoundException.class);
        NotFoundException e = (NotFoundException) attempt.thrown();
        assertThat(e.entity()).isEqualTo("order");
        assertThat(e.id()).isEqualTo(missing);
        store().deleteOrder(order.id());
        assertThat(attempt(() -> store().changeStatus(order.id(), 0, OrderStatus.PAID))
                        .thrown())
                .as("a deleted order")
                .isInstanceOf(NotFoundException.class);
    }
}
