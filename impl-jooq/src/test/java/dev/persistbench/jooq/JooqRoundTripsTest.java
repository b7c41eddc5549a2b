package dev.persistbench.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.SqlRecorder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The statements, transactions and client round trips of every pattern, counted under the driver
 * (the test kit's counting socket) on a warmed connection; the README's table quotes these
 * numbers, and this test fails when they change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JooqRoundTripsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SqlRecorder sql = new SqlRecorder();
    private final AtomicInteger serial = new AtomicInteger();
    private final List<String> report = new ArrayList<>();
    private TestDatabase database;
    private JooqStoreRepository store;

    @BeforeAll
    void start() {
        database = TestDatabase.shared();
        database.truncateAll();
        store = new JooqStoreRepository(sql.wrap(database.dataSource()));
    }

    @AfterAll
    void stop() {
        store.close();
        database.truncateAll();
        report.forEach(System.out::println);
    }

    /** Runs {@code call} once to warm the connection and the driver's caches, then once recorded. */
    private <T> SqlRecorder.Recorded<T> count(String pattern, Supplier<T> call) {
        call.get();
        return record(pattern, call);
    }

    private <T> SqlRecorder.Recorded<T> record(String pattern, Supplier<T> call) {
        SqlRecorder.Recorded<T> recorded = sql.record(call);
        report.add("[round trips] %-34s statements=%d transactions=%d roundTrips=%d"
                .formatted(pattern, recorded.statements(), recorded.transactions(), recorded.roundTrips()));
        return recorded;
    }

    private static void assertCounts(
            SqlRecorder.Recorded<?> recorded, int statements, int transactions, int roundTrips) {
        assertThat(recorded.statements())
                .as("statements: %s", recorded.executions())
                .isEqualTo(statements);
        assertThat(recorded.transactions()).as("transactions").isEqualTo(transactions);
        assertThat(recorded.roundTrips()).as("round trips").isEqualTo(roundTrips);
    }

    private Customer customer() {
        int n = serial.incrementAndGet();
        return store.createCustomer(new NewCustomer("rt" + n + "@example.com", "Round Trip " + n));
    }

    private NewProduct newProduct(int stock) {
        int n = serial.incrementAndGet();
        return new NewProduct("RT-" + n, "Product " + n, new BigDecimal("2.50"), stock, Map.of("colour", "red"));
    }

    private Product product(int stock) {
        return store.createProducts(List.of(newProduct(stock))).getFirst();
    }

    private static PlaceOrder order(Customer customer, Product product, int quantity) {
        return PlaceOrder.of(customer.id(), T0, List.of(new OrderLineRequest(product.id(), quantity)));
    }

    @Test
    void flatJoinVariantReadsOrdersInOneStatementAndTheSameOrdersAsTheDefault() {
        StoreRepository flat =
                JooqStoreRepository.variants().getFirst().factory().apply(sql.wrap(database.dataSource()));
        Customer customer = customer();
        Product product = product(1_000);
        Order first = store.placeOrder(order(customer, product, 1));
        store.placeOrder(order(customer, product, 2));
        assertCounts(count("P07 findOrder (flat-join)", () -> flat.findOrder(first.id())), 1, 0, 1);
        assertCounts(count("P08 latestOrders (flat-join)", () -> flat.latestOrders(customer.id(), 10)), 1, 0, 1);
        assertThat(flat.latestOrders(customer.id(), 10)).isEqualTo(store.latestOrders(customer.id(), 10));
        assertThat(flat.findOrder(first.id())).isEqualTo(store.findOrder(first.id()));
    }

    @Test
    void oneStatementPatterns() {
        assertCounts(count("P01 createCustomer", this::customer), 1, 0, 1);
        Customer customer = customer();
        assertCounts(count("P02 findCustomer", () -> store.findCustomer(customer.id())), 1, 0, 1);
        assertCounts(
                count(
                        "P03 createProducts (3)",
                        () -> store.createProducts(List.of(newProduct(5), newProduct(5), newProduct(5)))),
                1,
                0,
                1);
        Product product = product(1_000);
        assertCounts(count("P04 findProductBySku", () -> store.findProductBySku(product.sku())), 1, 0, 1);
        assertCounts(count("P05 searchProducts", () -> store.searchProducts(ProductSearch.all(10))), 1, 0, 1);
        Order order = store.placeOrder(order(customer, product, 1));
        assertCounts(count("P07 findOrder", () -> store.findOrder(order.id())), 1, 0, 1);
        assertCounts(count("P08 latestOrders", () -> store.latestOrders(customer.id(), 10)), 1, 0, 1);
        assertCounts(count("P10 cancelNewOrdersBefore", () -> store.cancelNewOrdersBefore(T0)), 1, 0, 1);
        assertCounts(
                count("P11 topCustomersByRevenue", () -> store.topCustomersByRevenue(T0, T0.plusSeconds(1), 10)),
                1,
                0,
                1);
        Order second = store.placeOrder(order(customer, product, 1));
        store.deleteOrder(order.id());
        assertCounts(record("P13 deleteOrder", () -> store.deleteOrder(second.id())), 1, 0, 1);
    }

    @Test
    void createProductsAtMaxBatchIsOneStatement() {
        List<NewProduct> many = new ArrayList<>();
        for (int i = 0; i < JooqStoreRepository.MAX_BATCH; i++) {
            many.add(newProduct(1));
        }
        SqlRecorder.Recorded<List<Product>> recorded =
                record("P03 createProducts (10,000)", () -> store.createProducts(many));
        assertCounts(recorded, 1, 0, 1);
        assertThat(recorded.result())
                .extracting(Product::sku)
                .containsExactlyElementsOf(many.stream().map(NewProduct::sku).toList());
    }

    @Test
    void placeOrder() {
        Customer customer = customer();
        Product a = product(1_000);
        Product b = product(1_000);
        Supplier<Order> place = () -> store.placeOrder(PlaceOrder.of(
                customer.id(),
                T0,
                List.of(
                        new OrderLineRequest(a.id(), 1),
                        new OrderLineRequest(b.id(), 2),
                        new OrderLineRequest(a.id(), 3))));
        // SHOW TRANSACTION ISOLATION LEVEL (jOOQ's DefaultTransactionProvider asks pgjdbc, which
        // asks the server), stock UPDATE (BEGIN rides along), order and lines INSERT, COMMIT.
        assertCounts(count("P06 placeOrder", place), 2, 1, 4);

        String key = "rt-key-" + serial.incrementAndGet();
        PlaceOrder keyed = order(customer, a, 1).withIdempotencyKey(key);
        // SHOW, key claimed and stock taken, total UPDATE and lines INSERT, COMMIT.
        assertCounts(record("P06 placeOrder, new key", () -> store.placeOrder(keyed)), 2, 1, 4);
        // SHOW, the claim (nothing claimed, no stock taken), the key's order, COMMIT.
        SqlRecorder.Recorded<Order> retried = record("P06 placeOrder, key used (retry)", () -> store.placeOrder(keyed));
        assertCounts(retried, 2, 1, 4);
        assertThat(retried.result())
                .isEqualTo(store.findOrder(retried.result().id()).orElseThrow());
        assertThat(store.findProductBySku(a.sku()).orElseThrow().stock()).isEqualTo(1_000 - 4 - 4 - 1);

        // SHOW, stock UPDATE (nothing), which customer and products exist, ROLLBACK.
        SqlRecorder.Recorded<Throwable> refused = count(
                "P06 placeOrder, short stock", () -> catchThrowable(() -> store.placeOrder(order(customer, a, 5_000))));
        assertThat(refused.result()).isInstanceOf(InsufficientStockException.class);
        assertCounts(refused, 2, 1, 4);
    }

    @Test
    void changeStatus() {
        Customer customer = customer();
        Product product = product(1_000);
        Order paid = store.placeOrder(order(customer, product, 1));
        assertCounts(
                record("P09 changeStatus to PAID", () -> store.changeStatus(paid.id(), 0, OrderStatus.PAID)), 1, 0, 1);
        Order cancelled = store.placeOrder(order(customer, product, 2));
        assertCounts(
                record(
                        "P09 changeStatus to CANCELLED",
                        () -> store.changeStatus(cancelled.id(), 0, OrderStatus.CANCELLED)),
                1,
                0,
                1);
        SqlRecorder.Recorded<Throwable> stale = count(
                "P09 changeStatus, stale (refused)",
                () -> catchThrowable(() -> store.changeStatus(paid.id(), 0, OrderStatus.SHIPPED)));
        assertThat(stale.result()).isInstanceOf(StaleVersionException.class);
        assertCounts(stale, 1, 0, 1);
    }

    @Test
    void streamOrderLines() {
        Customer customer = customer();
        Product product = product(100_000);
        store.placeOrder(order(customer, product, 1));
        // SHOW, the SELECT (BEGIN rides along), COMMIT: a transaction because pgjdbc streams only then.
        assertCounts(
                count("P12 streamOrderLines (1 line)", () -> store.streamOrderLines(T0, T0.plusSeconds(1), row -> {})),
                1,
                1,
                3);
        List<OrderLineRequest> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add(new OrderLineRequest(product.id(), 1));
        }
        for (int i = 0; i < 10; i++) {
            store.placeOrder(PlaceOrder.of(customer.id(), T0, lines));
        }
        // 1,001 rows: SHOW, three fetches of 500, COMMIT.
        assertCounts(
                count(
                        "P12 streamOrderLines (1,001 lines)",
                        () -> store.streamOrderLines(T0, T0.plusSeconds(1), row -> {})),
                1,
                1,
                5);
    }
}
