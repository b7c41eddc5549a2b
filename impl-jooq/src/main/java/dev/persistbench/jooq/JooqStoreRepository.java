package dev.persistbench.jooq;

import static dev.persistbench.jooq.db.Tables.CUSTOMER;
import static dev.persistbench.jooq.db.Tables.ORDER_LINE;
import static dev.persistbench.jooq.db.Tables.PRODUCT;
import static dev.persistbench.jooq.db.Tables.PURCHASE_ORDER;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

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
import dev.persistbench.contract.model.ProductCursor;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.SortDirection;
import dev.persistbench.jooq.db.tables.records.ProductRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.BatchBindStep;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Constants;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.InsertValuesStep5;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Record1;
import org.jooq.Record10;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.RecordMapper;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.conf.NestedCollectionEmulation;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The order store in jOOQ: type-safe SQL over the classes generated from the migrated schema,
 * {@code MULTISET} for nested collections, PostgreSQL's {@code ON CONFLICT} for idempotency,
 * set-based updates for bulk work and a lazy cursor for streaming.
 *
 * <p>One {@link DSLContext} over the caller's {@link DataSource} serves every thread: it borrows a
 * connection per statement, or per transaction inside {@link DSLContext#transactionResult}.
 * Every write that takes more than one statement runs in one transaction (P03 beyond one
 * statement, P06), as does P12's streaming read; a single statement runs in auto-commit, which
 * PostgreSQL makes atomic on its own. The reads that only explain a refusal (P09) or find an
 * earlier order by its idempotency key (P06) need no transaction around them.
 */
public final class JooqStoreRepository implements StoreRepository {

    /** Rows per multi-row INSERT in P03: 5 bind values each keeps a statement far below PostgreSQL's 65,535. */
    static final int INSERT_ROWS_PER_STATEMENT = 1_000;

    private final Settings settings;
    private final DSLContext dsl;

    /** Builds the repository over {@code dataSource}; the caller keeps owning (and closing) the DataSource. */
    public JooqStoreRepository(DataSource dataSource) {
        Check.notNull("dataSource", dataSource);
        this.settings = tunedSettings();
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, settings);
    }

    /**
     * jOOQ's settings, each stated even where it equals the default, so that the report shows
     * exactly what ran.
     */
    static Settings tunedSettings() {
        return new Settings()
                // One PreparedStatement per query with bind values: pgjdbc can switch it to a
                // server-side prepared statement after prepareThreshold executions.
                .withStatementType(StatementType.PREPARED_STATEMENT)
                .withParamType(ParamType.INDEXED)
                // Unqualified names: the connection's currentSchema decides (the generated classes
                // were built with outputSchemaToDefault).
                .withRenderCatalog(false)
                .withRenderSchema(false)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                // No ExecuteListener on the hot path: the debug LoggerListener is a development aid.
                .withExecuteLogging(false)
                .withDiagnosticsLogging(false)
                // Skips a Statement.getWarnings() call after every execution; nothing here reads them.
                .withFetchWarnings(false)
                // MULTISET as json_agg: cheaper to build on the server than jsonb, and the lines need
                // no jsonb-only feature (comparison, DISTINCT) of the nested collection.
                .withEmulateMultiset(NestedCollectionEmulation.JSON)
                // (a, b) > (?, ?) is what the (key, id) indexes of P05 serve directly.
                .withRenderRowConditionForSeekClause(true);
    }

    // ---------------------------------------------------------------------------------------
    // P01, P02: customers
    // ---------------------------------------------------------------------------------------

    @Override
    public Customer createCustomer(NewCustomer customer) {
        Check.notNull("customer", customer);
        return run(
                "createCustomer",
                () -> dsl.insertInto(CUSTOMER, CUSTOMER.EMAIL, CUSTOMER.NAME)
                        .values(customer.email(), customer.name())
                        .returningResult(CUSTOMER.ID, CUSTOMER.CREATED_AT)
                        .fetchSingle(mapping(
                                (id, createdAt) -> new Customer(id, customer.email(), customer.name(), createdAt))));
    }

    @Override
    public Optional<Customer> findCustomer(long id) {
        return run(
                "findCustomer",
                () -> dsl.select(CUSTOMER.ID, CUSTOMER.EMAIL, CUSTOMER.NAME, CUSTOMER.CREATED_AT)
                        .from(CUSTOMER)
                        .where(CUSTOMER.ID.eq(id))
                        .fetchOptional(mapping(Customer::new)));
    }

    // ---------------------------------------------------------------------------------------
    // P03, P04, P05: products
    // ---------------------------------------------------------------------------------------

    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Check.notNull("products", products);
        if (products.size() > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "products must have at most " + MAX_BATCH + " entries, was " + products.size());
        }
        List<JSONB> attributes = new ArrayList<>(products.size());
        for (int i = 0; i < products.size(); i++) {
            attributes.add(AttributesJson.write(
                    Check.notNull("products[" + i + "]", products.get(i)).attributes()));
        }
        if (products.isEmpty()) {
            return List.of();
        }
        // Up to one statement's worth needs no transaction: a single INSERT is atomic on its own.
        return run(
                "createProducts",
                () -> products.size() <= INSERT_ROWS_PER_STATEMENT
                        ? insertProducts(dsl, products, attributes)
                        : dsl.transactionResult(tx -> insertProducts(tx.dsl(), products, attributes)));
    }

    private static List<Product> insertProducts(DSLContext ctx, List<NewProduct> products, List<JSONB> attributes) {
        // PostgreSQL does not promise that RETURNING follows the VALUES order, so the ids are
        // matched back to the input through the unique SKU.
        Map<String, Long> idsBySku = HashMap.newHashMap(products.size());
        for (int from = 0; from < products.size(); from += INSERT_ROWS_PER_STATEMENT) {
            int to = Math.min(products.size(), from + INSERT_ROWS_PER_STATEMENT);
            InsertValuesStep5<ProductRecord, String, String, BigDecimal, Integer, JSONB> insert = ctx.insertInto(
                    PRODUCT, PRODUCT.SKU, PRODUCT.NAME, PRODUCT.PRICE, PRODUCT.STOCK, PRODUCT.ATTRIBUTES);
            for (int i = from; i < to; i++) {
                NewProduct p = products.get(i);
                insert = insert.values(p.sku(), p.name(), p.price(), p.stock(), attributes.get(i));
            }
            insert.returningResult(PRODUCT.ID, PRODUCT.SKU).fetch().forEach(r -> idsBySku.put(r.value2(), r.value1()));
        }
        List<Product> created = new ArrayList<>(products.size());
        for (NewProduct p : products) {
            created.add(
                    new Product(idsBySku.get(p.sku()), p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0L));
        }
        return created;
    }

    @Override
    public Optional<Product> findProductBySku(String sku) {
        Check.storable("sku", Check.notNull("sku", sku), Integer.MAX_VALUE);
        return run(
                "findProductBySku",
                () -> dsl.selectFrom(PRODUCT).where(PRODUCT.SKU.eq(sku)).fetchOptional(JooqStoreRepository::toProduct));
    }

    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Check.notNull("search", search);
        Condition where = noCondition();
        if (search.nameContains().isPresent() && !search.nameContains().get().isEmpty()) {
            // The fragment is bound as a parameter; likeEscaped makes %, _ and \ literal for ESCAPE '\'.
            where = where.and(PRODUCT.NAME.likeIgnoreCase(
                    "%" + ProductSearch.likeEscaped(search.nameContains().get()) + "%", '\\'));
        }
        if (search.minPrice().isPresent()) {
            where = where.and(PRODUCT.PRICE.ge(search.minPrice().get()));
        }
        if (search.maxPrice().isPresent()) {
            where = where.and(PRODUCT.PRICE.le(search.maxPrice().get()));
        }
        if (search.attribute().isPresent()) {
            ProductSearch.AttributeFilter filter = search.attribute().get();
            // attributes @> '{"key": "value"}': the jsonb_path_ops GIN index answers containment.
            where = where.and(PRODUCT.ATTRIBUTES.contains(AttributesJson.write(Map.of(filter.key(), filter.value()))));
        }
        if (search.inStockOnly()) {
            where = where.and(PRODUCT.STOCK.gt(0));
        }
        boolean ascending = search.direction() == SortDirection.ASC;
        List<SortField<?>> orderBy = new ArrayList<>(2);
        if (search.after().isPresent()) {
            where = where.and(after(search, search.after().get(), ascending));
        }
        switch (search.sortKey()) {
            case NAME -> orderBy.add(ascending ? PRODUCT.NAME.asc() : PRODUCT.NAME.desc());
            case PRICE -> orderBy.add(ascending ? PRODUCT.PRICE.asc() : PRODUCT.PRICE.desc());
            case STOCK -> orderBy.add(ascending ? PRODUCT.STOCK.asc() : PRODUCT.STOCK.desc());
            case ID -> {} // the tie breaker below is the whole order
        }
        orderBy.add(ascending ? PRODUCT.ID.asc() : PRODUCT.ID.desc());
        Condition filter = where;
        return run(
                "searchProducts",
                () -> ProductPage.of(
                        dsl.selectFrom(PRODUCT)
                                .where(filter)
                                .orderBy(orderBy)
                                .limit(search.pageSize())
                                .fetch(JooqStoreRepository::toProduct),
                        search.pageSize()));
    }

    /** The keyset predicate: rows strictly after the cursor in (sort key, id) order. */
    private static Condition after(ProductSearch search, ProductCursor cursor, boolean ascending) {
        return switch (search.sortKey()) {
            case NAME ->
                ascending
                        ? row(PRODUCT.NAME, PRODUCT.ID).gt(cursor.name(), cursor.id())
                        : row(PRODUCT.NAME, PRODUCT.ID).lt(cursor.name(), cursor.id());
            case PRICE ->
                ascending
                        ? row(PRODUCT.PRICE, PRODUCT.ID).gt(cursor.price(), cursor.id())
                        : row(PRODUCT.PRICE, PRODUCT.ID).lt(cursor.price(), cursor.id());
            case STOCK ->
                ascending
                        ? row(PRODUCT.STOCK, PRODUCT.ID).gt(cursor.stock(), cursor.id())
                        : row(PRODUCT.STOCK, PRODUCT.ID).lt(cursor.stock(), cursor.id());
            case ID -> ascending ? PRODUCT.ID.gt(cursor.id()) : PRODUCT.ID.lt(cursor.id());
        };
    }

    private static Product toProduct(ProductRecord r) {
        return new Product(
                r.getId(),
                r.getSku(),
                r.getName(),
                r.getPrice(),
                r.getStock(),
                AttributesJson.read(r.getAttributes()),
                r.getVersion());
    }

    // ---------------------------------------------------------------------------------------
    // P06: placing an order
    // ---------------------------------------------------------------------------------------

    @Override
    public Order placeOrder(PlaceOrder order) {
        Check.notNull("order", order);
        // Units per product, summed over the lines, in id order: stock rows are then always locked
        // in the same order, so two orders for the same products cannot deadlock.
        SortedMap<Long, Long> units = new TreeMap<>();
        for (OrderLineRequest line : order.lines()) {
            units.merge(line.productId(), (long) line.quantity(), Long::sum);
        }
        return run("placeOrder", () -> {
            if (order.idempotencyKey().isPresent()) {
                // The common retry: the order exists and is returned without taking any lock.
                Optional<Order> existing =
                        fetchOrders(
                                        dsl,
                                        PURCHASE_ORDER.IDEMPOTENCY_KEY.eq(
                                                order.idempotencyKey().get()))
                                .stream()
                                .findFirst();
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            return dsl.transactionResult(tx -> place(tx.dsl(), order, units));
        });
    }

    private static Order place(DSLContext tx, PlaceOrder order, SortedMap<Long, Long> units) {
        Map<Long, Record4<Long, String, String, BigDecimal>> products = tx.select(
                        PRODUCT.ID, PRODUCT.SKU, PRODUCT.NAME, PRODUCT.PRICE)
                .from(PRODUCT)
                .where(PRODUCT.ID.in(units.keySet()))
                .fetchMap(PRODUCT.ID);
        for (Map.Entry<Long, Long> entry : units.entrySet()) {
            if (!products.containsKey(entry.getKey())) {
                throw new NotFoundException("product", entry.getKey());
            }
            if (entry.getValue() > Integer.MAX_VALUE) {
                // Lines may add up beyond an int; no stock (an integer column) can hold that many.
                throw new InsufficientStockException(entry.getKey(), Integer.MAX_VALUE);
            }
        }

        List<OrderLine> lines = new ArrayList<>(order.lines().size());
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLineRequest request : order.lines()) {
            Record4<Long, String, String, BigDecimal> product = products.get(request.productId());
            BigDecimal price = product.value4();
            lines.add(new OrderLine(
                    lines.size() + 1,
                    request.productId(),
                    product.value2(),
                    product.value3(),
                    request.quantity(),
                    price));
            total = total.add(price.multiply(BigDecimal.valueOf(request.quantity())));
        }

        // The order row first: with a key, ON CONFLICT makes a concurrent caller with the same key
        // wait here for the first one's commit, before either takes any stock.
        InsertSetMoreStep<?> insert = tx.insertInto(PURCHASE_ORDER)
                .set(PURCHASE_ORDER.CUSTOMER_ID, order.customerId())
                .set(PURCHASE_ORDER.STATUS, OrderStatus.NEW)
                .set(PURCHASE_ORDER.IDEMPOTENCY_KEY, order.idempotencyKey().orElse(null))
                .set(PURCHASE_ORDER.TOTAL, total)
                .set(PURCHASE_ORDER.CREATED_AT, order.placedAt());
        Optional<Long> orderId;
        try {
            orderId = order.idempotencyKey().isPresent()
                    ? insert.onConflict(PURCHASE_ORDER.IDEMPOTENCY_KEY)
                            .doNothing()
                            .returningResult(PURCHASE_ORDER.ID)
                            .fetchOptional(Record1::value1)
                    : Optional.of(insert.returningResult(PURCHASE_ORDER.ID).fetchSingle(Record1::value1));
        } catch (DataAccessException e) {
            // The only foreign key of purchase_order is its customer.
            if ("23503".equals(e.sqlState())) {
                throw new NotFoundException("customer", order.customerId());
            }
            throw e;
        }
        if (orderId.isEmpty()) {
            // Another caller committed an order with this key while we were here: that one wins.
            return fetchOrders(
                            tx,
                            PURCHASE_ORDER.IDEMPOTENCY_KEY.eq(
                                    order.idempotencyKey().get()))
                    .stream()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("idempotency key conflict without an order"));
        }

        takeStock(tx, units);

        InsertValuesStep5<?, Long, Integer, Long, Integer, BigDecimal> lineInsert = tx.insertInto(
                ORDER_LINE,
                ORDER_LINE.ORDER_ID,
                ORDER_LINE.LINE_NO,
                ORDER_LINE.PRODUCT_ID,
                ORDER_LINE.QUANTITY,
                ORDER_LINE.UNIT_PRICE);
        for (OrderLine line : lines) {
            lineInsert = lineInsert.values(
                    orderId.get(), line.lineNo(), line.productId(), line.quantity(), line.unitPrice());
        }
        lineInsert.execute();

        return new Order(
                orderId.get(),
                order.customerId(),
                OrderStatus.NEW,
                order.idempotencyKey(),
                total,
                order.placedAt(),
                0L,
                lines);
    }

    /**
     * One conditional UPDATE per distinct product, sent as one JDBC batch: the stock check and the
     * decrement are one atomic step in the database, so concurrent orders can never oversell.
     */
    private static void takeStock(DSLContext tx, SortedMap<Long, Long> units) {
        Param<Integer> quantity = param("quantity", SQLDataType.INTEGER);
        Param<Long> productId = param("productId", SQLDataType.BIGINT);
        BatchBindStep batch = tx.batch(tx.update(PRODUCT)
                .set(PRODUCT.STOCK, PRODUCT.STOCK.minus(quantity))
                .set(PRODUCT.VERSION, PRODUCT.VERSION.plus(inline(1L)))
                .where(PRODUCT.ID.eq(productId))
                .and(PRODUCT.STOCK.ge(quantity)));
        for (Map.Entry<Long, Long> entry : units.entrySet()) {
            batch = batch.bind(Map.of("quantity", entry.getValue().intValue(), "productId", entry.getKey()));
        }
        int[] updated = batch.execute();
        int i = 0;
        for (Map.Entry<Long, Long> entry : units.entrySet()) {
            if (updated[i++] == 0) {
                // The product exists (checked before), so the stock was short.
                throw new InsufficientStockException(
                        entry.getKey(), entry.getValue().intValue());
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // P07, P08: reading orders with their lines
    // ---------------------------------------------------------------------------------------

    @Override
    public Optional<Order> findOrder(long orderId) {
        return run(
                "findOrder",
                () -> fetchOrders(dsl, PURCHASE_ORDER.ID.eq(orderId)).stream().findFirst());
    }

    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        Check.between("limit", limit, 1, MAX_LATEST_ORDERS);
        return run(
                "latestOrders",
                () -> dsl.select(orderFields(PURCHASE_ORDER))
                        .from(PURCHASE_ORDER)
                        .where(PURCHASE_ORDER.CUSTOMER_ID.eq(customerId))
                        .orderBy(PURCHASE_ORDER.CREATED_AT.desc(), PURCHASE_ORDER.ID.desc())
                        .limit(limit)
                        .fetch(JooqStoreRepository::toOrder));
    }

    /** Orders matching {@code condition}, each with its lines, in one statement. */
    private static List<Order> fetchOrders(DSLContext ctx, Condition condition) {
        return ctx.select(orderFields(PURCHASE_ORDER))
                .from(PURCHASE_ORDER)
                .where(condition)
                .fetch(JooqStoreRepository::toOrder);
    }

    /**
     * The columns of {@code orders} (the table itself, or a CTE returning its columns) and, as a
     * MULTISET, each order's lines with the product's SKU and name; read back by {@link #toOrder}.
     */
    private static List<Field<?>> orderFields(Table<?> orders) {
        Field<Long> orderId = orders.field(PURCHASE_ORDER.ID);
        Field<List<OrderLine>> lines = multiset(select(
                                ORDER_LINE.LINE_NO,
                                ORDER_LINE.PRODUCT_ID,
                                PRODUCT.SKU,
                                PRODUCT.NAME,
                                ORDER_LINE.QUANTITY,
                                ORDER_LINE.UNIT_PRICE)
                        .from(ORDER_LINE)
                        .join(PRODUCT)
                        .on(PRODUCT.ID.eq(ORDER_LINE.PRODUCT_ID))
                        .where(ORDER_LINE.ORDER_ID.eq(orderId))
                        .orderBy(ORDER_LINE.LINE_NO))
                .as("lines")
                .convertFrom(result -> result.map(mapping(OrderLine::new)));
        return List.of(
                orderId,
                orders.field(PURCHASE_ORDER.CUSTOMER_ID),
                orders.field(PURCHASE_ORDER.STATUS),
                orders.field(PURCHASE_ORDER.IDEMPOTENCY_KEY),
                orders.field(PURCHASE_ORDER.TOTAL),
                orders.field(PURCHASE_ORDER.CREATED_AT),
                orders.field(PURCHASE_ORDER.VERSION),
                lines);
    }

    @SuppressWarnings("unchecked")
    private static Order toOrder(org.jooq.Record r) {
        return new Order(
                r.get(0, Long.class),
                r.get(1, Long.class),
                r.get(2, OrderStatus.class),
                Optional.ofNullable(r.get(3, String.class)),
                r.get(4, BigDecimal.class),
                r.get(5, Instant.class),
                r.get(6, Long.class),
                (List<OrderLine>) r.get(7));
    }

    // ---------------------------------------------------------------------------------------
    // P09, P10: status changes
    // ---------------------------------------------------------------------------------------

    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Check.id("orderId", orderId);
        Check.notNull("newStatus", newStatus);
        Set<OrderStatus> legalSources = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            if (status.canMoveTo(newStatus)) {
                legalSources.add(status);
            }
        }
        return run("changeStatus", () -> {
            // Optimistic, in one statement: the UPDATE checks version and transition, a
            // cancellation's restock rides along as data-modifying CTEs, and the changed order
            // comes back with its lines. Only when it changes nothing does a read say why.
            Optional<Order> changed = Optional.empty();
            if (!legalSources.isEmpty()) {
                CommonTableExpression<?> updated = name("changed")
                        .as(DSL.update(PURCHASE_ORDER)
                                .set(PURCHASE_ORDER.STATUS, newStatus)
                                .set(PURCHASE_ORDER.VERSION, PURCHASE_ORDER.VERSION.plus(inline(1L)))
                                .where(PURCHASE_ORDER.ID.eq(orderId))
                                .and(PURCHASE_ORDER.VERSION.eq(expectedVersion))
                                .and(PURCHASE_ORDER.STATUS.in(legalSources))
                                .returningResult(
                                        PURCHASE_ORDER.ID,
                                        PURCHASE_ORDER.CUSTOMER_ID,
                                        PURCHASE_ORDER.STATUS,
                                        PURCHASE_ORDER.IDEMPOTENCY_KEY,
                                        PURCHASE_ORDER.TOTAL,
                                        PURCHASE_ORDER.CREATED_AT,
                                        PURCHASE_ORDER.VERSION));
                CommonTableExpression<?>[] ctes = newStatus == OrderStatus.CANCELLED
                        ? withRestock(updated)
                        : new CommonTableExpression<?>[] {updated};
                changed = dsl.with(ctes)
                        .select(orderFields(updated))
                        .from(updated)
                        .fetchOptional(JooqStoreRepository::toOrder);
            }
            return changed.orElseThrow(() -> whyUnchanged(dsl, orderId, expectedVersion, newStatus));
        });
    }

    /** Why the status UPDATE matched no row: absent, then stale version (checked first), then illegal transition. */
    private static RuntimeException whyUnchanged(
            DSLContext tx, long orderId, long expectedVersion, OrderStatus newStatus) {
        Record2<OrderStatus, Long> current = tx.select(PURCHASE_ORDER.STATUS, PURCHASE_ORDER.VERSION)
                .from(PURCHASE_ORDER)
                .where(PURCHASE_ORDER.ID.eq(orderId))
                .fetchOne();
        if (current == null) {
            return new NotFoundException("order", orderId);
        }
        if (current.value2() != expectedVersion || current.value1().canMoveTo(newStatus)) {
            // (A legal transition at the expected version can only be seen here if the row moved
            // on and back, which versions rule out; it is reported as stale all the same.)
            return new StaleVersionException(orderId, expectedVersion);
        }
        return new IllegalTransitionException(orderId, current.value1(), newStatus);
    }

    /**
     * {@code cancelled} (a data-modifying CTE returning the ids of the orders it cancelled) and the
     * CTEs that give their units back to stock: summed per product, one version step per product.
     * All CTEs of a statement share one snapshot, so exactly the cancelled orders' units return.
     */
    private static CommonTableExpression<?>[] withRestock(CommonTableExpression<?> cancelled) {
        CommonTableExpression<Record2<Long, Integer>> returned = name("returned")
                .as(select(
                                ORDER_LINE.PRODUCT_ID,
                                sum(ORDER_LINE.QUANTITY)
                                        .cast(SQLDataType.INTEGER)
                                        .as("units"))
                        .from(ORDER_LINE)
                        .join(cancelled)
                        .on(ORDER_LINE.ORDER_ID.eq(cancelled.field(PURCHASE_ORDER.ID)))
                        .groupBy(ORDER_LINE.PRODUCT_ID));
        CommonTableExpression<Record1<Long>> restocked = name("restocked")
                .as(DSL.update(PRODUCT)
                        .set(PRODUCT.STOCK, PRODUCT.STOCK.plus(returned.field("units", Integer.class)))
                        .set(PRODUCT.VERSION, PRODUCT.VERSION.plus(inline(1L)))
                        .from(returned)
                        .where(PRODUCT.ID.eq(returned.field(ORDER_LINE.PRODUCT_ID)))
                        .returningResult(PRODUCT.ID));
        return new CommonTableExpression<?>[] {cancelled, returned, restocked};
    }

    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Instant before = boundary(Check.notNull("cutoff", cutoff));
        // One statement whatever the number of orders.
        CommonTableExpression<Record1<Long>> cancelled = name("cancelled")
                .as(DSL.update(PURCHASE_ORDER)
                        .set(PURCHASE_ORDER.STATUS, OrderStatus.CANCELLED)
                        .set(PURCHASE_ORDER.VERSION, PURCHASE_ORDER.VERSION.plus(inline(1L)))
                        .where(PURCHASE_ORDER.STATUS.eq(OrderStatus.NEW))
                        .and(PURCHASE_ORDER.CREATED_AT.lt(before))
                        .returningResult(PURCHASE_ORDER.ID));
        return run(
                "cancelNewOrdersBefore",
                () -> dsl.with(withRestock(cancelled))
                        .select(count())
                        .from(cancelled)
                        .fetchSingle(Record1::value1));
    }

    // ---------------------------------------------------------------------------------------
    // P11, P12, P13
    // ---------------------------------------------------------------------------------------

    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Check.range("from", from, "to", to);
        Check.between("limit", limit, 1, MAX_REPORT_ROWS);
        Instant start = boundary(from);
        Instant end = boundary(to);
        // Aggregate and cut to the top N first, then join only the winners to their e-mail.
        Field<BigDecimal> revenue = sum(PURCHASE_ORDER.TOTAL).as("revenue");
        Field<Integer> orders = count().as("orders");
        Table<Record3<Long, BigDecimal, Integer>> top = select(PURCHASE_ORDER.CUSTOMER_ID, revenue, orders)
                .from(PURCHASE_ORDER)
                .where(PURCHASE_ORDER.STATUS.in(OrderStatus.PAID, OrderStatus.SHIPPED))
                .and(PURCHASE_ORDER.CREATED_AT.ge(start))
                .and(PURCHASE_ORDER.CREATED_AT.lt(end))
                .groupBy(PURCHASE_ORDER.CUSTOMER_ID)
                .orderBy(revenue.desc(), PURCHASE_ORDER.CUSTOMER_ID.asc())
                .limit(limit)
                .asTable("top");
        Field<Long> customerId = top.field(PURCHASE_ORDER.CUSTOMER_ID);
        Field<BigDecimal> topRevenue = top.field(revenue);
        return run(
                "topCustomersByRevenue",
                () -> dsl.select(customerId, CUSTOMER.EMAIL, topRevenue, top.field(orders))
                        .from(top)
                        .join(CUSTOMER)
                        .on(CUSTOMER.ID.eq(customerId))
                        .orderBy(topRevenue.desc(), customerId.asc())
                        .fetch(mapping((id, email, amount, count) -> new CustomerRevenue(id, email, amount, count))));
    }

    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Check.range("from", from, "to", to);
        Check.notNull("consumer", consumer);
        Instant start = boundary(from);
        Instant end = boundary(to);
        try {
            // pgjdbc fetches in chunks only with auto-commit off, hence the transaction.
            return run(
                    "streamOrderLines",
                    () -> dsl.transactionResult(tx -> {
                        RecordMapper<
                                        Record10<
                                                Long,
                                                Integer,
                                                Long,
                                                Instant,
                                                OrderStatus,
                                                Long,
                                                String,
                                                String,
                                                Integer,
                                                BigDecimal>,
                                        OrderLineRow>
                                toRow = mapping(OrderLineRow::new);
                        try (var cursor = tx.dsl()
                                .select(
                                        ORDER_LINE.ORDER_ID,
                                        ORDER_LINE.LINE_NO,
                                        PURCHASE_ORDER.CUSTOMER_ID,
                                        PURCHASE_ORDER.CREATED_AT,
                                        PURCHASE_ORDER.STATUS,
                                        ORDER_LINE.PRODUCT_ID,
                                        PRODUCT.SKU,
                                        PRODUCT.NAME,
                                        ORDER_LINE.QUANTITY,
                                        ORDER_LINE.UNIT_PRICE)
                                .from(ORDER_LINE)
                                .join(PURCHASE_ORDER)
                                .on(PURCHASE_ORDER.ID.eq(ORDER_LINE.ORDER_ID))
                                .join(PRODUCT)
                                .on(PRODUCT.ID.eq(ORDER_LINE.PRODUCT_ID))
                                .where(PURCHASE_ORDER.CREATED_AT.ge(start))
                                .and(PURCHASE_ORDER.CREATED_AT.lt(end))
                                .orderBy(ORDER_LINE.ORDER_ID, ORDER_LINE.LINE_NO)
                                .fetchSize(STREAM_FETCH_SIZE)
                                .fetchLazy()) {
                            long passed = 0;
                            for (var record : cursor) {
                                OrderLineRow row = toRow.map(record);
                                try {
                                    consumer.accept(row);
                                } catch (Throwable t) {
                                    throw new ConsumerFailure(t);
                                }
                                passed++;
                            }
                            return passed;
                        }
                    }));
        } catch (ConsumerFailure failure) {
            // The transaction is rolled back and the connection returned; the caller gets its own exception.
            throw failure.<RuntimeException>rethrowCause();
        }
    }

    /** Carries a consumer's exception through jOOQ's transaction and {@link #run} untouched (P12.3). */
    private static final class ConsumerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConsumerFailure(Throwable cause) {
            super(null, cause, false, false);
        }

        @SuppressWarnings("unchecked")
        <E extends Throwable> E rethrowCause() throws E {
            throw (E) getCause();
        }
    }

    @Override
    public boolean deleteOrder(long orderId) {
        Check.id("orderId", orderId);
        return run(
                "deleteOrder",
                () -> dsl.deleteFrom(PURCHASE_ORDER)
                                .where(PURCHASE_ORDER.ID.eq(orderId))
                                .execute()
                        > 0);
    }

    // ---------------------------------------------------------------------------------------

    @Override
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("library", "jOOQ " + Constants.VERSION + " (open-source edition)");
        s.put("dialect", dsl.dialect().name());
        s.put("classes", "generated at build time from the Flyway-migrated schema (outputSchemaToDefault)");
        s.put("connectionProvider", "DataSourceConnectionProvider (a pooled connection per statement or transaction)");
        s.put("transactionProvider", "DefaultTransactionProvider (no savepoint for a top-level transaction)");
        s.put("statementType", String.valueOf(settings.getStatementType()));
        s.put("paramType", String.valueOf(settings.getParamType()));
        s.put("renderCatalog", String.valueOf(settings.isRenderCatalog()));
        s.put("renderSchema", String.valueOf(settings.isRenderSchema()));
        s.put("renderQuotedNames", String.valueOf(settings.getRenderQuotedNames()));
        s.put(
                "executeListeners",
                dsl.configuration().executeListenerProviders().length == 0
                        ? "none"
                        : String.valueOf(dsl.configuration().executeListenerProviders().length));
        s.put("executeLogging", String.valueOf(settings.isExecuteLogging()));
        s.put("diagnosticsLogging", String.valueOf(settings.isDiagnosticsLogging()));
        s.put("fetchWarnings", String.valueOf(settings.isFetchWarnings()));
        s.put("emulateMultiset", String.valueOf(settings.getEmulateMultiset()));
        s.put("renderRowConditionForSeekClause", String.valueOf(settings.isRenderRowConditionForSeekClause()));
        s.put(
                "P03.insert",
                "multi-row INSERT ... RETURNING id, sku; " + INSERT_ROWS_PER_STATEMENT + " rows a statement");
        s.put("P06.stock", "one conditional UPDATE per distinct product, one JDBC batch, product id order");
        s.put("P06.idempotency", "INSERT ... ON CONFLICT (idempotency_key) DO NOTHING RETURNING id");
        s.put("P07/P08.nesting", "MULTISET (one statement)");
        s.put(
                "P09.change",
                "one statement: version- and transition-checked UPDATE in a CTE (+ restock CTEs), MULTISET read-back");
        s.put("P10.bulk", "one statement: data-modifying CTEs");
        s.put("P12.fetchSize", String.valueOf(STREAM_FETCH_SIZE));
        s.put("P12.fetch", "fetchLazy() cursor in a transaction");
        return Collections.unmodifiableMap(s);
    }

    /** Nothing to release: the DSLContext holds no resource of its own, and the DataSource is the caller's. */
    @Override
    public void close() {}

    /**
     * A range bound on PostgreSQL's microsecond grid that selects exactly the same stored
     * instants as {@code bound} itself: for x on the grid, {@code x >= b} and {@code x < b} hold
     * exactly when they hold for b rounded up to the next microsecond. (Truncating would move an
     * exclusive upper bound below rows created strictly before it; PostgreSQL itself would
     * round to the nearest.)
     */
    private static Instant boundary(Instant bound) {
        return Check.bound("bound", bound);
    }

    /** Runs {@code work}, translating whatever jOOQ or the driver throws into the contract's exceptions (G.3). */
    private static <T> T run(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (ConsumerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw SqlErrors.translateAny(operation, e);
        }
    }
}
