package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P01: one customer created per operation (single insert, generated key). E-mails are unique
 * from a counter; the customers an iteration created are deleted after it.
 */
public class P01CreateCustomerBenchmark {

    /** The implementation, the data set and the e-mail counter. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final String PREFIX = "p01-";
        long next;

        Customer createNext() {
            long n = next++;
            return repo.createCustomer(new NewCustomer(PREFIX + n + "@bench.example", "Bench customer " + n));
        }

        @Override
        public boolean writes() {
            return true;
        }

        @Override
        protected Object warmUp(long n) {
            return createNext();
        }

        @Override
        public void check() {
            long n = next;
            Customer created = createNext();
            Expect.that(label() + " generated id above the seeded ones", created.id() > data.customerCount(), created);
            Expect.equal(label() + " e-mail", PREFIX + n + "@bench.example", created.email());
            Expect.equal(label() + " name", "Bench customer " + n, created.name());
            Expect.that(label() + " creation instant set", created.createdAt() != null, created);
        }

        @Override
        protected void endIteration() {
            Pools.deleteCustomers(db, PREFIX);
            vacuum("customer");
        }
    }

    @Benchmark
    public Customer run(Fixture f) {
        return f.createNext();
    }
}
