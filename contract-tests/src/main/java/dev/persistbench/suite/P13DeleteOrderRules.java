package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P13: deleting an order with its lines. */
public interface P13DeleteOrderRules extends ContractFixture {

    @Test
    @DisplayName(
            "P13.1 a present order: true, and neither the order nor any of its lines remains; other orders untouched")
    default void p13_1_deletesOrderAndLines() {
        Customer customer = data().customer();
        Product a = data().product("1.00", 100);
        Product b = data().product("2.00", 100);
        Order doomed = data().order(customer, T0, line(a, 1), line(b, 2), line(a, 3));
        Order kept = data().order(customer, T0, line(b, 1), line(a, 1));
        assertThat(store().deleteOrder(doomed.id())).isTrue();
        assertThat(data().queryLong("SELECT count(*) FROM purchase_order WHERE id = ?", doomed.id()))
                .isZero();
        assertThat(data().lineCount(doomed.id())).isZero();
        assertThat(store().findOrder(doomed.id())).isEmpty();
        assertThat(store().findOrder(kept.id())).contains(kept);
        assertThat(data().count("order_line")).isEqualTo(2);
        assertThat(data().count("product")).as("products stay").isEqualTo(2);
        assertThat(store().findCustomer(customer.id())).as("the customer stays").contains(customer);
    }

    @Test
    @DisplayName("P13.1 orders in every status can be deleted")
    default void p13_1_anyStatus() {
        Product product = data().product("1.00", 100);
        Order paid = store().changeStatus(
                        data().order(data().customer(), T0, product, 1).id(), 0, OrderStatus.PAID);
        Order shipped = store().changeStatus(paid.id(), 1, OrderStatus.SHIPPED);
        Order cancelled = store().changeStatus(
                        data().order(data().customer(), T0, product, 1).id(), 0, OrderStatus.CANCELLED);
        assertThat(store().deleteOrder(shipped.id())).isTrue();
        assertThat(store().deleteOrder(cancelled.id())).isTrue();
        assertThat(data().count("purchase_order")).isZero();
        assertThat(data().count("order_line")).isZero();
    }

    @Test
    @DisplayName("P13.2 an absent order: false, nothing deleted; deleting twice gives false the second time")
    default void p13_2_absentOrder() {
        Order order = data().order(data().customer(), T0, data().product("1.00", 10), 1);
        assertThat(store().deleteOrder(order.id() + 1_000)).isFalse();
        assertThat(data().count("purchase_order")).isEqualTo(1);
        assertThat(store().deleteOrder(order.id())).isTrue();
        assertThat(store().deleteOrder(order.id())).isFalse();
    }

    @Test
    @DisplayName("P13.3 deleting is not cancelling: stock is not given back and product versions stay")
    default void p13_3_stockNotReturned() {
        Product a = data().product("1.00", 10);
        Product b = data().product("1.00", 10);
        Order order = data().order(data().customer(), T0, line(a, 4), line(b, 1), line(a, 1));
        assertThat(store().deleteOrder(order.id())).isTrue();
        assertThat(data().stock(a.id())).isEqualTo(5);
        assertThat(data().stock(b.id())).isEqualTo(9);
        assertThat(data().productVersion(a.id())).isEqualTo(1);
        assertThat(data().productVersion(b.id())).isEqualTo(1);
    }
}
