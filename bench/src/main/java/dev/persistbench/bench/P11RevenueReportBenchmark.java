package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.CustomerRevenue;
import java.time.Instant;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P11: the top {@value Fixture#LIMIT} customers by revenue (PAID and SHIPPED orders) over the
 * middle half of the seeded orders' time range: an aggregation over half the orders.
 */
public class P11RevenueReportBenchmark {

    /** The implementation, the data set and the range. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final int LIMIT = 10;
        Instant from;
        Instant to;
        List<CustomerRevenue> expected;

        @Override
        protected void prepareTrial() {
            from = data.orderCreatedAt(data.orderCount() / 4);
            to = data.orderCreatedAt(3L * data.orderCount() / 4);
            expected = data.revenue(from, to, LIMIT);
        }

        @Override
        protected Object warmUp(long n) {
            return repo.topCustomersByRevenue(from, to, LIMIT);
        }

        @Override
        public void check() {
            Expect.equal(label(), expected, repo.topCustomersByRevenue(from, to, LIMIT));
        }
    }

    @Benchmark
    public List<CustomerRevenue> run(Fixture f) {
        return f.repo.topCustomersByRevenue(f.from, f.to, Fixture.LIMIT);
    }
}
