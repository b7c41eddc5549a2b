package dev.persistbench.suite.reliability;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * R1.1's workload: threads make version-checked status changes on a small working set of orders,
 * so that they collide. Each change reads the order with {@code findOrder}, asks for the legal
 * next status with the version it read, and counts a {@link StaleVersionException} as a conflict
 * (the next change reads afresh). Every order allows at most two changes (NEW, PAID, SHIPPED), so
 * finished orders are swapped for fresh ones from a reserve.
 */
final class StatusChangeRace {

    /** One successful change: the version the call returned and the status it set. */
    record Change(long version, OrderStatus target) {}

    /**
     * What the threads did.
     *
     * @param successes each changed order's successful changes, in no particular order
     * @param stale changes refused with StaleVersionException
     * @param unexpected anything else that went wrong (other exceptions, wrong versions returned)
     */
    record Result(Map<Long, List<Change>> successes, long stale, List<Throwable> unexpected) {
        /** Successful changes over all orders. */
        long applied() {
            return successes.values().stream().mapToLong(List::size).sum();
        }
    }

    private final StoreRepository store;
    private final Queue<Long> reserve;
    private final AtomicReferenceArray<Long> working;
    private final Map<Long, List<Change>> successes = new ConcurrentHashMap<>();
    private final AtomicLong stale = new AtomicLong();
    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();

    /**
     * @param store the implementation under test
     * @param orders ids of NEW orders: the first {@code workingSet} are the working set, the rest its reserve
     * @param workingSet how many orders the threads race on at a time
     */
    StatusChangeRace(StoreRepository store, List<Long> orders, int workingSet) {
        this.store = store;
        this.reserve = new ConcurrentLinkedQueue<>(orders);
        this.working = new AtomicReferenceArray<>(workingSet);
        for (int i = 0; i < workingSet; i++) {
            working.set(i, reserve.poll());
        }
    }

    /** Runs {@code threads} threads of {@code changesPerThread} calls each (thread t seeded {@code seed + t}). */
    Result run(int threads, int changesPerThread, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed + t);
                workers.add(pool.submit(() -> {
                    start.await();
                    changes(random, changesPerThread);
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(successes, stale.get(), unexpected);
    }

    /** One thread's calls: version-checked changes, stale ones included (a stale one is retried as the next). */
    private void changes(Random random, int calls) {
        int done = 0;
        while (done < calls) {
            int slot = random.nextInt(working.length());
            Long orderId = working.get(slot);
            if (orderId == null) {
                if (reserve.isEmpty() && allEmpty()) {
                    throw new IllegalStateException("the reserve of orders ran out");
                }
                continue;
            }
            Order seen = store.findOrder(orderId).orElseThrow();
            OrderStatus target = next(seen.status(), random);
            if (target == null) {
                // Finished by someone else: swap in a fresh order (only one thread wins the swap).
                working.compareAndSet(slot, orderId, reserve.poll());
                continue;
            }
            change(seen, target);
            done++;
        }
    }

    private static OrderStatus next(OrderStatus status, Random random) {
        return switch (status) {
            case NEW -> random.nextInt(10) == 0 ? OrderStatus.CANCELLED : OrderStatus.PAID;
            case PAID -> random.nextInt(10) == 0 ? OrderStatus.CANCELLED : OrderStatus.SHIPPED;
            case SHIPPED, CANCELLED -> null;
        };
    }

    private void change(Order seen, OrderStatus target) {
        try {
            Order changed = store.changeStatus(seen.id(), seen.version(), target);
            if (changed.version() != seen.version() + 1 || changed.status() != target) {
                unexpected.add(new AssertionError("changeStatus(" + seen.id() + ", " + seen.version() + ", " + target
                        + ") returned version " + changed.version() + " status " + changed.status()));
            }
            successes
                    .computeIfAbsent(seen.id(), id -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Change(changed.version(), target));
        } catch (StaleVersionException e) {
            stale.incrementAndGet();
        } catch (RuntimeException e) {
            unexpected.add(e);
        }
    }

    private boolean allEmpty() {
        for (int i = 0; i < working.length(); i++) {
            if (working.get(i) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lost updates of one order: its successful changes must have been granted versions 1..n, each
     * once (two callers that both "won" the same version = a lost update), and its final version
     * must be n.
     */
    static long lostUpdates(List<Change> changes, long finalVersion) {
        List<Change> sorted = sortedByVersion(changes);
        long lost = finalVersion == sorted.size() ? 0 : 1;
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                lost++;
            }
        }
        return lost;
    }

    /** The status set by the change with the highest version: what the order must show now. */
    static OrderStatus lastStatus(List<Change> changes) {
        List<Change> sorted = sortedByVersion(changes);
        return sorted.get(sorted.size() - 1).target();
    }

    private static List<Change> sortedByVersion(List<Change> changes) {
        synchronized (changes) {
            return changes.stream()
                    .sorted(Comparator.comparingLong(Change::version))
                    .toList();
        }
    }
}
