package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.testkit.sql.SqlRecorder;
import dev.persistbench.testkit.sql.SqlRecorder.TransactionCall;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G.1: one statement runs in auto-commit, several run in exactly one transaction; P01, P02, P04,
 * P07 and P13 take one statement and one round trip. Each operation runs once to warm the
 * connection (a driver may look up types on first use), then once recorded: its statements,
 * its transaction calls on the connection and the round trips the client waited for.
 */
public interface TransactionRules extends ContractFixture {

    /** Runs {@code call} twice and returns the second run, recorded. */
    private <T> SqlRecorder.Recorded<T> warmThenRecord(Supplier<T> call) {
        call.get();
        return sql().record(call);
    }

    /** G.1 for any operation: one statement without a transaction, or one transaction around all. */
    private static void assertTransactionRule(String operation, SqlRecorder.Recorded<?> recorded) {
        List<TransactionCall> calls = recorded.transactionCalls();
        if (recorded.statements() <= 1) {
            assertThat(calls)
                    .as(
                            "%s sent %d statement(s): auto-commit, no transaction; SQL: %s",
                            operation, recorded.statements(), recorded.executions())
                    .isEmpty();
        } else {
            assertThat(calls)
                    .as(
                            "%s sent %d statements: exactly one transaction around all of them; SQL: %s",
                            operation, recorded.statements(), recorded.executions())
                    .hasSize(2)
                    .startsWith(TransactionCall.BEGIN);
            assertThat(calls.get(1))
                    .as("%s ends its one transaction once", operation)
                    .isIn(TransactionCall.COMMIT, TransactionCall.ROLLBACK);
        }
    }

    /** One statement, auto-commit, one round trip to the server. */
    private static void assertOneRoundTrip(String operation, SqlRecorder.Recorded<?> recorded) {
        assertThat(recorded.statements())
                .as("%s statements; SQL: %s", operation, recorded.executions())
                .isEqualTo(1);
        assertTransactionRule(operation, recorded);
        assertThat(recorded.roundTrips())
                .as("%s round trips the client waited for (counted under the driver)", operation)
                .isEqualTo(1);
    }

    @Test
    @DisplayName("G.1 P01 createCustomer: one statement in auto-commit, one round trip")
    default void g1_p01_oneRoundTrip() {
        AtomicLong n = new AtomicLong();
        Supplier<Customer> create =
                () -> store().createCustomer(new NewCustomer("tx" + n.incrementAndGet() + "@example.com", "Tx"));
        assertOneRoundTrip("createCustomer", warmThenRecord(create));
    }

    @Test
    @DisplayName("G.1 P02 findCustomer: one statement in auto-commit, one round trip")
    default void g1_p02_oneRoundTrip() {
        Customer customer = data().customer();
        Supplier<?> find = () -> store().findCustomer(customer.id());
        SqlRecorder.Recorded<?> recorded = warmThenRecord(find);
        assertOneRoundTrip("findCustomer", recorded);
        assertThat(recorded.result()).isEqualTo(java.util.Optional.of(customer));
    }

    @Test
    @DisplayName("G.1 P04 findProductBySku: one statement in auto-commit, one round trip")
    default void g1_p04_oneRoundTrip() {
        Product product = data().product("3.00", 5);
        Supplier<?> find = () -> store().findProductBySku(product.sku());
        SqlRecorder.Recorded<?> recorded = warmThenRecord(find);
        assertOneRoundTrip("findProductBySku", recorded);
        assertThat(recorded.result()).isEqualTo(java.util.Optional.of(product));
    }

    @Test
    @DisplayName("G.1 P07 findOrder: one statement in auto-commit, one round trip")
    default void g1_p07_oneRoundTrip() {
        Product product = data().product("3.00", 50);
        Order order = data().order(data().customer(), T0, line(product, 2), line(product, 1));
        Supplier<?> find = () -> store().findOrder(order.id());
        SqlRecorder.Recorded<?> recorded = warmThenRecord(find);
        assertOneRoundTrip("findOrder", recorded);
        assertThat(recorded.result()).isEqualTo(java.util.Optional.of(order));
    }

    @Test
    @DisplayName("G.1 P13 deleteOrder: one statement in auto-commit, one round trip")
    default void g1_p13_oneRoundTrip() {
        Product product = data().product("3.00", 50);
        Customer customer = data().customer();
        Order first = data().order(customer, T0, product, 1);
        Order second = data().order(customer, T0, product, 1);
        store().deleteOrder(first.id());
        SqlRecorder.Recorded<Boolean> recorded = sql().record(() -> store().deleteOrder(second.id()));
        assertOneRoundTrip("deleteOrder", recorded);
        assertThat(recorded.result()).isTrue();
        assertThat(data().lineCount(second.id())).isZero();
    }

