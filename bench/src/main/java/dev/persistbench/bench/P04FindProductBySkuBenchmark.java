package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.Product;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** P04: a product read by its unique SKU, cycling over every seeded product. */
public class P04FindProductBySkuBenchmark {

    /** The implementation, the data set and the SKUs to look up. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        String[] skus;
        long next;

        @Override
        protected void prepareTrial() {
            skus = data.products().stream().map(Product::sku).toArray(String[]::new);
        }

        String nextSku() {
            return skus[(int) (next++ % skus.length)];
        }

        @Override
        protected Object warmUp(long n) {
            return repo.findProductBySku(nextSku());
        }

        @Override
        public void check() {
            int j = skus.length / 2;
            Expect.equal(label(), Optional.of(data.product(j + 1)), repo.findProductBySku(skus[j]));
        }

        @Override
        public void checkMore() {
            Expect.equal(
                    label() + " other case",
                    Optional.empty(),
                    repo.findProductBySku(skus[0].toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Benchmark
    public Optional<Product> run(Fixture f) {
        return f.repo.findProductBySku(f.nextSku());
    }
}
