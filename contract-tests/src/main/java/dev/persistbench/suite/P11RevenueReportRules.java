package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.at;
import static dev.persistbench.suite.TestData.money;
import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** P11: revenue per customer over a half-open time range. */
public interface P11RevenueReportRules extends ContractFixture {

    Instant FROM = T0;
    Instant TO = T0.plusSeconds(3_600);

    /** Places an order of {@code units} units of {@code product} at {@code when} and moves it to {@code status}. */
    private Order order(Customer customer, Instant when, Product product, int units, OrderStatus status) {
        Order order = data().order(customer, when, product, units);
        switch (status) {
            case NEW -> {}
            case PAID -> order = store().changeStatus(order.id(), 0, OrderStatus.PAID);
            case SHIPPED -> {
                store().changeStatus(order.id(), 0, OrderStatus.PAID);
                order = store().changeStatus(order.id(), 1, OrderStatus.SHIPPED);
            }
            case CANCELLED -> order = store().changeStatus(order.id(), 0, OrderStatus.CANCELLED);
        }
        return order;
    }

    @Test
    @DisplayName(
            "P11.1 only PAID and SHIPPED orders count; revenue is their exact total, scale 2, with the order count")
    default void p11_1_onlyPaidAndShipped() {
        Product product = data().product("10.05", 1_000);
        Customer customer = data().customer();
        Customer onlyUnpaid = data().customer();
        order(customer, at(1), product, 1, OrderStatus.PAID);
        order(customer, at(2), product, 2, OrderStatus.SHIPPED);
        order(customer, at(3), product, 4, OrderStatus.NEW);
        order(customer, at(4), product, 8, OrderStatus.CANCELLED);
        order(onlyUnpaid, at(5), product, 1, OrderStatus.NEW);
        order(onlyUnpaid, at(6), product, 1, OrderStatus.CANCELLED);
        List<CustomerRevenue> report = store().topCustomersByRevenue(FROM, TO, 10);
        assertThat(report).containsExactly(new CustomerRevenue(customer.id(), customer.email(), money("30.15"), 2));
        assertThat(report.get(0).revenue().scale()).isEqualTo(2);
    }

    @Test
    @DisplayName("P11.2 the range is half-open: an order exactly at from counts, one exactly at to does not")
    default void p11_2_halfOpenRange() {
        Product product = data().product("1.00", 1_000);
        Customer customer = data().customer();
        order(customer, FROM, product, 1, OrderStatus.PAID);
        order(customer, TO.minusNanos(1_000), product, 2, OrderStatus.PAID);
        order(customer, TO, product, 40, OrderStatus.PAID);
        order(customer, FROM.minusNanos(1_000), product, 300, OrderStatus.PAID);
        assertThat(store().topCustomersByRevenue(FROM, TO, 10))
                .containsExactly(new CustomerRevenue(customer.id(), customer.email(), money("3.00"), 2));
        assertThat(store().topCustomersByRevenue(TO, TO.plusSeconds(1), 10))
                .containsExactly(new CustomerRevenue(customer.id(), customer.email(), money("40.00"), 1));
    }

    @Test
    @DisplayName("P11.3 ordered by revenue descending, then customer id ascending; at most limit rows")
    default void p11_3_orderAndLimit() {
        Product product = data().product("5.00", 10_000);
        Customer small = data().customer();
        Customer tieA = data().customer();
        Customer big = data().customer();
        Customer tieB = data().customer();
        order(small, at(1), product, 1, OrderStatus.PAID);
        order(big, at(2), product, 10, OrderStatus.SHIPPED);
        order(tieB, at(3), product, 2, OrderStatus.PAID);
        order(tieB, at(4), product, 2, OrderStatus.PAID);
        order(tieA, at(5), product, 4, OrderStatus.SHIPPED);
        List<CustomerRevenue> report = store().topCustomersByRevenue(FROM, TO, StoreRepository.MAX_REPORT_ROWS);
        assertThat(report)
                .containsExactly(
                        new CustomerRevenue(big.id(), big.email(), money("50.00"), 1),
                        new CustomerRevenue(tieA.id(), tieA.email(), money("20.00"), 1),
                        new CustomerRevenue(tieB.id(), tieB.email(), money("20.00"), 2),
                        new CustomerRevenue(small.id(), small.email(), money("5.00"), 1));
        assertThat(store().topCustomersByRevenue(FROM, TO, 2)).containsExactlyElementsOf(report.subList(0, 2));
        assertThat(store().topCustomersByRevenue(FROM, TO, 1)).containsExactly(report.get(0));
    }

    @Test
    @DisplayName("P11.4 from after to is refused naming both; equal bounds give an empty list")
    default void p11_4_badAndEmptyRange() {
        Product product = data().product("1.00", 100);
        order(data().customer(), FROM, product, 1, OrderStatus.PAID);
        Attempt attempt = attempt(() -> store().topCustomersByRevenue(TO, FROM, 10));
        assertThat(attempt.thrown())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from")
                .hasMessageContaining("to");
        assertThat(attempt.statements()).isZero();
        Attempt byOneMicro = attempt(() -> store().topCustomersByRevenue(FROM.plusNanos(1_000), FROM, 10));
        assertThat(byOneMicro.thrown()).isInstanceOf(IllegalArgumentException.class);
        assertThat(store().topCustomersByRevenue(FROM, FROM, 10)).isNotNull().isEmpty();
    }
}
