package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.T0;
import static dev.persistbench.suite.TestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductSearch;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G.1 and G.3: every call returns its connection, and failures the contract does not name leave
 * as a {@link DataAccessFailureException}, never as a framework's exception.
 */
public interface GeneralRules extends ContractFixture {

    @Test
    @DisplayName("G.1 every operation returns its connection to the pool, after success and after a contract exception")
    default void g1_connectionsAreReturned() {
        Customer customer = data().customer();
        assertThat(data().activeConnections()).as("after createCustomer").isZero();
        Product product = data().product("2.50", 3);
        assertThat(data().activeConnections()).as("after createProducts").isZero();
        catchThrowable(() -> store().createCustomer(new NewCustomer(customer.email(), "Again")));
        assertThat(data().activeConnections())
                .as("after a DuplicateKeyException")
                .isZero();
        long orderId = data().order(customer, T0, product, 1).id();
        assertThat(data().activeConnections()).as("after placeOrder").isZero();
        catchThrowable(() -> data().order(customer, T0, product, 50));
        assertThat(data().activeConnections())
                .as("after an InsufficientStockException")
                .isZero();
        store().findOrder(orderId);
        store().latestOrders(customer.id(), 10);
        store().searchProducts(ProductSearch.all(10));
        store().findProductBySku(product.sku());
        store().findCustomer(customer.id());
        assertThat(data().activeConnections()).as("after the reads").isZero();
        catchThrowable(() -> store().changeStatus(orderId, 7, OrderStatus.PAID));
        assertThat(data().activeConnections())
                .as("after a StaleVersionException")
                .isZero();
        store().changeStatus(orderId, 0, OrderStatus.PAID);
        store().topCustomersByRevenue(T0, T0.plusSeconds(1), 10);
        store().streamOrderLines(T0, T0.plusSeconds(1), row -> {});
        store().cancelNewOrdersBefore(T0);
        store().deleteOrder(orderId);
        assertThat(data().activeConnections())
                .as("after the remaining operations")
                .isZero();
    }

    @Test
    @DisplayName("G.1 a failed call leaves no trace and later calls commit normally")
    default void g1_failedCallsLeaveNoTrace() {
        Customer customer = data().customer();
        Product product = data().product("1.00", 5);
        for (int i = 0; i < 15; i++) {
            assertThat(catchThrowable(() -> store().createCustomer(new NewCustomer(customer.email(), "Dup"))))
                    .isInstanceOf(DuplicateKeyException.class);
        }
        Customer other = data().customer();
        data().order(other, T0, product, 2);
        assertThat(data().count("customer")).isEqualTo(2);
        assertThat(data().count("purchase_order")).isEqualTo(1);
        assertThat(data().stock(product.id())).isEqualTo(3);
    }

    @Test
    @DisplayName("G.3 a lost connection is a retryable DataAccessFailureException, not a framework exception")
    default void g3_connectionFailureIsTranslated() {
        FailingDataSource failing = new FailingDataSource(database().dataSource());
        try (StoreRepository repository = newRepository(failing)) {
            Customer customer =
                    repository.createCustomer(new NewCustomer("g3-" + TestData.unique() + "@example.com", "G3"));
            failing.broken.set(true);
            Throwable read = catchThrowable(() -> repository.findCustomer(customer.id()));
            assertThat(read).isInstanceOf(DataAccessFailureException.class);
            assertThat(((DataAccessFailureException) read).isRetryable())
                    .as("retryable")
                    .isTrue();
            Throwable write = catchThrowable(() -> repository.createCustomer(new NewCustomer("g3b@example.com", "G3")));
            assertThat(write).isInstanceOf(DataAccessFailureException.class);
            assertThat(((DataAccessFailureException) write).isRetryable())
                    .as("retryable")
                    .isTrue();
            failing.broken.set(false);
            assertThat(repository.findCustomer(customer.id()))
                    .as("works again once the database is back")
                    .contains(customer);
        }
        assertThat(data().count("customer")).isEqualTo(1);
    }

    @Test
    @DisplayName("G.3 a lock time-out is a retryable DataAccessFailureException and writes nothing")
    default void g3_lockTimeoutIsTranslated() throws SQLException {
        Customer customer = data().customer();
        Product product = data().product("1.00", 10);
        DataSource impatient = database()
                .newDataSource("lock-timeout-" + TestData.unique(), 2, Map.of("options", "-c lock_timeout=200"));
        try (StoreRepository repository = newRepository(impatient);
                Connection holder = database().openConnection();
                Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("SELECT * FROM product WHERE id = " + product.id() + " FOR UPDATE");
            Throwable thrown = catchThrowable(
                    () -> repository.placeOrder(PlaceOrder.of(customer.id(), T0, List.of(line(product, 1)))));
            holder.rollback();
            assertThat(thrown).isInstanceOf(DataAccessFailureException.class);
            DataAccessFailureException failure = (DataAccessFailureException) thrown;
            assertThat(failure.isRetryable()).as("retryable").isTrue();
            assertThat(failure.sqlState()).isEqualTo("55P03");
        }
        assertThat(data().count("purchase_order")).isZero();
        assertThat(data().stock(product.id())).isEqualTo(10);
    }

    /** Hands out the target's connections until {@link #broken} is set, then refuses like a server that went away. */
    final class FailingDataSource implements DataSource {
        final AtomicBoolean broken = new AtomicBoolean();
        private final DataSource target;

        FailingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (broken.get()) {
                throw new SQLTransientConnectionException("simulated: the database went away", "08001");
            }
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("persistbench");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper for " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }
    }
}
