package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.sql.SqlRecorder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P03: creating many products in one call. */
public interface P03CreateProductsRules extends ContractFixture {

    private List<NewProduct> batch(String prefix, int size) {
        return IntStream.range(0, size)
                .mapToObj(i -> new NewProduct(
                        prefix + "-" + i,
                        "Product " + prefix + " " + i,
                        new BigDecimal(1 + i % 97).add(new BigDecimal("0.25")),
                        i % 13,
                        i % 3 == 0 ? Map.of("colour", "c" + i % 5, "size", "s" + i % 4) : Map.of()))
                .toList();
    }

    private void assertCreatedAsGiven(List<NewProduct> given, List<Product> created) {
        assertThat(created).hasSameSizeAs(given);
        for (int i = 0; i < given.size(); i++) {
            NewProduct in = given.get(i);
            Product out = created.get(i);
            assertThat(out.id()).as("id of #%d", i).isPositive();
            assertThat(out.sku()).as("sku of #%d", i).isEqualTo(in.sku());
            assertThat(out.name()).isEqualTo(in.name());
            assertThat(out.price()).isEqualTo(in.price());
            assertThat(out.stock()).isEqualTo(in.stock());
            assertThat(out.attributes()).isEqualTo(in.attributes());
            assertThat(out.version()).isZero();
        }
    }

    @Test
    @DisplayName(
            "P03.1 returns the products in input order with generated ids, version 0 and the values given, as stored")
    default void p03_1_createsInInputOrder() {
        List<NewProduct> given = new ArrayList<>(batch("P03a", 30));
        // Input order deliberately unlike SKU order, so an ORDER BY sku cannot pass for input order.
        Collections.reverse(given);
        List<Product> created = store().createProducts(given);
        assertCreatedAsGiven(given, created);
        assertThat(created).extracting(Product::id).doesNotHaveDuplicates();
        for (Product product : created) {
            assertThat(data().queryLong("SELECT id FROM product WHERE sku = ?", product.sku()))
                    .as("stored id of %s", product.sku())
                    .isEqualTo(product.id());
            assertThat(store().findProductBySku(product.sku())).contains(product);
        }
        assertThat(data().count("product")).isEqualTo(30);
    }

    @Test
    @DisplayName("P03.2 1,000 products take at most 50 statement executions; all are stored, ids in input order")
    default void p03_2_batched() {
        List<NewProduct> given = batch("P03b", 1_000);
        SqlRecorder.Recorded<List<Product>> recorded = sql().record(() -> store().createProducts(given));
        assertThat(recorded.statements())
                .as("statement executions for 1,000 products")
                .isLessThanOrEqualTo(50);
        assertCreatedAsGiven(given, recorded.result());
        assertThat(data().count("product")).isEqualTo(1_000);
        for (int i = 0; i < given.size(); i += 111) {
            assertThat(data().queryLong(
                                    "SELECT id FROM product WHERE sku = ?",
                                    given.get(i).sku()))
                    .isEqualTo(recorded.result().get(i).id());
        }
    }

    @Test
    @DisplayName("P03.3 a SKU that exists already (last in the list) is a DuplicateKeyException and none is inserted")
    default void p03_3_existingSku() {
        Product existing = data().product().sku("P03-taken").create();
        List<NewProduct> given = new ArrayList<>(batch("P03c", 300));
        given.add(new NewProduct("P03-taken", "Other", BigDecimal.ONE, 1, Map.of()));
        Attempt attempt = attempt(() -> store().createProducts(given));
        assertThat(attempt.thrown()).isInstanceOf(DuplicateKeyException.class);
        assertThat(((DuplicateKeyException) attempt.thrown()).constraint())
                .as("the constraint named by the server error's fields")
                .isEqualTo("product_sku_uq");
        assertThat(data().count("product")).isEqualTo(1);
        assertThat(store().findProductBySku("P03-taken")).contains(existing);
        assertThat(store().findProductBySku("P03c-0")).isEmpty();
    }

    @Test
    @DisplayName("P03.3 a SKU twice in the list is a DuplicateKeyException and none is inserted")
    default void p03_3_skuTwiceInList() {
        List<NewProduct> given = new ArrayList<>(batch("P03d", 250));
        given.add(new NewProduct("P03d-7", "Twin", BigDecimal.ONE, 1, Map.of()));
        Attempt attempt = attempt(() -> store().createProducts(given));
        assertThat(attempt.thrown()).isInstanceOf(DuplicateKeyException.class);
        assertThat(data().count("product")).isZero();
        Attempt pair = attempt(() -> store().createProducts(List.of(
                new NewProduct("pair", "A", BigDecimal.ONE, 1, Map.of()),
                new NewProduct("pair", "B", BigDecimal.ONE, 1, Map.of()))));
        assertThat(pair.thrown()).isInstanceOf(DuplicateKeyException.class);
        assertThat(data().count("product")).isZero();
    }

    @Test
    @DisplayName("P03.3 SKUs differing only in case are distinct, not duplicates")
    default void p03_3_skuCaseMatters() {
        List<Product> created = store().createProducts(List.of(
                new NewProduct("case-sku", "lower", BigDecimal.ONE, 1, Map.of()),
                new NewProduct("CASE-SKU", "upper", BigDecimal.ONE, 1, Map.of())));
        assertThat(created).extracting(Product::name).containsExactly("lower", "upper");
        assertThat(data().count("product")).isEqualTo(2);
    }

    @Test
    @DisplayName("P03.3 after a refused batch the repository inserts the corrected batch normally")
    default void p03_3_worksAfterDuplicate() {
        List<NewProduct> bad = List.of(
                new NewProduct("again-1", "A", BigDecimal.ONE, 1, Map.of()),
                new NewProduct("again-1", "B", BigDecimal.ONE, 1, Map.of()));
        assertThat(attempt(() -> store().createProducts(bad)).thrown()).isInstanceOf(DuplicateKeyException.class);
        List<NewProduct> good = batch("P03e", 5);
        assertCreatedAsGiven(good, store().createProducts(good));
        assertThat(data().count("product")).isEqualTo(5);
    }

    @Test
    @DisplayName("P03.4 an empty list returns an empty list and writes nothing")
    default void p03_4_emptyList() {
        assertThat(store().createProducts(List.of())).isNotNull().isEmpty();
        assertThat(data().count("product")).isZero();
    }

    @Test
    @DisplayName("P03.4 exactly MAX_BATCH products are accepted in one call")
    default void p03_4_maxBatch() {
        List<NewProduct> given = batch("P03f", StoreRepository.MAX_BATCH);
        List<Product> created = store().createProducts(given);
        assertThat(created).hasSize(StoreRepository.MAX_BATCH);
        assertThat(created.get(StoreRepository.MAX_BATCH - 1).sku())
                .isEqualTo(given.get(StoreRepository.MAX_BATCH - 1).sku());
        assertThat(data().count("product")).isEqualTo(StoreRepository.MAX_BATCH);
    }
}
