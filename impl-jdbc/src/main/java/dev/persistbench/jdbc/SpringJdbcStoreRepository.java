package dev.persistbench.jdbc;

import dev.persistbench.contract.Arguments;
import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store contract with Spring JDBC 7: {@link JdbcClient} for every statement,
 * {@link SqlArrayValue} for the array parameters of the set-based statements (P03's products,
 * P06's stock), {@link JdbcTemplate#batchUpdate} for P06's order lines, explicit row mappers
 * ({@link Rows}). Transactions follow G.1: an operation of one statement runs it in auto-commit,
 * outside any transaction; P06 (several statements) runs in one {@link TransactionTemplate}
 * transaction over a {@link DataSourceTransactionManager}, and P12 in one read-only transaction
 * because pgjdbc streams with a fetch size only with auto-commit off. Wired by hand in the
 * constructor: no application context, no Spring Boot.
 *
 * <p>Every Spring {@code DataAccessException} is translated at the edge of each call by
 * {@link SqlErrors#translateAny}, which reads the SQLSTATE of the {@link SQLException} inside;
 * no Spring type crosses the contract.
 *
 * <p>Thread-safe: the templates and the client are immutable once built and keep no state
 * between calls; a transaction, where there is one, is bound to the calling thread.
 */
public final class SpringJdbcStoreRepository implements StoreRepository {

    // tag::P01[]
    private static final String INSERT_CUSTOMER =
            "INSERT INTO customer (email, name) VALUES (:email, :name) RETURNING " + Rows.CUSTOMER_COLUMNS;

    // end::P01[]
    // tag::P02[]
    // tag::P06[]
    private static final String SELECT_CUSTOMER = "SELECT " + Rows.CUSTOMER_COLUMNS + " FROM customer WHERE id = :id";
    // end::P02[]
    // end::P06[]

    // tag::P03[]
    /**
     * P03 in one statement: the products travel as five arrays, one per column, and unnest
     * turns them back into rows. The ids come back with their SKUs (unique, or the statement
     * fails), so each product gets its own id whatever order RETURNING uses.
     */
    private static final String INSERT_PRODUCTS = """
            INSERT INTO product (sku, name, price, stock, attributes)
            SELECT u.sku, u.name, u.price, u.stock, CAST(u.attributes AS jsonb)
            FROM unnest(CAST(:skus AS text[]), CAST(:names AS text[]), CAST(:prices AS numeric[]),
                        CAST(:stocks AS int[]), CAST(:attributes AS text[]))
                 AS u(sku, name, price, stock, attributes)
            RETURNING id, sku""";
    // end::P03[]

    // tag::P04[]
    private static final String SELECT_PRODUCT_BY_SKU =
            "SELECT " + Rows.PRODUCT_COLUMNS + " FROM product WHERE sku = :sku";
    // end::P04[]

    // tag::P06[]
    /**
     * P06's stock, in one statement for every product of the order. The sub-select locks the
     * product rows in ascending id order (the lock UPDATE itself takes), so two orders over the
     * same products always queue in the same order and cannot deadlock; the UPDATE then takes
     * the units where the stock suffices, re-checking {@code stock >= units} on the latest row
     * version. A product that is unknown or short of stock is simply not returned.
     */
    private static final String TAKE_STOCK = """
            UPDATE product p SET stock = p.stock - w.units, version = p.version + 1
            FROM (SELECT l.id, u.units
                  FROM product l
                  JOIN unnest(CAST(:ids AS bigint[]), CAST(:units AS bigint[])) AS u(id, units) ON u.id = l.id
                  ORDER BY l.id
                  FOR NO KEY UPDATE OF l) w
            WHERE p.id = w.id AND p.stock >= w.units
            RETURNING p.id, p.sku, p.name, p.price""";

    /**
     * Why stock could not be taken, asked only when it could not: whether the customer exists
     * (reported first, as on every path), and which of the products that came back short exist.
     */
    private static final String WHY_NO_STOCK = """
            SELECT EXISTS (SELECT 1 FROM customer WHERE id = :customerId) AS customer_exists,
                   ARRAY(SELECT id FROM product WHERE id = ANY (CAST(:ids AS bigint[]))) AS known_products""";

    /**
     * Inserts the order, with its total, if its customer exists, unless its idempotency key is
     * taken: a second caller with the same key waits on the unique index until the first
     * commits, then gets no row. No row also means an unknown customer.
     */
    private static final String INSERT_ORDER = """
            INSERT INTO purchase_order (customer_id, idempotency_key, total, created_at)
            SELECT c.id, :key, :total, :createdAt FROM customer c WHERE c.id = :customerId
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id""";

    private static final String INSERT_ORDER_LINE =
            "INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)";
    // end::P06[]

    // tag::P07[]
    private static final String SELECT_ORDER_BY_ID = """
            SELECT %s
            FROM purchase_order o
            LEFT JOIN order_line l ON l.order_id = o.id
            LEFT JOIN product p ON p.id = l.product_id
            WHERE o.id = :id
            ORDER BY l.line_no""".formatted(Rows.ORDER_WITH_LINES_COLUMNS);
    // end::P07[]

    // tag::P06[]
    private static final String SELECT_ORDER_BY_KEY = """
            SELECT %s
            FROM purchase_order o
            LEFT JOIN order_line l ON l.order_id = o.id
            LEFT JOIN product p ON p.id = l.product_id
            WHERE o.idempotency_key = :key
            ORDER BY l.line_no""".formatted(Rows.ORDER_WITH_LINES_COLUMNS);
    // end::P06[]

    // tag::P08[]
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
    // end::P08[]

    // tag::P09[]
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

    // tag::P10[]
    /**
     * Gives units back to stock, from a CTE {@code units(product_id, units)} of the statement it
     * is part of (P09's cancellation, P10). The sub-select locks the product rows in ascending id
     * order first, the order in which P06 locks them too, so a restock and an order over the same
     * products queue instead of deadlocking.
     */
    private static final String RESTOCK = """
            UPDATE product p SET stock = p.stock + k.units, version = p.version + 1
            FROM (SELECT l.id, u.units
                  FROM product l JOIN units u ON u.product_id = l.id
                  ORDER BY l.id
                  FOR NO KEY UPDATE OF l) k
            WHERE p.id = k.id""";
    // end::P10[]

    /** Gives a cancelled order's units back: each product once, with the units of all its lines ({@link #RESTOCK}). */
    private static final String RESTOCK_CTE = """
            ,
            units AS (
                SELECT l.product_id, sum(l.quantity) AS units
                FROM order_line l JOIN o ON l.order_id = o.id
                GROUP BY l.product_id),
            restocked AS (%s)""".formatted(RESTOCK);

    private static final String CHANGE_STATUS = CHANGE_STATUS_TEMPLATE.formatted("", Rows.ORDER_WITH_LINES_COLUMNS);

    private static final String CANCEL_ORDER =
            CHANGE_STATUS_TEMPLATE.formatted(RESTOCK_CTE, Rows.ORDER_WITH_LINES_COLUMNS);

    private static final String SELECT_STATUS_AND_VERSION = "SELECT status, version FROM purchase_order WHERE id = :id";
    // end::P09[]

    // tag::P10[]
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
            restocked AS (%s)
            SELECT count(*) FROM cancelled""".formatted(RESTOCK);
    // end::P10[]

    // tag::P11[]
    /**
     * P11 in the shape every implementation uses: orders joined to their customer, then
     * aggregated per customer (the e-mail is functionally dependent on the id).
     */
    private static final String REVENUE_REPORT = """
            SELECT c.id, c.email, sum(o.total) AS revenue, count(*) AS orders
            FROM purchase_order o
            JOIN customer c ON c.id = o.customer_id
            WHERE o.status IN ('PAID', 'SHIPPED') AND o.created_at >= :from AND o.created_at < :to
            GROUP BY c.id, c.email
            ORDER BY revenue DESC, c.id
            LIMIT :limit""";
    // end::P11[]

    // tag::P12[]
    private static final String STREAM_ORDER_LINES = """
            SELECT %s
            FROM purchase_order o
            JOIN order_line l ON l.order_id = o.id
            JOIN product p ON p.id = l.product_id
            WHERE o.created_at >= :from AND o.created_at < :to
            ORDER BY l.order_id, l.line_no""".formatted(Rows.ORDER_LINE_ROW_COLUMNS);
    // end::P12[]

    // tag::P13[]
    private static final String DELETE_ORDER = "DELETE FROM purchase_order WHERE id = :id";
    // end::P13[]

    // tag::config[]
    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate writeTx;
    private final TransactionTemplate streamTx;
    /** The {@code read-tx} variant's read-only transaction around every read; null by default. */
    private final TransactionTemplate readTx;

    private final AttributesJson json = new AttributesJson();
    private final RowMapper<Product> productMapper = Rows.product(json);

    /** Builds the repository over {@code dataSource}, which it uses but never closes. */
    public SpringJdbcStoreRepository(DataSource dataSource) {
        this(dataSource, false);
    }

    // end::config[]
    // tag::variant-read-tx[]
    /**
     * The variants measured beside this default: {@code read-tx} runs every read in a read-only
     * transaction, as a service method annotated {@code @Transactional(readOnly = true)} does.
     */
    public static List<Variant> variants() {
        return List.of(new Variant(
                "read-tx",
                "Every read in a read-only transaction (TransactionTemplate with readOnly = true), as a"
                        + " @Transactional(readOnly = true) service method runs it: BEGIN READ ONLY ... COMMIT around the one SELECT",
                EnumSet.of(Pattern.P02, Pattern.P04, Pattern.P05, Pattern.P07, Pattern.P08, Pattern.P11),
                ds -> new SpringJdbcStoreRepository(ds, true)));
    }

    /** Runs a read: in auto-commit by default, in the read-only transaction in the {@code read-tx} variant. */
    private <T> T read(String operation, Supplier<T> work) {
        return readTx == null ? run(operation, work) : inTransaction(operation, readTx, status -> work.get());
    }

    // end::variant-read-tx[]
    // tag::config[]
    private SpringJdbcStoreRepository(DataSource dataSource, boolean readTransactions) {
        Check.notNull("dataSource", dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        // SQLSTATE-based translation needs no database metadata; the default translator would
        // borrow a second connection on its first error to learn the product name.
        this.jdbc.setExceptionTranslator(new SQLStateSQLExceptionTranslator());
        this.client = JdbcClient.create(new NamedParameterJdbcTemplate(jdbc));

        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        // Only the operations that need more than one statement (P06), or a cursor (P12), run
        // in a transaction. Isolation stays the server's default (READ COMMITTED): naming it
        // would make Spring read and reset the connection's isolation level around every one.
        this.writeTx = new TransactionTemplate(transactions);
        this.writeTx.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
        this.streamTx = new TransactionTemplate(transactions);
        this.streamTx.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
        // pgjdbc turns Connection.setReadOnly(true) into BEGIN READ ONLY: no extra round trip.
        this.streamTx.setReadOnly(true);
        if (readTransactions) {
            this.readTx = new TransactionTemplate(transactions);
            this.readTx.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
            this.readTx.setReadOnly(true);
        } else {
            this.readTx = null;
        }
    }
    // end::config[]

    // tag::P01[]
    @Override
    public Customer createCustomer(NewCustomer customer) {
        Arguments.createCustomer(customer);
        return run(
                "createCustomer",
                () -> client.sql(INSERT_CUSTOMER)
                        .param("email", customer.email())
                        .param("name", customer.name())
                        .query(Rows.CUSTOMER)
                        .single());
    }
    // end::P01[]

    // tag::P02[]
    @Override
    public Optional<Customer> findCustomer(long id) {
        if (!Arguments.findCustomer(id)) {
            return Optional.empty();
        }
        return read(
                "findCustomer",
                () -> client.sql(SELECT_CUSTOMER)
                        .param("id", id)
                        .query(Rows.CUSTOMER)
                        .optional());
    }
    // end::P02[]

    // tag::P03[]
    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Arguments.createProducts(products);
        if (products.isEmpty()) {
            return List.of();
        }
        List<NewProduct> rows = List.copyOf(products);
        int n = rows.size();
        String[] skus = new String[n];
        String[] names = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        Integer[] stocks = new Integer[n];
        String[] attributes = new String[n];
        for (int i = 0; i < n; i++) {
            NewProduct p = rows.get(i);
            skus[i] = p.sku();
            names[i] = p.name();
            prices[i] = p.price();
            stocks[i] = p.stock();
            attributes[i] = json.write(p.attributes());
        }
        // One statement in auto-commit: a duplicate SKU (in the table or twice in the list) fails
        // it as a whole, so none is inserted.
        Map<String, Long> ids = run("createProducts", () -> {
            Map<String, Long> bySku = HashMap.newHashMap(n);
            client.sql(INSERT_PRODUCTS)
                    .param("skus", new SqlArrayValue("text", (Object[]) skus))
                    .param("names", new SqlArrayValue("text", (Object[]) names))
                    .param("prices", new SqlArrayValue("numeric", (Object[]) prices))
                    .param("stocks", new SqlArrayValue("int4", (Object[]) stocks))
                    .param("attributes", new SqlArrayValue("text", (Object[]) attributes))
                    .query(rs -> {
                        bySku.put(rs.getString("sku"), rs.getLong("id"));
                    });
            return bySku;
        });
        List<Product> created = new ArrayList<>(n);
        for (NewProduct p : rows) {
            Long id = ids.get(p.sku());
            if (id == null) {
                throw new DataAccessFailureException(
                        "createProducts: no id came back for SKU " + p.sku(), null, false, null);
            }
            created.add(new Product(id, p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0));
        }
        return created;
    }
    // end::P03[]

    // tag::P04[]
    @Override
    public Optional<Product> findProductBySku(String sku) {
        if (!Arguments.findProductBySku(sku)) {
            return Optional.empty();
        }
        return read(
                "findProductBySku",
                () -> client.sql(SELECT_PRODUCT_BY_SKU)
                        .param("sku", sku)
                        .query(productMapper)
                        .optional());
    }
    // end::P04[]

    // tag::P05[]
    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Arguments.searchProducts(search);
        ProductSearchSql query = ProductSearchSql.of(search, json);
        List<Product> items = read(
                "searchProducts",
                () -> client.sql(query.sql())
                        .params(query.params())
                        .query(productMapper)
                        .list());
        return ProductPage.of(items, search.pageSize());
    }
    // end::P05[]

    // tag::P06[]
    @Override
    public Order placeOrder(PlaceOrder order) {
        Map<Long, Long> units = Arguments.placeOrder(order);
        return write("placeOrder", status -> place(order, units, status));
    }

    /**
     * P06 in one transaction: stock for every product in one statement, whose prices give the
     * total; the order row, with its total, in one statement that also claims the idempotency
     * key; the lines in one JDBC batch; then the commit. The key is looked up only when the
     * order insert or the stock says something is wrong.
     */
    private Order place(PlaceOrder order, Map<Long, Long> units, TransactionStatus status) {
        Map<Long, TakenStock> taken = takeStock(units);
        if (taken.size() < units.size()) {
            Optional<Order> before = keyedBefore(order);
            if (before.isPresent()) {
                status.setRollbackOnly();
                return before.get();
            }
            throw whyNoStock(order.customerId(), units, taken);
        }
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLineRequest request : order.lines()) {
            total = total.add(taken.get(request.productId()).price().multiply(BigDecimal.valueOf(request.quantity())));
        }
        Optional<Long> orderId = client.sql(INSERT_ORDER)
                .param("customerId", order.customerId())
                .param("key", order.idempotencyKey().orElse(null), Types.VARCHAR)
                .param("total", total)
                .param("createdAt", Rows.timestamptz(order.placedAt()))
                .query((rs, row) -> rs.getLong(1))
                .optional();
        if (orderId.isEmpty()) {
            // The key is taken (give the stock back: roll back, and return that order), or the
            // customer is unknown.
            Optional<Order> before = keyedBefore(order);
            if (before.isPresent()) {
                status.setRollbackOnly();
                return before.get();
            }
            throw noOrderRow(order);
        }
        return placeLines(orderId.get(), order, taken, total);
    }

    /** Takes the units of every product in one statement; the products it could not serve are missing from the result. */
    private Map<Long, TakenStock> takeStock(Map<Long, Long> units) {
        // Ascending ids: the order in which the statement locks the rows, listed the same way.
        Long[] ids = units.keySet().stream().sorted().toArray(Long[]::new);
        Long[] wanted = Arrays.stream(ids).map(units::get).toArray(Long[]::new);
        Map<Long, TakenStock> taken = HashMap.newHashMap(ids.length);
        client.sql(TAKE_STOCK)
                .param("ids", new SqlArrayValue("int8", (Object[]) ids))
                .param("units", new SqlArrayValue("int8", (Object[]) wanted))
                .query(rs -> {
                    taken.put(
                            rs.getLong("id"),
                            new TakenStock(rs.getString("sku"), rs.getString("name"), rs.getBigDecimal("price")));
                });
        return taken;
    }

    /**
     * Why some products could not be served: an unknown customer first (as when the order row
     * finds no customer), then the first unknown product, else the first product short of
     * stock, in the order the request names them. One statement, on the failure path only.
     */
    private RuntimeException whyNoStock(long customerId, Map<Long, Long> units, Map<Long, TakenStock> taken) {
        Long[] missing =
                units.keySet().stream().filter(id -> !taken.containsKey(id)).toArray(Long[]::new);
        record Diagnosis(boolean customerExists, Set<Long> knownProducts) {}
        Diagnosis diagnosis = client.sql(WHY_NO_STOCK)
                .param("customerId", customerId)
                .param("ids", new SqlArrayValue("int8", (Object[]) missing))
                .query((rs, row) -> new Diagnosis(rs.getBoolean("customer_exists"), Set.of((Long[])
                        rs.getArray("known_products").getArray())))
                .single();
        if (!diagnosis.customerExists()) {
            return new NotFoundException("customer", customerId);
        }
        for (Long id : missing) {
            if (!diagnosis.knownProducts().contains(id)) {
                return new NotFoundException("product", id);
            }
        }
        return new InsufficientStockException(missing[0], units.get(missing[0]));
    }

    /** With an idempotency key, the order placed before with it, as it is now; otherwise none. No statement without a key. */
    private Optional<Order> keyedBefore(PlaceOrder order) {
        if (order.idempotencyKey().isEmpty()) {
            return Optional.empty();
        }
        List<Order> existing = client.sql(SELECT_ORDER_BY_KEY)
                .param("key", order.idempotencyKey().get())
                .query(Rows.ORDERS_WITH_LINES);
        return existing.isEmpty() ? Optional.empty() : Optional.of(existing.getFirst());
    }

    /** The order insert gave no row and no order holds its key: the customer is unknown, or the keyed order was deleted concurrently. */
    private RuntimeException noOrderRow(PlaceOrder order) {
        if (order.idempotencyKey().isPresent()
                && client.sql(SELECT_CUSTOMER)
                        .param("id", order.customerId())
                        .query(Rows.CUSTOMER)
                        .optional()
                        .isPresent()) {
            return new DataAccessFailureException(
                    "placeOrder: the order placed with this idempotency key was deleted concurrently",
                    null,
                    true,
                    null);
        }
        return new NotFoundException("customer", order.customerId());
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

    // end::P06[]
    // tag::P07[]
    @Override
    public Optional<Order> findOrder(long orderId) {
        return read("findOrder", () -> {
            List<Order> orders =
                    client.sql(SELECT_ORDER_BY_ID).param("id", orderId).query(Rows.ORDERS_WITH_LINES);
            return orders.isEmpty() ? Optional.empty() : Optional.of(orders.getFirst());
        });
    }
    // end::P07[]

    // tag::P08[]
    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        if (!Arguments.latestOrders(customerId, limit)) {
            return List.of();
        }
        return read(
                "latestOrders",
                () -> client.sql(SELECT_LATEST_ORDERS)
                        .param("customerId", customerId)
                        .param("limit", limit)
                        .query(Rows.ORDERS_WITH_LINES));
    }
    // end::P08[]

    // tag::P09[]
    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Arguments.changeStatus(orderId, expectedVersion, newStatus);
        List<String> legalFrom = Arrays.stream(OrderStatus.values())
                .filter(status -> status.canMoveTo(newStatus))
                .map(Enum::name)
                .toList();
        return run("changeStatus", () -> {
            // Optimistic: one guarded statement in auto-commit; only when it changes nothing do
            // we ask why (a read: nothing was written that would need a transaction).
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
    // end::P09[]

    // tag::P10[]
    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Instant bound = Arguments.cancelNewOrdersBefore(cutoff);
        long cancelled = run(
                "cancelNewOrdersBefore",
                () -> client.sql(CANCEL_NEW_ORDERS)
                        .param("cutoff", Rows.timestamptz(bound))
                        .query(Long.class)
                        .single());
        return Math.toIntExact(cancelled);
    }
    // end::P10[]

    // tag::P11[]
    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Arguments.TimeRange range = Arguments.topCustomersByRevenue(from, to, limit);
        return read(
                "topCustomersByRevenue",
                () -> client.sql(REVENUE_REPORT)
                        .param("from", Rows.timestamptz(range.from()))
                        .param("to", Rows.timestamptz(range.to()))
                        .param("limit", limit)
                        .query(Rows.CUSTOMER_REVENUE)
                        .list());
    }
    // end::P11[]

    // tag::P12[]
    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Arguments.TimeRange range = Arguments.streamOrderLines(from, to, consumer);
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
            inTransaction("streamOrderLines", streamTx, status -> {
                client.sql(STREAM_ORDER_LINES)
                        .withFetchSize(STREAM_FETCH_SIZE)
                        .param("from", Rows.timestamptz(range.from()))
                        .param("to", Rows.timestamptz(range.to()))
                        .query(handler);
                return null;
            });
        } catch (ConsumerFailure e) {
            throw e.getCause();
        }
        return passed[0];
    }
    // end::P12[]

    // tag::P13[]
    @Override
    public boolean deleteOrder(long orderId) {
        Arguments.deleteOrder(orderId);
        return run(
                "deleteOrder",
                () -> client.sql(DELETE_ORDER).param("id", orderId).update() > 0);
    }
    // end::P13[]

    // tag::config[]
    @Override
    public SequencedMap<String, String> settings() {
        SequencedMap<String, String> settings = new LinkedHashMap<>();
        settings.put("library", "Spring JDBC " + springVersion());
        settings.put(
                "api",
                "JdbcClient (statements), JdbcTemplate.batchUpdate (order lines), SqlArrayValue (arrays), explicit RowMappers");
        settings.put(
                "transactions",
                (readTx == null
                                ? "single statements in auto-commit (no transaction)"
                                : "variant read-tx: reads in one read-only TransactionTemplate transaction each;"
                                        + " single-statement writes in auto-commit")
                        + "; P06 in one TransactionTemplate transaction, P12 in one read-only transaction (cursor)");
        settings.put("isolation", "READ COMMITTED (server default, not set per transaction)");
        settings.put("fetchSize", "stream (P12): " + STREAM_FETCH_SIZE + "; other queries: driver default (all rows)");
        settings.put("batch.products", "one INSERT ... SELECT FROM unnest(arrays) RETURNING id, sku");
        settings.put("stock", "one UPDATE for all products of an order, rows locked in id order");
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

    /**
     * Runs one operation outside any transaction: each statement in auto-commit on a
     * connection the template borrows and returns; its failure is translated to the contract's.
     */
    private static <T> T run(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }

    private <T> T write(String operation, TransactionCallback<T> work) {
        return inTransaction(operation, writeTx, work);
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

    // end::config[]
    // tag::P06[]
    /** What taking stock returned for one product: the values its order lines copy. */
    private record TakenStock(String sku, String name, BigDecimal price) {}
    // end::P06[]

    // tag::P12[]
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
    // end::P12[]
}
