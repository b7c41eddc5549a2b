package dev.persistbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.persistbench.contract.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** bench.variants: all by default, none, or named arm ids; an unknown id is refused by name. */
class VariantSelectionTest {

    @AfterEach
    void clear() {
        System.clearProperty(Arm.VARIANTS_PROPERTY);
    }

    @Test
    void all_by_default_none_or_named_ones() {
        assertThat(BenchMain.selectedVariants(Impl.parse("jdbc")))
                .extracting(Variant::name)
                .containsExactly("read-tx");
        System.setProperty(Arm.VARIANTS_PROPERTY, "none");
        assertThat(BenchMain.selectedVariants(Impl.parse("jdbc"))).isEmpty();
        System.setProperty(Arm.VARIANTS_PROPERTY, "jooq:flat-join, JDBC:read-tx");
        assertThat(BenchMain.selectedVariants(Impl.parse("jdbc")))
                .extracting(Variant::name)
                .containsExactly("read-tx");
        assertThat(BenchMain.selectedVariants(Impl.parse("mybatis"))).isEmpty();
    }

    @Test
    void an_unknown_variant_is_refused_with_the_known_ones() {
        System.setProperty(Arm.VARIANTS_PROPERTY, "jdbc:read-only");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchMain.selectedVariants(Impl.parse("jdbc")))
                .withMessageContaining("'jdbc:read-only'")
                .withMessageContaining("jdbc:read-tx");
    }
}
