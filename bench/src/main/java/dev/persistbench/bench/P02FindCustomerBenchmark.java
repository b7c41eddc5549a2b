package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.Customer;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P02: a customer read by primary key, cycling over every seeded customer. The thread sweep
 * ({@link #sweep}) runs it with several threads, each walking from its own starting point.
 */
public class P02FindCustomerBenchmark {

    /** The implementation and the data set. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        long customerId(long n) {
            return n % data.customerCount() + 1;
        }

        @Override
        protected Object warmUp(long n) {
            return repo.findCustomer(customerId(n));
        }

        @Override
        public void check() {
            long id = customerId(data.customerCount() / 2);
            Expect.equal(label(), Optional.of(data.customer(id)), repo.findCustomer(id));
        }

        @Override
        public void checkMore() {
            Expect.equal(label() + " first", Optional.of(data.customer(1)), repo.findCustomer(1));
            Expect.equal(
                    label() + " last",
                    Optional.of(data.customer(data.customerCount())),
                    repo.findCustomer(data.customerCount()));
            Expect.equal(label() + " absent", Optional.empty(), repo.findCustomer(data.customerCount() + 1_000_000L));
        }
    }

    @Benchmark
    public Optional<Customer> run(Fixture f, ThreadCursor c) {
        return f.repo.findCustomer(f.customerId(c.next++));
    }

    /** The thread sweep's operation: {@link #run}, its latency recorded and a failure counted. */
    @Benchmark
    public Optional<Customer> sweep(Fixture f, ThreadCursor c) {
        return f.timed(() -> run(f, c));
    }
}
