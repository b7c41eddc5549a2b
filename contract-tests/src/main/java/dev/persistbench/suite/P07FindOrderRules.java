package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.sql.SqlRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P07: reading one order with its lines. */
public interface P07FindOrderRules extends ContractFixture {

    /** Places an order of {@code lines} lines, each for a different product. */
    private Order orderWithLines(Customer customer, int lines) {
        List<NewProduct> wanted = IntStream.range(0, lines)
                .mapToObj(
                        i -> data().product().price((i + 1) + ".25").stock(100).build())
                .toList();
        List<Product> products = data().create(wanted);
        List<OrderLineRequest> requests = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            requests.add(line(products.get(lines - 1 - i), 1 + i % 4));
        }
        return data().order(customer, T0, requests.toArray(OrderLineRequest[]::new));
    }

    @Test
    @DisplayName("P07.1 returns the order with its lines in line-number order, values as placed")
    default void p07_1_findsOrder() {
        Customer customer = data().customer();
        Order placed = orderWithLines(customer, 7);
        orderWithLines(customer, 2);
        Order found = store().findOrder(placed.id()).orElseThrow();
        assertThat(found).isEqualTo(placed);
        assertThat(found.lines()).extracting(l -> l.lineNo()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(found.idempotencyKey()).isEmpty();
    }

    @Test
    @DisplayName("P07.1 line numbers follow the request, not product ids")
    default void p07_1_lineOrderIsRequestOrder() {
        Product first = data().product("1.00", 10);
        Product second = data().product("2.00", 10);
        Order placed = data().order(data().customer(), T0, line(second, 1), line(first, 2), line(second, 3));
        Order found = store().findOrder(placed.id()).orElseThrow();
        assertThat(found.lines()).extracting(l -> l.productId()).containsExactly(second.id(), first.id(), second.id());
        assertThat(found.lines()).extracting(l -> l.sku()).containsExactly(second.sku(), first.sku(), second.sku());
        assertThat(found.lines()).extracting(l -> l.quantity()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("P07.2 exactly one SQL statement for an order of 1 line")
    default void p07_2_oneStatementForOneLine() {
        Order placed = orderWithLines(data().customer(), 1);
        SqlRecorder.Recorded<Optional<Order>> recorded = sql().record(() -> store().findOrder(placed.id()));
        assertThat(recorded.result()).contains(placed);
        assertThat(recorded.statements()).as("statements for 1 line").isEqualTo(1);
    }

    @Test
    @DisplayName("P07.2 exactly one SQL statement for an order of 25 lines")
    default void p07_2_oneStatementForManyLines() {
        Order placed = orderWithLines(data().customer(), 25);
        SqlRecorder.Recorded<Optional<Order>> recorded = sql().record(() -> store().findOrder(placed.id()));
        assertThat(recorded.result()).contains(placed);
        assertThat(recorded.result().orElseThrow().lines()).hasSize(25);
        assertThat(recorded.statements()).as("statements for 25 lines").isEqualTo(1);
    }

    @Test
    @DisplayName("P07.3 an absent order gives an empty Optional (never existed, deleted, zero, negative)")
    default void p07_3_absentOrder() {
        Order placed = orderWithLines(data().customer(), 1);
        assertThat(store().findOrder(placed.id() + 1_000)).isNotNull().isEmpty();
        store().deleteOrder(placed.id());
        assertThat(store().findOrder(placed.id())).isEmpty();
        assertThat(store().findOrder(0)).isEmpty();
        assertThat(store().findOrder(-1)).isEmpty();
    }
}
