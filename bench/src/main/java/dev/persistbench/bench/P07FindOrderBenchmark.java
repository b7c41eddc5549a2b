package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.Order;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** P07: an order with its 3 lines and each line's product SKU and name, cycling over every seeded order. */
public class P07FindOrderBenchmark {

    /** The implementation and the data set. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        long next;

        long nextOrderId() {
            return next++ % data.orderCount() + 1;
        }

        @Override
        protected Object warmUp(long n) {
            return repo.findOrder(nextOrderId());
        }

        @Override
        public void check() {
            long id = data.orderCount() / 3;
            Expect.equal(label(), Optional.of(data.order(id)), repo.findOrder(id));
        }

        @Override
        public void checkMore() {
            for (long id = 1; id <= 4; id++) {
                Expect.equal(label() + " order " + id, Optional.of(data.order(id)), repo.findOrder(id));
            }
        }
    }

    @Benchmark
    public Optional<Order> run(Fixture f) {
        return f.repo.findOrder(f.nextOrderId());
    }
}
