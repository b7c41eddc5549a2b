package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Product;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P04: finding a product by its SKU. */
public interface P04FindProductBySkuRules extends ContractFixture {

    @Test
    @DisplayName("P04.1 the exact SKU finds the product as created")
    default void p04_1_findsBySku() {
        Product product =
                data().product().sku("P04-exact").attribute("colour", "blue").create();
        data().product().sku("P04-exact-2").create();
        assertThat(store().findProductBySku("P04-exact")).contains(product);
    }

    @Test
    @DisplayName(
            "P04.1 the match is case-sensitive: a SKU differing only in case is not found, or finds the other product")
    default void p04_1_caseSensitive() {
        Product lower = data().product().sku("abc-1").create();
        assertThat(store().findProductBySku("ABC-1")).isEmpty();
        Product upper = data().product().sku("ABC-1").create();
        assertThat(store().findProductBySku("ABC-1")).contains(upper);
        assertThat(store().findProductBySku("abc-1")).contains(lower);
        assertThat(store().findProductBySku("Abc-1")).isEmpty();
    }

    @Test
    @DisplayName("P04.1 no pattern or prefix matching: %, _, a prefix, padding and whitespace find nothing")
    default void p04_1_noPatternMatching() {
        data().product().sku("widget").create();
        for (String sku : new String[] {"widg%", "%", "widge_", "widg", "widget ", " widget", "widgets"}) {
            assertThat(store().findProductBySku(sku)).as("sku '%s'", sku).isEmpty();
        }
    }

    @Test
    @DisplayName("P04.2 an absent SKU gives an empty Optional")
    default void p04_2_absentSku() {
        assertThat(store().findProductBySku("nothing-here")).isNotNull().isEmpty();
        data().product().create();
        assertThat(store().findProductBySku("nothing-here")).isNotNull().isEmpty();
    }
}
