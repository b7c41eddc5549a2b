package dev.persistbench.suite.reliability;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * R1.3's workload: threads buy the last units of one product, one unit an order, all released at
 * once, while a reader on a connection of its own watches the committed stock.
 */
final class LastUnitsRush {

    /**
     * What one rush saw.
     *
     * @param sold orders placed
     * @param refused orders refused with InsufficientStockException naming the product
     * @param minStockSeen the lowest stock the concurrent reader saw
     * @param unexpected any other failure
     */
    record Round(int sold, int refused, int minStockSeen, List<Throwable> unexpected) {
        /** The rounds together: units summed, the lowest stock seen, every unexpected failure. */
        static Round total(List<Round> rounds) {
            return new Round(
                    rounds.stream().mapToInt(Round::sold).sum(),
                    rounds.stream().mapToInt(Round::refused).sum(),
                    rounds.stream().mapToInt(Round::minStockSeen).min().orElse(Integer.MAX_VALUE),
                    rounds.stream().flatMap(r -> r.unexpected().stream()).toList());
        }
    }

    private final StoreRepository store;
    private final TestDatabase database;

    LastUnitsRush(StoreRepository store, TestDatabase database) {
        this.store = store;
        this.database = database;
    }

    /** {@code threads} buyers of {@code customerId} try {@code attempts} orders each for {@code product}. */
    Round run(Product product, long customerId, int threads, int attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicInteger sold = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger minSeen = new AtomicInteger(Integer.MAX_VALUE);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        try {
            Future<?> watcher = pool.submit(() -> watch(product, running, minSeen));
            CountDownLatch go = new CountDownLatch(1);
            PlaceOrder order = PlaceOrder.of(
                    customerId,
                    Instant.now().truncatedTo(ChronoUnit.MICROS),
                    List.of(new OrderLineRequest(product.id(), 1)));
            List<Future<?>> buyers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                buyers.add(pool.submit(() -> {
                    go.await();
                    buy(order, attempts, sold, refused, unexpected);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> b : buyers) {
                b.get(120, TimeUnit.SECONDS);
            }
            running.set(false);
            watcher.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        return new Round(sold.get(), refused.get(), minSeen.get(), unexpected);
    }

    private void buy(
            PlaceOrder order, int attempts, AtomicInteger sold, AtomicInteger refused, List<Throwable> unexpected) {
        long productId = order.lines().get(0).productId();
        for (int a = 0; a < attempts; a++) {
            try {
                store.placeOrder(order);
                sold.incrementAndGet();
            } catch (InsufficientStockException e) {
                if (e.productId() != productId) {
                    unexpected.add(new AssertionError("InsufficientStockException names product " + e.productId()));
                }
                refused.incrementAndGet();
            } catch (RuntimeException e) {
                unexpected.add(e);
            }
        }
    }

    /** Reads the committed stock while the buyers run: it must never be seen below zero. */
    private Void watch(Product product, AtomicBoolean running, AtomicInteger minSeen) throws Exception {
        try (Connection reader = database.openConnection()) {
            while (running.get()) {
                long stock = Reliability.queryLong(reader, "SELECT stock FROM product WHERE id = ?", product.id());
                minSeen.accumulateAndGet((int) stock, Math::min);
            }
        }
        return null;
    }
}
