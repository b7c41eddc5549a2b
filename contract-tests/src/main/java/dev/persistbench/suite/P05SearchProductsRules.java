package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.ProductSortKey;
import dev.persistbench.contract.model.SortDirection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** P05: searching products with filters, sort keys and keyset pagination. */
public interface P05SearchProductsRules extends ContractFixture {

    /** Every sort key in both directions. */
    static Stream<Arguments> sortCases() {
        return Arrays.stream(ProductSortKey.values())
                .flatMap(key -> Arrays.stream(SortDirection.values()).map(direction -> Arguments.of(key, direction)));
    }

    /** Creates one product per name. */
    private List<Product> named(String... names) {
        return data().create(Arrays.stream(names)
                .map(name -> data().product().name(name).build())
                .toList());
    }

    private List<String> namesFound(ProductSearch search) {
        return pageThrough(search).stream().map(Product::name).toList();
    }

    /** Follows the cursors from the first page to the last and returns every row in order. */
    private List<Product> pageThrough(ProductSearch first) {
        List<Product> rows = new ArrayList<>();
        ProductSearch search = first;
        long total = data().count("product");
        for (int page = 0; page <= total + 1; page++) {
            ProductPage result = store().searchProducts(search);
            assertThat(result.items().size()).as("page %d size", page).isLessThanOrEqualTo(first.pageSize());
            rows.addAll(result.items());
            if (result.next().isEmpty()) {
                return rows;
            }
            search = search.after(result.next().get());
        }
        return fail("more pages than rows: the cursors never reach the end");
    }

    /**
     * A catalogue full of ties: three names, four prices and three stock levels over 43
     * products, so every sort key has runs of equal values that cross page boundaries. Names are
     * lowercase ASCII letters, which every collation orders alike.
     */
    private List<Product> catalogueWithTies() {
        String[] names = {"cherry", "apple", "banana"};
        String[] prices = {"2.50", "1.00", "2.50", "7.25"};
        int[] stocks = {3, 0, 7};
        List<NewProduct> products = new ArrayList<>();
        for (int i = 0; i < 43; i++) {
            products.add(data().product()
                    .name(names[i % names.length])
                    .price(prices[i % prices.length])
                    .stock(stocks[(i / 2) % stocks.length])
                    .attribute("parity", i % 2 == 0 ? "even" : "odd")
                    .build());
        }
        return data().create(products);
    }

    private static Comparator<Product> order(ProductSortKey key, SortDirection direction) {
        Comparator<Product> byKey = switch (key) {
            case NAME -> Comparator.comparing(Product::name);
            case PRICE -> Comparator.comparing(Product::price);
            case STOCK -> Comparator.comparingInt(Product::stock);
            case ID -> Comparator.comparingLong(Product::id);
        };
        Comparator<Product> ordered = byKey.thenComparingLong(Product::id);
        return direction == SortDirection.ASC ? ordered : ordered.reversed();
    }

    private static ProductSearch all(int pageSize) {
        return ProductSearch.all(pageSize);
    }

    @Test
    @DisplayName("P05.1 the name fragment matches case-insensitively anywhere in the name; empty matches all")
    default void p05_1_fragmentIgnoresCase() {
        named("Red Apple", "pineapple juice", "APPLE PIE", "Grapple", "Banana", "Appel", "ap ple");
        assertThat(namesFound(all(100).withNameContains("aPpLe")))
                .containsExactlyInAnyOrder("Red Apple", "pineapple juice", "APPLE PIE", "Grapple");
        assertThat(namesFound(all(100).withNameContains("PIE"))).containsExactly("APPLE PIE");
        assertThat(namesFound(all(100).withNameContains(""))).hasSize(7);
        assertThat(namesFound(all(100).withNameContains("kiwi"))).isEmpty();
    }

    @Test
    @DisplayName("P05.2 % in the name fragment matches only itself")
    default void p05_2_percentIsLiteral() {
        named("100% cotton", "100 cotton", "1000 cotton", "100x cotton", "cotton");
        assertThat(namesFound(all(100).withNameContains("100%"))).containsExactly("100% cotton");
        assertThat(namesFound(all(100).withNameContains("%"))).containsExactly("100% cotton");
        assertThat(namesFound(all(100).withNameContains("0% c"))).containsExactly("100% cotton");
    }

    @Test
    @DisplayName("P05.2 _ in the name fragment matches only itself")
    default void p05_2_underscoreIsLiteral() {
        named("snake_case", "snakeXcase", "snake case", "snakecase");
        assertThat(namesFound(all(100).withNameContains("e_c"))).containsExactly("snake_case");
        assertThat(namesFound(all(100).withNameContains("_"))).containsExactly("snake_case");
        assertThat(namesFound(all(100).withNameContains("snake_"))).containsExactly("snake_case");
    }

