package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.contract.model.Product;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P10: a bulk cancellation that cancels exactly {@value Fixture#PER_OP} NEW orders (one line each,
 * stock given back). A pool of NEW orders one second apart, older than every seeded order, is made
 * once per trial; operation n cancels everything before the (n+1)-th cut-off, i.e. the next
 * {@value Fixture#PER_OP} orders. Before every iteration the pool is put back to NEW.
 */
public class P10CancelNewOrdersBenchmark {

    /** The implementation, the data set, the pool and the cut-offs. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final int PER_OP = 4;
        static final String MARKER = "p10-pool-";
        static final Instant POOL_START = Instant.parse("2020-01-01T00:00:00Z");
        Instant[] cutoffs;
        int next;

        @Override
        protected int opsPerMs() {
            return 40;
        }

        @Override
        protected void prepareTrial() {
            int ops = Math.max(capacity, 1);
            Product p = data.product(1);
            Pools.createOrders(db, MARKER, ops * PER_OP, POOL_START, 1_000_000, 1, 1, p.id(), p.price());
            cutoffs = new Instant[ops];
            for (int i = 0; i < ops; i++) {
                cutoffs[i] = POOL_START.plusSeconds((long) (i + 1) * PER_OP);
            }
        }

        @Override
        protected void beginIteration() {
            Pools.resetOrders(db, MARKER);
            vacuum("purchase_order", "product");
            next = 0;
        }

        int cancelNext() {
            if (next >= cutoffs.length) {
                throw Capacity.exhausted("P10", cutoffs.length);
            }
            return repo.cancelNewOrdersBefore(cutoffs[next++]);
        }

        @Override
        protected Object warmUp(long n) {
            return cancelNext();
        }

        @Override
        public void check() {
            Expect.equal(label() + " cancelled", PER_OP, cancelNext());
        }

        @Override
        protected void closeTrial() {
            Pools.deleteOrders(db, MARKER);
        }
    }

    @Benchmark
    public int run(Fixture f) {
        return f.cancelNext();
    }
}
