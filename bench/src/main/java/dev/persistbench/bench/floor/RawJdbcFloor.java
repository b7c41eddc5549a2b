package dev.persistbench.bench.floor;

import dev.persistbench.contract.Arguments;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.error.IllegalTransitionException;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.NotFoundException;
import dev.persistbench.contract.error.SqlErrors;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;

/**
 * The hand-written java.sql floor ("raw-jdbc"): the whole store contract with nothing but pgjdbc
 * and the pool, the yardstick every library is divided by. It does exactly the contract's work
 * with the best SQL shape and the fewest round trips the contract allows, under G.1: a call that
 * needs one statement sends it in auto-commit; a call that needs several runs them in one
 * transaction ({@code setAutoCommit(false)}: pgjdbc sends BEGIN with the first statement, so the
 * transaction costs one round trip, its COMMIT). It checks arguments with {@link Arguments} and
 * translates errors with {@link SqlErrors#translateAny}, like the implementations, and the
 * contract suite runs against it ({@code RawJdbcFloorContractTest}).
 *
 * <p>Statements and round trips per call, as measured by {@code RawJdbcFloorCountsTest} (the
 * counting socket under pgjdbc; warm connection):
 *
 * <table>
 *   <caption>Per pattern: statements, round trips, transaction</caption>
 *   <tr><th>pattern</th><th>statements</th><th>round trips</th><th>transaction</th><th>shape</th></tr>
 *   <tr><td>P01</td><td>1</td><td>1</td><td>no</td><td>INSERT ... RETURNING id, created_at</td></tr>
 *   <tr><td>P02</td><td>1 (0 for an id below 1)</td><td>1</td><td>no</td><td>SELECT by primary key</td></tr>
 *   <tr><td>P03</td><td>1 (0 for an empty list)</td><td>1</td><td>no</td>
 *       <td>INSERT ... SELECT FROM unnest(5 arrays) RETURNING id, any number of products</td></tr>
 *   <tr><td>P04</td><td>1 (0 for an impossible SKU)</td><td>1</td><td>no</td><td>SELECT by SKU</td></tr>
 *   <tr><td>P05</td><td>1</td><td>1</td><td>no</td><td>one keyset SELECT</td></tr>
 *   <tr><td>P06, with or without a new key</td><td>2</td><td>3</td><td>yes</td>
 *       <td>guarded UPDATE ... FROM unnest RETURNING (stock of every product, rows locked in id
 *       order by a FOR NO KEY UPDATE sub-select, as the restocks of P09 and P10 lock them); INSERT
 *       of the order with its total (ON CONFLICT DO NOTHING on the key) and of all lines (one
 *       statement, CTE): every row written once; COMMIT</td></tr>
 *   <tr><td>P06 with a used key</td><td>3</td><td>4</td><td>yes</td>
 *       <td>the stock taken, the order INSERT returns no row, the existing order read (joined);
 *       ROLLBACK gives the stock back (the rare path pays, the common one does not)</td></tr>
 *   <tr><td>P06 refused</td><td>2</td><td>3</td><td>yes</td>
 *       <td>the stock UPDATE returns fewer rows than products: one SELECT says which customer or
 *       product is unknown or short; ROLLBACK (with a key, the key's order is looked up first:
 *       one more statement and a ROLLBACK). An unknown customer whose products are in stock fails
 *       the order's foreign key instead (2 statements, 3 round trips)</td></tr>
 *   <tr><td>P07</td><td>1</td><td>1</td><td>no</td><td>one joined SELECT</td></tr>
 *   <tr><td>P08</td><td>1 (0 for an id below 1)</td><td>1</td><td>no</td>
 *       <td>orders limited in a subquery, then joined to lines and products</td></tr>
 *   <tr><td>P09</td><td>1 (2 when refused)</td><td>1 (2 when refused)</td><td>no</td>
 *       <td>guarded UPDATE ... RETURNING (with the restock as a second CTE for CANCELLED) joined to
 *       the lines; only when it changed nothing, a SELECT of the order's status and version says
 *       why (G.1: a read that explains a refusal changes nothing)</td></tr>
 *   <tr><td>P10</td><td>1, whatever the number of orders</td><td>1</td><td>no</td>
 *       <td>UPDATE ... RETURNING, units summed per product, restock UPDATE: CTEs</td></tr>
 *   <tr><td>P11</td><td>1</td><td>1</td><td>no</td><td>join, then aggregate (the contract's shape)</td></tr>
 *   <tr><td>P12</td><td>1</td><td>2 + rows / 500 (rounded down)</td><td>yes</td>
 *       <td>one SELECT through a cursor, 500 rows a fetch (pgjdbc needs auto-commit off); COMMIT</td></tr>
 *   <tr><td>P13</td><td>1</td><td>1</td><td>no</td><td>one DELETE (order lines by ON DELETE CASCADE)</td></tr>
 * </table>
 *
 * <p>Thread-safe: it keeps nothing between calls but the DataSource.
 */
