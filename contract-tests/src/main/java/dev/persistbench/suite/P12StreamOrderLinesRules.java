package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.at;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.db.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** P12: streaming order lines of a time range to a consumer. */
public interface P12StreamOrderLinesRules extends ContractFixture {

    /** Characters in each product name of the memory test: large rows, few of them per fetch. */
    int WIDE_NAME = 2_000;

    /** Above this maximum heap the memory test could not tell streaming from materialising in reasonable time. */
    long MAX_MEANINGFUL_HEAP = 1L << 30;

    private static List<OrderLineRow> rowsOf(Order order, Customer customer) {
        List<OrderLineRow> rows = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            rows.add(new OrderLineRow(
                    order.id(),
                    l.lineNo(),
                    customer.id(),
                    order.createdAt(),
                    order.status(),
                    l.productId(),
                    l.sku(),
                    l.productName(),
                    l.quantity(),
                    l.unitPrice()));
        }
        return rows;
    }

    @Test
    @DisplayName(
            "P12.1 every line of the orders in [from, to) exactly once, by order id then line number, complete; the count is returned")
    default void p12_1_streamsEveryLine() {
        Customer alice = data().customer();
        Customer bob = data().customer();
        Product pen = data().product().name("Pen").price("1.50").stock(1_000).create();
        Product ink = data().product()
                .name("Ink \uD83D\uDD8B")
                .price("7.25")
                .stock(1_000)
                .create();
        Instant from = T0;
        Instant to = T0.plusSeconds(60);
        data().order(alice, from.minusNanos(1_000), pen, 1);
        // Placed out of time order, so that ordering by creation instant would differ from order id.
        Order late = data().order(bob, to.minusNanos(1_000), line(ink, 2), line(pen, 3));
        Order first = data().order(alice, from, line(pen, 4), line(ink, 1), line(pen, 2));
        Order middle =
                store().changeStatus(data().order(alice, at(5_000_000), ink, 5).id(), 0, OrderStatus.PAID);
        data().order(bob, to, ink, 1);

        List<OrderLineRow> seen = new ArrayList<>();
        long count = store().streamOrderLines(from, to, seen::add);

        List<OrderLineRow> expected = new ArrayList<>();
        expected.addAll(rowsOf(late, bob));
        expected.addAll(rowsOf(first, alice));
        expected.addAll(rowsOf(middle, alice));
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(count).isEqualTo(6);
    }

    @Test
    @DisplayName("P12.1 an empty range passes nothing and returns 0")
    default void p12_1_emptyRange() {
        data().order(data().customer(), T0, data().product("1.00", 10), 1);
        List<OrderLineRow> seen = new ArrayList<>();
        assertThat(store().streamOrderLines(T0, T0, seen::add)).isZero();
        assertThat(store().streamOrderLines(T0.plusSeconds(1), T0.plusSeconds(2), seen::add))
                .isZero();
        assertThat(seen).isEmpty();
    }

    @Test
    @DisplayName("P12.1 more rows than one fetch (STREAM_FETCH_SIZE) all arrive, in order")
    default void p12_1_moreThanOneFetch() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 1_000_000);
        int orders = 3;
        int linesPerOrder = 400;
        for (int o = 0; o < orders; o++) {
            OrderLineRequest[] lines = new OrderLineRequest[linesPerOrder];
            for (int l = 0; l < linesPerOrder; l++) {
                lines[l] = line(product, 1 + l % 5);
            }
            data().order(customer, at(o), lines);
        }
        List<long[]> keys = new ArrayList<>();
        long count = store().streamOrderLines(
                        T0, T0.plusSeconds(1), row -> keys.add(new long[] {row.orderId(), row.lineNo()}));
        assertThat(count).isEqualTo(orders * linesPerOrder);
        assertThat(keys).hasSize(orders * linesPerOrder);
        for (int i = 1; i < keys.size(); i++) {
            long[] previous = keys.get(i - 1);
            long[] current = keys.get(i);
            boolean ascending =
                    current[0] > previous[0] || (current[0] == previous[0] && current[1] == previous[1] + 1);
            assertThat(ascending)
                    .as("row %d (%d, %d) follows (%d, %d)", i, current[0], current[1], previous[0], previous[1])
                    .isTrue();
        }
    }

    @Test
    @DisplayName("P12.3 an exception thrown by the consumer stops the stream and reaches the caller unchanged")
    default void p12_3_consumerExceptionPropagates() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 100);
        for (int i = 0; i < 5; i++) {
            data().order(customer, at(i), line(product, 1), line(product, 1));
        }
        IllegalStateException boom = new IllegalStateException("consumer gave up");
        List<OrderLineRow> seen = new ArrayList<>();
        Attempt attempt = attempt(() -> store().streamOrderLines(T0, T0.plusSeconds(1), row -> {
            seen.add(row);
            if (seen.size() == 3) {
                throw boom;
            }
        }));
        assertThat(attempt.thrown()).isSameAs(boom);
        assertThat(seen).as("rows passed before the consumer threw; none after").hasSize(3);
        assertThat(data().activeConnections()).as("connections still held").isZero();
    }

    @Test
    @DisplayName("P12.3 after twice as many consumer failures as the pool has connections, the repository still works")
    default void p12_3_noLeakAfterConsumerFailures() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 100);
        data().order(customer, T0, line(product, 1), line(product, 2));
        // More failures than connections: one connection kept per failure would exhaust the pool.
        int calls = 2 * data().poolSize();
        for (int i = 0; i < calls; i++) {
            RuntimeException boom = new RuntimeException("failure " + i);
            Attempt attempt = attempt(() -> store().streamOrderLines(T0, T0.plusSeconds(1), row -> {
                throw boom;
            }));
            assertThat(attempt.thrown()).as("call %d", i).isSameAs(boom);
        }
        assertThat(data().activeConnections()).isZero();
        for (int i = 0; i < calls; i++) {
            List<OrderLineRow> seen = new ArrayList<>();
            assertThat(store().streamOrderLines(T0, T0.plusSeconds(1), seen::add))
                    .as("call %d", i)
                    .isEqualTo(2);
            assertThat(seen).hasSize(2);
        }
        assertThat(store().findCustomer(customer.id())).contains(customer);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @DisplayName("P12.2 a result several times larger than the heap streams through in bounded memory")
    default void p12_2_boundedMemory() {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertThat(maxHeap)
                .as(
                        "P12.2 needs a small test heap (the build sets -Xmx${test.heap}); %d MiB is too large for this test to mean anything",
                        maxHeap >> 20)
                .isLessThanOrEqualTo(MAX_MEANINGFUL_HEAP);
        // Each row carries a name of WIDE_NAME characters; holding them all would take three heaps.
        long rows = 3 * maxHeap / WIDE_NAME;
        int linesPerOrder = 1_000;
        long orders = (rows + linesPerOrder - 1) / linesPerOrder;
        long total = orders * linesPerOrder;
        int products = 100;
        Instant from = T0;
        insertWideLines(from, orders, linesPerOrder, products);
        assertThat(data().count("order_line")).isEqualTo(total);

        WideRowCheck check = new WideRowCheck(WIDE_NAME);
        long count;
        try {
            count = store().streamOrderLines(from, from.plusSeconds(86_400), check);
        } catch (OutOfMemoryError e) {
            throw new AssertionError(
                    "P12.2: streaming " + total + " rows of ~" + WIDE_NAME + " characters ran out of a "
                            + (maxHeap >> 20) + " MiB heap: the result was not streamed",
                    e);
        } finally {
            // CASCADE: at a later schema version, product_attributes (V4) refers to product.
            data().execute("TRUNCATE order_line, purchase_order, product, customer CASCADE");
        }
        assertThat(check.seen()).as("rows passed to the consumer").isEqualTo(total);
        assertThat(count).as("count returned").isEqualTo(total);
    }

    /** {@code orders} orders of {@code linesPerOrder} lines each over {@code products} products with names {@link #WIDE_NAME} long, by plain SQL. */
    private void insertWideLines(Instant from, long orders, int linesPerOrder, int products) {
        data().execute("INSERT INTO customer (email, " + TestDatabase.customerNameColumn()
                + ") VALUES ('stream@example.com', 'Stream')");
        data().execute("""
                INSERT INTO product (sku, name, price, stock)
                SELECT 'stream-' || g, lpad(g::text, 10, '0') || repeat('x', ? - 10), 1.25, 0
                FROM generate_series(1, ?) g""", WIDE_NAME, products);
        data().execute("""
                INSERT INTO purchase_order (customer_id, status, total, created_at)
                SELECT (SELECT id FROM customer WHERE email = 'stream@example.com'), 'NEW', 1.25 * ?, ?::timestamptz + g * interval '1 millisecond'
                FROM generate_series(1, ?) g""", linesPerOrder, from, orders);
        data().execute("""
                INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price)
                SELECT o.id, l, p.ids[1 + l % ?], 1, 1.25
                FROM purchase_order o
                CROSS JOIN generate_series(1, ?) l
                CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM product) p""", products, linesPerOrder);
    }
}
