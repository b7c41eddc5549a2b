package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.OrderLineRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P12: every order line of the first tenth of the seeded orders (by time) streamed to a consumer
 * that hands each row to a Blackhole: 600 rows at dataSize 1000, fetched in chunks.
 */
public class P12StreamOrderLinesBenchmark {

    /** The implementation, the data set and the range. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        Instant from;
        /**
         * Every row to JMH's blackhole, from the warm-up and the timed calls alike, so that the timed
         * calls run the code the warm-up compiled. With another consumer class in the warm-up, the
         * JIT compilers worked for 20-43 % of the first two timed rounds (1-12 % with this one; two P12
         * runs of each, bench/README.md "A 60 s cap").
         */
        final Consumer<OrderLineRow> sink = row -> blackhole.consume(row);

        Instant to;
        List<OrderLineRow> expected;

        @Override
        protected void prepareTrial() {
            from = data.orderCreatedAt(1);
            to = data.orderCreatedAt(1 + data.orderCount() / 10);
            expected = data.orderLineRows(from, to);
        }

        @Override
        protected Object warmUp(long n) {
            return repo.streamOrderLines(from, to, sink);
        }

        @Override
        public void check() {
            List<OrderLineRow> rows = new ArrayList<>();
            long count = repo.streamOrderLines(from, to, rows::add);
            Expect.equal(label() + " count returned", (long) expected.size(), count);
            Expect.equal(label() + " rows", expected, rows);
        }
    }

    @Benchmark
    public long run(Fixture f) {
        return f.repo.streamOrderLines(f.from, f.to, f.sink);
    }
}
