package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.bench.floor.RawJdbcFloor;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.db.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floors, in the same run and on the same data as the pattern benchmarks: {@code selectOne}
 * is one {@code SELECT 1} round trip on a pooled connection (what any operation costs at least),
 * and {@code p02}, {@code p03}, {@code p07}, {@code p08}, {@code p11} are those patterns written
 * with plain java.sql ({@link RawJdbcFloor}), with the same inputs as the pattern benchmarks.
 */
public class FloorBenchmark {

    /** The floor's operations, each checked like the implementations' before timing. */
    public enum Op {
        SELECT_ONE(null),
        P02("P02"),
        P07("P07"),
        P08("P08"),
        P11("P11"),
        /** Last: the only write. */
        P03("P03");

        private final String pattern;

        Op(String pattern) {
            this.pattern = pattern;
        }

        /** The pattern id, or empty for SELECT 1. */
        public Optional<String> pattern() {
            return Optional.ofNullable(pattern);
        }
    }

    /** The data set and the floor over the pool. */
    @State(Scope.Benchmark)
    public static class Floor {
        static final String P03_PREFIX = "F03-";

        /** Customers and products seeded; see {@link Dataset}. selectOne ignores it but carries it. */
        @Param("1000")
        public int dataSize;

        TestDatabase db;
        Dataset data;
        RawJdbcFloor floor;
        long next;
        long batches;
        Instant from;
        Instant to;

        @Setup(Level.Trial)
        public void setUpTrial() {
            TestDatabase database = TestDatabase.shared();
            Dataset.of(dataSize).load(database);
            open(database, database.dataSource());
            for (Op op : Op.values()) {
                check(op);
            }
            tearDownIteration();
        }

        /** Builds the floor over {@code dataSource}; {@code database} must hold the data set of {@link #dataSize}. */
        public void open(TestDatabase database, DataSource dataSource) {
            db = database;
            data = Dataset.of(dataSize);
            floor = new RawJdbcFloor(dataSource);
            from = data.orderCreatedAt(data.orderCount() / 4);
            to = data.orderCreatedAt(3L * data.orderCount() / 4);
        }

        /** Runs {@code op} once and throws a WrongAnswerException unless its answer is the expected one. */
        public void check(Op op) {
            String label = op.pattern().orElse("SELECT 1") + " raw-jdbc";
            switch (op) {
                case SELECT_ONE -> Expect.equal(label, 1, floor.selectOne());
                case P02 -> {
                    long id = customerId(data.customerCount() / 2);
                    Expect.equal(label, Optional.of(data.customer(id)), floor.findCustomer(id));
                }
                case P03 -> {
                    List<NewProduct> input = P03CreateProductsBenchmark.Fixture.batch(P03_PREFIX, batches++);
                    P03CreateProductsBenchmark.Fixture.verify(label, input, floor.createProducts(input));
                }
                case P07 -> {
                    long id = data.orderCount() / 3;
                    Expect.equal(label, Optional.of(data.order(id)), floor.findOrder(id));
                }
                case P08 -> {
                    long customer = data.buyerCount() / 2;
                    Expect.equal(
                            label,
                            data.latestOrders(customer, P08LatestOrdersBenchmark.Fixture.LIMIT),
                            floor.latestOrders(customer, P08LatestOrdersBenchmark.Fixture.LIMIT));
                }
                case P11 ->
                    Expect.equal(
                            label,
                            data.revenue(from, to, P11RevenueReportBenchmark.Fixture.LIMIT),
                            floor.topCustomersByRevenue(from, to, P11RevenueReportBenchmark.Fixture.LIMIT));
            }
        }

        long customerId(long n) {
            return n % data.customerCount() + 1;
        }

        /** Removes the products p03 created (only if it ran), so every iteration sees the same table. */
        @TearDown(Level.Iteration)
        public void tearDownIteration() {
            if (batches > 0) {
                Pools.deleteProducts(db, P03_PREFIX);
                Pools.vacuum(db);
                batches = 0;
            }
        }
    }

    @Benchmark
    public int selectOne(Floor s) {
        return s.floor.selectOne();
    }

    @Benchmark
    public Optional<Customer> p02(Floor s) {
        return s.floor.findCustomer(s.customerId(s.next++));
    }

    @Benchmark
    public List<Product> p03(Floor s) {
        return s.floor.createProducts(P03CreateProductsBenchmark.Fixture.batch(Floor.P03_PREFIX, s.batches++));
    }

    @Benchmark
    public Optional<Order> p07(Floor s) {
        return s.floor.findOrder(s.next++ % s.data.orderCount() + 1);
    }

    @Benchmark
    public List<Order> p08(Floor s) {
        return s.floor.latestOrders(s.next++ % s.data.buyerCount() + 1, P08LatestOrdersBenchmark.Fixture.LIMIT);
    }

    @Benchmark
    public List<CustomerRevenue> p11(Floor s) {
        return s.floor.topCustomersByRevenue(s.from, s.to, P11RevenueReportBenchmark.Fixture.LIMIT);
    }
}
