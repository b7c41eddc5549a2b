package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.at;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.sql.SqlRecorder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P10: cancelling every NEW order older than a cut-off in bulk. */
public interface P10CancelNewOrdersRules extends ContractFixture {

    @Test
    @DisplayName(
            "P10.1 only NEW orders strictly before the cut-off change: CANCELLED, version +1; the count is returned")
    default void p10_1_onlyOldNewOrders() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 1_000);
        Order old1 = data().order(customer, at(-3_600_000_000L), product, 1);
        Order old2 = data().order(customer, at(-1), product, 1);
        Order atCutoff = data().order(customer, T0, product, 1);
        Order newer = data().order(customer, at(1), product, 1);
        Order oldPaid =
                store().changeStatus(data().order(customer, at(-5), product, 1).id(), 0, OrderStatus.PAID);
        Order oldShipped = store().changeStatus(oldPaid.id(), 1, OrderStatus.SHIPPED);
        Order oldPaid2 =
                store().changeStatus(data().order(customer, at(-6), product, 1).id(), 0, OrderStatus.PAID);
        Order oldCancelled =
                store().changeStatus(data().order(customer, at(-7), product, 1).id(), 0, OrderStatus.CANCELLED);

        int cancelled = store().cancelNewOrdersBefore(T0);

        assertThat(cancelled).isEqualTo(2);
        for (Order order : new Order[] {old1, old2}) {
            Order now = store().findOrder(order.id()).orElseThrow();
            assertThat(now.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(now.version()).isEqualTo(1);
        }
        for (Order order : new Order[] {atCutoff, newer, oldShipped, oldPaid2, oldCancelled}) {
            assertThat(store().findOrder(order.id()))
                    .as("order at %s in %s", order.createdAt(), order.status())
                    .contains(order);
        }
        assertThat(store().cancelNewOrdersBefore(T0))
                .as("a second run finds nothing")
                .isZero();
    }

    @Test
    @DisplayName("P10.1 nothing to cancel returns 0 and changes nothing")
    default void p10_1_nothingToCancel() {
        assertThat(store().cancelNewOrdersBefore(T0)).isZero();
        Product product = data().product("1.00", 10);
        Order order = data().order(data().customer(), T0, product, 1);
        assertThat(store().cancelNewOrdersBefore(T0)).isZero();
        assertThat(store().findOrder(order.id())).contains(order);
        assertThat(data().stock(product.id())).isEqualTo(9);
    }

    @Test
    @DisplayName("P10.2 cancelled orders give their units back; each product touched gets version +1 once")
    default void p10_2_givesStockBack() {
        Customer customer = data().customer();
        Product a = data().product("1.00", 100);
        Product b = data().product("2.00", 100);
        Product untouched = data().product("3.00", 100);
        data().order(customer, at(-10), line(a, 2), line(b, 5));
        data().order(customer, at(-9), line(a, 3), line(a, 1));
        data().order(customer, at(-8), line(b, 7));
        Order kept = data().order(customer, at(10), line(a, 10), line(untouched, 1));
        long versionA = data().productVersion(a.id());
        long versionB = data().productVersion(b.id());
        long versionUntouched = data().productVersion(untouched.id());

        assertThat(store().cancelNewOrdersBefore(T0)).isEqualTo(3);

        assertThat(data().stock(a.id())).isEqualTo(90);
        assertThat(data().stock(b.id())).isEqualTo(100);
        assertThat(data().stock(untouched.id())).isEqualTo(99);
        assertThat(data().productVersion(a.id())).isEqualTo(versionA + 1);
        assertThat(data().productVersion(b.id())).isEqualTo(versionB + 1);
        assertThat(data().productVersion(untouched.id())).isEqualTo(versionUntouched);
        assertThat(store().findOrder(kept.id())).contains(kept);
    }

    @Test
    @DisplayName("P10.3 the statement count is the same for 1 cancelled order and for 30")
    default void p10_3_statementsIndependentOfCount() {
        Customer customer = data().customer();
        Product a = data().product("1.00", 10_000);
        Product b = data().product("2.00", 10_000);
        data().order(customer, at(-1_000), line(a, 1), line(b, 1));
        SqlRecorder.Recorded<Integer> one = sql().record(() -> store().cancelNewOrdersBefore(T0));
        for (int i = 0; i < 30; i++) {
            data().order(customer, at(-1_000 + i), line(i % 2 == 0 ? a : b, 1 + i % 3), line(b, 1));
        }
        SqlRecorder.Recorded<Integer> thirty = sql().record(() -> store().cancelNewOrdersBefore(T0));
        assertThat(one.result()).isEqualTo(1);
        assertThat(thirty.result()).isEqualTo(30);
        assertThat(thirty.statements())
                .as("statements for 30 orders (1 order took %d)", one.statements())
                .isEqualTo(one.statements());
        assertThat(data().stock(a.id())).isEqualTo(10_000);
        assertThat(data().stock(b.id())).isEqualTo(10_000);
    }
}
