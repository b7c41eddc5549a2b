package dev.persistbench.jdbc;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.error.IllegalTransitionException;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.NotFoundException;
import dev.persistbench.contract.error.SqlErrors;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Check;
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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store contract with Spring JDBC 7: {@link JdbcClient} for every single statement,
 * {@link JdbcTemplate#batchUpdate} for the two JDBC batches (products, order lines), explicit
 * row mappers ({@link Rows}), and a {@link TransactionTemplate} over a
 * {@link DataSourceTransactionManager} around every call (G.1). Wired by hand in the
 * constructor: no application context, no Spring Boot.
 *
 * <p>Every Spring {@code DataAccessException} is translated at the edge of each call by
 * {@link SqlErrors#translateAny}, which reads the SQLSTATE of the {@link SQLException} inside;
 * no Spring type crosses the contract.
 *
 * <p>Thread-safe: the templates and the client are immutable once built and keep no state
 * between calls; the transaction of a call is bound to its thread.
 */
public final class SpringJdbcStoreRepository implements StoreRepository {

    /** PostgreSQL's timestamptz range, as instants; bounds beyond it are bound as ±infinity. */
    private static final Instant PG_MAX = Instant.parse("+294276-12-31T23:59:59.999999Z");

    private static final Instant PG_MIN = Instant.parse("-4712-01-01T00:00:00Z");

    private static final String INSERT_CUSTOMER =
            "INSERT INTO customer (email, name) VALUES (:email, :name) RETURNING " + Rows.CUSTOMER_COLUMNS;

    private static final String SELECT_CUSTOMER = "SELECT " + Rows.CUSTOMER_COLUMNS + " FROM customer WHERE id = :id";

    /** n ids of the product identity in one round trip; its sequence advances by 50 per value. */
    private static final String NEXT_PRODUCT_IDS = """
            SELECT nextval(pg_get_serial_sequence('product', 'id')::regclass) AS id
            FROM generate_series(1, :count)
            ORDER BY 1""";

    private static final String INSERT_PRODUCT =
            "INSERT INTO product (id, sku, name, price, stock, attributes) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))";

    private static final String SELECT_PRODUCT_BY_SKU =
            "SELECT " + Rows.PRODUCT_COLUMNS + " FROM product WHERE sku = :sku";

    /**
     * Inserts the order if its customer exists, and claims its idempotency key if it has one: a
     * second caller with the same key waits on the unique index until the first commits, then
     * gets no row. No row also means an unknown customer.
     */
    private static final String INSERT_ORDER = """
            INSERT INTO purchase_order (customer_id, idempotency_key, total, created_at)
            SELECT c.id, :key, :total, :createdAt FROM customer c WHERE c.id = :customerId
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id""";

    private static final String TAKE_STOCK = """
            UPDATE product SET stock = stock - :units, version = version + 1
            WHERE id = :id AND stock >= :units
            RETURNING sku, name, price""";

    /** Why stock could not be taken; the customer too, so that an unknown customer is reported first on every path. */
    private static final String WHY_NO_STOCK = """
            SELECT EXISTS (SELECT 1 FROM customer WHERE id = :customerId) AS customer_exists,
                   EXISTS (SELECT 1 FROM product WHERE id = :productId) AS product_exists""";

    private static final String INSERT_ORDER_LINE =
            "INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)";

    private static final String UPDATE_ORDER_TOTAL = "UPDATE purchase_order SET total = :total WHERE id = :id";

    private static final String SELECT_ORDER_BY_ID = """
            SELECT %s
            FROM purchase_order o
            LEFT JOIN order_line l ON l.order_id = o.id
            LEFT JOIN product p ON p.id = l.product_id
            WHERE o.id = :id
            ORDER BY l.line_no""".formatted(Rows.ORDER_WITH_LINES_COLUMNS);

    private static final String SELECT_ORDER_BY_KEY = """
            SELECT %s
            FROM purchase_order o
            LEFT JOIN order_line l ON l.order_id = o.id
            LEFT JOIN product p ON p.id = l.product_id
            WHERE o.idempotency_key = :key
            ORDER BY l.line_no""".formatted(Rows.ORDER_WITH_LINES_COLUMNS);

    /** The latest orders and all their lines in one statement: the LIMIT applies to orders, not rows. */
    private static final String SELECT_LATEST_ORDERS = """
            WITH o AS (
                SELECT id, customer_id, status, idempotency_key, total, created_at, version
                FROM purchase_order
                WHERE customer_id = :customerId
                ORDER BY created_at DESC, id DESC
                LIMIT :limit)
            SELECT %s
            FROM o
            LEFT JOIN order_line l ON l.order_id = o.id
            LEFT JOIN product p ON p.id = l.product_id
            ORDER BY o.created_at DESC, o.id DESC, l.line_no""".formatted(Rows.ORDER_WITH_LINES_COLUMNS);

    /**
     * P09 in one statement: the version-checked, transition-checked UPDATE returns the new order
     * row, which is joined to its lines for the result. %s is empty, or the restock CTE for a
     * cancellation. The final SELECT sees lines and products as they were before the statement,
     * which is right: a status change alters neither.
     */
    private static final String CHANGE_STATUS_TEMPLATE = """
            WITH o AS (
                UPDATE purchase_order SET status = :to, version = version + 1
                WHERE id = :id AND version = :version AND status IN (:from)
                RETURNING id, customer_id, status, idempotency_key, total, created_at, version)%s
            SELECT %s
            FROM o
            LEFT JOIN order_line l ON l.order_id = o.id
            LEFT JOIN product p ON p.id = l.product_id
            ORDER BY l.line_no""";

    /** Gives a cancelled order's units back: each product once, with the units of all its lines. */
    private static final String RESTOCK_CTE = """
            ,
            restocked AS (
                UPDATE product p SET stock = p.stock + u.units, version = p.version + 1
                FROM (SELECT l.product_id, sum(l.quantity) AS units
                      FROM order_line l JOIN o ON l.order_id = o.id
                      GROUP BY l.product_id) u
                WHERE p.id = u.product_id)""";

    private static final String CHANGE_STATUS = CHANGE_STATUS_TEMPLATE.formatted("", Rows.ORDER_WITH_LINES_COLUMNS);

    private static final String CANCEL_ORDER =
            CHANGE_STATUS_TEMPLATE.formatted(RESTOCK_CTE, Rows.ORDER_WITH_LINES_COLUMNS);

    private static final String SELECT_STATUS_AND_VERSION = "SELECT status, version FROM purchase_order WHERE id = :id";

    /**
     * P10 as one statement: data-modifying CTEs run to completion whether or not the final
     * SELECT reads them, and each product is updated once with the units of all its lines.
     */
    private static final String CANCEL_NEW_ORDERS = """
            WITH cancelled AS (
                UPDATE purchase_order SET status = 'CANCELLED', version = version + 1
                WHERE status = 'NEW' AND created_at < :cutoff
                RETURNING id),
            units AS (
                SELECT l.product_id, sum(l.quantity) AS units
                FROM order_line l JOIN cancelled c ON c.id = l.order_id
                GROUP BY l.product_id),
            restocked AS (
                UPDATE product p SET stock = p.stock + u.units, version = p.version + 1
                FROM units u WHERE p.id = u.product_id
                RETURNING p.id)
            SELECT count(*) FROM cancelled""";

    /** Aggregate first, then join the few winning customers for their e-mail. */
    private static final String REVENUE_REPORT = """
            SELECT r.customer_id, c.email, r.revenue, r.orders
            FROM (
                SELECT customer_id, sum(total) AS revenue, count(*) AS orders
                FROM purchase_order
                WHERE status IN ('PAID', 'SHIPPED') AND created_at >= :from AND created_at < :to
                GROUP BY customer_id
                ORDER BY revenue DESC, customer_id
                LIMIT :limit) r
            JOIN customer c ON c.id = r.customer_id
            ORDER BY r.revenue DESC, r.customer_id""";

    private static final String STREAM_ORDER_LINES = """
            SELECT %s
            FROM purchase_order o
            JOIN order_line l ON l.order_id = o.id
            JOIN product p ON p.id = l.product_id
            WHERE o.created_at >= :from AND o.created_at < :to
            ORDER BY l.order_id, l.line_no""".formatted(Rows.ORDER_LINE_ROW_COLUMNS);

    private static final String DELETE_ORDER = "DELETE FROM purchase_order WHERE id = :id";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate writeTx;
    private final TransactionTemplate readTx;
    private final AttributesJson json = new AttributesJson();
    private final RowMapper<Product> productMapper = Rows.product(json);

    /** Builds the repository over {@code dataSource}, which it uses but never closes. */
    public SpringJdbcStoreRepository(DataSource dataSource) {
        Check.notNull("dataSource", dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        // SQLSTATE-based translation needs no database metadata; the default translator would
        // borrow a second connection on its first error to learn the product name.
        this.jdbc.setExceptionTranslator(new SQLStateSQLExceptionTranslator());
        this.client = JdbcClient.create(new NamedParameterJdbcTemplate(jdbc));

        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.writeTx = new TransactionTemplate(transactions);
        // Isolation stays the server's default (READ COMMITTED): naming it would make Spring read
        // and reset the connection's isolation level around every transaction.
        this.writeTx.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
        // pgjdbc turns Connection.setReadOnly(true) into BEGIN READ ONLY: no extra round trip.
        this.readTx.setReadOnly(true);
    }

    @Override
    public Customer createCustomer(NewCustomer customer) {
        Check.notNull("customer", customer);
        return write(
                "createCustomer",
                tx -> client.sql(INSERT_CUSTOMER)
                        .param("email", customer.email())
                        .param("name", customer.name())
                        .query(Rows.CUSTOMER)
                        .single());
    }

    @Override
    public Optional<Customer> findCustomer(long id) {
        return read(
                "findCustomer",
                tx -> client.sql(SELECT_CUSTOMER)
                        .param("id", id)
                        .query(Rows.CUSTOMER)
                        .optional());
    }

    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Check.notNull("products", products);
        Check.between("products.size()", products.size(), 0, MAX_BATCH);
        for (int i = 0; i < products.size(); i++) {
            Check.notNull("products[" + i + "]", products.get(i));
        }
        if (products.isEmpty()) {
            return List.of();
        }
        List<NewProduct> rows = List.copyOf(products);
        List<String> attributes =
                rows.stream().map(p -> json.write(p.attributes())).toList();
        return write("createProducts", tx -> {
            // Ids first, in one statement, so the batch can carry them and the result keeps input
            // order without relying on the order of a multi-row INSERT ... RETURNING.
            List<Long> ids = client.sql(NEXT_PRODUCT_IDS)
                    .param("count", rows.size())
                    .query((rs, row) -> rs.getLong(1))
                    .list();
            jdbc.batchUpdate(INSERT_PRODUCT, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    NewProduct p = rows.get(i);
                    ps.setLong(1, ids.get(i));
                    ps.setString(2, p.sku());
                    ps.setString(3, p.name());
                    ps.setBigDecimal(4, p.price());
                    ps.setInt(5, p.stock());
                    ps.setString(6, attributes.get(i));
                }

                @Override
                public int getBatchSize() {
                    return rows.size();
                }
            });
            List<Product> created = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                NewProduct p = rows.get(i);
                created.add(new Product(ids.get(i), p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0));
            }
            return created;
        });
    }

    @Override
    public Optional<Product> findProductBySku(String sku) {
        // A SKU too long to exist is simply not found; text PostgreSQL cannot hold is refused (G.2).
        Check.storable("sku", sku, Integer.MAX_VALUE);
        return read(
                "findProductBySku",
                tx -> client.sql(SELECT_PRODUCT_BY_SKU)
                        .param("sku", sku)
                        .query(productMapper)
                        .optional());
    }

    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Check.notNull("search", search);
        ProductSearchSql query = ProductSearchSql.of(search, json);
        List<Product> items = read(
                "searchProducts",
                tx -> client.sql(query.sql())
                        .params(query.params())
                        .query(productMapper)
                        .list());
        return ProductPage.of(items, search.pageSize());
    }

    @Override
    public Order placeOrder(PlaceOrder order) {
        Check.notNull("order", order);
        // Units per product, in ascending id order: every order locks its product rows in the
        // same global order, so two orders over the same products cannot deadlock.
        TreeMap<Long, Integer> units = new TreeMap<>();
        for (OrderLineRequest line : order.lines()) {
            units.merge(line.productId(), line.quantity(), SpringJdbcStoreRepository::addUnits);
        }
        return write(
                "placeOrder",
                tx -> order.idempotencyKey().isPresent()
                        ? placeClaimingKey(order, units)
                        : placeWithoutKey(order, units));
    }

    /**
     * With a key, the key is claimed first, before any stock is taken: a retry racing the first
     * call waits for it and then returns its order, instead of competing for the stock. The
     * total is known only after taking the stock, so it is written afterwards.
     */
    private Order placeClaimingKey(PlaceOrder order, TreeMap<Long, Integer> units) {
        Optional<Long> claimed = insertOrder(order, BigDecimal.ZERO);
        if (claimed.isEmpty()) {
            return placedBefore(order);
        }
        Map<Long, TakenStock> taken = takeStock(order.customerId(), units);
        BigDecimal total = total(order, taken);
        client.sql(UPDATE_ORDER_TOTAL)
                .param("total", total)
                .param("id", claimed.get())
                .update();
        return placeLines(claimed.get(), order, taken, total);
    }

    /** Without a key nothing needs claiming: the stock is taken first, so the order row is written once, with its total. */
    private Order placeWithoutKey(PlaceOrder order, TreeMap<Long, Integer> units) {
        Map<Long, TakenStock> taken = takeStock(order.customerId(), units);
        BigDecimal total = total(order, taken);
        long orderId =
                insertOrder(order, total).orElseThrow(() -> new NotFoundException("customer", order.customerId()));
        return placeLines(orderId, order, taken, total);
    }

    private Optional<Long> insertOrder(PlaceOrder order, BigDecimal total) {
        return client.sql(INSERT_ORDER)
                .param("customerId", order.customerId())
                .param("key", order.idempotencyKey().orElse(null), Types.VARCHAR)
                .param("total", total)
                .param("createdAt", Rows.timestamptz(order.placedAt()))
                .query((rs, row) -> rs.getLong(1))
                .optional();
    }

    /** Takes the units of every product, in ascending id order. */
    private Map<Long, TakenStock> takeStock(long customerId, TreeMap<Long, Integer> units) {
        Map<Long, TakenStock> taken = new HashMap<>();
        units.forEach((productId, wanted) -> taken.put(productId, takeStock(customerId, productId, wanted)));
        return taken;
    }

    private static BigDecimal total(PlaceOrder order, Map<Long, TakenStock> taken) {
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLineRequest request : order.lines()) {
            total = total.add(taken.get(request.productId()).price().multiply(BigDecimal.valueOf(request.quantity())));
        }
        return total;
    }

    /** Inserts the order's lines as one JDBC batch and returns the placed order. */
    private Order placeLines(long orderId, PlaceOrder order, Map<Long, TakenStock> taken, BigDecimal total) {
        List<OrderLine> lines = new ArrayList<>(order.lines().size());
        for (OrderLineRequest request : order.lines()) {
            TakenStock product = taken.get(request.productId());
            lines.add(new OrderLine(
                    lines.size() + 1,
                    request.productId(),
                    product.sku(),
                    product.name(),
                    request.quantity(),
                    product.price()));
        }
        jdbc.batchUpdate(INSERT_ORDER_LINE, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                OrderLine line = lines.get(i);
                ps.setLong(1, orderId);
                ps.setInt(2, line.lineNo());
                ps.setLong(3, line.productId());
                ps.setInt(4, line.quantity());
                ps.setBigDecimal(5, line.unitPrice());
            }

            @Override
            public int getBatchSize() {
                return lines.size();
            }
        });
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

    /** The order a keyed insert did not create: the one placed before with the same key, or none because the customer is unknown. */
    private Order placedBefore(PlaceOrder order) {
        List<Order> existing = client.sql(SELECT_ORDER_BY_KEY)
                .param("key", order.idempotencyKey().orElseThrow())
                .query(Rows.ORDERS_WITH_LINES);
        if (!existing.isEmpty()) {
            return existing.getFirst();
        }
        if (client.sql(SELECT_CUSTOMER)
                .param("id", order.customerId())
                .query(Rows.CUSTOMER)
                .optional()
                .isPresent()) {
            // The key conflicted, yet its order was deleted before it could be read.
            throw new DataAccessFailureException(
                    "placeOrder: the order placed with this idempotency key was deleted concurrently",
                    null,
                    true,
                    null);
        }
        throw new NotFoundException("customer", order.customerId());
    }

    /**
     * Takes {@code wanted} units of one product, or says why it cannot: an unknown customer
     * first (as the order insert does when the key is claimed first), then an unknown product,
     * else too little stock. The diagnosis costs a statement only on the failure path.
     */
    private TakenStock takeStock(long customerId, long productId, int wanted) {
        return client.sql(TAKE_STOCK)
                .param("units", wanted)
                .param("id", productId)
                .query((rs, row) ->
                        new TakenStock(rs.getString("sku"), rs.getString("name"), rs.getBigDecimal("price")))
                .optional()
                .orElseThrow(() -> client.sql(WHY_NO_STOCK)
                        .param("customerId", customerId)
                        .param("productId", productId)
                        .query((rs, row) -> !rs.getBoolean("customer_exists")
                                ? new NotFoundException("customer", customerId)
                                : !rs.getBoolean("product_exists")
                                        ? new NotFoundException("product", productId)
                                        : (RuntimeException) new InsufficientStockException(productId, wanted))
                        .single());
    }

    private static int addUnits(int a, int b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "lines: the quantities of one product add up to more than " + Integer.MAX_VALUE);
        }
    }

    @Override
    public Optional<Order> findOrder(long orderId) {
        return read("findOrder", tx -> orderById(orderId));
    }

    private Optional<Order> orderById(long orderId) {
        List<Order> orders = client.sql(SELECT_ORDER_BY_ID).param("id", orderId).query(Rows.ORDERS_WITH_LINES);
        return orders.isEmpty() ? Optional.empty() : Optional.of(orders.getFirst());
    }

    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        Check.between("limit", limit, 1, MAX_LATEST_ORDERS);
        return read(
                "latestOrders",
                tx -> client.sql(SELECT_LATEST_ORDERS)
                        .param("customerId", customerId)
                        .param("limit", limit)
                        .query(Rows.ORDERS_WITH_LINES));
    }

    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Check.id("orderId", orderId);
        Check.notNull("newStatus", newStatus);
        List<String> legalFrom = Arrays.stream(OrderStatus.values())
                .filter(status -> status.canMoveTo(newStatus))
                .map(Enum::name)
                .toList();
        return write("changeStatus", tx -> {
            // Optimistic: one conditional statement; only when it changes nothing do we ask why.
            List<Order> changed = legalFrom.isEmpty()
                    ? List.of()
                    : client.sql(newStatus == OrderStatus.CANCELLED ? CANCEL_ORDER : CHANGE_STATUS)
                            .param("to", newStatus.name())
                            .param("id", orderId)
                            .param("version", expectedVersion)
                            .param("from", legalFrom)
                            .query(Rows.ORDERS_WITH_LINES);
            if (changed.isEmpty()) {
                throw whyUnchanged(orderId, expectedVersion, newStatus);
            }
            return changed.getFirst();
        });
    }

    /** The contract's exception for a status change that matched no row; the version is checked first (P09.2). */
    private RuntimeException whyUnchanged(long orderId, long expectedVersion, OrderStatus newStatus) {
        record StatusAndVersion(OrderStatus status, long version) {}
        Optional<StatusAndVersion> current = client.sql(SELECT_STATUS_AND_VERSION)
                .param("id", orderId)
                .query((rs, row) ->
                        new StatusAndVersion(OrderStatus.valueOf(rs.getString("status")), rs.getLong("version")))
                .optional();
        if (current.isEmpty()) {
            return new NotFoundException("order", orderId);
        }
        if (current.get().version() != expectedVersion || current.get().status().canMoveTo(newStatus)) {
            return new StaleVersionException(orderId, expectedVersion);
        }
        return new IllegalTransitionException(orderId, current.get().status(), newStatus);
    }

    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Check.notNull("cutoff", cutoff);
        long cancelled = write(
                "cancelNewOrdersBefore",
                tx -> client.sql(CANCEL_NEW_ORDERS)
                        .param("cutoff", bound(cutoff))
                        .query(Long.class)
                        .single());
        return Math.toIntExact(cancelled);
    }

    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Check.range("from", from, "to", to);
        Check.between("limit", limit, 1, MAX_REPORT_ROWS);
        return read(
                "topCustomersByRevenue",
                tx -> client.sql(REVENUE_REPORT)
                        .param("from", bound(from))
                        .param("to", bound(to))
                        .param("limit", limit)
                        .query(Rows.CUSTOMER_REVENUE)
                        .list());
    }

    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Check.range("from", from, "to", to);
        Check.notNull("consumer", consumer);
        long[] passed = {0};
        RowCallbackHandler handler = rs -> {
            OrderLineRow row = Rows.ORDER_LINE_ROW.mapRow(rs, 0);
            try {
                consumer.accept(row);
            } catch (RuntimeException e) {
                throw new ConsumerFailure(e);
            }
            passed[0]++;
        };
        try {
            // pgjdbc fetches in chunks only with autocommit off: the read-only transaction is what
            // makes the fetch size take effect.
            read("streamOrderLines", tx -> {
                client.sql(STREAM_ORDER_LINES)
                        .withFetchSize(STREAM_FETCH_SIZE)
                        .param("from", bound(from))
                        .param("to", bound(to))
                        .query(handler);
                return null;
            });
        } catch (ConsumerFailure e) {
            throw e.getCause();
        }
        return passed[0];
    }

    @Override
    public boolean deleteOrder(long orderId) {
        Check.id("orderId", orderId);
        return write(
                "deleteOrder",
                tx -> client.sql(DELETE_ORDER).param("id", orderId).update() > 0);
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("library", "Spring JDBC " + springVersion());
        settings.put("api", "JdbcClient (single statements), JdbcTemplate.batchUpdate (batches), explicit RowMappers");
        settings.put("transactions", "DataSourceTransactionManager + TransactionTemplate, one transaction per call");
        settings.put("isolation", "READ COMMITTED (server default, not set per transaction)");
        settings.put("readOnlyTransactions", "reads run with setReadOnly(true): BEGIN READ ONLY");
        settings.put("fetchSize", "stream (P12): " + STREAM_FETCH_SIZE + "; other queries: driver default (all rows)");
        settings.put(
                "batch.products", "ids from the sequence in one SELECT, then one JDBC batch of explicit-id INSERTs");
        settings.put("batch.orderLines", "one JDBC batch per order");
        settings.put("reWriteBatchedInserts", "as configured on the DataSource (multi-row INSERTs when true)");
        settings.put(
                "json",
                "Jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
                        + ", bound as text, CAST(? AS jsonb)");
        settings.put("exceptionTranslator", "SQLStateSQLExceptionTranslator, then SqlErrors on the SQLException");
        settings.put("statementCache", "none in Spring; pgjdbc server-side prepares after prepareThreshold executions");
        return settings;
    }

    private static String springVersion() {
        String version = JdbcTemplate.class.getPackage().getImplementationVersion();
        return version == null ? "7" : version;
    }

    /** Nothing to release: the templates hold no resources, and the DataSource belongs to the caller. */
    @Override
    public void close() {}

    private <T> T write(String operation, TransactionCallback<T> work) {
        return inTransaction(operation, writeTx, work);
    }

    private <T> T read(String operation, TransactionCallback<T> work) {
        return inTransaction(operation, readTx, work);
    }

    private static <T> T inTransaction(String operation, TransactionTemplate template, TransactionCallback<T> work) {
        try {
            return template.execute(work);
        } catch (ConsumerFailure e) {
            throw e;
        } catch (TransactionSystemException e) {
            throw translateTransactionFailure(operation, e);
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }

    /**
     * When the rollback after a failure fails too (the connection died: the pool then answers
     * "Connection is closed" without a SQLSTATE), Spring throws the rollback's exception and
     * keeps the first one as the application exception. The first one says what happened
     * (a killed backend, a lost network) and whether a retry may help, so it is the one
     * translated; the server discards a transaction whose connection is gone.
     */
    private static RuntimeException translateTransactionFailure(String operation, TransactionSystemException e) {
        Throwable original = e.getApplicationException();
        if (original == null) {
            return SqlErrors.translateAny(operation, e);
        }
        if (original instanceof ConsumerFailure consumerFailure) {
            return consumerFailure;
        }
        RuntimeException translated = SqlErrors.translateAny(operation, original);
        translated.addSuppressed(e);
        return translated;
    }

    /**
     * A time bound as a timestamptz parameter, rounded up to the microsecond grid (V.1,
     * {@link Check#bound}), so it selects exactly the stored instants the bound itself would.
     * Beyond PostgreSQL's range the bound is -infinity or infinity (pgjdbc's mapping of OffsetDateTime.MIN and MAX).
     */
    static OffsetDateTime bound(Instant instant) {
        if (instant.isAfter(PG_MAX)) {
            return OffsetDateTime.MAX;
        }
        if (instant.isBefore(PG_MIN)) {
            return OffsetDateTime.MIN;
        }
        return Rows.timestamptz(Check.bound("bound", instant));
    }

    /** What taking stock returned for one product: the values its order lines copy. */
    private record TakenStock(String sku, String name, BigDecimal price) {}

    /** Carries a consumer's exception through Spring's templates so that it reaches the caller unchanged (P12.3). */
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
