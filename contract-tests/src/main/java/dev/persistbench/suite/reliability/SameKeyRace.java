package dev.persistbench.suite.reliability;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.PlaceOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * R1.2's workload: in each round, threads released at once place the same order with the same
 * idempotency key; every caller must get the same order and none may fail.
 */
final class SameKeyRace {

    /**
     * What the rounds saw.
     *
     * @param callerFailures calls that threw
     * @param disagreements per round, a caller that failed or callers that got different ids
     */
    record Result(int callerFailures, List<String> disagreements) {}

    private final StoreRepository store;

    SameKeyRace(StoreRepository store) {
        this.store = store;
    }

    /** Runs {@code rounds} rounds of {@code threads} callers each placing {@code requestOfRound.apply(round)}. */
    Result run(IntFunction<PlaceOrder> requestOfRound, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int failures = 0;
        List<String> disagreements = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                List<Long> ids = new ArrayList<>();
                for (Future<Order> call : race(pool, requestOfRound.apply(round), threads)) {
                    try {
                        ids.add(call.get(60, TimeUnit.SECONDS).id());
                    } catch (ExecutionException e) {
                        failures++;
                        disagreements.add("round " + round + ": a caller got " + e.getCause());
                    }
                }
                if (ids.stream().distinct().count() > 1) {
                    disagreements.add("round " + round + ": callers got different ids " + ids);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(failures, disagreements);
    }

    private List<Future<Order>> race(ExecutorService pool, PlaceOrder request, int threads) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Order>> calls = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            calls.add(pool.submit(() -> {
                go.await();
                return store.placeOrder(request);
            }));
        }
        go.countDown();
        return calls;
    }
}
