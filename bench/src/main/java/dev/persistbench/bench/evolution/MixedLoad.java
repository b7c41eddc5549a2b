package dev.persistbench.bench.evolution;

import dev.persistbench.bench.data.Dataset;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.ProductSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady mixed load on one repository: reader threads call, at random, P02 findCustomer, P07
 * findOrder and a P05 search by attribute; writer threads place P06 orders of two lines (products
 * with stock, distinct per call, so writers never wait on each other's rows) with distinct
 * idempotency keys. Each thread pauses {@code pauseMillis} between calls. Every call's start,
 * duration and outcome is recorded, and every order the repository acknowledged (returned an id for).
 */
final class MixedLoad implements AutoCloseable {

    /** Lines of each order the writers place. */
    static final int LINES = 2;

    private static final String[] COLORS = {"red", "green", "blue", "black"};

    /** One call: when it started and how long it took (System.nanoTime), and its failure (null: it succeeded). */
    record Call(long startNanos, long durationNanos, String failure) {}

    private final StoreRepository repository;
    private final Dataset data;
    private final String keyPrefix;
    private final long pauseMillis;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<Long, Integer> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    MixedLoad(StoreRepository repository, Dataset data, String keyPrefix, long pauseMillis) {
        this.repository = repository;
        this.data = data;
        this.keyPrefix = keyPrefix;
        this.pauseMillis = pauseMillis;
    }

    /** Starts the threads. */
    MixedLoad start(int readThreads, int writeThreads) {
        for (int r = 0; r < readThreads; r++) {
            threads.add(
                    Thread.ofPlatform().name("evolution-reader-" + r).daemon().start(this::read));
        }
        for (int w = 0; w < writeThreads; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform()
                    .name("evolution-writer-" + w)
                    .daemon()
                    .start(() -> write(writer, writeThreads)));
        }
        return this;
    }

    private void read() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            switch (random.nextInt(3)) {
                case 0 -> call(() -> repository.findCustomer(1 + random.nextInt(data.customerCount())));
                case 1 -> call(() -> repository.findOrder(1 + random.nextInt(data.orderCount())));
                default ->
                    call(() -> repository.searchProducts(
                            ProductSearch.all(20).withAttribute("color", COLORS[random.nextInt(COLORS.length)])));
            }
            pause();
        }
    }

    private void write(int writer, int writers) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (long n = 0; running; n++) {
            long slot = (n * writers + writer) * LINES;
            List<OrderLineRequest> lines = new ArrayList<>(LINES);
            for (int l = 0; l < LINES; l++) {
                lines.add(new OrderLineRequest(Dataset.productId(data.inStockProductIndex(slot + l)), 1));
            }
            PlaceOrder order = new PlaceOrder(
                    1 + random.nextInt(data.customerCount()),
                    lines,
                    Optional.of(keyPrefix + writer + "-" + n),
                    Instant.now());
            call(() -> {
                Order placed = repository.placeOrder(order);
                acknowledged.put(placed.id(), placed.lines().size());
                return placed;
            });
            pause();
        }
    }

    private void call(java.util.concurrent.Callable<?> operation) {
        long start = System.nanoTime();
        String failure = null;
        try {
            operation.call();
        } catch (Exception e) {
            failure = firstLine(e);
        }
        calls.add(new Call(start, System.nanoTime() - start, failure));
        completed.incrementAndGet();
    }

    /** Waits until {@code count} calls have ended (the first calls of a cold repository are slow), at most {@code timeout}. */
    void awaitCalls(long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (completed.get() < count && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The exception's class and the first line of its message. */
    static String firstLine(Throwable e) {
        String message =
                e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private void pause() {
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The calls that started in [fromNanos, toNanos). */
    List<Call> callsBetween(long fromNanos, long toNanos) {
        return calls.stream()
                .filter(c -> c.startNanos() - fromNanos >= 0 && c.startNanos() - toNanos < 0)
                .toList();
    }

    /** Order id to the number of lines the repository said it stored, of every acknowledged order. */
    Map<Long, Integer> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Stops the threads and waits for their last calls. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
