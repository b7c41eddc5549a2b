package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.contract.model.Product;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P13: an order deleted with its 3 lines. Before every iteration a pool of orders is made (more
 * than the iteration can delete); after it, what is left of the pool is deleted.
 */
public class P13DeleteOrderBenchmark {

    /** The implementation, the data set and the iteration's pool. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final String MARKER = "p13-pool-";
        static final Instant POOL_CREATED_AT = Instant.parse("2031-01-01T00:00:00Z");
        long[] pool;
        int next;

        @Override
        protected int opsPerMs() {
            return 10;
        }

        @Override
        protected void beginIteration() {
            Pools.vacuum(db);
            Product p = data.product(1);
            pool = Pools.createOrders(db, MARKER, Math.max(capacity, 1), POOL_CREATED_AT, 1_000_000, 3, 1, p.id(), p.price());
            next = 0;
        }

        @Override
        protected void endIteration() {
            Pools.deleteOrders(db, MARKER);
        }

        boolean deleteNext() {
            if (next >= pool.length) {
                throw Capacity.exhausted("P13", pool.length);
            }
            return repo.deleteOrder(pool[next++]);
        }

        @Override
        public void check() {
            long id = pool[next];
            Expect.equal(label() + " deleted", true, deleteNext());
            Expect.equal(label() + " order left", 0L, Pools.count(db, "purchase_order", "id = ?", id));
            Expect.equal(label() + " lines left", 0L, Pools.count(db, "order_line", "order_id = ?", id));
        }
    }

    @Benchmark
    public boolean run(Fixture f) {
        return f.deleteNext();
    }
}
