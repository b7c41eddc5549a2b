package dev.persistbench.jdbc;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.NotFoundException;
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
import dev.persistbench.suite.TestData;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.SqlRecorder;
import dev.persistbench.testkit.sql.SqlRecorder.TransactionCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The statement, transaction and round-trip counts the module README states, per pattern and
 * path: if a change to the SQL or the wiring moves one, this test says so. Each call runs once
 * to warm the connection, then once recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringJdbcRoundTripsTest {

    private static final List<TransactionCall> NONE = List.of();
    private static final List<TransactionCall> COMMITTED = List.of(TransactionCall.BEGIN, TransactionCall.COMMIT);
    private static final List<TransactionCall> ROLLED_BACK = List.of(TransactionCall.BEGIN, TransactionCall.ROLLBACK);

    private final SqlRecorder sql = new SqlRecorder();
    private TestDatabase database;
    private SpringJdbcStoreRepository store;
    private TestData data;

    @BeforeAll
    void start() {
        database = TestDatabase.shared();
        database.truncateAll();
        store = new SpringJdbcStoreRepository(sql.wrap(database.dataSource()));
        data = new TestData(store, database);
    }

    @AfterEach
    void clean() {
        database.truncateAll();
    }

    @AfterAll
    void close() {
        store.close();
    }

    private <T> SqlRecorder.Recorded<T> warmThenRecord(Supplier<T> call) {
        call.get();
        return sql.record(call);
    }

    private static void assertCounts(
            String what,
            SqlRecorder.Recorded<?> recorded,
            int statements,
            List<TransactionCall> transaction,
            long roundTrips) {
        System.out.printf(
                "[round trips] %-40s statements=%d transaction=%s roundTrips=%d%n",
                what, recorded.statements(), recorded.transactionCalls(), recorded.roundTrips());
        assertThat(recorded.statements())
                .as("%s statements: %s", what, recorded.executions())
                .isEqualTo(statements);
        assertThat(recorded.transactionCalls()).as("%s transaction calls", what).isEqualTo(transaction);
        assertThat(recorded.roundTrips()).as("%s round trips", what).isEqualTo(roundTrips);
    }

    @Test
    @DisplayName("variant read-tx: each read is BEGIN READ ONLY, the SELECT and COMMIT: one statement, two round trips")
    void readsInReadOnlyTransactions() {
        StoreRepository readTx =
                SpringJdbcStoreRepository.variants().getFirst().factory().apply(sql.wrap(database.dataSource()));
        Customer customer = data.customer();
        Product product = data.product("2.50", 1_000);
        Order order = data.order(customer, T0, line(product, 2), line(product, 1));
        // BEGIN READ ONLY rides with the SELECT; the COMMIT is a round trip of its own.
        assertCounts(
                "P02 findCustomer (read-tx)",
                warmThenRecord(() -> readTx.findCustomer(customer.id())),
                1,
                COMMITTED,
                2);
        assertCounts(
                "P04 findProductBySku (read-tx)",
                warmThenRecord(() -> readTx.findProductBySku(product.sku())),
                1,
                COMMITTED,
                2);
        assertCounts("P07 findOrder (read-tx)", warmThenRecord(() -> readTx.findOrder(order.id())), 1, COMMITTED, 2);
        assertCounts(
                "P08 latestOrders (read-tx)",
                warmThenRecord(() -> readTx.latestOrders(customer.id(), 10)),
                1,
                COMMITTED,
                2);
        assertCounts(
                "P13 deleteOrder (read-tx: writes unchanged)",
                sql.record(() -> readTx.deleteOrder(order.id())),
                1,
                NONE,
                1);
    }

    @Test
    @DisplayName("single-statement reads and writes: one statement, auto-commit, one round trip")
    void singleStatements() {
        AtomicLong n = new AtomicLong();
        assertCounts(
                "P01 createCustomer",
                warmThenRecord(
                        () -> store.createCustomer(new NewCustomer("rt" + n.incrementAndGet() + "@example.com", "Rt"))),
                1,
                NONE,
                1);
        Customer customer = data.customer();
        assertCounts("P02 findCustomer", warmThenRecord(() -> store.findCustomer(customer.id())), 1, NONE, 1);
        Product product = data.product("2.50", 1_000);
        assertCounts("P04 findProductBySku", warmThenRecord(() -> store.findProductBySku(product.sku())), 1, NONE, 1);
        assertCounts(
                "P05 searchProducts", warmThenRecord(() -> store.searchProducts(ProductSearch.all(10))), 1, NONE, 1);
        Order order = data.order(customer, T0, line(product, 2), line(product, 1));
        assertCounts("P07 findOrder", warmThenRecord(() -> store.findOrder(order.id())), 1, NONE, 1);
        assertCounts("P08 latestOrders", warmThenRecord(() -> store.latestOrders(customer.id(), 10)), 1, NONE, 1);
        assertCounts(
                "P10 cancelNewOrdersBefore",
                warmThenRecord(() -> store.cancelNewOrdersBefore(T0.minusSeconds(1))),
                1,
                NONE,
                1);
        assertCounts(
                "P11 topCustomersByRevenue",
                warmThenRecord(() -> store.topCustomersByRevenue(T0, T0.plusSeconds(1), 10)),
                1,
                NONE,
                1);
        Order doomed = data.order(customer, T0, product, 1);
        assertCounts("P13 deleteOrder", sql.record(() -> store.deleteOrder(doomed.id())), 1, NONE, 1);
    }

    @Test
    @DisplayName("P03: one INSERT ... SELECT FROM unnest(arrays) in auto-commit, 3 or 1,000 products")
    void createProducts() {
        AtomicLong n = new AtomicLong();
        Supplier<List<Product>> three = () -> store.createProducts(products(n, 3));
        assertCounts("P03 createProducts (3)", warmThenRecord(three), 1, NONE, 1);
        Supplier<List<Product>> thousand = () -> store.createProducts(products(n, 1_000));
        assertCounts("P03 createProducts (1,000)", warmThenRecord(thousand), 1, NONE, 1);
    }

    private static List<NewProduct> products(AtomicLong n, int count) {
        List<NewProduct> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            products.add(new NewProduct(
                    "rt-" + n.incrementAndGet(), "Product", new BigDecimal("1.25"), 10, Map.of("k", "v")));
        }
        return products;
    }

    @Test
    @DisplayName("P06: stock, order and lines in one transaction; the key and the diagnosis cost only on their paths")
    void placeOrder() {
        Customer customer = data.customer();
        Product a = data.product("1.00", 1_000);
        Product b = data.product("2.00", 1_000);
        Product c = data.product("3.00", 1_000);
        List<OrderLineRequest> lines = List.of(line(a, 1), line(b, 2), line(c, 1), line(a, 1));
        AtomicLong n = new AtomicLong();
        Supplier<Order> keyed = () -> store.placeOrder(
                PlaceOrder.of(customer.id(), T0, lines).withIdempotencyKey("rt-" + n.incrementAndGet()));
        // UPDATE (BEGIN travels with it), INSERT order, batch of lines, COMMIT.
        assertCounts("P06 placeOrder, new key", warmThenRecord(keyed), 3, COMMITTED, 4);
        assertCounts(
                "P06 placeOrder, no key",
                warmThenRecord(() -> store.placeOrder(PlaceOrder.of(customer.id(), T0, lines))),
                3,
                COMMITTED,
                4);
        PlaceOrder repeated = PlaceOrder.of(customer.id(), T0, lines).withIdempotencyKey("rt-repeat");
        Order first = store.placeOrder(repeated);
        // UPDATE, INSERT (conflict: no row), SELECT the keyed order, ROLLBACK (the stock goes back).
        SqlRecorder.Recorded<Order> again = warmThenRecord(() -> store.placeOrder(repeated));
        assertCounts("P06 placeOrder, repeated key", again, 3, ROLLED_BACK, 4);
        assertThat(again.result()).isEqualTo(first);
        // UPDATE (one product short), the diagnosis, ROLLBACK.
        SqlRecorder.Recorded<Throwable> refused = warmThenRecord(() -> catchThrowable(() ->
                store.placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(a, 1), line(b, 5_000))))));
        assertThat(refused.result()).isInstanceOf(InsufficientStockException.class);
        assertCounts("P06 placeOrder, insufficient stock", refused, 2, ROLLED_BACK, 3);
        SqlRecorder.Recorded<Throwable> unknown = warmThenRecord(() ->
                catchThrowable(() -> store.placeOrder(PlaceOrder.of(customer.id() + 1_000, T0, List.of(line(a, 1))))));
        assertThat(unknown.result()).isInstanceOf(NotFoundException.class);
        // UPDATE, INSERT ... SELECT FROM customer (no row), ROLLBACK.
        assertCounts("P06 placeOrder, unknown customer", unknown, 2, ROLLED_BACK, 3);
    }

    @Test
    @DisplayName("P09: one guarded statement in auto-commit; a refusal adds one read")
    void changeStatus() {
        Customer customer = data.customer();
        Product product = data.product("2.00", 100);
        Order toPay = data.order(customer, T0, product, 1);
        Order toCancel = data.order(customer, T0, line(product, 1), line(product, 2));
        assertCounts(
                "P09 changeStatus to PAID",
                sql.record(() -> store.changeStatus(toPay.id(), 0, OrderStatus.PAID)),
                1,
                NONE,
                1);
        assertCounts(
                "P09 changeStatus to CANCELLED",
                sql.record(() -> store.changeStatus(toCancel.id(), 0, OrderStatus.CANCELLED)),
                1,
                NONE,
                1);
        SqlRecorder.Recorded<Throwable> stale =
                sql.record(() -> catchThrowable(() -> store.changeStatus(toPay.id(), 0, OrderStatus.SHIPPED)));
        assertThat(stale.result()).isInstanceOf(StaleVersionException.class);
        assertCounts("P09 changeStatus, stale", stale, 2, NONE, 2);
    }

    @Test
    @DisplayName("P12: one statement in a read-only transaction (the cursor needs auto-commit off)")
    void streamOrderLines() {
        Customer customer = data.customer();
        Product product = data.product("2.00", 10_000);
        for (int i = 0; i < 3; i++) {
            data.order(customer, T0, line(product, 1), line(product, 1));
        }
        Supplier<Long> stream = () -> store.streamOrderLines(Instant.MIN, Instant.MAX, row -> {});
        // The query with BEGIN READ ONLY and the first 500 rows, then COMMIT.
        assertCounts("P12 streamOrderLines (6 rows)", warmThenRecord(stream), 1, COMMITTED, 2);
    }
}
