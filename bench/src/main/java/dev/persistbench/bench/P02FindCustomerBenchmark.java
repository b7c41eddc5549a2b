package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.Customer;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/** P02: a customer read by primary key, cycling over every seeded customer. Also run with 2 and 4 threads (full profile). */
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

    /** Each thread walks the customers from its own starting point. */
    @State(Scope.Thread)
    public static class Cursor {
        long next;

        @Setup(Level.Trial)
        public void start(ThreadParams thread) {
            next = thread.getThreadIndex() * 7919L;
        }
    }

    @Benchmark
    public Optional<Customer> run(Fixture f, Cursor c) {
        return f.repo.findCustomer(f.customerId(c.next++));
    }
}
