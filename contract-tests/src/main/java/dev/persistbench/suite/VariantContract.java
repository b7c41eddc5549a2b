package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract rules of a variant: an implementation module adds one subclass per variant, naming
 * it and declaring, as {@link Nested} groups, the rule interfaces of the patterns the variant
 * changes (for P03: {@code @Nested class P03 extends Group implements P03CreateProductsRules {}}).
 * The other patterns run the default code, which the implementation's {@link
 * StoreRepositoryContract} already covers. A test here checks that the declared groups are
 * exactly the variant's patterns, so a variant cannot leave one of its patterns untested.
 */
public abstract class VariantContract extends ContractHarness {

    /** The variant under test, as its implementation declares it (see {@link #named}). */
    protected abstract Variant variant();

    /**
     * The variant called {@code name} among an implementation's {@code variants}; refused when absent.
     * Public for an implementation's other tests of its variants (its round-trip counts).
     */
    public static Variant named(List<Variant> variants, String name) {
        return variants.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + name + "' among "
                        + variants.stream().map(Variant::name).toList()));
    }

    @Override
    protected final StoreRepository createRepository(DataSource dataSource) {
        return variant().factory().apply(dataSource);
    }

    @Test
    @DisplayName("the groups declared are the rules of exactly the patterns the variant changes")
    final void groupsAreTheVariantsPatterns() {
        Set<Pattern> tested = EnumSet.noneOf(Pattern.class);
        for (Class<?> group : getClass().getDeclaredClasses()) {
            if (!group.isAnnotationPresent(Nested.class)) {
                continue;
            }
            Arrays.stream(group.getInterfaces())
                    .map(Class::getSimpleName)
                    .filter(name -> name.endsWith("Rules") && name.length() > 3)
                    .forEach(name -> Pattern.byId(name.substring(0, 3)).ifPresent(tested::add));
        }
        assertThat(tested)
                .as("patterns whose rules run against %s", variant().name())
                .isEqualTo(variant().patterns());
    }
}
