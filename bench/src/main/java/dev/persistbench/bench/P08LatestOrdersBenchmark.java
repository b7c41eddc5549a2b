package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.Order;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P08: the latest {@value Fixture#LIMIT} orders of a customer with their lines (30 lines), cycling
 * over the customers that have orders (20 each). The thread sweep ({@link #sweep}) runs it with
 * several threads, each walking from its own starting point.
 */
public class P08LatestOrdersBenchmark {

    /** The implementation and the data set. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final int LIMIT = 10;

        long customer(long n) {
            return n % data.buyerCount() + 1;
        }

        @Override
        protected Object warmUp(long n) {
            return repo.latestOrders(customer(n), LIMIT);
        }

        @Override
        public void check() {
            long customer = data.buyerCount() / 2;
            Expect.equal(label(), data.latestOrders(customer, LIMIT), repo.latestOrders(customer, LIMIT));
        }

        @Override
        public void checkMore() {
            Expect.equal(label() + " customer 1", data.latestOrders(1, LIMIT), repo.latestOrders(1, LIMIT));
        }
    }

    @Benchmark
    public List<Order> run(Fixture f, ThreadCursor c) {
        return f.repo.latestOrders(f.customer(c.next++), Fixture.LIMIT);
    }

    /** The thread sweep's operation: {@link #run}, its latency recorded and a failure counted. */
    @Benchmark
    public List<Order> sweep(Fixture f, ThreadCursor c) {
        return f.timed(() -> run(f, c));
    }
}
