package dev.persistbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.bench.run.BenchConfig;
import dev.persistbench.bench.run.Verification;
import dev.persistbench.contract.Pattern;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The bench measures and verifies exactly the contract's catalogue of patterns, in its order. */
class CatalogueTest {

    private static final List<String> IDS =
            Arrays.stream(Pattern.values()).map(Pattern::id).toList();

    @Test
    void the_verification_pass_has_one_state_per_catalogued_pattern_in_its_order() {
        List<String> verified = Verification.PATTERNS.stream()
                .map(Supplier::get)
                .map(PatternState::pattern)
                .toList();
        assertThat(verified).isEqualTo(IDS);
        assertThat(BenchConfig.PATTERNS).isEqualTo(IDS);
    }

    @Test
    void every_catalogued_pattern_has_a_benchmark_class() {
        for (Pattern p : Pattern.values()) {
            String prefix = PatternState.class.getPackageName() + "." + p.id();
            boolean found = Verification.PATTERNS.stream()
                    .map(s -> s.get().getClass().getEnclosingClass())
                    .anyMatch(c ->
                            c.getName().startsWith(prefix) && c.getSimpleName().endsWith("Benchmark"));
            assertThat(found).as("a %s...Benchmark class", p.id()).isTrue();
        }
    }
}