    @Test
    @DisplayName("G.1 P03 createProducts: one statement in auto-commit, or one transaction around all")
    default void g1_p03_transactionRule() {
        AtomicLong n = new AtomicLong();
        Supplier<?> create = () -> data().create(List.of(
                data().product().sku("tx-" + n.incrementAndGet()).build(),
                data().product().sku("tx-" + n.incrementAndGet()).build(),
                data().product().sku("tx-" + n.incrementAndGet()).build()));
        assertTransactionRule("createProducts", warmThenRecord(create));
    }

    @Test
    @DisplayName("G.1 P05 searchProducts: one statement in auto-commit, or one transaction around all")
    default void g1_p05_transactionRule() {
        data().product("3.00", 5);
        Supplier<?> search = () -> store().searchProducts(ProductSearch.all(10));
        assertTransactionRule("searchProducts", warmThenRecord(search));
    }

    @Test
    @DisplayName("G.1 P06 placeOrder: one transaction around all its statements, also when it fails")
    default void g1_p06_oneTransaction() {
        Product product = data().product("3.00", 50);
        Customer customer = data().customer();
        Supplier<?> place = () -> data().order(customer, T0, line(product, 1), line(product, 2));
        SqlRecorder.Recorded<?> placed = warmThenRecord(place);
        assertTransactionRule("placeOrder", placed);
        SqlRecorder.Recorded<Throwable> refused =
                sql().record(() -> catchThrowable(() -> data().order(customer, T0, product, 1_000)));
        assertThat(refused.result()).isInstanceOf(InsufficientStockException.class);
        assertTransactionRule("placeOrder refused", refused);
    }

    @Test
    @DisplayName("G.1 P08 latestOrders: one statement in auto-commit, or one transaction around all")
    default void g1_p08_transactionRule() {
        Product product = data().product("3.00", 50);
        Customer customer = data().customer();
        data().order(customer, T0, line(product, 1));
        data().order(customer, T0.plusSeconds(1), line(product, 1), line(product, 2));
        Supplier<?> latest = () -> store().latestOrders(customer.id(), 10);
        assertTransactionRule("latestOrders", warmThenRecord(latest));
    }

    @Test
    @DisplayName("G.1 P09 changeStatus: one statement in auto-commit, or one transaction around all")
    default void g1_p09_transactionRule() {
        Product product = data().product("3.00", 50);
        Customer customer = data().customer();
        Order paid = data().order(customer, T0, product, 1);
        Order cancelled = data().order(customer, T0, product, 2);
        store().changeStatus(paid.id(), 0, OrderStatus.PAID);
        assertTransactionRule(
                "changeStatus to PAID", sql().record(() -> store().changeStatus(paid.id(), 1, OrderStatus.SHIPPED)));
        assertTransactionRule(
                "changeStatus to CANCELLED",
                sql().record(() -> store().changeStatus(cancelled.id(), 0, OrderStatus.CANCELLED)));
    }

    @Test
    @DisplayName("G.1 P10 cancelNewOrdersBefore: one statement in auto-commit, or one transaction around all")
    default void g1_p10_transactionRule() {
        Product product = data().product("3.00", 50);
        Customer customer = data().customer();
        data().order(customer, T0, product, 1);
        data().order(customer, T0.plusSeconds(10), product, 1);
        store().cancelNewOrdersBefore(T0.plusSeconds(1));
        SqlRecorder.Recorded<Integer> recorded = sql().record(() -> store().cancelNewOrdersBefore(T0.plusSeconds(11)));
        assertTransactionRule("cancelNewOrdersBefore", recorded);
        assertThat(recorded.result()).isEqualTo(1);
    }

    @Test
    @DisplayName("G.1 P11 topCustomersByRevenue: one statement in auto-commit, or one transaction around all")
    default void g1_p11_transactionRule() {
        Product product = data().product("3.00", 50);
        Order order = data().order(data().customer(), T0, product, 1);
        store().changeStatus(order.id(), 0, OrderStatus.PAID);
        Supplier<?> report = () -> store().topCustomersByRevenue(T0, T0.plusSeconds(1), 10);
        assertTransactionRule("topCustomersByRevenue", warmThenRecord(report));
    }

    @Test
    @DisplayName("G.1 P12 streamOrderLines: one statement in auto-commit, or one transaction around all")
    default void g1_p12_transactionRule() {
        Product product = data().product("3.00", 50);
        data().order(data().customer(), T0, line(product, 1), line(product, 1));
        Supplier<?> stream = () -> store().streamOrderLines(Instant.MIN, Instant.MAX, row -> {});
        SqlRecorder.Recorded<?> recorded = warmThenRecord(stream);
        assertTransactionRule("streamOrderLines", recorded);
        assertThat(recorded.result()).isEqualTo(2L);
    }
}
