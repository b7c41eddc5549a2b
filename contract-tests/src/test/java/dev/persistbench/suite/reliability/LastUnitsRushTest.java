package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** R1.3's totals over its rounds. */
class LastUnitsRushTest {

    @Test
    void totalSumsUnitsKeepsTheLowestStockAndEveryFailure() {
        AssertionError first = new AssertionError("first");
        IllegalStateException second = new IllegalStateException("second");
        LastUnitsRush.Round total = LastUnitsRush.Round.total(List.of(
                new LastUnitsRush.Round(25, 47, 3, List.of(first)),
                new LastUnitsRush.Round(25, 47, 0, List.of()),
                new LastUnitsRush.Round(24, 48, 1, List.of(second))));

        assertThat(total.sold()).isEqualTo(74);
        assertThat(total.refused()).isEqualTo(142);
        assertThat(total.minStockSeen()).isZero();
        assertThat(total.unexpected()).containsExactly(first, second);
    }

    @Test
    void noRoundsSawNoStock() {
        LastUnitsRush.Round total = LastUnitsRush.Round.total(List.of());
        assertThat(total.sold()).isZero();
        assertThat(total.minStockSeen()).isEqualTo(Integer.MAX_VALUE);
        assertThat(total.unexpected()).isEmpty();
    }
}
