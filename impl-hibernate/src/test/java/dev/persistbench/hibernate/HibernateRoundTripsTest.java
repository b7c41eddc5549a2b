package dev.persistbench.hibernate;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.IllegalTransitionException;
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
import dev.persistbench.suite.TestData;
import dev.persistbench.suite.VariantContract;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.ServerStatements;
import dev.persistbench.testkit.sql.SqlRecorder;
import dev.persistbench.testkit.sql.SqlRecorder.TransactionCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The counts that README.md states per pattern, measured: statement executions, transaction calls
 * and round trips on the client ({@link SqlRecorder}), and what the server ran besides
 * BEGIN/COMMIT/ROLLBACK ({@link ServerStatements}). A read is made once before it is counted, so
 * that a driver's first-use type look-ups on the connection do not count. When Hibernate or this
 * module changes what travels, this test fails and the README is brought up to date with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HibernateRoundTripsTest {

    private static final List<TransactionCall> NONE = List.of();
    private static final List<TransactionCall> COMMIT = List.of(TransactionCall.BEGIN, TransactionCall.COMMIT);
    private static final List<TransactionCall> ROLLBACK = List.of(TransactionCall.BEGIN, TransactionCall.ROLLBACK);

    private final SqlRecorder sql = new SqlRecorder();
    private TestDatabase database;
    private HibernateStoreRepository store;
    private ServerStatements server;
    private TestData data;
    private int batches;

    /** What one call sent. */
    record Sent(int statements, List<TransactionCall> transaction, long roundTrips, long serverStatements) {}

    @BeforeAll
    void start() {
        database = TestDatabase.shared();
        database.truncateAll();
        store = new HibernateStoreRepository(sql.wrap(database.dataSource()));
        data = new TestData(store, database);
        StringBuilder why = new StringBuilder();
        server = ServerStatements.open(database.dataSource(), why)
                .orElseThrow(() -> new IllegalStateException(why.toString()));
    }

    @AfterEach
    void truncate() {
        database.truncateAll();
    }

    @AfterAll
    void stop() {
        store.close();
    }

    private <T> Sent measure(String what, Supplier<T> call) {
        Map<String, Long> before = server.snapshot();
        SqlRecorder.Recorded<T> recorded = sql.record(call);
        ServerStatements.Count ran = ServerStatements.Count.of(ServerStatements.delta(before, server.snapshot()));
        Sent sent =
                new Sent(recorded.statements(), recorded.transactionCalls(), recorded.roundTrips(), ran.statements());
        System.out.println("[hibernate counts] " + what + ": " + sent);
        return sent;
    }

    private <T> Sent measureRead(String what, Supplier<T> call) {
        call.get();
        return measure(what, call);
    }

    private static void expect(Sent sent, int statements, List<TransactionCall> transaction, long roundTrips) {
        expect(sent, statements, transaction, roundTrips, statements);
    }

    private static void expect(
            Sent sent, int statements, List<TransactionCall> transaction, long roundTrips, long serverStatements) {
        assertThat(sent.statements()).as("statements %s", sent).isEqualTo(statements);
        assertThat(sent.transaction()).as("transaction %s", sent).isEqualTo(transaction);
        assertThat(sent.roundTrips()).as("round trips %s", sent).isEqualTo(roundTrips);
        assertThat(sent.serverStatements()).as("server statements %s", sent).isEqualTo(serverStatements);
    }

    private List<NewProduct> newProducts(int count) {
        int batch = ++batches;
        return IntStream.range(0, count)
                .mapToObj(i -> new NewProduct(
                        "count-" + batch + "-" + i,
                        "Counted " + i,
                        new BigDecimal("1.25"),
                        1_000,
                        i % 3 == 0 ? Map.of("colour", "c" + i % 5) : Map.of()))
                .toList();
    }

    @Test
    @DisplayName("P07, P08, variant entities: the same orders; P07 one statement, P08 two (ids, then the entities)")
    void entitiesVariant() {
        StoreRepository entities = VariantContract.named(HibernateStoreRepository.variants(), "entities")
                .factory()
                .apply(sql.wrap(database.dataSource()));
        try {
            Customer customer = store.createCustomer(new NewCustomer("entities@example.com", "Entities"));
            Product product = data.product("3.00", 1_000);
            Order first = data.order(customer, T0, line(product, 2), line(product, 1));
            data.order(customer, T0.plusSeconds(1), line(product, 1));
            expect(measureRead("P07 entities", () -> entities.findOrder(first.id())), 1, NONE, 1);
            expect(measureRead("P08 entities", () -> entities.latestOrders(customer.id(), 10)), 2, NONE, 2);
            assertThat(entities.findOrder(first.id())).isEqualTo(store.findOrder(first.id()));
            assertThat(entities.latestOrders(customer.id(), 10)).isEqualTo(store.latestOrders(customer.id(), 10));
        } finally {
            entities.close();
        }
    }

    @Test
    @DisplayName("P03, variant persist: 1,000 products as 20 sequence calls and 20 JDBC batches in one transaction")
    void persistVariant() {
        StoreRepository persist = VariantContract.named(HibernateStoreRepository.variants(), "persist")
                .factory()
                .apply(sql.wrap(database.dataSource()));
        try {
            persist.createProducts(newProducts(3));
            List<NewProduct> thousand = newProducts(1_000);
            Sent sent = measure("P03 1,000 products, persist", () -> persist.createProducts(thousand));
            // 20 nextval calls (50 ids each) and 20 batches of 50 INSERTs, each batch sent by pgjdbc's
            // reWriteBatchedInserts as 3 multi-row INSERTs (32 + 16 + 2 rows): 80 on the server; BEGIN goes
            // with the first statement, COMMIT is a round trip of its own.
            expect(sent, 40, COMMIT, 41, 80);
            List<String> skus = thousand.stream().map(NewProduct::sku).toList();
            assertThat(skus.stream()
                            .map(sku ->
                                    store.findProductBySku(sku).orElseThrow().sku()))
                    .as("every product stored")
                    .containsExactlyElementsOf(skus);
        } finally {
            persist.close();
        }
    }

    @Test
    @DisplayName("P01, P02, P04, P07, P13: one statement in auto-commit, one round trip")
    void oneStatementPatterns() {
        Customer customer = store.createCustomer(new NewCustomer("first@example.com", "First"));
        expect(
                measure("P01", () -> store.createCustomer(new NewCustomer("counted@example.com", "Counted"))),
                1,
                NONE,
                1);
        expect(measureRead("P02", () -> store.findCustomer(customer.id())), 1, NONE, 1);
        Product product = data.product("3.00", 1_000);
        expect(measureRead("P04", () -> store.findProductBySku(product.sku())), 1, NONE, 1);
        Order order = data.order(customer, T0, line(product, 2), line(product, 1));
        expect(measureRead("P07", () -> store.findOrder(order.id())), 1, NONE, 1);
        expect(measure("P13", () -> store.deleteOrder(order.id())), 1, NONE, 1);
    }

    @Test
    @DisplayName("P03: one statement in auto-commit, one round trip, for 1,000 and for 10,000 products")
    void createProducts() {
        store.createProducts(newProducts(3));
        List<NewProduct> thousand = newProducts(1_000);
        expect(measure("P03 1,000 products", () -> store.createProducts(thousand)), 1, NONE, 1);
        List<NewProduct> tenThousand = newProducts(10_000);
        expect(measure("P03 10,000 products", () -> store.createProducts(tenThousand)), 1, NONE, 1);
    }

    @Test
    @DisplayName("P05, P08, P10, P11: one statement in auto-commit, one round trip")
    void queries() {
        store.createProducts(newProducts(30));
        expect(measureRead("P05", () -> store.searchProducts(ProductSearch.all(10))), 1, NONE, 1);
        Customer customer = data.customer();
        Product product = data.product("2.00", 1_000);
        for (int i = 0; i < 6; i++) {
            data.order(customer, T0.plusSeconds(i), line(product, 1), line(product, 2));
        }
        expect(measureRead("P08 limit 5", () -> store.latestOrders(customer.id(), 5)), 1, NONE, 1);
        Order paid = data.order(customer, T0, product, 1);
        store.changeStatus(paid.id(), 0, OrderStatus.PAID);
        expect(measureRead("P11", () -> store.topCustomersByRevenue(T0, T0.plusSeconds(60), 10)), 1, NONE, 1);
        expect(measure("P10", () -> store.cancelNewOrdersBefore(T0.plusSeconds(3))), 1, NONE, 1);
    }

    @Test
    @DisplayName("P06: the stock of all products, the order, one batch of lines, in one transaction")
    void placeOrder() {
        Customer customer = data.customer();
        Product a = data.product("3.00", 10_000);
        Product b = data.product("4.00", 10_000);
        data.order(customer, T0, a, 1);
        // stock, order, 1 batch (pgjdbc sends the 3 rows as a 2-row and a 1-row INSERT)
        expect(
                measure("P06 3 lines, 2 products", () -> data.order(customer, T0, line(a, 1), line(b, 2), line(a, 3))),
                3,
                COMMIT,
                4,
                4);
        List<Product> sixty = data.create(IntStream.range(0, 60)
                .mapToObj(i -> data.product().price("1.00").stock(1_000).build())
                .toList());
        List<OrderLineRequest> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(line(sixty.get(i % 60), 1));
        }
        // the same three whatever the number of products and lines (the server runs 120 rows as 64 + 32 + 16 + 8)
        expect(
                measure("P06 120 lines, 60 products", () -> store.placeOrder(PlaceOrder.of(customer.id(), T0, lines))),
                3,
                COMMIT,
                4,
                6);

        // (a first keyed order warms the connection: pgjdbc looks a type up once on first use)
        store.placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(a, 1))).withIdempotencyKey("warm-key"));
        PlaceOrder keyed = PlaceOrder.of(customer.id(), T0, List.of(line(a, 1))).withIdempotencyKey("counted-key");
        // stock, INSERT ... ON CONFLICT DO NOTHING RETURNING id, 1 batch
        expect(measure("P06 with a key", () -> store.placeOrder(keyed)), 3, COMMIT, 4);
        // stock, the INSERT that returns no row, the keyed order; the stock goes back
        expect(measure("P06 key used", () -> store.placeOrder(keyed)), 3, ROLLBACK, 4);

        // stock (short for b), which product is unknown or short
        Sent refused = measure(
                "P06 too little stock",
                () -> catchThrowable(() -> data.order(customer, T0, line(a, 1), line(b, 50_000))));
        expect(refused, 2, ROLLBACK, 3);
        assertThat(catchThrowable(() -> data.order(customer, T0, b, 50_000)))
                .isInstanceOf(InsufficientStockException.class);
        int stock = data.stock(a.id());
        // with a key: the key is looked up first (unused), then the diagnosis
        Sent refusedWithKey = measure(
                "P06 too little stock, unused key",
                () -> catchThrowable(() ->
                        store.placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(a, 1), line(b, 50_000)))
                                .withIdempotencyKey("unused-key"))));
        expect(refusedWithKey, 3, ROLLBACK, 4);
        assertThat(data.stock(a.id())).as("stock given back").isEqualTo(stock);
    }

    @Test
    @DisplayName("P09: guarded UPDATE + read in one transaction; + restock when cancelling; diagnosis only on refusal")
    void changeStatus() {
        Customer customer = data.customer();
        Product product = data.product("3.00", 1_000);
        Order first = data.order(customer, T0, line(product, 1), line(product, 2));
        store.changeStatus(first.id(), 0, OrderStatus.PAID);
        Order second = data.order(customer, T0, line(product, 1), line(product, 2));
        expect(measure("P09 NEW -> PAID", () -> store.changeStatus(second.id(), 0, OrderStatus.PAID)), 2, COMMIT, 3);
        Order third = data.order(customer, T0, product, 1);
        expect(
                measure("P09 NEW -> CANCELLED", () -> store.changeStatus(third.id(), 0, OrderStatus.CANCELLED)),
                3,
                COMMIT,
                4);
        Sent stale = measure(
                "P09 stale version",
                () -> catchThrowable(() -> store.changeStatus(second.id(), 0, OrderStatus.SHIPPED)));
        expect(stale, 2, ROLLBACK, 3);
        assertThat(catchThrowable(() -> store.changeStatus(second.id(), 0, OrderStatus.SHIPPED)))
                .isInstanceOf(StaleVersionException.class);
        Sent toNew =
                measure("P09 to NEW", () -> catchThrowable(() -> store.changeStatus(second.id(), 1, OrderStatus.NEW)));
        expect(toNew, 1, NONE, 1);
        assertThat(catchThrowable(() -> store.changeStatus(second.id(), 1, OrderStatus.NEW)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    @DisplayName("P12: one statement in one transaction (pgjdbc's cursor needs auto-commit off)")
    void streamOrderLines() {
        Product product = data.product("3.00", 1_000);
        data.order(data.customer(), T0, line(product, 1), line(product, 2));
        expect(
                measureRead("P12 2 rows", () -> store.streamOrderLines(Instant.MIN, Instant.MAX, row -> {})),
                1,
                COMMIT,
                2);
    }
}
