package dev.persistbench.mybatis;

import dev.persistbench.contract.Arguments;
import dev.persistbench.contract.Arguments.TimeRange;
import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.AutoMappingBehavior;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.ArrayTypeHandler;
import org.apache.ibatis.type.TypeAliasRegistry;

/**
 * The contract in plain MyBatis 3 (no Spring): one {@link SqlSessionFactory} built in code over
 * the DataSource, XML mappers, and one {@link SqlSession} per call.
 *
 * <p>Sessions (G.1): an operation that sends one statement runs it in an auto-commit session
 * ({@code openSession(true)}), with no transaction at all; one that sends more runs them all in
 * one transaction ({@code openSession(false)}), which is committed, or rolled back on any
 * exception, explicitly and always with {@code force}, so that a transaction whose writes
 * MyBatis did not see as such (a {@code <select>} that updates) is ended too. Those are P06,
 * P09's cancellation and P12 (whose cursor needs autocommit off). Sessions are always closed,
 * which returns the connection to the pool. Every MyBatis or JDBC exception is translated by
 * {@link SqlErrors}.
 *
 * <p>Thread-safe: the factory is, and nothing else is shared between calls. The settings are
 * listed by {@link #settings()} and explained in the module's README.
 */
public final class MyBatisStoreRepository implements StoreRepository {

    // tag::config[]
    /** Configuration variable that the XML mappers read for P12's fetch size. */
    static final String STREAM_FETCH_SIZE_VARIABLE = "streamFetchSize";

    private static final List<Class<?>> MAPPERS = List.of(CustomerMapper.class, ProductMapper.class, OrderMapper.class);

    // end::config[]
    // tag::P09[]
    /** P09: the statuses that may move to each status (OrderStatus.canMoveTo), for the guarded UPDATE. */
    private static final Map<OrderStatus, List<OrderStatus>> SOURCES = sources();

    // end::P09[]
    // tag::config[]
    private final SqlSessionFactory factory;
    private final SequencedMap<String, String> settings;
    /** The batch-executor variant: P03 through ExecutorType.BATCH (see {@link #variants()}). */
    private final boolean batchExecutor;

    /** Builds the session factory over {@code dataSource}, which stays the caller's to close. */
    public MyBatisStoreRepository(DataSource dataSource) {
        this(dataSource, false);
    }

    private MyBatisStoreRepository(DataSource dataSource, boolean batchExecutor) {
        Check.notNull("dataSource", dataSource);
        Configuration configuration = configuration(dataSource);
        this.factory = new SqlSessionFactoryBuilder().build(configuration);
        this.batchExecutor = batchExecutor;
        SequencedMap<String, String> described = describe(configuration);
        if (batchExecutor) {
            described.put(
                    "p03.sql",
                    "variant batch-executor: one INSERT ... VALUES per product in a SqlSession of ExecutorType.BATCH,"
                            + " one transaction, flushStatements() sends them as one JDBC batch; ids from the generated keys");
        }
        this.settings = Collections.unmodifiableSequencedMap(described);
    }

    // end::config[]
    // tag::variant-batch-executor[]
    /**
     * The variants measured beside this default: {@code batch-executor} writes P03 as MyBatis's
     * documentation shows batch inserts (ExecutorType.BATCH).
     */
    public static List<Variant> variants() {
        return List.of(new Variant(
                "batch-executor",
                "P03 as MyBatis's documentation shows batch inserts: a SqlSession of ExecutorType.BATCH queues one"
                        + " INSERT ... VALUES per product and flushStatements() sends them as one JDBC batch, in one"
                        + " transaction, ids read back from the generated keys",
                Set.of(Pattern.P03),
                ds -> new MyBatisStoreRepository(ds, true)));
    }

