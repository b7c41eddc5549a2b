package dev.persistbench.mybatis;

import dev.persistbench.contract.StoreRepository;
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
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.AutoMappingBehavior;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.TypeAliasRegistry;

/**
 * The contract in plain MyBatis 3 (no Spring): one {@link SqlSessionFactory} built in code over
 * the DataSource, XML mappers, and one {@link SqlSession} per call.
 *
 * <p>Sessions: every operation runs in a session of its own with autocommit off, one transaction
 * that is committed, or rolled back on any exception, explicitly and always with {@code force},
 * so that a transaction whose writes MyBatis did not see as such (a {@code <select>} that
 * inserts) is ended too. Sessions are always closed, which returns the connection to the pool.
 * Every MyBatis or JDBC exception is translated by {@link SqlErrors}.
 *
 * <p>Thread-safe: the factory is, and nothing else is shared between calls. The settings are
 * listed by {@link #settings()} and explained in the module's README.
 */
public final class MyBatisStoreRepository implements StoreRepository {

    /** Configuration variable that the XML mappers read for P12's fetch size. */
    static final String STREAM_FETCH_SIZE_VARIABLE = "streamFetchSize";

    private static final List<Class<?>> MAPPERS = List.of(CustomerMapper.class, ProductMapper.class, OrderMapper.class);

    private final SqlSessionFactory factory;
    private final Map<String, String> settings;

    /** Builds the session factory over {@code dataSource}, which stays the caller's to close. */
    public MyBatisStoreRepository(DataSource dataSource) {
        Check.notNull("dataSource", dataSource);
        Configuration configuration = configuration(dataSource);
        this.factory = new SqlSessionFactoryBuilder().build(configuration);
        this.settings = describe(configuration);
    }

    private static Configuration configuration(DataSource dataSource) {
        Configuration c = new Configuration(new Environment("persistbench", new JdbcTransactionFactory(), dataSource));
        // Second-level cache off and the session cache scoped to one statement: every call reads
        // the database, as every other implementation in the comparison does.
        c.setCacheEnabled(false);
        c.setLocalCacheScope(LocalCacheScope.STATEMENT);
        c.setLazyLoadingEnabled(false);
        c.setDefaultExecutorType(ExecutorType.SIMPLE);
        // Every result map names its columns; nothing is guessed from column names.
        c.setAutoMappingBehavior(AutoMappingBehavior.NONE);
        c.setMapUnderscoreToCamelCase(false);
        // The XML's indentation is not sent to the server.
        c.setShrinkWhitespacesInSql(true);
        // Left to the driver and server, as for every implementation (see README).
        c.setDefaultFetchSize(null);
        c.setDefaultStatementTimeout(null);
        // Read by OrderMapper.xml as ${streamFetchSize} when it is parsed: a constant of the
        // contract, never caller input.
        c.getVariables().setProperty(STREAM_FETCH_SIZE_VARIABLE, Integer.toString(STREAM_FETCH_SIZE));

        TypeAliasRegistry aliases = c.getTypeAliasRegistry();
        for (Class<?> type : List.of(
                Customer.class,
                Product.class,
                OrderLine.class,
                OrderLineRow.class,
                CustomerRevenue.class,
                OrderStatus.class,
                OrderRow.class,
                ProductRef.class)) {
            aliases.registerAlias(type);
        }
        aliases.registerAlias("JsonbMap", JsonbMapTypeHandler.class);
        c.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());