public final class RawJdbcFloor implements StoreRepository {

    private final DataSource dataSource;

    public RawJdbcFloor(DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        this.dataSource = dataSource;
    }

    /** One round trip on a pooled connection: {@code SELECT 1}. */
    public int selectOne() {
        return autoCommit("selectOne", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_ONE);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public Customer createCustomer(NewCustomer customer) {
        NewCustomer in = Arguments.createCustomer(customer);
        return autoCommit("createCustomer", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.INSERT_CUSTOMER)) {
                ps.setString(1, in.email());
                ps.setString(2, in.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Customer(rs.getLong(1), in.email(), in.name(), FloorRows.instant(rs, 2));
                }
            }
        });
    }

    @Override
    public Optional<Customer> findCustomer(long id) {
        if (!Arguments.findCustomer(id)) {
            return Optional.empty();
        }
        return autoCommit("findCustomer", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_CUSTOMER)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Customer(id, rs.getString(1), rs.getString(2), FloorRows.instant(rs, 3)));
                }
            }
        });
    }

    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        List<NewProduct> in = List.copyOf(Arguments.createProducts(products));
        if (in.isEmpty()) {
            return List.of();
        }
        int n = in.size();
        String[] skus = new String[n];
        String[] names = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        Integer[] stocks = new Integer[n];
        String[] attributes = new String[n];
        for (int i = 0; i < n; i++) {
            NewProduct p = in.get(i);
            skus[i] = p.sku();
            names[i] = p.name();
            prices[i] = p.price();
            stocks[i] = p.stock();
            attributes[i] = FloorRows.json(p.attributes());
        }
        return autoCommit("createProducts", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.INSERT_PRODUCTS)) {
                ps.setArray(1, c.createArrayOf("varchar", skus));
                ps.setArray(2, c.createArrayOf("varchar", names));
                ps.setArray(3, c.createArrayOf("numeric", prices));
                ps.setArray(4, c.createArrayOf("int4", stocks));
                ps.setArray(5, c.createArrayOf("text", attributes));
                List<Product> created = new ArrayList<>(n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        NewProduct p = in.get(created.size());
                        created.add(
                                new Product(rs.getLong(1), p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0));
                    }
                }
                if (created.size() != n) {
                    throw new IllegalStateException("P03: " + created.size() + " ids returned for " + n + " products");
                }
                return created;
            }
        });
    }

    @Override
    public Optional<Product> findProductBySku(String sku) {
        if (!Arguments.findProductBySku(sku)) {
            return Optional.empty();
        }
        return autoCommit("findProductBySku", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_PRODUCT_BY_SKU)) {
                ps.setString(1, sku);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(FloorRows.product(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public ProductPage searchProducts(ProductSearch search) {
        ProductSearchStatement statement = ProductSearchStatement.of(Arguments.searchProducts(search));
        List<Product> items = autoCommit("searchProducts", c -> {
            try (PreparedStatement ps = c.prepareStatement(statement.sql())) {
                statement.bind(ps);
                List<Product> rows = new ArrayList<>(search.pageSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(FloorRows.product(rs));
                    }
                }
                return rows;
            }
        });
        return ProductPage.of(items, search.pageSize());
    }

    // ---- P06 ----

    /** What taking stock returned for one product: the values its order lines copy. */
    private record Taken(String sku, String name, BigDecimal price) {}

    @Override
    public Order placeOrder(PlaceOrder order) {
        Map<Long, Long> units = Arguments.placeOrder(order);
        // Ascending product ids: concurrent orders lock the product rows they share in one order.
        Long[] ids = units.keySet().toArray(Long[]::new);
        Arrays.sort(ids);
        Long[] amounts = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            amounts[i] = units.get(ids[i]);
        }
        try {
            return transaction("placeOrder", c -> place(c, order, units, ids, amounts));
        } catch (Replay replay) {
            return replay.order;
        }
    }

    /** A used key's order, found inside the transaction, which must then roll back (the stock it took goes back). */
    private static final class Replay extends RuntimeException {
        final transient Order order;

        Replay(Order order) {
            super(null, null, false, false);
            this.order = order;
        }
    }

    /**
     * Takes the stock first, then writes the order once, with its total, together with its lines;
     * a used key shows as no order row: the first order is read and the transaction rolls back
     * (the stock taken goes back). The key is looked up only on that path, or when the stock was
     * short (P06.4: a used key answers whatever the request holds).
     */
    private static Order place(Connection c, PlaceOrder order, Map<Long, Long> units, Long[] ids, Long[] amounts)
            throws SQLException {
        Map<Long, Taken> taken = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FloorSql.TAKE_STOCK)) {
            ps.setArray(1, c.createArrayOf("int8", ids));
            ps.setArray(2, c.createArrayOf("int8", amounts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.put(rs.getLong(1), new Taken(rs.getString(2), rs.getString(3), rs.getBigDecimal(4)));
                }
            }
        }
        String key = order.idempotencyKey().orElse(null);
        if (taken.size() < ids.length) {
            Order before = key == null ? null : orderWithKey(c, key);
            if (before != null) {
                throw new Replay(before);
            }
            throw whyNoStock(c, order.customerId(), units, ids, taken);
        }
        PlacedLines placed = PlacedLines.of(order, taken);
        try (PreparedStatement ps = c.prepareStatement(FloorSql.INSERT_ORDER_WITH_LINES)) {
            ps.setLong(1, order.customerId());
            ps.setString(2, key);
            ps.setBigDecimal(3, placed.total());
            ps.setObject(4, FloorRows.timestamptz(order.placedAt()));
            placed.bind(c, ps, 5);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return placed.order(rs.getLong(1), order);
                }
            }
        } catch (SQLException e) {
            throw unknownCustomerOr(e, order.customerId());
        }
        // The key was used before: answer with the first order; the rollback gives the stock back.
        throw new Replay(placedBefore(c, key));
    }

    /** P06.4: the order a used key names, as it is now, or null. */
    private static Order orderWithKey(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_ORDER_BY_KEY)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                List<Order> orders = FloorRows.orders(rs, 1);
                return orders.isEmpty() ? null : orders.get(0);
            }
        }
    }

    /** P06.4: the order a used key names, as it is now. */
    private static Order placedBefore(Connection c, String key) throws SQLException {
        Order before = orderWithKey(c, key);
        if (before == null) {
            // The key conflicted, yet its order was deleted before it could be read.
            throw new DataAccessFailureException(
                    "placeOrder: the order placed with this idempotency key was deleted concurrently",
                    null,
                    true,
                    null);
        }
        return before;
    }

    /**
     * Why the stock UPDATE returned fewer rows than there are products (one more statement, on
     * this path only): an unknown customer first, then an unknown product, else the first
     * product in request order whose stock was short.
     */
    private static RuntimeException whyNoStock(
            Connection c, long customerId, Map<Long, Long> units, Long[] ids, Map<Long, Taken> taken)
            throws SQLException {
        boolean customerExists;
        Set<Long> existing;
        try (PreparedStatement ps = c.prepareStatement(FloorSql.WHY_NO_STOCK)) {
            ps.setLong(1, customerId);
            ps.setArray(2, c.createArrayOf("int8", ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                customerExists = rs.getBoolean(1);
                Array array = rs.getArray(2);
                existing = new HashSet<>(Arrays.asList((Long[]) array.getArray()));
                array.free();
            }
        }
        if (!customerExists) {
            return new NotFoundException("customer", customerId);
        }
        for (Long productId : units.keySet()) {
            if (!existing.contains(productId)) {
                return new NotFoundException("product", productId);
            }
        }
        for (Map.Entry<Long, Long> wanted : units.entrySet()) {
            if (!taken.containsKey(wanted.getKey())) {
                return new InsufficientStockException(wanted.getKey(), wanted.getValue());
            }
        }
        return new IllegalStateException("P06: stock not taken for every product, yet none is missing or short");
    }

    /**
     * P06.3: when the order's foreign key to its customer failed, throws the NotFoundException for
     * the unknown customer; otherwise returns {@code e}, to be thrown as it is.
     */
    private static SQLException unknownCustomerOr(SQLException e, long customerId) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql
                    && "23503".equals(psql.getSQLState())
                    && psql.getServerErrorMessage() != null
                    && FloorSql.ORDER_CUSTOMER_FK.equals(
                            psql.getServerErrorMessage().getConstraint())) {
                throw new NotFoundException("customer", customerId);
            }
        }
        return e;
    }

    /**
     * The lines of a placed order, priced from the stock UPDATE's RETURNING, as the arrays the
     * line INSERT unnests (line numbers are their ordinality), and the total.
     */
    private record PlacedLines(
            List<OrderLine> lines, Long[] productIds, Integer[] quantities, BigDecimal[] prices, BigDecimal total) {

        static PlacedLines of(PlaceOrder order, Map<Long, Taken> taken) {
            int n = order.lines().size();
            List<OrderLine> lines = new ArrayList<>(n);
            Long[] productIds = new Long[n];
            Integer[] quantities = new Integer[n];
            BigDecimal[] prices = new BigDecimal[n];
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                OrderLineRequest request = order.lines().get(i);
                Taken product = taken.get(request.productId());
                lines.add(new OrderLine(
                        i + 1,
                        request.productId(),
                        product.sku(),
                        product.name(),
                        request.quantity(),
                        product.price()));
                productIds[i] = request.productId();
                quantities[i] = request.quantity();
                prices[i] = product.price();
                total = total.add(product.price().multiply(BigDecimal.valueOf(request.quantity())));
            }
            return new PlacedLines(lines, productIds, quantities, prices, total);
        }

        /** Binds the three line arrays from parameter {@code first} on. */
        void bind(Connection c, PreparedStatement ps, int first) throws SQLException {
            ps.setArray(first, c.createArrayOf("int8", productIds));
            ps.setArray(first + 1, c.createArrayOf("int4", quantities));
            ps.setArray(first + 2, c.createArrayOf("numeric", prices));
        }

        Order order(long orderId, PlaceOrder order) {
            return new Order(
                    orderId,
                    order.customerId(),
                    OrderStatus.NEW,
                    order.idempotencyKey(),
                    total,
                    order.placedAt(),
                    0,
                    lines);
        }
    }

    // ---- P07, P08 ----

    @Override
    public Optional<Order> findOrder(long orderId) {
        return autoCommit("findOrder", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_ORDER)) {
                ps.setLong(1, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Order> orders = FloorRows.orders(rs, 1);
                    return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
                }
            }
        });
    }

    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        if (!Arguments.latestOrders(customerId, limit)) {
            return List.of();
        }
        return autoCommit("latestOrders", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_LATEST_ORDERS)) {
                ps.setLong(1, customerId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return FloorRows.orders(rs, 1);
                }
            }
        });
    }

    // ---- P09, P10 ----

    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Arguments.changeStatus(orderId, expectedVersion, newStatus);
        return autoCommit("changeStatus", c -> {
            if (newStatus == OrderStatus.NEW) {
                // No status may move to NEW: only the reason is read.
                try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_STATUS_AND_VERSION)) {
                    ps.setLong(1, orderId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new NotFoundException("order", orderId);
                        }
                        throw unchanged(
                                orderId,
                                expectedVersion,
                                newStatus,
                                OrderStatus.valueOf(rs.getString(1)),
                                rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(FloorSql.changeStatus(newStatus))) {
                ps.setLong(1, orderId);
                ps.setLong(2, expectedVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return FloorRows.ordersFromCurrentRow(rs, 1).get(0);
                    }
                }
            }
            // Nothing changed: only now read why (a read after a change that did not happen).
            try (PreparedStatement ps = c.prepareStatement(FloorSql.SELECT_STATUS_AND_VERSION)) {
                ps.setLong(1, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("order", orderId);
                    }
                    throw unchanged(
                            orderId, expectedVersion, newStatus, OrderStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        });
    }

    /**
     * Why a status change changed nothing, from the order as it was when the statement began: a
     * version other than the expected one is stale (P09.2, checked first); a legal transition at
     * the expected version means another caller changed the order meanwhile, so stale too; else
     * the transition is illegal (P09.3).
     */
    private static RuntimeException unchanged(
            long orderId, long expectedVersion, OrderStatus target, OrderStatus status, long version) {
        if (version != expectedVersion || status.canMoveTo(target)) {
            return new StaleVersionException(orderId, expectedVersion);
        }
        return new IllegalTransitionException(orderId, status, target);
    }

    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Instant bound = Arguments.cancelNewOrdersBefore(cutoff);
        return autoCommit("cancelNewOrdersBefore", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.CANCEL_NEW_ORDERS)) {
                ps.setObject(1, FloorRows.timestamptz(bound));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Math.toIntExact(rs.getLong(1));
                }
            }
        });
    }

    // ---- P11, P12, P13 ----

    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Arguments.TimeRange range = Arguments.topCustomersByRevenue(from, to, limit);
        return autoCommit("topCustomersByRevenue", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.REVENUE_REPORT)) {
                ps.setObject(1, FloorRows.timestamptz(range.from()));
                ps.setObject(2, FloorRows.timestamptz(range.to()));
                ps.setInt(3, limit);
                List<CustomerRevenue> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new CustomerRevenue(
                                rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getLong(4)));
                    }
                }
                return rows;
            }
        });
    }

    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Arguments.TimeRange range = Arguments.streamOrderLines(from, to, consumer);
        try {
            // pgjdbc reads through a cursor (fetch size) only with auto-commit off: one transaction.
            return transaction("streamOrderLines", c -> {
                try (PreparedStatement ps = c.prepareStatement(FloorSql.STREAM_ORDER_LINES)) {
                    ps.setFetchSize(STREAM_FETCH_SIZE);
                    ps.setObject(1, FloorRows.timestamptz(range.from()));
                    ps.setObject(2, FloorRows.timestamptz(range.to()));
                    long passed = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            OrderLineRow row = new OrderLineRow(
                                    rs.getLong(1),
                                    rs.getInt(2),
                                    rs.getLong(3),
                                    FloorRows.instant(rs, 4),
                                    OrderStatus.valueOf(rs.getString(5)),
                                    rs.getLong(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getInt(9),
                                    rs.getBigDecimal(10));
                            try {
                                consumer.accept(row);
                            } catch (RuntimeException e) {
                                throw new ConsumerFailure(e);
                            }
                            passed++;
                        }
                    }
                    return passed;
                }
            });
        } catch (ConsumerFailure e) {
            // P12.3: the consumer's own exception, unchanged.
            throw e.getCause();
        }
    }

    @Override
    public boolean deleteOrder(long orderId) {
        Arguments.deleteOrder(orderId);
        return autoCommit("deleteOrder", c -> {
            try (PreparedStatement ps = c.prepareStatement(FloorSql.DELETE_ORDER)) {
                ps.setLong(1, orderId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public SequencedMap<String, String> settings() {
        SequencedMap<String, String> settings = new LinkedHashMap<>();
        settings.put("library", "none: java.sql over pgjdbc and the pool (the raw-JDBC floor)");
        settings.put(
                "transactions",
                "G.1: one statement in auto-commit; P06 and P12 in one transaction (setAutoCommit(false), COMMIT)");
        settings.put("isolation", "READ COMMITTED (server default, not set)");
        settings.put("arrays", "Connection.createArrayOf, unnest in SQL (P03 products, P06 stock and lines)");
        settings.put(
                "stockLocking",
                "product rows locked in ascending id order (FOR NO KEY UPDATE sub-select) before stock changes");
        settings.put("fetchSize", "stream (P12): " + STREAM_FETCH_SIZE + "; other queries: driver default (all rows)");
        settings.put("json", "Jackson, bound as text, cast to jsonb in SQL");
        settings.put("statementCache", "pgjdbc's per connection (server-side prepare after prepareThreshold)");
        return settings;
    }

    /** Nothing to release: the DataSource belongs to the caller. */
    @Override
    public void close() {}

    // ---- connections, transactions, errors ----

    /** Work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** One statement in auto-commit (G.1): the connection as the pool gives it. */
    private <T> T autoCommit(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }

    /**
     * Several statements in one transaction (G.1): auto-commit off (pgjdbc sends BEGIN with the
     * first statement), one COMMIT, or one ROLLBACK when anything fails; auto-commit back on
     * before the connection returns to the pool (no round trip once the transaction ended).
     */
    private <T> T transaction(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // The connection is broken; the pool discards it. The call's outcome stands.
                }
            }
        } catch (ConsumerFailure | Replay e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }

    /** Carries a P12 consumer's exception past the error translation, to reach the caller unchanged. */
    private static final class ConsumerFailure extends RuntimeException {
        ConsumerFailure(RuntimeException cause) {
            super(null, cause, false, false);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
