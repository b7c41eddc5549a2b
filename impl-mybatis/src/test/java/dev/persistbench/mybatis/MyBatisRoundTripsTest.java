package dev.persistbench.mybatis;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.suite.ContractFixture;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.ServerStatements;
import dev.persistbench.testkit.sql.SqlRecorder;
import dev.persistbench.testkit.sql.SqlRecorder.TransactionCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The statement and round-trip counts that the module's README states, per pattern, measured:
 * the client's executions, transaction calls and round trips ({@link SqlRecorder}) and the
 * statements the server executed ({@link ServerStatements}, BEGIN/COMMIT/ROLLBACK apart). Each
 * call is made once to warm the connection, then once counted. If MyBatis or the mappers change
 * what goes over the wire, this fails and the README must be brought up to date.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyBatisRoundTripsTest implements ContractFixture {

    private final SqlRecorder sql = new SqlRecorder();
    private TestDatabase database;
    private StoreRepository store;
    private ServerStatements server;
    private final AtomicLong unique = new AtomicLong();

    /** What one call did, on both sides of the wire. */
    record Counts(
            int statements, List<TransactionCall> transactionCalls, long roundTrips, ServerStatements.Count server) {
        @Override
        public String toString() {
            return statements + " statement(s), " + transactionCalls + ", " + roundTrips + " round trip(s); server: "
                    + server;
        }
    }

    @BeforeAll
    void start() {
        database = TestDatabase.shared();
        database.truncateAll();
        store = new MyBatisStoreRepository(sql.wrap(database.dataSource()));
        StringBuilder why = new StringBuilder();
        server = ServerStatements.open(database.dataSource(), why)
                .orElseThrow(() -> new IllegalStateException(why.toString()));
    }

    @AfterEach
    void clean() {
        database.truncateAll();
    }

    @AfterAll
    void stop() {
        store.close();
    }

    @Override
    public StoreRepository store() {
        return store;
    }

    @Override
    public TestDatabase database() {
        return database;
    }

    @Override
    public SqlRecorder sql() {
        return sql;
    }

    @Override
    public StoreRepository newRepository(DataSource dataSource) {
        return new MyBatisStoreRepository(dataSource);
    }

    private <T> Counts count(String pattern, Supplier<T> call) {
        Map<String, Long> before = server.snapshot();
        SqlRecorder.Recorded<T> recorded = sql.record(call);
        ServerStatements.Count onServer = ServerStatements.Count.of(ServerStatements.delta(before, server.snapshot()));
        Counts counts = new Counts(recorded.statements(), recorded.transactionCalls(), recorded.roundTrips(), onServer);
        System.out.println("[counts] " + pattern + ": " + counts);
        return counts;
    }

    private <T> Counts warmThenCount(String pattern, Supplier<T> call) {
        call.get();
        return count(pattern, call);
    }

    private static void assertCounts(
            Counts counts, int statements, List<TransactionCall> calls, long roundTrips, long serverStatements) {
        assertThat(counts.statements()).as("statements: %s", counts).isEqualTo(statements);
        assertThat(counts.transactionCalls())
                .as("transaction calls: %s", counts)
                .isEqualTo(calls);
        assertThat(counts.roundTrips()).as("round trips: %s", counts).isEqualTo(roundTrips);
        assertThat(counts.server().statements())
                .as("statements the server ran: %s", counts)
                .isEqualTo(serverStatements);
        long transactions = calls.contains(TransactionCall.BEGIN) ? 1 : 0;
        assertThat(counts.server().begins()).as("server BEGINs: %s", counts).isEqualTo(transactions);
    }

    private static final List<TransactionCall> AUTO_COMMIT = List.of();
    private static final List<TransactionCall> COMMITTED = List.of(TransactionCall.BEGIN, TransactionCall.COMMIT);
    private static final List<TransactionCall> ROLLED_BACK = List.of(TransactionCall.BEGIN, TransactionCall.ROLLBACK);

    private List<NewProduct> products(int n) {
        long batch = unique.incrementAndGet();
        return IntStream.range(0, n)
                .mapToObj(i -> new NewProduct(
                        "rt-" + batch + "-" + i,
                        "Product " + i,
                        new BigDecimal("2.50"),
                        100,
                        i % 2 == 0 ? Map.of("colour", "red") : Map.of()))
                .toList();
    }

    @Test
    @DisplayName("P01, P02, P04, P07, P13: one statement, auto-commit, one round trip")
    void singleStatements() {
        assertCounts(
                warmThenCount(
                        "P01 createCustomer",
                        () -> store.createCustomer(
                                new NewCustomer("rt" + unique.incrementAndGet() + "@example.com", "Rt"))),
                1,
                AUTO_COMMIT,
                1,
                1);
        Customer customer = data().customer();
        assertCounts(warmThenCount("P02 findCustomer", () -> store.findCustomer(customer.id())), 1, AUTO_COMMIT, 1, 1);
        Product product = data().product("3.00", 100);
        assertCounts(
                warmThenCount("P04 findProductBySku", () -> store.findProductBySku(product.sku())),
                1,
                AUTO_COMMIT,
                1,
                1);
        Order order = data().order(customer, T0, line(product, 2), line(product, 1));
        assertCounts(warmThenCount("P07 findOrder", () -> store.findOrder(order.id())), 1, AUTO_COMMIT, 1, 1);
        Order other = data().order(customer, T0, product, 1);
        store.deleteOrder(order.id());
        assertCounts(count("P13 deleteOrder", () -> store.deleteOrder(other.id())), 1, AUTO_COMMIT, 1, 1);
    }

    @Test
    @DisplayName("P03: 1,000 products in one statement, auto-commit, one round trip")
    void createProducts() {
        store.createProducts(products(1_000));
        List<NewProduct> given = products(1_000);
        Counts counts = count("P03 createProducts(1000)", () -> store.createProducts(given));
        assertCounts(counts, 1, AUTO_COMMIT, 1, 1);
        assertCounts(
                count("P03 createProducts(10000)", () -> store.createProducts(products(10_000))), 1, AUTO_COMMIT, 1, 1);
    }

    @Test
    @DisplayName("P03, variant batch-executor: 1,000 INSERTs as one JDBC batch in one transaction")
    void createProductsInABatch() {
        StoreRepository batch =
                MyBatisStoreRepository.variants().getFirst().factory().apply(sql.wrap(database.dataSource()));
        batch.createProducts(products(1_000));
        List<NewProduct> given = products(1_000);
        Counts counts = count("P03 createProducts(1000), batch-executor", () -> batch.createProducts(given));
        // pgjdbc's reWriteBatchedInserts does not fold INSERTs that return generated keys: the server
        // runs every row's INSERT, pipelined by the driver in a few round trips; the client sees one
        // executeBatch. The server's count is the one that shows the work.
        assertCounts(counts, 1, COMMITTED, 6, 1_000);
    }

    @Test
    @DisplayName("P05, P08, P10, P11: one statement, auto-commit, one round trip")
    void queries() {
        store.createProducts(products(30));
        assertCounts(
                warmThenCount("P05 searchProducts", () -> store.searchProducts(ProductSearch.all(10))),
                1,
                AUTO_COMMIT,
                1,
                1);
        Product product = data().product("3.00", 1_000);
        Customer customer = data().customer();
        for (int i = 0; i < 5; i++) {
            data().order(customer, T0.plusSeconds(i), line(product, 1), line(product, 2));
        }
        assertCounts(
                warmThenCount("P08 latestOrders(10)", () -> store.latestOrders(customer.id(), 10)),
                1,
                AUTO_COMMIT,
                1,
                1);
        Order paid = data().order(customer, T0, product, 1);
        store.changeStatus(paid.id(), 0, OrderStatus.PAID);
        assertCounts(
                warmThenCount(
                        "P11 topCustomersByRevenue", () -> store.topCustomersByRevenue(T0, T0.plusSeconds(60), 10)),
                1,
                AUTO_COMMIT,
                1,
                1);
        assertCounts(
                count("P10 cancelNewOrdersBefore", () -> store.cancelNewOrdersBefore(T0.plusSeconds(3))),
                1,
                AUTO_COMMIT,
                1,
                1);
    }

    @Test
    @DisplayName("P06: three statements in one transaction, four round trips; a repeat or a refusal rolls back")
    void placeOrder() {
        Customer customer = data().customer();
        Product a = data().product("3.00", 1_000);
        Product b = data().product("4.00", 1_000);
        Supplier<Order> place = () -> data().order(customer, T0, line(a, 1), line(b, 2), line(a, 3));
        assertCounts(warmThenCount("P06 placeOrder (3 lines, 2 products)", place), 3, COMMITTED, 4, 3);

        PlaceOrder keyed = PlaceOrder.of(customer.id(), T0, List.of(line(a, 1))).withIdempotencyKey("rt-key");
        store.placeOrder(keyed);
        assertCounts(count("P06 placeOrder, key used", () -> store.placeOrder(keyed)), 3, ROLLED_BACK, 4, 3);

        Counts refused = count(
                "P06 placeOrder, too little stock",
                () -> catchThrowable(() -> data().order(customer, T0, line(a, 1), line(b, 5_000))));
        assertCounts(refused, 3, ROLLED_BACK, 4, 3);
        Counts refusedWithKey = count(
                "P06 placeOrder, too little stock, unused key",
                () -> catchThrowable(() -> store.placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(b, 5_000)))
                        .withIdempotencyKey("rt-other"))));
        assertCounts(refusedWithKey, 4, ROLLED_BACK, 5, 4);
        assertThat(catchThrowable(() -> data().order(customer, T0, b, 5_000)))
                .isInstanceOf(InsufficientStockException.class);
    }

    @Test
    @DisplayName("P09: one statement in auto-commit; a cancellation two in one transaction; diagnosis only on refusal")
    void changeStatus() {
        Customer customer = data().customer();
        Product product = data().product("3.00", 1_000);
        Order first = data().order(customer, T0, product, 1);
        store.changeStatus(first.id(), 0, OrderStatus.PAID);
        Order second = data().order(customer, T0, line(product, 1), line(product, 2));
        assertCounts(
                count("P09 changeStatus NEW->PAID", () -> store.changeStatus(second.id(), 0, OrderStatus.PAID)),
                1,
                AUTO_COMMIT,
                1,
                1);
        Order third = data().order(customer, T0, product, 1);
        store.changeStatus(first.id(), 1, OrderStatus.CANCELLED);
        assertCounts(
                count(
                        "P09 changeStatus NEW->CANCELLED",
                        () -> store.changeStatus(third.id(), 0, OrderStatus.CANCELLED)),
                2,
                COMMITTED,
                3,
                2);
        Counts stale = count(
                "P09 changeStatus, stale version",
                () -> catchThrowable(() -> store.changeStatus(second.id(), 0, OrderStatus.SHIPPED)));
        assertCounts(stale, 2, AUTO_COMMIT, 2, 2);
        assertThat(catchThrowable(() -> store.changeStatus(second.id(), 0, OrderStatus.SHIPPED)))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    @DisplayName("P12: one statement in one transaction (the cursor needs auto-commit off)")
    void streamOrderLines() {
        Product product = data().product("3.00", 1_000);
        data().order(data().customer(), T0, line(product, 1), line(product, 2));
        assertCounts(
                warmThenCount(
                        "P12 streamOrderLines (2 rows)",
                        () -> store.streamOrderLines(Instant.MIN, Instant.MAX, row -> {})),
                1,
                COMMITTED,
                2,
                1);
    }
}
