package dev.persistbench.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shared argument checks: one answer for every implementation. */
class ArgumentsTest {

    @Test
    @DisplayName("P04.3 blank and over-long SKUs cannot exist; null, U+0000 and lone surrogates are refused")
    void skuThatCannotExist() {
        assertThat(Arguments.findProductBySku("A-1")).isTrue();
        assertThat(Arguments.findProductBySku("k".repeat(Check.MAX_KEY_LENGTH))).isTrue();
        assertThat(Arguments.findProductBySku("\uD83D\uDE00".repeat(Check.MAX_KEY_LENGTH)))
                .as("200 astral characters are 200 characters")
                .isTrue();
        assertThat(Arguments.findProductBySku("k".repeat(Check.MAX_KEY_LENGTH + 1)))
                .isFalse();
        assertThat(Arguments.findProductBySku("")).isFalse();
        assertThat(Arguments.findProductBySku(" \t")).isFalse();
        for (String bad : new String[] {null, "a\u0000", "\uD800x"}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Arguments.findProductBySku(bad))
                    .withMessageStartingWith("sku");
        }
    }

    @Test
    @DisplayName("P06.2 units per product are summed exactly as long, in first-appearance order")
    void unitsSummedExactly() {
        PlaceOrder order = PlaceOrder.of(
                1,
                Instant.EPOCH,
                List.of(
                        new OrderLineRequest(7, Integer.MAX_VALUE),
                        new OrderLineRequest(3, 1),
                        new OrderLineRequest(7, Integer.MAX_VALUE)));
        Map<Long, Long> units = Arguments.placeOrder(order);
        assertThat(units).containsExactly(Map.entry(7L, 2L * Integer.MAX_VALUE), Map.entry(3L, 1L));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Arguments.placeOrder(null))
                .withMessageStartingWith("order");
    }

    @Test
    @DisplayName("P08.3 ids of zero and below cannot exist; the limit is still checked first")
    void latestOrders() {
        assertThat(Arguments.latestOrders(1, 1)).isTrue();
        assertThat(Arguments.latestOrders(0, 10)).isFalse();
        assertThat(Arguments.latestOrders(-1, 10)).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Arguments.latestOrders(-1, 0))
                .withMessageStartingWith("limit");
    }

    @Test
    @DisplayName("V.4 time bounds beyond years 1-9999 are clamped to open ends; inside, rounded up to the microsecond")
    void boundsClamped() {
        assertThat(Arguments.cancelNewOrdersBefore(Instant.MIN)).isEqualTo(Check.MIN_INSTANT);
        assertThat(Arguments.cancelNewOrdersBefore(Instant.MAX))
                .isEqualTo(Check.MAX_INSTANT.plus(1, ChronoUnit.MICROS));
        assertThat(Arguments.cancelNewOrdersBefore(Instant.parse("2026-01-01T00:00:00.000000001Z")))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00.000001Z"));
        Arguments.TimeRange range = Arguments.topCustomersByRevenue(Instant.MIN, Instant.MAX, 10);
        assertThat(range.from()).isEqualTo(Check.MIN_INSTANT);
        assertThat(range.to()).isAfter(Check.MAX_INSTANT);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Arguments.streamOrderLines(Instant.MAX, Instant.MIN, row -> {}))
                .withMessageStartingWith("from");
    }

    @Test
    @DisplayName("V.4 a written instant outside years 1-9999 is refused naming it")
    void writtenInstantRange() {
        assertThat(Check.instant("placedAt", Check.MAX_INSTANT)).isEqualTo(Check.MAX_INSTANT);
        assertThat(Check.instant("placedAt", Check.MIN_INSTANT)).isEqualTo(Check.MIN_INSTANT);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.instant("placedAt", Check.MIN_INSTANT.minusNanos(1)))
                .withMessageStartingWith("placedAt");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Check.instant("placedAt", Instant.MAX))
                .withMessageStartingWith("placedAt");
    }
}
