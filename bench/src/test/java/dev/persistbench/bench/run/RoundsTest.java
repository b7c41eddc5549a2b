package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    @DisplayName("every item once per round, the first of each round marked, the same order for the same seed")
    void roundsBeginAndRepeat() {
        List<String> arms = List.of("raw-jdbc", "hibernate", "jooq", "mybatis", "jdbc");
        Slices.Rounds<String> rounds = new Slices.Rounds<>(arms, new Random(42));
        assertThat(rounds.number()).isEqualTo(-1);
        List<String> all = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            List<String> round = new ArrayList<>();
            for (int i = 0; i < arms.size(); i++) {
                round.add(rounds.next());
                assertThat(rounds.began()).as("round %d, slice %d", r, i).isEqualTo(i == 0);
                assertThat(rounds.number()).isEqualTo(r);
            }
            assertThat(round).containsExactlyInAnyOrderElementsOf(arms);
            all.addAll(round);
        }
        Slices.Rounds<String> again = new Slices.Rounds<>(arms, new Random(42));
        List<String> replay = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            replay.add(again.next());
        }
        assertThat(replay).isEqualTo(all);
        assertThat(all.subList(0, 5)).as("shuffled, not in the given order").isNotEqualTo(arms);
    }

    @Test
    @DisplayName("a single arm begins a round at every slice; no arm is refused")
    void singleAndNone() {
        Slices.Rounds<String> one = new Slices.Rounds<>(List.of("raw-jdbc"), new Random(1));
        for (int i = 0; i < 3; i++) {
            assertThat(one.next()).isEqualTo("raw-jdbc");
            assertThat(one.began()).isTrue();
            assertThat(one.number()).isEqualTo(i);
        }
        assertThatThrownBy(() -> new Slices.Rounds<String>(List.of(), new Random(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
