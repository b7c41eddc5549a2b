package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** P12.2's row check: counts rows in order, refuses a row out of order or cut short. */
class WideRowCheckTest {

    private static OrderLineRow row(long order, int line, String name, String price) {
        return new OrderLineRow(
                order, line, 1, Instant.EPOCH, OrderStatus.NEW, 7, "sku", name, 1, new BigDecimal(price));
    }

    @Test
    void countsRowsAscendingByOrderAndLine() {
        WideRowCheck check = new WideRowCheck(3);
        check.accept(row(1, 1, "abc", "1.25"));
        check.accept(row(1, 2, "abc", "1.25"));
        check.accept(row(2, 1, "abc", "1.250"));
        assertThat(check.seen()).isEqualTo(3);
    }

    @Test
    void refusesARepeatedOrSkippedLine() {
        WideRowCheck check = new WideRowCheck(3);
        check.accept(row(1, 1, "abc", "1.25"));
        assertThatThrownBy(() -> check.accept(row(1, 3, "abc", "1.25")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("row 2 out of order");
    }

    @Test
    void refusesAShortNameOrAnotherPrice() {
        assertThatThrownBy(() -> new WideRowCheck(3).accept(row(1, 1, "ab", "1.25")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("name length 2");
        assertThatThrownBy(() -> new WideRowCheck(3).accept(row(1, 1, "abc", "1.00")))
                .isInstanceOf(AssertionError.class);
    }
}
