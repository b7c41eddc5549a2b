package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P03: {@value Fixture#BATCH} products created in one call (batch insert). The input list is built
 * inside the operation (unique SKUs from a counter), the same for every implementation and the
 * floor; the products an iteration created are deleted after it.
 */
public class P03CreateProductsBenchmark {

    /** The implementation, the data set and the SKU counter. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        /** Products per call: the contract's P03 figure. */
        public static final int BATCH = 1_000;

        static final String PREFIX = "P03-";
        static final Map<String, String> ATTRIBUTES = Map.of("color", "red", "size", "M");
        long next;

        List<NewProduct> nextBatch() {
            return batch(PREFIX, next++);
        }

        /** The n-th batch of products with SKUs starting {@code prefix}. */
        static List<NewProduct> batch(String prefix, long n) {
            List<NewProduct> products = new ArrayList<>(BATCH);
            String base = prefix + n + "-";
            for (int i = 0; i < BATCH; i++) {
                products.add(new NewProduct(
                        base + i, "Bench product " + i, BigDecimal.valueOf(100 + i, 2), 10 + i, ATTRIBUTES));
            }
            return products;
        }

        /** Throws unless {@code created} is {@code input} with generated ids, in input order. */
        static void verify(String label, List<NewProduct> input, List<Product> created) {
            Expect.equal(label + " count", input.size(), created.size());
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < input.size(); i++) {
                NewProduct in = input.get(i);
                Product out = created.get(i);
                Expect.equal(
                        label + " row " + i,
                        new Product(out.id(), in.sku(), in.name(), in.price(), in.stock(), in.attributes(), 0),
                        out);
                Expect.that(label + " row " + i + " has a new positive id", out.id() > 0 && ids.add(out.id()), out);
            }
        }

        @Override
        public boolean writes() {
            return true;
        }

        @Override
        protected Object warmUp(long n) {
            return repo.createProducts(nextBatch());
        }

        @Override
        public void check() {
            List<NewProduct> input = nextBatch();
            verify(label(), input, repo.createProducts(input));
        }

        @Override
        protected void endIteration() {
            Pools.deleteProducts(db, PREFIX);
            vacuum("product");
        }
    }

    @Benchmark
    public List<Product> run(Fixture f) {
        return f.repo.createProducts(f.nextBatch());
    }
}