    @Test
    @DisplayName("P05.2 \\ in the name fragment matches only itself, also before % and _")
    default void p05_2_backslashIsLiteral() {
        named("back\\slash", "backslash", "back\\\\slash", "x\\%y", "x%y", "x\\y", "a\\_b", "a_b", "a\\b");
        assertThat(namesFound(all(100).withNameContains("k\\s"))).containsExactly("back\\slash");
        assertThat(namesFound(all(100).withNameContains("\\")))
                .containsExactlyInAnyOrder("back\\slash", "back\\\\slash", "x\\%y", "x\\y", "a\\_b", "a\\b");
        assertThat(namesFound(all(100).withNameContains("\\\\"))).containsExactly("back\\\\slash");
        assertThat(namesFound(all(100).withNameContains("\\%"))).containsExactly("x\\%y");
        assertThat(namesFound(all(100).withNameContains("\\_"))).containsExactly("a\\_b");
    }

    @Test
    @DisplayName("P05.3 the price range is inclusive at both ends; either end may be open")
    default void p05_3_priceRangeInclusive() {
        for (String price : new String[] {"9.99", "10.00", "15.00", "20.00", "20.01"}) {
            data().product().name("at " + price).price(price).create();
        }
        assertThat(namesFound(all(100).withPriceBetween(new BigDecimal("10"), new BigDecimal("20.00"))))
                .containsExactlyInAnyOrder("at 10.00", "at 15.00", "at 20.00");
        assertThat(namesFound(all(100).withPriceBetween(new BigDecimal("15.00"), null)))
                .containsExactlyInAnyOrder("at 15.00", "at 20.00", "at 20.01");
        assertThat(namesFound(all(100).withPriceBetween(null, new BigDecimal("10.00"))))
                .containsExactlyInAnyOrder("at 9.99", "at 10.00");
        assertThat(namesFound(all(100).withPriceBetween(new BigDecimal("20.00"), new BigDecimal("20.00"))))
                .containsExactly("at 20.00");
        assertThat(namesFound(all(100).withPriceBetween(new BigDecimal("10.01"), new BigDecimal("14.99"))))
                .isEmpty();
    }

    @Test
    @DisplayName("P05.4 the attribute filter keeps products holding the key with exactly that string value")
    default void p05_4_attributeFilter() {
        data().product().name("red").attribute("colour", "red").create();
        data().product().name("Red").attribute("colour", "Red").create();
        data().product()
                .name("red M")
                .attribute("colour", "red")
                .attribute("size", "M")
                .create();
        data().product().name("other key").attribute("color", "red").create();
        data().product().name("reddish").attribute("colour", "reddish").create();
        data().product().name("none").create();
        assertThat(namesFound(all(100).withAttribute("colour", "red"))).containsExactlyInAnyOrder("red", "red M");
        assertThat(namesFound(all(100).withAttribute("size", "M"))).containsExactly("red M");
        assertThat(namesFound(all(100).withAttribute("colour", "blue"))).isEmpty();
        assertThat(namesFound(all(100).withAttribute("weight", "red"))).isEmpty();
    }

    @Test
    @DisplayName("P05.4 attribute values are compared as strings: empty, numeric-looking, quotes and backslashes")
    default void p05_4_attributeValuesAsText() {
        data().product().name("empty").attribute("note", "").create();
        data().product().name("number").attribute("note", "42").create();
        data().product().name("quoted").attribute("note", "say \"hi\" \\ now").create();
        data().product().name("apostrophe").attribute("it's", "o'clock").create();
        data().product().name("no note").create();
        assertThat(namesFound(all(100).withAttribute("note", ""))).containsExactly("empty");
        assertThat(namesFound(all(100).withAttribute("note", "42"))).containsExactly("number");
        assertThat(namesFound(all(100).withAttribute("note", "say \"hi\" \\ now")))
                .containsExactly("quoted");
        assertThat(namesFound(all(100).withAttribute("it's", "o'clock"))).containsExactly("apostrophe");
    }

    @Test
    @DisplayName("P05.5 in-stock-only keeps products with stock above zero; off keeps all")
    default void p05_5_inStockOnly() {
        data().product().name("none left").stock(0).create();
        data().product().name("one left").stock(1).create();
        data().product().name("plenty").stock(500).create();
        assertThat(namesFound(all(100).withInStockOnly(true))).containsExactlyInAnyOrder("one left", "plenty");
        assertThat(namesFound(all(100).withInStockOnly(false)))
                .containsExactlyInAnyOrder("none left", "one left", "plenty");
    }

