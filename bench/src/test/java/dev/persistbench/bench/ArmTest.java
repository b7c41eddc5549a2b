package dev.persistbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which arms a pattern's fork runs: the floor, the implementations, and the variants that change the pattern. */
class ArmTest {

    private static List<String> ids(List<Arm> arms) {
        return arms.stream().map(Arm::id).toList();
    }

    @Test
    void a_variant_joins_the_forks_of_the_patterns_it_changes_and_only_those() {
        assertThat(ids(Arm.forPattern("HIBERNATE,JDBC", "P02", 0, "all")))
                .containsExactly("raw-jdbc", "hibernate", "jdbc", "jdbc:read-tx");
        assertThat(ids(Arm.forPattern("HIBERNATE,JDBC", "P03", 0, "all")))
                .containsExactly("raw-jdbc", "hibernate", "jdbc", "hibernate:persist");
        assertThat(ids(Arm.forPattern("HIBERNATE,JDBC", "P06", 0, "all")))
                .containsExactly("raw-jdbc", "hibernate", "jdbc");
        assertThat(Arm.forPattern("JDBC", "P08", 0, "all").getLast().variant()).isTrue();
        assertThat(Arm.forPattern("JDBC", "P08", 0, "all").get(1).variant()).isFalse();
    }

    @Test
    void variants_of_untimed_implementations_or_not_enabled_are_left_out() {
        assertThat(ids(Arm.forPattern("HIBERNATE", "P02", 0, "all"))).containsExactly("raw-jdbc", "hibernate");
        assertThat(ids(Arm.forPattern("JDBC", "P02", 0, "none"))).containsExactly("raw-jdbc", "jdbc");
        assertThat(ids(Arm.forPattern("JDBC", "P02", 0, "hibernate:other"))).containsExactly("raw-jdbc", "jdbc");
        assertThat(ids(Arm.forPattern("JDBC", "P02", 0, " jdbc:read-tx ")))
                .containsExactly("raw-jdbc", "jdbc", "jdbc:read-tx");
    }

    @Test
    void at_a_network_distance_a_fork_measures_the_defaults_only() {
        assertThat(ids(Arm.forPattern("JDBC", "P02", 500, "all"))).containsExactly("raw-jdbc", "jdbc");
    }
}
