package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.contract.model.Product;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P13: an order deleted with its 3 lines, taken from a pool of orders made once per trial (more
 * than one iteration can delete). Before every iteration the pool is topped up with as many new
 * orders as the previous iteration deleted, so every iteration starts from the same table size,
 * and the set-up costs what the iteration used, not the pool's size.
 */
public class P13DeleteOrderBenchmark {

    /** The implementation, the data set and the iteration's pool. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final String MARKER = "p13-pool-";
        static final Instant POOL_CREATED_AT = Instant.parse("2031-01-01T00:00:00Z");
        /** The live pool: {@code pool[next..]} still exist. */
        long[] pool;

        int next;
        long created;

        @Override
        protected int opsPerMs() {
            return 100;
        }

        @Override
        protected void prepareTrial() {
            pool = make(Math.max(capacity, 1));
            next = 0;
        }

        private long[] make(int count) {
            Product p = data.product(1);
            long[] ids =
                    Pools.createOrders(db, MARKER, created, count, POOL_CREATED_AT, 1_000_000, 3, 1, p.id(), p.price());
            created += count;
            return ids;
        }

        @Override
        protected void beginIteration() {
            if (next > 0) {
                long[] fresh = make(next);
                long[] live = new long[pool.length];
                System.arraycopy(pool, next, live, 0, pool.length - next);
                System.arraycopy(fresh, 0, live, pool.length - next, next);
                pool = live;
                next = 0;
            }
            vacuum("purchase_order", "order_line");
        }

        @Override
        protected void closeTrial() {
            Pools.deleteOrders(db, MARKER);
        }

        boolean deleteNext() {
            if (next >= pool.length) {
                throw Capacity.exhausted("P13", pool.length);
            }
            return repo.deleteOrder(pool[next++]);
        }

        /** The order the last {@link #check()} deleted, looked at by {@link #checkMore()}. */
        private long checked;

        @Override
        protected Object warmUp(long n) {
            return deleteNext();
        }

        @Override
        public void check() {
            checked = pool[next];
            Expect.equal(label() + " deleted", true, deleteNext());
        }

        /** Outside the counted operation (the server counts every statement): nothing of the order is left. */
        @Override
        public void checkMore() {
            Expect.equal(label() + " order left", 0L, Pools.count(db, "purchase_order", "id = ?", checked));
            Expect.equal(label() + " lines left", 0L, Pools.count(db, "order_line", "order_id = ?", checked));
        }
    }

    @Benchmark
    public boolean run(Fixture f) {
        return f.deleteNext();
    }
}
