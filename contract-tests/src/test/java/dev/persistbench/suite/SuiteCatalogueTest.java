package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The suite has one group per pattern of the contract's catalogue, each running that pattern's rules. */
class SuiteCatalogueTest {

    @Test
    void each_catalogued_pattern_has_one_group_named_after_it_that_runs_its_rules() {
        List<String> groups = new ArrayList<>();
        for (Class<?> group : StoreRepositoryContract.class.getDeclaredClasses()) {
            DisplayName name = group.getAnnotation(DisplayName.class);
            if (!group.isAnnotationPresent(Nested.class) || name == null) {
                continue;
            }
            Pattern.byId(name.value().split(" ")[0]).ifPresent(p -> {
                groups.add(p.id());
                assertThat(name.value()).as("group of %s", p.id()).isEqualTo(p.id() + " " + p.method());
                assertThat(Arrays.stream(group.getInterfaces()).map(Class::getSimpleName))
                        .as("rules run by the group of %s", p.id())
                        .anySatisfy(i -> assertThat(i).startsWith(p.id()).endsWith("Rules"));
            });
        }
        assertThat(groups.stream().sorted().toList())
                .isEqualTo(Arrays.stream(Pattern.values()).map(Pattern::id).toList());
    }
}
