package dev.persistbench.bench.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.bench.Impl;
import dev.persistbench.bench.run.BenchConfig;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** bench.include=none: no pattern, no JMH run, so that the rehearsal can run alone. */
class EvolutionSwitchTest {

    private static BenchConfig include(String include) {
        Properties p = new Properties();
        p.setProperty("bench.include", include);
        return BenchConfig.fromProperties(p);
    }

    @Test
    @DisplayName("bench.include=none selects no pattern, passes nothing to JMH and makes no JMH run")
    void none() {
        BenchConfig config = include("none");

        assertThat(config.patterns()).isEmpty();
        assertThat(config.rawIncludes()).isEmpty();
        assertThat(config.noPatterns()).isTrue();
        assertThat(config.runs(List.of(Impl.parse("jdbc")), List.of())).isEmpty();
    }

    @Test
    @DisplayName("a pattern, a regexp or no bench.include at all still select benchmarks")
    void notNone() {
        assertThat(include("P02").noPatterns()).isFalse();
        assertThat(include("Foo").noPatterns()).isFalse();
        assertThat(include("").noPatterns()).isFalse();
        assertThat(include("").patterns()).hasSize(13);
    }
}
