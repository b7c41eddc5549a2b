package dev.persistbench.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The catalogue and the contract interface describe the same thirteen operations. */
class PatternTest {

    /** The contract's methods that are not patterns: configuration and life cycle. */
    private static final Set<String> NOT_PATTERNS = Set.of("settings", "close");

    @Test
    void every_operation_of_the_contract_is_exactly_one_pattern() {
        List<String> operations = Arrays.stream(StoreRepository.class.getDeclaredMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .map(Method::getName)
                .filter(name -> !NOT_PATTERNS.contains(name))
                .sorted()
                .toList();
        List<String> catalogued =
                Arrays.stream(Pattern.values()).map(Pattern::method).sorted().toList();
        assertThat(catalogued).isEqualTo(operations);
    }

    @Test
    void each_method_is_documented_under_its_own_pattern_id() throws IOException {
        // The contract's Javadoc opens each operation with "Pnn: ..."; the id must be the catalogue's.
        String source = Files.readString(Path.of("src/main/java/dev/persistbench/contract/StoreRepository.java"));
        Matcher m = java.util.regex.Pattern.compile(
                        "\\* (P\\d\\d): .*?\\*/\\s+[^;(]*?(\\w+)\\(", java.util.regex.Pattern.DOTALL)
                .matcher(source);
        Map<String, String> documented = new LinkedHashMap<>();
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        Map<String, String> catalogued = new LinkedHashMap<>();
        for (Pattern p : Pattern.values()) {
            catalogued.put(p.id(), p.method());
        }
        assertThat(documented).containsExactlyEntriesOf(catalogued);
    }

    @Test
    void ids_run_from_P01_without_gaps_and_titles_are_set() {
        Pattern[] all = Pattern.values();
        for (int i = 0; i < all.length; i++) {
            assertThat(all[i].id()).isEqualTo(String.format("P%02d", i + 1));
            assertThat(all[i].title()).isNotBlank();
        }
    }

    @Test
    void ids_are_looked_up_leniently_and_unknown_ones_refused_with_the_range() {
        assertThat(Pattern.byId(" p05 ")).contains(Pattern.P05);
        assertThat(Pattern.byId("P14")).isEmpty();
        assertThat(Pattern.of("P13")).isEqualTo(Pattern.P13);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Pattern.of("P00"))
                .withMessageContaining("'P00'")
                .withMessageContaining("P01 ... P13");
    }
}