        // Each interface's XML is loaded from the same path on the class path (dev/persistbench/mybatis/*.xml).
        MAPPERS.forEach(c::addMapper);
        int fetchSize = c.getMappedStatement(OrderMapper.class.getName() + ".streamLines")
                .getFetchSize();
        if (fetchSize != STREAM_FETCH_SIZE) {
            throw new IllegalStateException(
                    "OrderMapper.streamLines has fetch size " + fetchSize + ", expected " + STREAM_FETCH_SIZE);
        }
        return c;
    }

    private static Map<String, String> describe(Configuration c) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("mybatis.version", mybatisVersion());
        s.put(
                "configuration",
                "built in code: Environment(JdbcTransactionFactory, given DataSource), XML mappers from the class path");
        s.put(
                "transactions",
                "one SqlSession and one transaction per call (autocommit off), explicit commit(true)/rollback(true)");
        s.put("isolation", "not set (PostgreSQL's READ COMMITTED); row locks and guarded updates instead");
        s.put("defaultExecutorType", c.getDefaultExecutorType().name());
        s.put("executorType.createProducts", ExecutorType.BATCH.name());
        s.put("executorType.placeOrder", ExecutorType.BATCH.name());
        s.put("executorType.other", ExecutorType.SIMPLE.name());
        s.put("statementType", "PREPARED (MyBatis's default; no statement overrides it)");
        s.put("cacheEnabled", Boolean.toString(c.isCacheEnabled()));
        s.put("localCacheScope", c.getLocalCacheScope().name());
        s.put("lazyLoadingEnabled", Boolean.toString(c.isLazyLoadingEnabled()));
        s.put("autoMappingBehavior", c.getAutoMappingBehavior().name());
        s.put("mapUnderscoreToCamelCase", Boolean.toString(c.isMapUnderscoreToCamelCase()));
        s.put("shrinkWhitespacesInSql", Boolean.toString(c.isShrinkWhitespacesInSql()));
        s.put(
                "defaultFetchSize",
                c.getDefaultFetchSize() == null
                        ? "unset (driver default: whole result at once)"
                        : c.getDefaultFetchSize().toString());
        s.put("streamFetchSize", Integer.toString(STREAM_FETCH_SIZE));
        s.put(
                "defaultStatementTimeout",
                c.getDefaultStatementTimeout() == null ? "unset (no timeout)" : c.getDefaultStatementTimeout() + " s");
        s.put("p03.batching", "BATCH executor, one JDBC batch per call, useGeneratedKeys (one RETURNING id per row)");
        s.put(
                "p06.batching",
                "BATCH executor: the stock updates as one JDBC batch, the lines as one JDBC batch (rewritten to multi-row INSERTs by pgjdbc)");
        s.put("p05.sql", "dynamic SQL (<where>/<if>/<choose>), keyset row-value comparison, #{} only");
        s.put("p07.p08.mapping", "one joined statement, nested result map (<id> + <collection>)");
        s.put("typeHandler.Instant", "timestamptz via OffsetDateTime (UTC)");
        s.put(
                "typeHandler.attributes",
                "jsonb via Jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        return Collections.unmodifiableMap(s);
    }

    /** MyBatis's version from its jar's manifest, or from its Maven pom.properties where a shaded jar lost the manifest. */
    private static String mybatisVersion() {
        String version = Configuration.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (InputStream in =
                Configuration.class.getResourceAsStream("/META-INF/maven/org.mybatis/mybatis/pom.properties")) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                return pom.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is only reported, never relied on
        }
        return "unknown";
    }

    // ------------------------------------------------------------------ P01, P02

    @Override
    public Customer createCustomer(NewCustomer customer) {
        Check.notNull("customer", customer);
        CustomerInsert row = new CustomerInsert(customer.email(), customer.name());
        return inTransaction("createCustomer", session -> {
            session.getMapper(CustomerMapper.class).insert(row);
            return new Customer(row.id, row.email, row.name, row.createdAt);
        });
    }

    @Override
    public Optional<Customer> findCustomer(long id) {
        return inTransaction(
                "findCustomer",
                session -> Optional.ofNullable(
                        session.getMapper(CustomerMapper.class).findById(id)));
    }

    // ------------------------------------------------------------------ P03, P04, P05

    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Check.notNull("products", products);
        List<ProductInsert> rows = new ArrayList<>(products.size());
        for (NewProduct product : products) {
            rows.add(new ProductInsert(Check.notNull("products[" + rows.size() + "]", product)));
        }
        if (rows.size() > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "products must have at most " + MAX_BATCH + " entries, was " + rows.size());
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        return inTransaction("createProducts", ExecutorType.BATCH, session -> {
            ProductMapper mapper = session.getMapper(ProductMapper.class);
            rows.forEach(mapper::insert);
            // Sends the batch; MyBatis then writes each row's generated id back into its ProductInsert.
            session.flushStatements();
            return rows.stream().map(ProductInsert::toProduct).toList();
        });
    }

    @Override
    public Optional<Product> findProductBySku(String sku) {
        Check.text("sku", sku, Check.MAX_KEY_LENGTH);
        return inTransaction(
                "findProductBySku",
                session -> Optional.ofNullable(
                        session.getMapper(ProductMapper.class).findBySku(sku)));
    }

    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Check.notNull("search", search);
        SearchParams params = SearchParams.of(search);
        List<Product> items = inTransaction(
                "searchProducts",
                session -> session.getMapper(ProductMapper.class).search(params));
        return ProductPage.of(items, search.pageSize());
    }

    // ------------------------------------------------------------------ P06

    @Override
    public Order placeOrder(PlaceOrder order) {
        Check.notNull("order", order);
        // Units per product over all its lines, in ascending product id: the order in which the
        // stock rows are locked, the same for every transaction, so placements cannot deadlock.
        TreeMap<Long, Long> units = new TreeMap<>();
        for (OrderLineRequest line : order.lines()) {
            units.merge(line.productId(), (long) line.quantity(), Long::sum);
        }
        String key = order.idempotencyKey().orElse(null);
        return inTransaction("placeOrder", ExecutorType.BATCH, session -> {
            ProductMapper products = session.getMapper(ProductMapper.class);
            OrderMapper orders = session.getMapper(OrderMapper.class);

            Map<Long, ProductRef> refs = new HashMap<>();
            for (ProductRef ref : products.findRefs(units.keySet())) {
                refs.put(ref.id(), ref);
            }
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (OrderLineRequest line : order.lines()) {
                ProductRef ref = refs.get(line.productId());
                if (ref != null) {
                    total = total.add(ref.price().multiply(BigDecimal.valueOf(line.quantity())));
                }
            }

            Long orderId = orders.insertOrder(order.customerId(), key, total, order.placedAt());
            if (orderId == null) {
                // Either the key was used (by a committed order: ON CONFLICT waited for any
                // transaction still holding it) or the customer does not exist.
                if (key != null) {
                    Long existing = orders.findIdByIdempotencyKey(key);
                    if (existing != null) {
                        OrderRow first = orders.findById(existing);
                        if (first == null) {
                            throw new NotFoundException("order", existing); // deleted in between
                        }
                        return first.toOrder();
                    }
                }
                throw new NotFoundException("customer", order.customerId());
            }
            for (OrderLineRequest line : order.lines()) {
                if (!refs.containsKey(line.productId())) {
                    throw new NotFoundException("product", line.productId());
                }
            }

            // One guarded UPDATE per distinct product, sent as one JDBC batch; a zero row count
            // names the product whose stock did not suffice.
            List<Map.Entry<Long, Long>> takes = new ArrayList<>(units.entrySet());
            for (Map.Entry<Long, Long> take : takes) {
                products.takeStock(take.getKey(), (int) Math.min(take.getValue(), Integer.MAX_VALUE));
            }
            int[] taken = onlyBatch(session.flushStatements(), "takeStock", takes.size())
                    .getUpdateCounts();
            for (int i = 0; i < taken.length; i++) {
                if (taken[i] != 1) {
                    Map.Entry<Long, Long> take = takes.get(i);
                    throw new InsufficientStockException(
                            take.getKey(), (int) Math.min(take.getValue(), Integer.MAX_VALUE));
                }
            }

            List<OrderLine> lines = new ArrayList<>(order.lines().size());
            for (OrderLineRequest line : order.lines()) {
                ProductRef ref = refs.get(line.productId());
                int lineNo = lines.size() + 1;
                orders.insertLine(orderId, lineNo, line.productId(), line.quantity(), ref.price());
                lines.add(new OrderLine(lineNo, ref.id(), ref.sku(), ref.name(), line.quantity(), ref.price()));
            }
            // The lines' batch is sent by the commit.
            return new Order(
                    orderId,
                    order.customerId(),
                    OrderStatus.NEW,
                    order.idempotencyKey(),
                    total,
                    order.placedAt(),
                    0L,
                    lines);
        });
    }

    /** The one batch that {@code flushStatements} returned, checked to be the statement and size expected. */
    private static BatchResult onlyBatch(List<BatchResult> results, String statement, int size) {
        if (results.size() != 1
                || !results.get(0).getMappedStatement().getId().endsWith("." + statement)
                || results.get(0).getUpdateCounts().length != size) {
            throw new IllegalStateException(
                    "expected one batch of " + size + " " + statement + ", got " + results.size() + " batches");
        }
        return results.get(0);
    }

    // ------------------------------------------------------------------ P07, P08

    @Override
    public Optional<Order> findOrder(long orderId) {
        return inTransaction(
                "findOrder",
                session -> Optional.ofNullable(
                                session.getMapper(OrderMapper.class).findById(orderId))
                        .map(OrderRow::toOrder));
    }

    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        Check.between("limit", limit, 1, MAX_LATEST_ORDERS);
        return inTransaction(
                "latestOrders",
                session -> session.getMapper(OrderMapper.class).findLatest(customerId, limit).stream()
                        .map(OrderRow::toOrder)
                        .toList());
    }

    // ------------------------------------------------------------------ P09, P10

    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Check.id("orderId", orderId);
        Check.notNull("newStatus", newStatus);
        return inTransaction("changeStatus", ExecutorType.SIMPLE, session -> {
            OrderMapper orders = session.getMapper(OrderMapper.class);
            OrderRow current = orders.findByIdForUpdate(orderId);
            if (current == null) {
                throw new NotFoundException("order", orderId);
            }
            // The version first: a caller that saw an old state learns that before anything else.
            if (current.version() != expectedVersion) {
                throw new StaleVersionException(orderId, expectedVersion);
            }
            if (!current.status().canMoveTo(newStatus)) {
                throw new IllegalTransitionException(orderId, current.status(), newStatus);
            }
            orders.updateStatus(orderId, newStatus);
            if (newStatus == OrderStatus.CANCELLED) {
                orders.restock(orderId);
            }
            return current.toOrder(newStatus, current.version() + 1);
        });
    }

    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Check.notNull("cutoff", cutoff);
        Instant bound = Check.bound("cutoff", cutoff);
        return inTransaction(
                "cancelNewOrdersBefore",
                session -> session.getMapper(OrderMapper.class).cancelNewBefore(bound));
    }

    // ------------------------------------------------------------------ P11, P12, P13

    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Check.range("from", from, "to", to);
        Check.between("limit", limit, 1, MAX_REPORT_ROWS);
        Instant lower = Check.bound("from", from);
        Instant upper = Check.bound("to", to);
        return inTransaction(
                "topCustomersByRevenue",
                session -> session.getMapper(OrderMapper.class).topCustomersByRevenue(lower, upper, limit));
    }

    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Check.range("from", from, "to", to);
        Check.notNull("consumer", consumer);
        Instant lower = Check.bound("from", from);
        Instant upper = Check.bound("to", to);
        try (SqlSession session = factory.openSession(ExecutorType.SIMPLE, false)) {
            try (Cursor<OrderLineRow> cursor =
                    session.getMapper(OrderMapper.class).streamLines(lower, upper)) {
                long passed = 0;
                for (OrderLineRow row : cursor) {
                    try {
                        consumer.accept(row);
                    } catch (Throwable e) {
                        throw new ConsumerFailure(e);
                    }
                    passed++;
                }
                session.commit(true);
                return passed;
            } catch (RuntimeException | Error | IOException e) {
                rollbackQuietly(session, e);
                throw e;
            }
        } catch (ConsumerFailure e) {
            // The consumer's own exception, unchanged; the cursor and session are closed by now.
            throw ConsumerFailure.<RuntimeException>rethrow(e.getCause());
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny("streamOrderLines", e);
        } catch (IOException e) {
            // Cursor.close() declares it; MyBatis's cursor does not throw it in fact.
            throw SqlErrors.failure("streamOrderLines", e);
        }
    }

    @Override
    public boolean deleteOrder(long orderId) {
        Check.id("orderId", orderId);
        return inTransaction(
                "deleteOrder", session -> session.getMapper(OrderMapper.class).delete(orderId) > 0);
    }

    // ------------------------------------------------------------------ settings, close

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    /** Nothing to release: a SqlSessionFactory holds no resources, and the DataSource is the caller's. */
    @Override
    public void close() {}

    // ------------------------------------------------------------------ sessions

    /** Runs {@code work} in one transaction under the SIMPLE executor. */
    private <T> T inTransaction(String operation, Function<SqlSession, T> work) {
        return inTransaction(operation, ExecutorType.SIMPLE, work);
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    private <T> T inTransaction(String operation, ExecutorType executor, Function<SqlSession, T> work) {
        try (SqlSession session = factory.openSession(executor, false)) {
            try {
                T result = work.apply(session);
                session.commit(true);
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(session, e);
                throw e;
            }
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }

    /**
     * Rolls back after {@code failure}. Forced: MyBatis skips the rollback of a session it thinks
     * clean, and closing would then commit (JdbcTransaction switches autocommit back on).
     */
    private static void rollbackQuietly(SqlSession session, Throwable failure) {
        try {
            session.rollback(true);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Carries a consumer's exception past the translation of MyBatis's exceptions. */
    private static final class ConsumerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConsumerFailure(Throwable cause) {
            super(null, cause, false, false);
        }

        /** Throws {@code t} as it is, checked or not (a consumer may throw a checked exception by stealth). */
        @SuppressWarnings("unchecked")
        static <E extends Throwable> E rethrow(Throwable t) throws E {
            throw (E) t;
        }
    }
}
