package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.reports.model.Pattern;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The report's catalogue must name real contract methods, or code extraction finds nothing. */
class PatternCatalogueTest {

    @Test
    void every_pattern_names_a_method_of_the_contract() {
        Set<String> methods = Arrays.stream(StoreRepository.class.getMethods())
                .map(Method::getName)
                .collect(Collectors.toSet());
        for (Pattern p : Pattern.values()) {
            assertThat(methods).as("StoreRepository method of %s", p).contains(p.method());
        }
    }

    @Test
    void floors_are_the_five_agreed_with_bench() {
        assertThat(Arrays.stream(Pattern.values()).filter(Pattern::hasFloor).map(Pattern::id))
                .containsExactly("P02", "P03", "P07", "P08", "P11");
    }
}
