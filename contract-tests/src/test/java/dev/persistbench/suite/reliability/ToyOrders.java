package dev.persistbench.suite.reliability;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * A toy StoreRepository for the fault engines' tests: placeOrder sends three statements (inserts
 * the order row, then two SELECTs), so a fault after the first or second leaves one more to fail
 * on. Transactional, it commits at the end and reports a failure as a retryable
 * DataAccessFailureException; otherwise each statement commits by itself and the driver's
 * exception goes through. Every other operation is unsupported.
 */
final class ToyOrders {

    private ToyOrders() {}

    static StoreRepository repository(DataSource dataSource, boolean transactional) {
        return (StoreRepository) Proxy.newProxyInstance(
                ToyOrders.class.getClassLoader(), new Class<?>[] {StoreRepository.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "placeOrder" -> placeOrder(dataSource, transactional, (PlaceOrder) args[0]);
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    /** A customer to order for, inserted through {@code admin}; returns its id. */
    static long customer(Connection admin, String email) throws SQLException {
        return Reliability.queryLong(admin, "INSERT INTO customer (email, name) VALUES (?, 'Toy') RETURNING id", email);
    }

    /** An order of one line under {@code key}. */
    static PlaceOrder order(long customer, String key) {
        return PlaceOrder.of(customer, Instant.EPOCH, List.of(new OrderLineRequest(1, 1)))
                .withIdempotencyKey(key);
    }

    private static Order placeOrder(DataSource dataSource, boolean transactional, PlaceOrder request)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(!transactional);
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO purchase_order"
                    + " (customer_id, idempotency_key, total, created_at) VALUES (?, ?, 0, now()) RETURNING id")) {
                ps.setLong(1, request.customerId());
                ps.setString(2, request.idempotencyKey().orElseThrow());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                s.execute("SELECT 2");
            }
            if (transactional) {
                c.commit();
            }
            return new Order(
                    id,
                    request.customerId(),
                    OrderStatus.NEW,
                    request.idempotencyKey(),
                    BigDecimal.ZERO,
                    request.placedAt(),
                    0,
                    List.of());
        } catch (SQLException e) {
            if (transactional) {
                throw new DataAccessFailureException("placeOrder failed", e.getSQLState(), true, e);
            }
            throw e;
        }
    }
}
