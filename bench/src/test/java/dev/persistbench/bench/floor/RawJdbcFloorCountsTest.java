package dev.persistbench.bench.floor;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.contract.error.IllegalTransitionException;
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
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The floor's statements, round trips and transaction calls per pattern, as its class Javadoc
 * tables them: a change that costs the yardstick a statement or a round trip fails here. Each
 * call runs once on a warm connection before the recorded one (a driver looks some types up on
 * first use); round trips are counted by the socket under pgjdbc ({@code RoundTrips}).
 */
class RawJdbcFloorCountsTest {

    private static final TransactionCall[] AUTO_COMMIT = {};
    private static final TransactionCall[] COMMITTED = {TransactionCall.BEGIN, TransactionCall.COMMIT};
    private static final TransactionCall[] ROLLED_BACK = {TransactionCall.BEGIN, TransactionCall.ROLLBACK};

    private final SqlRecorder sql = new SqlRecorder();
    private TestDatabase database;
    private RawJdbcFloor floor;
    private TestData data;

    @BeforeEach
    void open() {
        database = TestDatabase.shared();
        database.truncateAll();
        floor = new RawJdbcFloor(sql.wrap(database.dataSource()));
        data = new TestData(floor, database);
    }

    @AfterEach
    void clean() {
        database.truncateAll();
    }

    private <T> SqlRecorder.Recorded<T> warmThenRecord(Supplier<T> call) {
        call.get();
        return sql.record(call);
    }

    private static void assertCounts(
            String what, SqlRecorder.Recorded<?> recorded, int statements, long roundTrips, TransactionCall... calls) {
        assertThat(recorded.statements())
                .as("%s: statements; SQL: %s", what, recorded.executions())
                .isEqualTo(statements);
        assertThat(recorded.roundTrips()).as("%s: round trips", what).isEqualTo(roundTrips);
        assertThat(recorded.transactionCalls())
                .as("%s: transaction calls", what)
                .containsExactly(calls);
    }

    @Test
    void p01_p02_p04_oneRoundTripEach_andNoneForImpossibleKeys() {
        Product product = data.product("3.00", 5);
        Customer[] made = new Customer[1];
        SqlRecorder.Recorded<Customer> created = warmThenRecord(() -> made[0] =
                floor.createCustomer(new NewCustomer("counts-" + TestData.unique() + "@example.com", "Counts")));
        assertCounts("P01", created, 1, 1, AUTO_COMMIT);
        assertCounts("P02", warmThenRecord(() -> floor.findCustomer(made[0].id())), 1, 1, AUTO_COMMIT);
        assertCounts("P02 id 0", sql.record(() -> floor.findCustomer(0)), 0, 0, AUTO_COMMIT);
        SqlRecorder.Recorded<?> found = warmThenRecord(() -> floor.findProductBySku(product.sku()));
        assertCounts("P04", found, 1, 1, AUTO_COMMIT);
        assertThat(found.result()).isEqualTo(java.util.Optional.of(product));
        assertCounts("P04 blank SKU", sql.record(() -> floor.findProductBySku(" ")), 0, 0, AUTO_COMMIT);
    }

    @Test
    void p03_oneStatementWhateverTheBatchSize() {
        for (int size : new int[] {3, 1_000}) {
            SqlRecorder.Recorded<List<Product>> created = warmThenRecord(() -> floor.createProducts(IntStream.range(
                            0, size)
                    .mapToObj(i -> new NewProduct(
                            "counts-" + TestData.unique(), "Counted", new BigDecimal("1.25"), i, Map.of("k", "v" + i)))
                    .toList()));
            assertCounts("P03 of " + size, created, 1, 1, AUTO_COMMIT);
            assertThat(created.result()).hasSize(size);
        }
        assertCounts("P03 empty", sql.record(() -> floor.createProducts(List.of())), 0, 0, AUTO_COMMIT);
    }