    @Test
    @DisplayName("P05.6 filters combine with AND: each product failing one filter is left out")
    default void p05_6_filtersCombine() {
        colouredProduct("Blue Widget", "15.00", 5, "blue");
        colouredProduct("Blue Gadget", "15.00", 5, "blue");
        colouredProduct("Pricey Widget", "30.00", 5, "blue");
        colouredProduct("Red Widget", "15.00", 5, "red");
        colouredProduct("Gone Widget", "15.00", 0, "blue");
        ProductSearch search = all(100).withNameContains("WIDGET")
                .withPriceBetween(new BigDecimal("10.00"), new BigDecimal("20.00"))
                .withAttribute("colour", "blue")
                .withInStockOnly(true);
        assertThat(namesFound(search)).containsExactly("Blue Widget");
        assertThat(namesFound(all(100).withNameContains("widget").withInStockOnly(true)))
                .containsExactlyInAnyOrder("Blue Widget", "Pricey Widget", "Red Widget");
    }

    private void colouredProduct(String name, String price, int stock, String colour) {
        data().product()
                .name(name)
                .price(price)
                .stock(stock)
                .attribute("colour", colour)
                .create();
    }

    @ParameterizedTest(name = "P05.7 sorted by {0} {1}, ties broken by id in the same direction")
    @MethodSource("dev.persistbench.suite.P05SearchProductsRules#sortCases")
    @DisplayName("P05.7 rows come in the order of the sort key and direction, ties broken by id")
    default void p05_7_sortOrder(ProductSortKey key, SortDirection direction) {
        List<Product> products = catalogueWithTies();
        ProductPage page = store().searchProducts(all(1_000).sortedBy(key, direction));
        List<Product> expected = products.stream().sorted(order(key, direction)).toList();
        assertThat(page.items())
                .extracting(Product::id)
                .containsExactlyElementsOf(expected.stream().map(Product::id).toList());
        assertThat(page.items()).containsExactlyElementsOf(expected);
        assertThat(page.next()).isEmpty();
    }

    @ParameterizedTest(name = "P05.8 paging by {0} {1} returns every row exactly once, in order, ties across pages too")
    @MethodSource("dev.persistbench.suite.P05SearchProductsRules#sortCases")
    @DisplayName("P05.8 following the cursors returns every matching row exactly once, in order")
    default void p05_8_pagesNeverSkipOrRepeat(ProductSortKey key, SortDirection direction) {
        List<Product> products = catalogueWithTies();
        for (int pageSize : new int[] {1, 4, 5, 43, 100}) {
            List<Product> rows = pageThrough(all(pageSize).sortedBy(key, direction));
            assertThat(rows)
                    .as("page size %d", pageSize)
                    .containsExactlyElementsOf(
                            products.stream().sorted(order(key, direction)).toList());
        }
        ProductSearch filtered = all(3).sortedBy(key, direction)
                .withAttribute("parity", "odd")
                .withInStockOnly(true)
                .withPriceBetween(new BigDecimal("1.00"), new BigDecimal("2.50"));
        List<Product> expected = products.stream()
                .filter(p -> p.attributes().get("parity").equals("odd"))
                .filter(p -> p.stock() > 0)
                .filter(p -> p.price().compareTo(new BigDecimal("2.50")) <= 0)
                .sorted(order(key, direction))
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(pageThrough(filtered)).as("filtered, 3 a page").containsExactlyElementsOf(expected);
    }

    /** P05.8's names beside {@link ValueRules#AWKWARD_TEXT}: case, spacing, accents, scripts and astral characters. */
    List<String> COLLATION_NAMES = List.of(
            "Apple",
            "apple",
            "APPLE",
            "a pple",
            "a-pple",
            "\u00C4pfel",
            "apfel",
            "\u00E4pfel",
            "Zebra",
            "zebra",
            "\u00DF",
            "ss",
            "\u0130stanbul",
            "istanbul",
            "\u65E5\u672C",
            "\uD83D\uDE00",
            "\uD83D\uDE00");

