package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * P06: an order of {@value Fixture#LINES} lines placed in one transaction, with a fresh
 * idempotency key (so the key is looked up and stored), taking stock from products that have
 * it. After each iteration the orders it placed are deleted and their stock given back. The thread
 * sweep ({@link #sweep}) runs it with several threads that all order from the same
 * {@value Fixture#HOT_PRODUCTS} hot products, so that they contend for the same stock rows; there
 * a failure the contract allows (a conflict) is counted, and the slice goes on.
 */
public class P06PlaceOrderBenchmark {

    /** The implementation and the data set. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final int LINES = 3;
        static final String PREFIX = "p06-";
        static final Instant PLACED_AT = Instant.parse("2026-01-01T12:00:00Z");
        /** The products every thread of the sweep orders from (each holds a million units). */
        static final int HOT_PRODUCTS = 4;

        PlaceOrder request(String key, long n) {
            return request(key, n, false);
        }

        /** An order of {@value #LINES} of the hot products, a different rotation of them for each {@code n}. */
        PlaceOrder hotRequest(String key, long n) {
            return request(key, n, true);
        }

        /** The {@code n}-th order: its lines name in-stock products, all of them or only the hot ones. */
        private PlaceOrder request(String key, long n, boolean hot) {
            List<OrderLineRequest> lines = new ArrayList<>(LINES);
            for (int l = 0; l < LINES; l++) {
                long product = hot ? (n + l) % HOT_PRODUCTS : n * LINES + l;
                lines.add(new OrderLineRequest(Dataset.productId(data.inStockProductIndex(product)), 1));
            }
            return new PlaceOrder(n % data.customerCount() + 1, lines, Optional.of(key), PLACED_AT);
        }

        @Override
        public boolean writes() {
            return true;
        }

        @Override
        protected Object warmUp(long n) {
            return repo.placeOrder(request(PREFIX + "w-" + n, n));
        }

        @Override
        public void check() {
            long n = 12345;
            PlaceOrder request = request(PREFIX + "check", n);
            Order placed = repo.placeOrder(request);
            List<OrderLine> lines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (int l = 0; l < LINES; l++) {
                Product p = data.productById(request.lines().get(l).productId());
                lines.add(new OrderLine(l + 1, p.id(), p.sku(), p.name(), 1, p.price()));
                total = total.add(p.price());
            }
            Order expected = new Order(
                    placed.id(),
                    request.customerId(),
                    OrderStatus.NEW,
                    request.idempotencyKey(),
                    total,
                    PLACED_AT,
                    0,
                    lines);
            Expect.equal(label(), expected, placed);
            Expect.that(label() + " new id", placed.id() > data.orderCount(), placed);
        }

        @Override
        protected void endIteration() {
            Pools.undoPlacedOrders(db, PREFIX);
            vacuum("purchase_order", "order_line", "product");
        }
    }

    /** Each thread's own key counter and starting product. */
    @State(Scope.Thread)
    public static class Cursor {
        String keyPrefix;
        long next;

        @Setup(Level.Trial)
        public void start(ThreadParams thread) {
            keyPrefix = Fixture.PREFIX + thread.getThreadIndex() + "-";
            next = ThreadCursor.start(thread.getThreadIndex());
        }
    }

    @Benchmark
    public Order run(Fixture f, Cursor c) {
        long n = c.next++;
        return f.repo.placeOrder(f.request(c.keyPrefix + n, n));
    }

    /** The thread sweep's operation: an order of the hot products, its latency recorded and a failure counted. */
    @Benchmark
    public Order sweep(Fixture f, Cursor c) {
        long n = c.next++;
        return f.timed(() -> f.repo.placeOrder(f.hotRequest(c.keyPrefix + n, n)));
    }
}