    @Test
    void p05_p07_p08_p11_p13_oneRoundTripEach() {
        Product product = data.product("3.00", 100);
        Customer customer = data.customer();
        Order first = data.order(customer, T0, line(product, 1), line(product, 2));
        Order second = data.order(customer, T0.plusSeconds(1), product, 3);
        floor.changeStatus(first.id(), 0, OrderStatus.PAID);
        assertCounts(
                "P05",
                warmThenRecord(() -> floor.searchProducts(ProductSearch.all(10).withNameContains("Product"))),
                1,
                1,
                AUTO_COMMIT);
        assertCounts("P07", warmThenRecord(() -> floor.findOrder(second.id())), 1, 1, AUTO_COMMIT);
        SqlRecorder.Recorded<List<Order>> latest = warmThenRecord(() -> floor.latestOrders(customer.id(), 10));
        assertCounts("P08", latest, 1, 1, AUTO_COMMIT);
        assertThat(latest.result()).hasSize(2);
        assertCounts("P08 id 0", sql.record(() -> floor.latestOrders(0, 10)), 0, 0, AUTO_COMMIT);
        SqlRecorder.Recorded<?> report =
                warmThenRecord(() -> floor.topCustomersByRevenue(Instant.MIN, Instant.MAX, 10));
        assertCounts("P11", report, 1, 1, AUTO_COMMIT);
        assertThat((List<?>) report.result()).hasSize(1);
        floor.deleteOrder(first.id());
        SqlRecorder.Recorded<Boolean> deleted = sql.record(() -> floor.deleteOrder(second.id()));
        assertCounts("P13", deleted, 1, 1, AUTO_COMMIT);
        assertThat(deleted.result()).isTrue();
    }

