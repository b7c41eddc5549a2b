package dev.persistbench.contract.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The records refuse bad arguments themselves, naming them, so no implementation can forget a check. */
class ContractValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0000", "x\uD800", "\uDC00y"})
    @DisplayName("G.2 text with U+0000 or a lone surrogate is refused, naming the argument")
    void refusesUnstorableText(String bad) {
        assertThatThrownBy(() -> new NewCustomer("a@example.com", bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("name ");
    }

    @Test
    @DisplayName("V.3 astral-plane characters count as one character and are accepted")
    void acceptsSurrogatePairs() {
        String emoji = "\uD83D\uDE00".repeat(Check.MAX_EMAIL_LENGTH);
        assertThat(Check.text("email", emoji, Check.MAX_EMAIL_LENGTH)).isEqualTo(emoji);
        assertThatThrownBy(() -> Check.text("email", emoji + "x", Check.MAX_EMAIL_LENGTH))
                .hasMessageContaining("at most 320 characters, was 321");
    }

    @Test
    @DisplayName("V.2 money keeps scale 2 and is never rounded")
    void moneyScale() {
        assertThat(Check.money("price", new BigDecimal("1.5"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(Check.money("price", new BigDecimal("7"))).hasToString("7.00");
        assertThatThrownBy(() -> Check.money("price", new BigDecimal("1.005")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price must have at most 2 decimal places");
        assertThatThrownBy(() -> Check.money("price", new BigDecimal("10000000000.00")))
                .hasMessageContaining("price must be at most");
        assertThatThrownBy(() -> new NewProduct("s", "n", BigDecimal.ZERO, 1, Map.of()))
                .hasMessageContaining("price must be greater than zero");
    }

    @Test
    @DisplayName("V.1 instants are truncated to microseconds")
    void instantsTruncated() {
        Instant t = Instant.parse("2026-01-02T03:04:05.123456789Z");
        PlaceOrder order = PlaceOrder.of(1, t, List.of(new OrderLineRequest(2, 1)));
        assertThat(order.placedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    @DisplayName("G.2 order requests: empty lines, non-positive quantity, null parts are refused by name")
    void orderRequests() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> PlaceOrder.of(1, now, List.of())).hasMessage("lines must not be empty");
        assertThatThrownBy(() -> new OrderLineRequest(1, 0)).hasMessageContaining("quantity must be greater than zero");
        assertThatThrownBy(() -> new OrderLineRequest(1, -3)).hasMessageContaining("quantity");
        assertThatThrownBy(() -> new OrderLineRequest(0, 1)).hasMessageContaining("productId must be positive");
        assertThatThrownBy(() -> PlaceOrder.of(1, null, List.of(new OrderLineRequest(1, 1))))
                .hasMessage("placedAt must not be null");
        assertThatThrownBy(() -> new PlaceOrder(1, List.of(new OrderLineRequest(1, 1)), Optional.of(" "), now))
                .hasMessage("idempotencyKey must not be blank");
    }

    @Test
    @DisplayName("P05.2 LIKE metacharacters are escaped with backslash")
    void likeEscaping() {
        assertThat(ProductSearch.likeEscaped("50%_off\\now")).isEqualTo("50\\%\\_off\\\\now");
        assertThat(ProductSearch.likeEscaped("plain")).isEqualTo("plain");
    }

    @Test
    @DisplayName("P05 search arguments: page size and price range are checked")
    void searchArguments() {
        assertThatThrownBy(() -> ProductSearch.all(0))
                .hasMessageContaining("pageSize must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> ProductSearch.all(10).withPriceBetween(new BigDecimal("5"), new BigDecimal("4")))
                .hasMessageContaining("minPrice (5.00) must not be above maxPrice (4.00)");
    }

    @Test
    @DisplayName("P09 legal transitions are exactly NEW->PAID->SHIPPED and NEW/PAID->CANCELLED")
    void transitions() {
        for (OrderStatus from : OrderStatus.values()) {
            EnumSet<OrderStatus> legal = EnumSet.noneOf(OrderStatus.class);
            for (OrderStatus to : OrderStatus.values()) {
                if (from.canMoveTo(to)) {
                    legal.add(to);
                }
            }
            EnumSet<OrderStatus> expected = switch (from) {
                case NEW -> EnumSet.of(OrderStatus.PAID, OrderStatus.CANCELLED);
                case PAID -> EnumSet.of(OrderStatus.SHIPPED, OrderStatus.CANCELLED);
                case SHIPPED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
            };
            assertThat(legal).as("from %s", from).isEqualTo(expected);
        }
    }
}