    @ParameterizedTest(
            name = "P05.8 names in any script and case, by {0} {1}: the pages concatenate to the one-page result")
    @MethodSource("dev.persistbench.suite.P05SearchProductsRules#sortCases")
    @DisplayName("P05.8 with names in any script, case and spacing, the pages concatenate to the one-page result")
    default void p05_8_pagesAgreeWithOnePageInAnyCollation(ProductSortKey key, SortDirection direction) {
        // The database's collation orders these names, so the expectation is the database's own
        // one-page answer: keyset pages must agree with it whatever the collation does with case,
        // spaces, accents and scripts.
        List<String> names = new ArrayList<>(ValueRules.AWKWARD_TEXT);
        names.addAll(COLLATION_NAMES);
        List<NewProduct> products = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            products.add(data().product()
                    .name(names.get(i))
                    .price(i % 2 == 0 ? "1.00" : "2.00")
                    .stock(i % 3)
                    .build());
        }
        data().create(products);
        ProductSearch search = all(1_000).sortedBy(key, direction);
        List<Product> onePage = store().searchProducts(search).items();
        assertThat(onePage).hasSize(names.size());
        for (int pageSize : new int[] {1, 2, 7}) {
            ProductSearch paged = ProductSearch.all(pageSize).sortedBy(key, direction);
            assertThat(pageThrough(paged)).as("page size %d", pageSize).containsExactlyElementsOf(onePage);
        }
    }

    @Test
    @DisplayName("P05.1 a fragment outside the BMP or with combining marks matches exactly the names holding it")
    default void p05_1_unicodeFragment() {
        named("smile \uD83D\uDE00 face", "smile \uD83D\uDE01 face", "cafe\u0301 noir", "caf\u00E9 noir", "plain");
        assertThat(namesFound(all(100).withNameContains("\uD83D\uDE00"))).containsExactly("smile \uD83D\uDE00 face");
        assertThat(namesFound(all(100).withNameContains("e\u0301"))).containsExactly("cafe\u0301 noir");
        assertThat(namesFound(all(100).withNameContains("\u00E9"))).containsExactly("caf\u00E9 noir");
    }

    @Test
    @DisplayName("P05.8 rows added before the cursor between pages are not returned again and nothing is skipped")
    default void p05_8_cursorIsStableUnderInserts() {
        List<Product> products = catalogueWithTies();
        ProductSearch first = all(10).sortedBy(ProductSortKey.PRICE, SortDirection.ASC);
        ProductPage page1 = store().searchProducts(first);
        assertThat(page1.next()).isPresent();
        // Rows that sort before the cursor (cheaper than anything) appear between the two requests.
        data().create(List.of(
                data().product().price("0.01").build(),
                data().product().price("0.02").build()));
        List<Product> rest = pageThrough(first.after(page1.next().get()));
        List<Product> all = new ArrayList<>(page1.items());
        all.addAll(rest);
        assertThat(all)
                .containsExactlyElementsOf(products.stream()
                        .sorted(order(ProductSortKey.PRICE, SortDirection.ASC))
                        .toList());
    }

    @Test
    @DisplayName("P05.9 a page with fewer rows than the page size has no next cursor; a full page has one")
    default void p05_9_nextCursor() {
        named("one", "two", "three", "four", "five", "six");
        ProductPage partial = store().searchProducts(
                        all(4).after(store().searchProducts(all(4)).next().orElseThrow()));
        assertThat(partial.items()).hasSize(2);
        assertThat(partial.next()).isEmpty();

        ProductPage full = store().searchProducts(all(3));
        assertThat(full.items()).hasSize(3);
        assertThat(full.next()).isPresent();
        ProductPage second = store().searchProducts(all(3).after(full.next().get()));
        assertThat(second.items()).hasSize(3);
        ProductPage afterLast =
                store().searchProducts(all(3).after(second.next().orElseThrow()));
        assertThat(afterLast.items()).isEmpty();
        assertThat(afterLast.next()).isEmpty();

        ProductPage bigger = store().searchProducts(all(7));
        assertThat(bigger.items()).hasSize(6);
        assertThat(bigger.next()).isEmpty();
        ProductPage none = store().searchProducts(all(5).withNameContains("nothing"));
        assertThat(none.items()).isEmpty();
        assertThat(none.next()).isEmpty();
    }

    @Test
    @DisplayName("P05.10 input that looks like SQL is only matched as text; the table survives")
    default void p05_10_sqlLookingInputIsText() {
        named("Robert'); DROP TABLE product; --", "plain", "x' OR '1'='1");
        data().product()
                .name("tagged")
                .attribute("k' OR 1=1 --", "v\"); DROP TABLE product; --")
                .create();
        assertThat(namesFound(all(100).withNameContains("'); DROP TABLE product; --")))
                .containsExactly("Robert'); DROP TABLE product; --");
        assertThat(namesFound(all(100).withNameContains("' OR '1'='1"))).containsExactly("x' OR '1'='1");
        assertThat(namesFound(all(100).withNameContains("' OR 'a'='a"))).isEmpty();
        assertThat(namesFound(all(100).withAttribute("k' OR 1=1 --", "v\"); DROP TABLE product; --")))
                .containsExactly("tagged");
        assertThat(namesFound(all(100).withAttribute("k", "v' OR '1'='1"))).isEmpty();
        assertThat(data().tableExists("product")).isTrue();
        assertThat(data().count("product")).isEqualTo(4);
    }

    @Test
    @DisplayName("P05.7 results carry the full product: values as created")
    default void p05_7_rowsAreComplete() {
        Product product = data().product()
                .name("complete")
                .price("3.33")
                .stock(9)
                .attribute("a", "b")
                .create();
        assertThat(store().searchProducts(all(10).withNameContains("complete")).items())
                .containsExactly(product);
    }
}