    @Test
    void p06_oneTransactionOfTwoStatements_onEveryPath() {
        Product product = data.product("2.00", 1_000);
        Product other = data.product("3.00", 1_000);
        Customer customer = data.customer();
        List<OrderLineRequest> lines = List.of(line(product, 1), line(other, 2), line(product, 3));
        SqlRecorder.Recorded<Order> plain =
                warmThenRecord(() -> floor.placeOrder(PlaceOrder.of(customer.id(), T0, lines)));
        assertCounts("P06 without a key", plain, 2, 3, COMMITTED);
        assertThat(plain.result().total()).isEqualTo(new BigDecimal("14.00"));

        SqlRecorder.Recorded<Order> keyed = warmThenRecord(() -> floor.placeOrder(
                PlaceOrder.of(customer.id(), T0, lines).withIdempotencyKey("counts-" + TestData.unique())));
        assertCounts("P06 with a new key", keyed, 2, 3, COMMITTED);
        assertThat(data.queryString(
                        "SELECT total::text FROM purchase_order WHERE id = ?",
                        keyed.result().id()))
                .isEqualTo("14.00");

        PlaceOrder repeated = PlaceOrder.of(customer.id(), T0, lines).withIdempotencyKey("counts-repeated");
        Order placed = floor.placeOrder(repeated);
        SqlRecorder.Recorded<Order> again = warmThenRecord(() -> floor.placeOrder(repeated));
        assertCounts("P06 with a used key", again, 3, 4, ROLLED_BACK);
        assertThat(again.result()).isEqualTo(placed);

        Supplier<Throwable> tooMuch = () -> catchThrowable(() ->
                floor.placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(other, 1), line(product, 5_000)))));
        SqlRecorder.Recorded<Throwable> refused = warmThenRecord(tooMuch);
        assertCounts("P06 refused", refused, 2, 3, ROLLED_BACK);
        assertThat(refused.result()).isInstanceOf(InsufficientStockException.class);

        long missing = customer.id() + 1_000;
        SqlRecorder.Recorded<Throwable> unknown = warmThenRecord(() -> catchThrowable(() ->
                floor.placeOrder(PlaceOrder.of(missing, T0, lines).withIdempotencyKey("counts-" + TestData.unique()))));
        assertCounts("P06 unknown customer, with a key", unknown, 2, 3, ROLLED_BACK);
        assertThat(unknown.result()).isInstanceOf(NotFoundException.class);
        SqlRecorder.Recorded<Throwable> unknownWithoutKey =
                warmThenRecord(() -> catchThrowable(() -> floor.placeOrder(PlaceOrder.of(missing, T0, lines))));
        assertCounts("P06 unknown customer, without a key", unknownWithoutKey, 2, 3, ROLLED_BACK);
        assertThat(unknownWithoutKey.result()).isInstanceOf(NotFoundException.class);
        assertThat(data.stock(product.id()))
                .as("stock after five orders of 4 units each, and the refused ones")
                .isEqualTo(1_000 - 5 * 4);
    }

    @Test
    void p09_oneStatement_twoWhenRefused() {
        Product product = data.product("3.00", 100);
        Customer customer = data.customer();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(data.order(customer, T0, line(product, 1), line(product, 2)));
        }
        assertCounts(
                "P09 to PAID", sql.record(() -> floor.changeStatus(orders.get(0).id(), 0, OrderStatus.PAID)), 1, 1);
        assertCounts(
                "P09 to CANCELLED with restock",
                sql.record(() -> floor.changeStatus(orders.get(1).id(), 0, OrderStatus.CANCELLED)),
                1,
                1);
        SqlRecorder.Recorded<Throwable> stale = sql.record(
                () -> catchThrowable(() -> floor.changeStatus(orders.get(2).id(), 5, OrderStatus.PAID)));
        assertCounts("P09 stale", stale, 2, 2);
        assertThat(stale.result()).isInstanceOf(StaleVersionException.class);
        SqlRecorder.Recorded<Throwable> illegal = sql.record(
                () -> catchThrowable(() -> floor.changeStatus(orders.get(0).id(), 1, OrderStatus.PAID)));
        assertCounts("P09 illegal", illegal, 2, 2);
        assertThat(illegal.result()).isInstanceOf(IllegalTransitionException.class);
        SqlRecorder.Recorded<Throwable> toNew = sql.record(
                () -> catchThrowable(() -> floor.changeStatus(orders.get(3).id(), 0, OrderStatus.NEW)));
        assertCounts("P09 to NEW", toNew, 1, 1);
        assertThat(toNew.result()).isInstanceOf(IllegalTransitionException.class);
        SqlRecorder.Recorded<Throwable> missing = sql.record(() ->
                catchThrowable(() -> floor.changeStatus(orders.get(3).id() + 1_000, 0, OrderStatus.PAID)));
        assertCounts("P09 unknown order", missing, 2, 2);
        assertThat(missing.result()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void p10_oneStatementWhateverTheNumberOfOrders() {
        Product product = data.product("3.00", 1_000);
        Product other = data.product("4.00", 1_000);
        Customer customer = data.customer();
        data.order(customer, T0, product, 1);
        floor.cancelNewOrdersBefore(T0.plusSeconds(1));
        for (int i = 0; i < 7; i++) {
            data.order(customer, T0.plusSeconds(2), line(product, 1), line(other, 2));
        }
        SqlRecorder.Recorded<Integer> cancelled = sql.record(() -> floor.cancelNewOrdersBefore(T0.plusSeconds(3)));
        assertCounts("P10 of 7 orders", cancelled, 1, 1);
        assertThat(cancelled.result()).isEqualTo(7);
        assertThat(data.stock(other.id())).isEqualTo(1_000);
    }

    @Test
    void p12_oneStatementInOneTransaction_oneRoundTripPer500Rows() {
        Product product = data.product("1.00", 1_000_000);
        Customer customer = data.customer();
        data.order(customer, T0, line(product, 1), line(product, 1));
        SqlRecorder.Recorded<Long> small =
                warmThenRecord(() -> floor.streamOrderLines(Instant.MIN, Instant.MAX, row -> {}));
        assertCounts("P12 of 2 rows", small, 1, 2, COMMITTED);
        assertThat(small.result()).isEqualTo(2L);
        for (int o = 0; o < 3; o++) {
            OrderLineRequest[] lines = new OrderLineRequest[400];
            java.util.Arrays.fill(lines, line(product, 1));
            data.order(customer, T0.plusSeconds(1 + o), lines);
        }
        SqlRecorder.Recorded<Long> large =
                sql.record(() -> floor.streamOrderLines(Instant.MIN, Instant.MAX, row -> {}));
        // 1,202 rows: the execute brings 500, two fetches bring 500 and 202, then the COMMIT.
        assertCounts("P12 of 1,202 rows", large, 1, 4, COMMITTED);
        assertThat(large.result()).isEqualTo(1_202L);
    }
}
