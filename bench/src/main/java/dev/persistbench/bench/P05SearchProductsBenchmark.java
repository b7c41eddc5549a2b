package dev.persistbench.bench;

import dev.persistbench.bench.check.Expect;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductCursor;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.ProductSortKey;
import dev.persistbench.contract.model.SortDirection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * P05: one keyset page of a search with every filter set (name fragment "LAMP" matched
 * case-insensitively, price 10.00 to 90.00, attribute color = red, in stock only), sorted by
 * price ascending, {@value Fixture#PAGE_SIZE} rows a page; the operations cycle over the first
 * {@value Fixture#MAX_PAGES} pages (the first without a cursor, the others after the cursor of the
 * page before).
 */
public class P05SearchProductsBenchmark {

    /** The implementation, the data set, the searches and their expected pages. */
    @State(Scope.Benchmark)
    public static class Fixture extends PatternState {
        static final int PAGE_SIZE = 10;
        static final int MAX_PAGES = 5;
        static final BigDecimal MIN_PRICE = new BigDecimal("10.00");
        static final BigDecimal MAX_PRICE = new BigDecimal("90.00");
        ProductSearch[] searches;
        ProductPage[] expected;
        long next;

        @Override
        protected void prepareTrial() {
            List<Product> matching = data.productsWhere(
                    p -> p.name().toLowerCase(Locale.ROOT).contains("lamp")
                            && p.price().compareTo(MIN_PRICE) >= 0
                            && p.price().compareTo(MAX_PRICE) <= 0
                            && "red".equals(p.attributes().get("color"))
                            && p.stock() > 0,
                    Comparator.comparing(Product::price).thenComparingLong(Product::id));
            ProductSearch first = ProductSearch.all(PAGE_SIZE)
                    .withNameContains("LAMP")
                    .withPriceBetween(MIN_PRICE, MAX_PRICE)
                    .withAttribute("color", "red")
                    .withInStockOnly(true)
                    .sortedBy(ProductSortKey.PRICE, SortDirection.ASC);
            List<ProductSearch> s = new ArrayList<>();
            List<ProductPage> e = new ArrayList<>();
            for (int page = 0; page < MAX_PAGES && page * PAGE_SIZE < matching.size(); page++) {
                List<Product> items =
                        matching.subList(page * PAGE_SIZE, Math.min(matching.size(), (page + 1) * PAGE_SIZE));
                s.add(page == 0 ? first : first.after(ProductCursor.after(matching.get(page * PAGE_SIZE - 1))));
                e.add(ProductPage.of(items, PAGE_SIZE));
            }
            if (s.isEmpty()) {
                throw new IllegalStateException("P05: the data set of size " + dataSize + " has no matching product");
            }
            searches = s.toArray(ProductSearch[]::new);
            expected = e.toArray(ProductPage[]::new);
        }

        ProductSearch nextSearch() {
            return searches[(int) (next++ % searches.length)];
        }

        @Override
        protected Object warmUp(long n) {
            return repo.searchProducts(nextSearch());
        }

        @Override
        public void check() {
            Expect.equal(label() + " page 1", expected[0], repo.searchProducts(searches[0]));
        }

        @Override
        public void checkMore() {
            for (int i = 1; i < searches.length; i++) {
                Expect.equal(label() + " page " + (i + 1), expected[i], repo.searchProducts(searches[i]));
            }
        }
    }

    @Benchmark
    public ProductPage run(Fixture f) {
        return f.repo.searchProducts(f.nextSearch());
    }
}
