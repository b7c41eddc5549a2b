package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static dev.persistbench.suite.TestData.money;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.NotFoundException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** P06: placing an order in one transaction, with idempotency. */
public interface P06PlaceOrderRules extends ContractFixture {

    /** Threads that race in the concurrency tests; below the pool size so none waits for a connection. */
    int RACERS = 8;

    /** Checks that products' stock and versions are what they were before a refused order. */
    private void assertUnchanged(List<Product> before) {
        for (Product product : before) {
            assertThat(data().stock(product.id()))
                    .as("stock of %s", product.sku())
                    .isEqualTo(product.stock());
            assertThat(data().productVersion(product.id()))
                    .as("version of %s", product.sku())
                    .isEqualTo(product.version());
        }
    }

    private void assertNoOrders() {
        assertThat(data().count("purchase_order")).as("orders").isZero();
        assertThat(data().count("order_line")).as("order lines").isZero();
    }

    /**
     * Runs {@code task} on {@value #RACERS} threads released at the same moment and returns
     * what each returned or threw, waiting at most 60 seconds in all.
     */
    private <T> List<Future<T>> race(Callable<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS))
                    .as("all racers started")
                    .isTrue();
            go.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS))
                    .as("all racers finished in time")
                    .isTrue();
            return futures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T result(Future<T> future) throws InterruptedException, TimeoutException {
        try {
            return future.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a racer failed: " + e.getCause(), e.getCause());
        }
    }

    @Test
    @DisplayName(
            "P06.1 returns the order: NEW, version 0, lines 1.. in request order with SKU, name, current price; exact total")
    default void p06_1_placesOrder() {
        Customer customer = data().customer();
        Product pen = data().product().name("Pen").price("1.99").stock(50).create();
        Product pad = data().product().name("Pad").price("4.50").stock(20).create();
        Product ink = data().product().name("Ink").price("12.00").stock(5).create();
        List<OrderLineRequest> requests = List.of(line(ink, 2), line(pen, 3), line(pad, 1));
        Order order = store().placeOrder(new PlaceOrder(customer.id(), requests, Optional.of("p06-1"), T0));
        assertThat(order.id()).isPositive();
        assertThat(order.customerId()).isEqualTo(customer.id());
        assertThat(order.status()).isEqualTo(OrderStatus.NEW);
        assertThat(order.version()).isZero();
        assertThat(order.idempotencyKey()).contains("p06-1");
        assertThat(order.createdAt()).isEqualTo(T0);
        assertThat(order.lines()).containsExactlyElementsOf(TestData.expectedLines(List.of(pen, pad, ink), requests));
        assertThat(order.total()).isEqualTo(money("34.47"));
        assertThat(store().findOrder(order.id())).contains(order);
        assertThat(data().lineCount(order.id())).isEqualTo(3);
        assertThat(data().queryString("SELECT total::text FROM purchase_order WHERE id = ?", order.id()))
                .isEqualTo("34.47");
    }

    @Test
    @DisplayName("P06.1 each product's stock falls by the units ordered and its version rises by one; others untouched")
    default void p06_1_takesStock() {
        Customer customer = data().customer();
        Product a = data().product("3.00", 10);
        Product b = data().product("5.00", 7);
        Product untouched = data().product("1.00", 4);
        data().order(customer, T0, line(a, 4), line(b, 7));
        assertThat(data().stock(a.id())).isEqualTo(6);
        assertThat(data().stock(b.id())).as("stock may reach exactly zero").isZero();
        assertThat(data().productVersion(a.id())).isEqualTo(1);
        assertThat(data().productVersion(b.id())).isEqualTo(1);
        assertThat(data().stock(untouched.id())).isEqualTo(4);
        assertThat(data().productVersion(untouched.id())).isZero();
        assertThat(store().findProductBySku(a.sku()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    @DisplayName("P06.1 a product on two lines: two lines, stock falls by the sum, version rises by one only")
    default void p06_1_sameProductTwice() {
        Product product = data().product("2.00", 10);
        Order order = data().order(data().customer(), T0, line(product, 3), line(product, 4));
        assertThat(order.lines())
                .extracting(l -> l.lineNo() + ":" + l.quantity())
                .containsExactly("1:3", "2:4");
        assertThat(order.total()).isEqualTo(money("14.00"));
        assertThat(data().stock(product.id())).isEqualTo(3);
        assertThat(data().productVersion(product.id())).isEqualTo(1);
    }

    @Test
    @DisplayName(
            "P06.2 insufficient stock on the LAST line: InsufficientStockException; no order, no lines, stock and versions unchanged")
    default void p06_2_insufficientOnLastLine() {
        Customer customer = data().customer();
        List<Product> products =
                List.of(data().product("1.00", 10), data().product("2.00", 10), data().product("3.00", 2));
        Attempt attempt = attempt(() -> data().order(
                        customer, T0, line(products.get(0), 5), line(products.get(1), 10), line(products.get(2), 3)));
        assertThat(attempt.thrown()).isInstanceOf(InsufficientStockException.class);
        InsufficientStockException e = (InsufficientStockException) attempt.thrown();
        assertThat(e.productId()).isEqualTo(products.get(2).id());
        assertThat(e.requested()).isEqualTo(3);
        assertNoOrders();
        assertUnchanged(products);
    }

    @Test
    @DisplayName("P06.2 stock is checked on the sum over all lines naming a product")
    default void p06_2_stockCheckedOnSum() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 5);
        Product other = data().product("1.00", 50);
        Attempt attempt = attempt(() -> data().order(customer, T0, line(product, 3), line(other, 1), line(product, 3)));
        assertThat(attempt.thrown()).isInstanceOf(InsufficientStockException.class);
        InsufficientStockException e = (InsufficientStockException) attempt.thrown();
        assertThat(e.productId()).isEqualTo(product.id());
        assertThat(e.requested()).isEqualTo(6);
        assertNoOrders();
        assertUnchanged(List.of(product, other));
    }

    @Test
    @DisplayName("P06.2 a refused order does not use up its idempotency key")
    default void p06_2_refusedOrderKeepsKeyFree() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 2);
        PlaceOrder tooMuch =
                PlaceOrder.of(customer.id(), T0, List.of(line(product, 3))).withIdempotencyKey("retry-me");
        assertThat(attempt(() -> store().placeOrder(tooMuch)).thrown()).isInstanceOf(InsufficientStockException.class);
        Order placed = store().placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(product, 2)))
                .withIdempotencyKey("retry-me"));
        assertThat(placed.lines()).singleElement().extracting(l -> l.quantity()).isEqualTo(2);
        assertThat(data().stock(product.id())).isZero();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    @DisplayName("P06.2 racing orders for the last units never oversell: the losers get InsufficientStockException")
    default void p06_2_racingOrdersNeverOversell() throws Exception {
        Customer customer = data().customer();
        Product product = data().product("1.00", 5);
        List<Future<Object>> outcomes = race(() -> {
            try {
                return data().order(customer, T0, product, 1);
            } catch (InsufficientStockException e) {
                return e;
            }
        });
        int placed = 0;
        int refused = 0;
        for (Future<Object> outcome : outcomes) {
            Object value = result(outcome);
            if (value instanceof Order) {
                placed++;
            } else {
                assertThat(value).isInstanceOf(InsufficientStockException.class);
                refused++;
            }
        }
        assertThat(placed).isEqualTo(5);
        assertThat(refused).isEqualTo(RACERS - 5);
        assertThat(data().stock(product.id())).isZero();
        assertThat(data().count("purchase_order")).isEqualTo(5);
        assertThat(data().productVersion(product.id())).isEqualTo(5);
    }

    @Test
    @DisplayName("P06.3 an unknown customer is a NotFoundException naming it; nothing written")
    default void p06_3_unknownCustomer() {
        Product product = data().product("1.00", 10);
        long missing = data().customer().id() + 1_000;
        Attempt attempt = attempt(() -> store().placeOrder(PlaceOrder.of(missing, T0, List.of(line(product, 1)))));
        assertThat(attempt.thrown()).isInstanceOf(NotFoundException.class);
        NotFoundException e = (NotFoundException) attempt.thrown();
        assertThat(e.entity()).isEqualTo("customer");
        assertThat(e.id()).isEqualTo(missing);
        assertNoOrders();
        assertUnchanged(List.of(product));
    }

    @Test
    @DisplayName("P06.3 an unknown product on the last line is a NotFoundException naming it; nothing written")
    default void p06_3_unknownProduct() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 10);
        long missing = product.id() + 1;
        Attempt attempt = attempt(() -> store().placeOrder(
                        PlaceOrder.of(customer.id(), T0, List.of(line(product, 1), new OrderLineRequest(missing, 1)))));
        assertThat(attempt.thrown()).isInstanceOf(NotFoundException.class);
        NotFoundException e = (NotFoundException) attempt.thrown();
        assertThat(e.entity()).isEqualTo("product");
        assertThat(e.id()).isEqualTo(missing);
        assertNoOrders();
        assertUnchanged(List.of(product));
    }

    @Test
    @DisplayName(
            "P06.4 a repeated idempotency key returns the first order, whatever the new request holds; stock taken once")
    default void p06_4_idempotentRepeat() {
        Customer customer = data().customer();
        Product product = data().product("2.00", 10);
        Product other = data().product("3.00", 10);
        Order first = store().placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(product, 2)))
                .withIdempotencyKey("K-1"));
        Order same = store().placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(product, 2)))
                .withIdempotencyKey("K-1"));
        Order different = store().placeOrder(
                        PlaceOrder.of(customer.id(), T0.plusSeconds(60), List.of(line(other, 5), line(product, 1)))
                                .withIdempotencyKey("K-1"));
        assertThat(same).isEqualTo(first);
        assertThat(different).isEqualTo(first);
        assertThat(data().count("purchase_order")).isEqualTo(1);
        assertThat(data().count("order_line")).isEqualTo(1);
        assertThat(data().stock(product.id())).isEqualTo(8);
        assertThat(data().productVersion(product.id())).isEqualTo(1);
        assertThat(data().stock(other.id())).isEqualTo(10);
        assertThat(data().productVersion(other.id())).isZero();
    }

    @Test
    @DisplayName("P06.4 the repeated key returns the first order as it is now (after a status change)")
    default void p06_4_idempotentRepeatSeesCurrentState() {
        Customer customer = data().customer();
        Product product = data().product("2.00", 10);
        PlaceOrder request =
                PlaceOrder.of(customer.id(), T0, List.of(line(product, 1))).withIdempotencyKey("K-now");
        Order first = store().placeOrder(request);
        Order paid = store().changeStatus(first.id(), 0, OrderStatus.PAID);
        Order again = store().placeOrder(request);
        assertThat(again).isEqualTo(paid);
        assertThat(again.status()).isEqualTo(OrderStatus.PAID);
        assertThat(again.version()).isEqualTo(1);
        assertThat(data().count("purchase_order")).isEqualTo(1);
        assertThat(data().stock(product.id())).isEqualTo(9);
    }

    @Test
    @DisplayName("P06.4 different keys, and orders without a key, each make their own order")
    default void p06_4_distinctKeys() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 10);
        PlaceOrder request = PlaceOrder.of(customer.id(), T0, List.of(line(product, 1)));
        Order a = store().placeOrder(request.withIdempotencyKey("A"));
        Order b = store().placeOrder(request.withIdempotencyKey("a"));
        Order c = store().placeOrder(request);
        Order d = store().placeOrder(request);
        assertThat(List.of(a.id(), b.id(), c.id(), d.id())).doesNotHaveDuplicates();
        assertThat(c.idempotencyKey()).isEmpty();
        assertThat(data().count("purchase_order")).isEqualTo(4);
        assertThat(data().stock(product.id())).isEqualTo(6);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("P06.5 callers racing with one key get one order, every caller its id, stock taken once")
    default void p06_5_concurrentIdempotency() throws Exception {
        Customer customer = data().customer();
        Product product = data().product("1.50", 1_000);
        for (int round = 1; round <= 5; round++) {
            PlaceOrder request = PlaceOrder.of(
                            customer.id(), T0.plusSeconds(round), List.of(line(product, 3), line(product, 1)))
                    .withIdempotencyKey("race-" + round);
            List<Future<Order>> outcomes = race(() -> store().placeOrder(request));
            List<Long> ids = new ArrayList<>();
            for (Future<Order> outcome : outcomes) {
                ids.add(result(outcome).id());
            }
            assertThat(ids)
                    .as("round %d: ids every caller got", round)
                    .hasSize(RACERS)
                    .containsOnly(ids.get(0));
            assertThat(data().count("purchase_order"))
                    .as("round %d: orders", round)
                    .isEqualTo(round);
            assertThat(data().stock(product.id())).as("round %d: stock", round).isEqualTo(1_000 - 4 * round);
            assertThat(data().productVersion(product.id()))
                    .as("round %d: version", round)
                    .isEqualTo(round);
        }
        assertThat(data().count("order_line")).isEqualTo(10);
    }
}