    /** The batch-executor variant's P03: every row queued, one flush, one commit; any failure rolls all back. */
    private List<Product> insertInBatch(List<NewProduct> products) {
        List<ProductInsert> rows = new ArrayList<>(products.size());
        for (NewProduct p : products) {
            rows.add(new ProductInsert(
                    p.sku(), p.name(), p.price(), p.stock(), JsonbMapTypeHandler.json(p.attributes())));
        }
        try (SqlSession session = factory.openSession(ExecutorType.BATCH, false)) {
            try {
                ProductMapper mapper = session.getMapper(ProductMapper.class);
                rows.forEach(mapper::insertOne);
                session.flushStatements();
                session.commit(true);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(session, e);
                throw e;
            }
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny("createProducts", e);
        }
        List<Product> created = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            NewProduct p = products.get(i);
            Long id = rows.get(i).id;
            if (id == null) {
                throw SqlErrors.failure(
                        "createProducts", new IllegalStateException("no id was returned for sku " + p.sku()));
            }
            created.add(new Product(id, p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0L));
        }
        return created;
    }

    // end::variant-batch-executor[]
    // tag::P09[]
    private static Map<OrderStatus, List<OrderStatus>> sources() {
        Map<OrderStatus, List<OrderStatus>> sources = new EnumMap<>(OrderStatus.class);
        for (OrderStatus target : OrderStatus.values()) {
            sources.put(
                    target,
                    Arrays.stream(OrderStatus.values())
                            .filter(source -> source.canMoveTo(target))
                            .toList());
        }
        return Collections.unmodifiableMap(sources);
    }

    // end::P09[]
    // tag::config[]
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
                ProductKey.class,
                ProductRef.class)) {
            aliases.registerAlias(type);
        }
        aliases.registerAlias("JsonbMap", JsonbMapTypeHandler.class);
        // Named on every array parameter (P03, P06): binds a Java array as a SQL array through
        // Connection.createArrayOf, with the element type taken from the array's component type.
        aliases.registerAlias("SqlArray", ArrayTypeHandler.class);
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

    private static SequencedMap<String, String> describe(Configuration c) {
        SequencedMap<String, String> s = new LinkedHashMap<>();
        s.put("mybatis.version", mybatisVersion());
        s.put(
                "configuration",
                "built in code: Environment(JdbcTransactionFactory, given DataSource), XML mappers from the class path");
        s.put(
                "transactions",
                "one SqlSession per call; one statement: openSession(true), auto-commit, no transaction;"
                        + " more (P06, P09 cancellation, P12): openSession(false), one transaction,"
                        + " explicit commit(true)/rollback(true)");
        s.put("isolation", "not set (PostgreSQL's READ COMMITTED); guarded updates and row locks instead");
        s.put("executorType", c.getDefaultExecutorType().name() + " for every operation");
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
        s.put(
                "p03.sql",
                "one INSERT ... SELECT FROM unnest(array per column) RETURNING id, sku, in auto-commit;"
                        + " arrays bound by ArrayTypeHandler; ids paired with the input by SKU");
        s.put(
                "p06.sql",
                "one transaction: one guarded stock UPDATE FROM unnest(ids, units) RETURNING prices"
                        + " (rows locked in id order), INSERT order with its total ON CONFLICT DO NOTHING,"
                        + " all lines in one INSERT ... SELECT FROM unnest(arrays); the key is read only on conflict");
        s.put(
                "p09.sql",
                "one guarded UPDATE ... WHERE version = ? AND status IN (legal sources) RETURNING, joined to"
                        + " the lines; the order read only when it changed nothing; a cancellation adds the"
                        + " restock in the same transaction");
        s.put("p05.sql", "dynamic SQL (<where>/<if>/<choose>), keyset row-value comparison, #{} only");
        s.put("p07.p08.mapping", "one joined statement, nested result map (<id> + <collection>)");
        s.put("typeHandler.instant", "timestamptz via OffsetDateTime (UTC)");
        s.put(
                "typeHandler.attributes",
                "jsonb via Jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
        return s;
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

    // end::config[]
    // ------------------------------------------------------------------ P01, P02

    // tag::P01[]
    @Override
    public Customer createCustomer(NewCustomer customer) {
        Arguments.createCustomer(customer);
        CustomerInsert row = new CustomerInsert(customer.email(), customer.name());
        return autoCommit("createCustomer", session -> {
            session.getMapper(CustomerMapper.class).insert(row);
            return new Customer(row.id, row.email, row.name, row.createdAt);
        });
    }

    // end::P01[]
    // tag::P02[]
    @Override
    public Optional<Customer> findCustomer(long id) {
        if (!Arguments.findCustomer(id)) {
            return Optional.empty();
        }
        return autoCommit(
                "findCustomer",
                session -> Optional.ofNullable(
                        session.getMapper(CustomerMapper.class).findById(id)));
    }

    // end::P02[]
    // ------------------------------------------------------------------ P03, P04, P05

    // tag::P03[]
    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Arguments.createProducts(products);
        if (products.isEmpty()) {
            return List.of();
        }
        if (batchExecutor) {
            return insertInBatch(products);
        }
        int n = products.size();
        String[] skus = new String[n];
        String[] names = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        Integer[] stocks = new Integer[n];
        String[] attributes = new String[n];
        for (int i = 0; i < n; i++) {
            NewProduct product = products.get(i);
            skus[i] = product.sku();
            names[i] = product.name();
            prices[i] = product.price();
            stocks[i] = product.stock();
            attributes[i] = JsonbMapTypeHandler.json(product.attributes());
        }
        List<ProductKey> keys = autoCommit(
                "createProducts",
                session -> session.getMapper(ProductMapper.class).insertAll(skus, names, prices, stocks, attributes));
        // The statement succeeded, so the n SKUs were distinct: each names exactly one new row.
        Map<String, Long> ids = HashMap.newHashMap(n);
        for (ProductKey key : keys) {
            ids.put(key.sku(), key.id());
        }
        List<Product> created = new ArrayList<>(n);
        for (NewProduct product : products) {
            Long id = ids.get(product.sku());
            if (id == null) {
                throw SqlErrors.failure(
                        "createProducts", new IllegalStateException("no id was returned for sku " + product.sku()));
            }
            created.add(new Product(
                    id, product.sku(), product.name(), product.price(), product.stock(), product.attributes(), 0L));
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
        return autoCommit(
                "findProductBySku",
                session -> Optional.ofNullable(
                        session.getMapper(ProductMapper.class).findBySku(sku)));
    }

    // end::P04[]
    // tag::P05[]
    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Arguments.searchProducts(search);
        SearchParams params = SearchParams.of(search);
        List<Product> items = autoCommit(
                "searchProducts",
                session -> session.getMapper(ProductMapper.class).search(params));
        return ProductPage.of(items, search.pageSize());
    }

    // end::P05[]
    // ------------------------------------------------------------------ P06

    // tag::P06[]
    @Override
    public Order placeOrder(PlaceOrder order) {
        // Units per product over all its lines (exact longs), in first-appearance order.
        Map<Long, Long> units = Arguments.placeOrder(order);
        Long[] productIds = units.keySet().toArray(Long[]::new);
        Long[] productUnits = units.values().toArray(Long[]::new);
        String key = order.idempotencyKey().orElse(null);
        return inTransaction("placeOrder", session -> {
            ProductMapper products = session.getMapper(ProductMapper.class);
            OrderMapper orders = session.getMapper(OrderMapper.class);

            // 1. The stock of every product in one guarded UPDATE, which answers with the prices.
            Map<Long, ProductRef> taken = new HashMap<>();
            for (ProductRef ref : products.takeStock(productIds, productUnits)) {
                taken.put(ref.id(), ref);
            }
            if (taken.size() < productIds.length) {
                return refused(session, order, units, taken.keySet());
            }

            // 2. The order with its total; no row when the key was used or the customer is unknown.
            List<OrderLineRequest> requests = order.lines();
            int n = requests.size();
            Long[] lineProducts = new Long[n];
            Integer[] lineQuantities = new Integer[n];
            BigDecimal[] linePrices = new BigDecimal[n];
            List<OrderLine> lines = new ArrayList<>(n);
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (int i = 0; i < n; i++) {
                OrderLineRequest request = requests.get(i);
                ProductRef ref = taken.get(request.productId());
                lineProducts[i] = ref.id();
                lineQuantities[i] = request.quantity();
                linePrices[i] = ref.price();
                lines.add(new OrderLine(i + 1, ref.id(), ref.sku(), ref.name(), request.quantity(), ref.price()));
                total = total.add(ref.price().multiply(BigDecimal.valueOf(request.quantity())));
            }
            Long orderId = orders.insertOrder(order.customerId(), key, total, order.placedAt());
            if (orderId == null) {
                // The idempotency key is looked up only now, on conflict. ON CONFLICT waited for
                // any transaction still holding the key, so a committed first order is visible.
                OrderRow first = key == null ? null : orders.findByIdempotencyKey(key);
                if (first != null) {
                    return Outcome.rollback(first.toOrder()); // the stock taken above goes back
                }
                throw new NotFoundException("customer", order.customerId());
            }

            // 3. All lines in one statement.
            orders.insertLines(orderId, lineProducts, lineQuantities, linePrices);
            return Outcome.commit(new Order(
                    orderId,
                    order.customerId(),
                    OrderStatus.NEW,
                    order.idempotencyKey(),
                    total,
                    order.placedAt(),
                    0L,
                    lines));
        });
    }

    /**
     * Why the guarded UPDATE of P06 took less than asked, read only then and in the same
     * transaction (which is rolled back): a used idempotency key wins (its order is returned),
     * then an unknown customer, then an unknown product, then the first product in request order
     * whose stock did not suffice.
     */
    private static Outcome<Order> refused(
            SqlSession session, PlaceOrder order, Map<Long, Long> units, Set<Long> taken) {
        OrderMapper orders = session.getMapper(OrderMapper.class);
        if (order.idempotencyKey().isPresent()) {
            OrderRow first = orders.findByIdempotencyKey(order.idempotencyKey().get());
            if (first != null) {
                return Outcome.rollback(first.toOrder());
            }
        }
        if (session.getMapper(CustomerMapper.class).findById(order.customerId()) == null) {
            throw new NotFoundException("customer", order.customerId());
        }
        Set<Long> known = new HashSet<>(session.getMapper(ProductMapper.class)
                .findExistingIds(units.keySet().toArray(Long[]::new)));
        for (Long productId : units.keySet()) {
            if (!known.contains(productId)) {
                throw new NotFoundException("product", productId);
            }
        }
        for (Map.Entry<Long, Long> entry : units.entrySet()) {
            if (!taken.contains(entry.getKey())) {
                throw new InsufficientStockException(entry.getKey(), entry.getValue());
            }
        }
        throw new IllegalStateException("takeStock fell short, but every product exists and was taken");
    }

    // end::P06[]
    // ------------------------------------------------------------------ P07, P08

    // tag::P07[]
    @Override
    public Optional<Order> findOrder(long orderId) {
        return autoCommit(
                "findOrder",
                session -> Optional.ofNullable(
                                session.getMapper(OrderMapper.class).findById(orderId))
                        .map(OrderRow::toOrder));
    }

    // end::P07[]
    // tag::P08[]
    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        if (!Arguments.latestOrders(customerId, limit)) {
            return List.of();
        }
        return autoCommit(
                "latestOrders",
                session -> session.getMapper(OrderMapper.class).findLatest(customerId, limit).stream()
                        .map(OrderRow::toOrder)
                        .toList());
    }

    // end::P08[]
    // ------------------------------------------------------------------ P09, P10

    // tag::P09[]
    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Arguments.changeStatus(orderId, expectedVersion, newStatus);
        List<OrderStatus> sources = SOURCES.get(newStatus);
        if (newStatus != OrderStatus.CANCELLED) {
            // One guarded UPDATE: one statement in auto-commit.
            return autoCommit("changeStatus", session -> {
                OrderMapper orders = session.getMapper(OrderMapper.class);
                OrderRow changed =
                        sources.isEmpty() ? null : orders.changeStatus(orderId, expectedVersion, newStatus, sources);
                if (changed == null) {
                    throw whyUnchanged(orders, orderId, expectedVersion, newStatus);
                }
                return changed.toOrder();
            });
        }
        // A cancellation gives the units back: the guarded UPDATE and the restock in one transaction.
        return inTransaction("changeStatus", session -> {
            OrderMapper orders = session.getMapper(OrderMapper.class);
            OrderRow changed = orders.changeStatus(orderId, expectedVersion, newStatus, sources);
            if (changed == null) {
                throw whyUnchanged(orders, orderId, expectedVersion, newStatus);
            }
            orders.restock(orderId);
            return Outcome.commit(changed.toOrder());
        });
    }

    /**
     * Why P09's guarded UPDATE changed nothing, read only then: the order is unknown, or its
     * version is not the one expected (checked first), or its status cannot move to the new one.
     * An order that now looks changeable was changed by another caller in between: stale too.
     */
    private static RuntimeException whyUnchanged(
            OrderMapper orders, long orderId, long expectedVersion, OrderStatus newStatus) {
        OrderRow current = orders.findById(orderId);
        if (current == null) {
            return new NotFoundException("order", orderId);
        }
        if (current.version() != expectedVersion) {
            return new StaleVersionException(orderId, expectedVersion);
        }
        if (!current.status().canMoveTo(newStatus)) {
            return new IllegalTransitionException(orderId, current.status(), newStatus);
        }
        return new StaleVersionException(orderId, expectedVersion);
    }

    // end::P09[]
    // tag::P10[]
    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Instant bound = Arguments.cancelNewOrdersBefore(cutoff);
        return autoCommit(
                "cancelNewOrdersBefore",
                session -> session.getMapper(OrderMapper.class).cancelNewBefore(bound));
    }

    // end::P10[]
    // ------------------------------------------------------------------ P11, P12, P13

    // tag::P11[]
    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        TimeRange range = Arguments.topCustomersByRevenue(from, to, limit);
        return autoCommit(
                "topCustomersByRevenue",
                session -> session.getMapper(OrderMapper.class).topCustomersByRevenue(range.from(), range.to(), limit));
    }

    // end::P11[]
    // tag::P12[]
    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        TimeRange range = Arguments.streamOrderLines(from, to, consumer);
        // In a transaction: pgjdbc fetches in chunks only with autocommit off.
        try (SqlSession session = factory.openSession(false)) {
            try (Cursor<OrderLineRow> cursor =
                    session.getMapper(OrderMapper.class).streamLines(range.from(), range.to())) {
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

    // end::P12[]
    // tag::P13[]
    @Override
    public boolean deleteOrder(long orderId) {
        Arguments.deleteOrder(orderId);
        return autoCommit(
                "deleteOrder", session -> session.getMapper(OrderMapper.class).delete(orderId) > 0);
    }

    // end::P13[]
    // ------------------------------------------------------------------ settings, close

    // tag::config[]
    @Override
    public SequencedMap<String, String> settings() {
        return settings;
    }

    /** Nothing to release: a SqlSessionFactory holds no resources, and the DataSource is the caller's. */
    @Override
    public void close() {}

    // ------------------------------------------------------------------ sessions

    /**
     * Runs {@code work}, which sends ONE statement, in an auto-commit session: no transaction,
     * no BEGIN or COMMIT (G.1). MyBatis neither commits nor rolls back such a session.
     */
    private <T> T autoCommit(String operation, Function<SqlSession, T> work) {
        try (SqlSession session = factory.openSession(true)) {
            return work.apply(session);
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }

    /**
     * Runs {@code work}, which sends more than one statement, in exactly one transaction:
     * committed or rolled back as its {@link Outcome} says, rolled back if it throws.
     */
    private <T> T inTransaction(String operation, Function<SqlSession, Outcome<T>> work) {
        try (SqlSession session = factory.openSession(false)) {
            try {
                Outcome<T> outcome = work.apply(session);
                if (outcome.commit()) {
                    session.commit(true);
                } else {
                    session.rollback(true);
                }
                return outcome.value();
            } catch (RuntimeException | Error e) {
                rollbackQuietly(session, e);
                throw e;
            }
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }

    /** What a transaction returns, and whether what it wrote is kept. */
    private record Outcome<T>(T value, boolean commit) {
        static <T> Outcome<T> commit(T value) {
            return new Outcome<>(value, true);
        }

        /** {@code value} is returned and everything the transaction wrote is undone. */
        static <T> Outcome<T> rollback(T value) {
            return new Outcome<>(value, false);
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

    // end::config[]
    // tag::P12[]
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
    // end::P12[]
}
