package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P09: an order moved from NEW to PAID with its expected version (optimistic lock). Each
 * operation takes the next order of a pool of NEW orders (one line each) made once per trial;
 * before every iteration the pool is put back to NEW, version 0.
 */
public class P09ChangeStatusBenchmark {

    /** The implementation, the data set and the pool of NEW orders. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final String MARKER = "p09-pool-";
        static final Instant POOL_CREATED_AT = Instant.parse("2030-01-01T00:00:00Z");
        long[] pool;
        int next;

        @Override
        protected int opsPerMs() {
            return 80;
        }

        @Override
        protected void prepareTrial() {
            Product p = data.product(1);
            pool = Pools.createOrders(
                    db, MARKER, Math.max(capacity, 1), POOL_CREATED_AT, 1_000_000, 1, 1, p.id(), p.price());
        }

        @Override
        protected void beginIteration() {
            Pools.resetOrders(db, MARKER);
            vacuum("purchase_order");
            next = 0;
        }

        Order payNext() {
            if (next >= pool.length) {
                throw Capacity.exhausted("P09", pool.length);
            }
            return repo.changeStatus(pool[next++], 0, OrderStatus.PAID);
        }

        @Override
        protected Object warmUp(long n) {
            return payNext();
        }

        @Override
        public void check() {
            long id = pool[next];
            Order paid = payNext();
            Expect.equal(label() + " id", id, paid.id());
            Expect.equal(label() + " status", OrderStatus.PAID, paid.status());
            Expect.equal(label() + " version", 1L, paid.version());
            Expect.equal(label() + " lines", 1, paid.lines().size());
            Expect.equal(
                    label() + " line product",
                    Dataset.productId(1),
                    paid.lines().get(0).productId());
        }

        @Override
        protected void closeTrial() {
            Pools.deleteOrders(db, MARKER);
        }
    }

    @Benchmark
    public Order run(Fixture f) {
        return f.payNext();
    }
}
