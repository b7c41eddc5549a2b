package dev.persistbench.jooq;

import static dev.persistbench.jooq.db.Tables.CUSTOMER;
import static dev.persistbench.jooq.db.Tables.ORDER_LINE;
import static dev.persistbench.jooq.db.Tables.PRODUCT;
import static dev.persistbench.jooq.db.Tables.PURCHASE_ORDER;
import static org.jooq.Records.mapping;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.array;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.trueCondition;
import static org.jooq.impl.DSL.val;

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
import dev.persistbench.contract.model.ProductCursor;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.SortDirection;
import dev.persistbench.jooq.db.tables.records.OrderLineRecord;
import dev.persistbench.jooq.db.tables.records.ProductRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Constants;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertReturningStep;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Record10;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.Record5;
import org.jooq.RecordMapper;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Select;
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
 * G.1: every operation but two is one statement, sent in auto-commit, which PostgreSQL makes
 * atomic on its own; P06 (several statements) runs in exactly one transaction, and so does P12's
 * streaming read (pgjdbc fetches in chunks only with auto-commit off). Arguments are checked by
 * {@link Arguments}, first, and nowhere else.
 */
public final class JooqStoreRepository implements StoreRepository {

    // tag::config[]
    private final Settings settings;
    private final DSLContext dsl;
    /** The flat-join variant: P07 and P08 as one flat join folded in Java (see {@link #variants()}). */
    private final boolean flatJoin;

    /** Builds the repository over {@code dataSource}; the caller keeps owning (and closing) the DataSource. */
    public JooqStoreRepository(DataSource dataSource) {
        this(dataSource, false);
    }

    private JooqStoreRepository(DataSource dataSource, boolean flatJoin) {
        Check.notNull("dataSource", dataSource);
        this.settings = tunedSettings();
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, settings);
        this.flatJoin = flatJoin;
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

    // end::config[]
    // ---------------------------------------------------------------------------------------
    // P01, P02: customers
    // ---------------------------------------------------------------------------------------

    // tag::P01[]
    @Override
    public Customer createCustomer(NewCustomer customer) {
        Arguments.createCustomer(customer);
        return run(
                "createCustomer",
                () -> dsl.insertInto(CUSTOMER, CUSTOMER.EMAIL, CUSTOMER.NAME)
                        .values(customer.email(), customer.name())
                        .returningResult(CUSTOMER.ID, CUSTOMER.CREATED_AT)
                        .fetchSingle(mapping(
                                (id, createdAt) -> new Customer(id, customer.email(), customer.name(), createdAt))));
    }

    // end::P01[]
    // tag::P02[]
    @Override
    public Optional<Customer> findCustomer(long id) {
        if (!Arguments.findCustomer(id)) {
            return Optional.empty();
        }
        return run(
                "findCustomer",
                () -> dsl.select(CUSTOMER.ID, CUSTOMER.EMAIL, CUSTOMER.NAME, CUSTOMER.CREATED_AT)
                        .from(CUSTOMER)
                        .where(CUSTOMER.ID.eq(id))
                        .fetchOptional(mapping(Customer::new)));
    }

    // end::P02[]
    // ---------------------------------------------------------------------------------------
    // P03, P04, P05: products
    // ---------------------------------------------------------------------------------------

    // tag::P03[]
    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Arguments.createProducts(products);
        if (products.isEmpty()) {
            return List.of();
        }
        // One array per column, whatever the number of products: one statement of five bind
        // values, far from pgjdbc's 32,767 (a multi-row VALUES of 10,000 products would need
        // 50,000), and one statement text, which pgjdbc can keep prepared on the server.
        int n = products.size();
        String[] skus = new String[n];
        String[] names = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        Integer[] stocks = new Integer[n];
        String[] attributes = new String[n];
        for (int i = 0; i < n; i++) {
            NewProduct p = products.get(i);
            skus[i] = p.sku();
            names[i] = p.name();
            prices[i] = p.price();
            stocks[i] = p.stock();
            attributes[i] = AttributesJson.write(p.attributes()).data();
        }
        // PostgreSQL has unnest(a, b, ...) over several arrays; jOOQ's DSL.unnest takes one, so the
        // table is a plain SQL template over typed binds, with column names of its own.
        Name rows = name("new_product");
        Table<?> unnested = table(
                        "unnest({0}, {1}, {2}, {3}, {4})",
                        val(skus), val(names), val(prices), val(stocks), val(attributes))
                .as(rows, name("sku"), name("name"), name("price"), name("stock"), name("attributes"));
        return run("createProducts", () -> {
            // PostgreSQL does not promise that RETURNING follows the input order, so the ids are
            // matched back to the input through the unique SKU.
            Map<String, Long> idsBySku = dsl.insertInto(
                            PRODUCT, PRODUCT.SKU, PRODUCT.NAME, PRODUCT.PRICE, PRODUCT.STOCK, PRODUCT.ATTRIBUTES)
                    .select(select(
                                    field(rows.append("sku"), PRODUCT.SKU.getDataType()),
                                    field(rows.append("name"), PRODUCT.NAME.getDataType()),
                                    field(rows.append("price"), PRODUCT.PRICE.getDataType()),
                                    field(rows.append("stock"), PRODUCT.STOCK.getDataType()),
                                    field(rows.append("attributes"), SQLDataType.VARCHAR)
                                            .cast(PRODUCT.ATTRIBUTES.getDataType()))
                            .from(unnested))
                    .returningResult(PRODUCT.SKU, PRODUCT.ID)
                    .fetchMap(PRODUCT.SKU, PRODUCT.ID);
            List<Product> created = new ArrayList<>(n);
            for (NewProduct p : products) {
                created.add(new Product(
                        idsBySku.get(p.sku()), p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0L));
            }
            return created;
        });
    }

    // end::P03[]
    // tag::P04[]
    @Override
    public Optional<Product> findProductBySku(String sku) {
        if (!Arguments.findProductBySku(sku)) {
            return Optional.empty();
        }
        return run(
                "findProductBySku",
                () -> dsl.selectFrom(PRODUCT).where(PRODUCT.SKU.eq(sku)).fetchOptional(JooqStoreRepository::toProduct));
    }

    // end::P04[]
    // tag::P05[]
    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Arguments.searchProducts(search);
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

    // end::P05[]
    // tag::P04[]
    // tag::P05[]
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

    // end::P04[]
    // end::P05[]
    // ---------------------------------------------------------------------------------------
    // P06: placing an order
    // ---------------------------------------------------------------------------------------

    // tag::P06[]
    @Override
    public Order placeOrder(PlaceOrder order) {
        // Units per product, summed exactly (a long), in the order the products first appear.
        Map<Long, Long> units = Arguments.placeOrder(order);
        // Ascending product ids: concurrent orders lock the product rows they share in one order.
        SortedMap<Long, Long> byId = new TreeMap<>(units);
        Field<Long[]> ids = val(byId.keySet().toArray(Long[]::new));
        Field<Long[]> amounts = val(byId.values().toArray(Long[]::new));
        return run(
                "placeOrder",
                () -> dsl.transactionResult(tx -> order.idempotencyKey().isPresent()
                        ? placeWithKey(tx.dsl(), order, units, ids, amounts)
                        : placeWithoutKey(tx.dsl(), order, units, ids, amounts)));
    }

    /**
     * Without a key, two statements: take the stock, then insert the order, with the total the
     * returned prices give, and all its lines in one statement.
     */
    private static Order placeWithoutKey(
            DSLContext tx, PlaceOrder order, Map<Long, Long> units, Field<Long[]> ids, Field<Long[]> amounts) {
        Map<Long, Record4<Long, String, String, BigDecimal>> taken =
                tx.fetch(takeStock(ids, amounts, noCondition())).intoMap(PRODUCT.ID);
        if (taken.size() < units.size()) {
            throw whyNoStock(tx, order.customerId(), units, ids, taken.keySet());
        }
        PlacedLines placed = PlacedLines.of(order, taken);
        CommonTableExpression<Record1<Long>> inserted = name("o")
                .as(DSL.insertInto(
                                PURCHASE_ORDER,
                                PURCHASE_ORDER.CUSTOMER_ID,
                                PURCHASE_ORDER.TOTAL,
                                PURCHASE_ORDER.CREATED_AT)
                        .values(order.customerId(), placed.total(), order.placedAt())
                        .returningResult(PURCHASE_ORDER.ID));
        Field<Long> orderId = inserted.field(PURCHASE_ORDER.ID);
        CommonTableExpression<?> lines =
                name("lines").as(placed.insert(orderId, inserted).returningResult(ORDER_LINE.LINE_NO));
        long id = unknownCustomerOr(
                order,
                () -> tx.with(inserted, lines).select(orderId).from(inserted).fetchSingle(Record1::value1));
        return placed.order(id, order);
    }

    /**
     * With a key, two statements. The first claims the key ({@code INSERT ... ON CONFLICT DO
     * NOTHING}, total 0) and, only if it claimed it, takes the stock, in one statement: a caller
     * racing with the same key waits on the unique index for the first one's commit, then claims
     * nothing, takes no stock and returns the first one's order (read only then). The second
     * writes the total, known once the stock is taken, and inserts the lines.
     */
    private static Order placeWithKey(
            DSLContext tx, PlaceOrder order, Map<Long, Long> units, Field<Long[]> ids, Field<Long[]> amounts) {
        String key = order.idempotencyKey().orElseThrow();
        CommonTableExpression<Record1<Long>> claimed = name("o")
                .as(DSL.insertInto(
                                PURCHASE_ORDER,
                                PURCHASE_ORDER.CUSTOMER_ID,
                                PURCHASE_ORDER.IDEMPOTENCY_KEY,
                                PURCHASE_ORDER.TOTAL,
                                PURCHASE_ORDER.CREATED_AT)
                        .values(order.customerId(), key, BigDecimal.ZERO, order.placedAt())
                        .onConflict(PURCHASE_ORDER.IDEMPOTENCY_KEY)
                        .doNothing()
                        .returningResult(PURCHASE_ORDER.ID));
        Field<Long> claimedId = claimed.field(PURCHASE_ORDER.ID);
        CommonTableExpression<Record4<Long, String, String, BigDecimal>> stock =
                name("s").as(takeStock(ids, amounts, exists(selectOne().from(claimed))));
        Field<Long> takenId = stock.field(PRODUCT.ID);
        Field<String> takenSku = stock.field(PRODUCT.SKU);
        Field<String> takenName = stock.field(PRODUCT.NAME);
        Field<BigDecimal> takenPrice = stock.field(PRODUCT.PRICE);
        Result<Record5<Long, Long, String, String, BigDecimal>> rows = unknownCustomerOr(
                order,
                () -> tx.with(claimed, stock)
                        .select(claimedId, takenId, takenSku, takenName, takenPrice)
                        .from(claimed)
                        .leftJoin(stock)
                        .on(trueCondition())
                        .fetch());
        if (rows.isEmpty()) {
            // The key was used before: its order, as it is now; nothing was written.
            return fetchOrders(tx, PURCHASE_ORDER.IDEMPOTENCY_KEY.eq(key)).stream()
                    .findFirst()
                    .orElseThrow(() -> new DataAccessFailureException(
                            "placeOrder: the order placed with this idempotency key was deleted concurrently",
                            null,
                            true,
                            null));
        }
        long id = rows.getFirst().value1();
        Map<Long, Record4<Long, String, String, BigDecimal>> taken = new HashMap<>();
        for (Record5<Long, Long, String, String, BigDecimal> row : rows) {
            if (row.value2() != null) {
                taken.put(row.value2(), row.into(takenId, takenSku, takenName, takenPrice));
            }
        }
        if (taken.size() < units.size()) {
            // The exception rolls the transaction back: the claimed order row goes with it.
            throw whyNoStock(tx, order.customerId(), units, ids, taken.keySet());
        }
        PlacedLines placed = PlacedLines.of(order, taken);
        CommonTableExpression<Record1<Long>> total = name("t")
                .as(DSL.update(PURCHASE_ORDER)
                        .set(PURCHASE_ORDER.TOTAL, placed.total())
                        .where(PURCHASE_ORDER.ID.eq(id))
                        .returningResult(PURCHASE_ORDER.ID));
        tx.with(total)
                .insertInto(
                        ORDER_LINE,
                        ORDER_LINE.ORDER_ID,
                        ORDER_LINE.LINE_NO,
                        ORDER_LINE.PRODUCT_ID,
                        ORDER_LINE.QUANTITY,
                        ORDER_LINE.UNIT_PRICE)
                .select(placed.select(val(id), null))
                .execute();
        return placed.order(id, order);
    }

    /**
     * One guarded UPDATE for every product of the order, {@code UPDATE product SET
     * stock = stock - w.units, version = version + 1 FROM (SELECT q.id, u.units FROM product q JOIN
     * unnest(ids, units) u ON q.id = u.id ORDER BY q.id FOR NO KEY UPDATE OF q) w WHERE id = w.id AND
     * stock >= w.units [AND guard] RETURNING id, sku, name, price}. The sub-select locks the rows in
     * ascending id order first (the join of an UPDATE ... FROM has no order of its own), as every
     * statement that changes stock does, so an order and a restock over the same products queue
     * instead of deadlocking. The check and the decrement are one atomic step in the database, so
     * concurrent orders never oversell; a product missing from the result is unknown or short.
     * Units are bigint: a sum beyond any int is simply more than any stock (P06.2).
     */
    private static ResultQuery<Record4<Long, String, String, BigDecimal>> takeStock(
            Field<Long[]> ids, Field<Long[]> amounts, Condition guard) {
        Name u = name("u");
        Field<Long> productId = field(u.append("id"), SQLDataType.BIGINT);
        Field<Long> quantity = field(u.append("units"), SQLDataType.BIGINT);
        Table<?> wanted = table("unnest({0}, {1})", ids, amounts)
                .as(u, productId.getUnqualifiedName(), quantity.getUnqualifiedName());
        Table<?> locked = lockedInIdOrder(productId, quantity, wanted, "w");
        Field<Long> units = locked.field(quantity.getUnqualifiedName(), SQLDataType.BIGINT);
        return DSL.update(PRODUCT)
                .set(PRODUCT.STOCK, PRODUCT.STOCK.minus(units))
                .set(PRODUCT.VERSION, PRODUCT.VERSION.plus(inline(1L)))
                .from(locked)
                .where(PRODUCT.ID.eq(locked.field(PRODUCT.ID.getUnqualifiedName(), SQLDataType.BIGINT)))
                .and(PRODUCT.STOCK.coerce(SQLDataType.BIGINT).ge(units))
                .and(guard)
                .returningResult(PRODUCT.ID, PRODUCT.SKU, PRODUCT.NAME, PRODUCT.PRICE);
    }

    // end::P06[]
    // tag::P06[]
    // tag::P09[]
    // tag::P10[]
    /** The product table as the lock sub-select's {@code q}: made once (an alias copies the table's fields). */
    private static final dev.persistbench.jooq.db.tables.Product LOCKED_PRODUCT = PRODUCT.as("q");

    /**
     * {@code (SELECT q.id, units FROM product q JOIN wanted ON q.id = productId ORDER BY q.id FOR NO
     * KEY UPDATE OF q) alias}: the products {@code wanted} names, with its {@code units}, locked in
     * ascending id order, the order in which every statement that changes stock locks them.
     */
    private static <T> Table<?> lockedInIdOrder(Field<Long> productId, Field<T> units, Table<?> wanted, String alias) {
        dev.persistbench.jooq.db.tables.Product q = LOCKED_PRODUCT;
        return select(q.ID, units)
                .from(q)
                .join(wanted)
                .on(q.ID.eq(productId))
                .orderBy(q.ID)
                .forNoKeyUpdate()
                .of(q)
                .asTable(alias);
    }
    // end::P06[]
    // end::P09[]
    // end::P10[]
    // tag::P06[]

    /**
     * Why the stock could not be taken, in one read inside the transaction that is about to roll
     * back: an unknown customer, else the first unknown product, else the first product short of
     * stock, in request order.
     */
    private static RuntimeException whyNoStock(
            DSLContext tx, long customerId, Map<Long, Long> units, Field<Long[]> ids, Set<Long> taken) {
        Record2<Boolean, Long[]> found = tx.select(
                        field(exists(selectOne().from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)))),
                        array(select(PRODUCT.ID).from(PRODUCT).where(PRODUCT.ID.eq(any(ids)))))
                .fetchSingle();
        if (!found.value1()) {
            return new NotFoundException("customer", customerId);
        }
        Set<Long> known = new HashSet<>(Arrays.asList(found.value2()));
        for (Long productId : units.keySet()) {
            if (!known.contains(productId)) {
                return new NotFoundException("product", productId);
            }
        }
        for (Map.Entry<Long, Long> wanted : units.entrySet()) {
            if (!taken.contains(wanted.getKey())) {
                return new InsufficientStockException(wanted.getKey(), wanted.getValue());
            }
        }
        return new IllegalStateException("placeOrder: stock not taken for every product, yet none is missing or short");
    }

    /** Runs a statement that inserts an order: its only foreign key is the customer (23503 → NotFoundException). */
    private static <T> T unknownCustomerOr(PlaceOrder order, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (DataAccessException e) {
            if ("23503".equals(e.sqlState())) {
                throw new NotFoundException("customer", order.customerId());
            }
            throw e;
        }
    }

    /**
     * The lines of an order being placed, numbered in request order with the taken products' SKU,
     * name and price, and their total; sent as three arrays whose ordinality is the line number.
     */
    private record PlacedLines(List<OrderLine> lines, BigDecimal total) {

        static PlacedLines of(PlaceOrder order, Map<Long, Record4<Long, String, String, BigDecimal>> taken) {
            List<OrderLine> lines = new ArrayList<>(order.lines().size());
            BigDecimal total = BigDecimal.ZERO;
            for (OrderLineRequest request : order.lines()) {
                Record4<Long, String, String, BigDecimal> product = taken.get(request.productId());
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
            return new PlacedLines(lines, total);
        }

        /**
         * {@code SELECT orderId, r.line_no, r.product_id, r.quantity, r.unit_price FROM [from,]
         * unnest(product ids, quantities, prices) WITH ORDINALITY r(...)}.
         */
        Select<Record5<Long, Integer, Long, Integer, BigDecimal>> select(Field<Long> orderId, Table<?> from) {
            int n = lines.size();
            Long[] productIds = new Long[n];
            Integer[] quantities = new Integer[n];
            BigDecimal[] prices = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                productIds[i] = lines.get(i).productId();
                quantities[i] = lines.get(i).quantity();
                prices[i] = lines.get(i).unitPrice();
            }
            Name r = name("r");
            Table<?> rows = table(
                            "unnest({0}, {1}, {2}) with ordinality", val(productIds), val(quantities), val(prices))
                    .as(r, name("product_id"), name("quantity"), name("unit_price"), name("line_no"));
            var select = DSL.select(
                    orderId,
                    field(r.append("line_no"), SQLDataType.INTEGER),
                    field(r.append("product_id"), SQLDataType.BIGINT),
                    field(r.append("quantity"), SQLDataType.INTEGER),
                    field(r.append("unit_price"), ORDER_LINE.UNIT_PRICE.getDataType()));
            return from == null ? select.from(rows) : select.from(from, rows);
        }

        /** {@code INSERT INTO order_line (...)} from {@link #select}, the order id read from {@code from}. */
        InsertReturningStep<OrderLineRecord> insert(Field<Long> orderId, Table<?> from) {
            return DSL.insertInto(
                            ORDER_LINE,
                            ORDER_LINE.ORDER_ID,
                            ORDER_LINE.LINE_NO,
                            ORDER_LINE.PRODUCT_ID,
                            ORDER_LINE.QUANTITY,
                            ORDER_LINE.UNIT_PRICE)
                    .select(select(orderId, from));
        }

        Order order(long id, PlaceOrder order) {
            return new Order(
                    id,
                    order.customerId(),
                    OrderStatus.NEW,
                    order.idempotencyKey(),
                    total,
                    order.placedAt(),
                    0L,
                    lines);
        }
    }

    // end::P06[]
    // ---------------------------------------------------------------------------------------
    // P07, P08: reading orders with their lines
    // ---------------------------------------------------------------------------------------

    // tag::P07[]
    @Override
    public Optional<Order> findOrder(long orderId) {
        if (flatJoin) {
            return run(
                    "findOrder",
                    () -> flatOrders(PURCHASE_ORDER, PURCHASE_ORDER.ID.eq(orderId), false).stream()
                            .findFirst());
        }
        return run(
                "findOrder",
                () -> fetchOrders(dsl, PURCHASE_ORDER.ID.eq(orderId)).stream().findFirst());
    }

    // end::P07[]
    // tag::P08[]
    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        if (!Arguments.latestOrders(customerId, limit)) {
            return List.of();
        }
        if (flatJoin) {
            // The orders limited in a derived table, then joined to their lines (the floor's shape).
            Table<?> latest = dsl.selectFrom(PURCHASE_ORDER)
                    .where(PURCHASE_ORDER.CUSTOMER_ID.eq(customerId))
                    .orderBy(PURCHASE_ORDER.CREATED_AT.desc(), PURCHASE_ORDER.ID.desc())
                    .limit(limit)
                    .asTable("o");
            return run("latestOrders", () -> flatOrders(latest, DSL.noCondition(), true));
        }
        return run(
                "latestOrders",
                () -> dsl.select(orderFields(PURCHASE_ORDER))
                        .from(PURCHASE_ORDER)
                        .where(PURCHASE_ORDER.CUSTOMER_ID.eq(customerId))
                        .orderBy(PURCHASE_ORDER.CREATED_AT.desc(), PURCHASE_ORDER.ID.desc())
                        .limit(limit)
                        .fetch(JooqStoreRepository::toOrder));
    }

    // end::P08[]
    // tag::variant-flat-join[]
    /**
     * The variants measured beside this default: {@code flat-join} reads P07 and P08 without
     * MULTISET, as one flat join of orders, lines and products whose rows are folded in Java.
     */
    public static List<Variant> variants() {
        return List.of(new Variant(
                "flat-join",
                "P07 and P08 without MULTISET: one flat join of orders, lines and products (the orders limited in a"
                        + " derived table for P08), the rows folded into orders in Java, as the raw-JDBC floor does",
                EnumSet.of(Pattern.P07, Pattern.P08),
                ds -> new JooqStoreRepository(ds, true)));
    }

    /**
     * The flat-join variant's read: {@code orders} (the table, or a derived table of it) left-joined
     * to its lines and their products in one statement, newest first when {@code newestFirst}, each
     * order's lines by line number; consecutive rows of one order are folded into it.
     */
    private List<Order> flatOrders(Table<?> orders, Condition condition, boolean newestFirst) {
        Field<Long> id = orders.field(PURCHASE_ORDER.ID);
        Field<Instant> createdAt = orders.field(PURCHASE_ORDER.CREATED_AT);
        var rows = dsl.select(
                        id,
                        orders.field(PURCHASE_ORDER.CUSTOMER_ID),
                        orders.field(PURCHASE_ORDER.STATUS),
                        orders.field(PURCHASE_ORDER.IDEMPOTENCY_KEY),
                        orders.field(PURCHASE_ORDER.TOTAL),
                        createdAt,
                        orders.field(PURCHASE_ORDER.VERSION),
                        ORDER_LINE.LINE_NO,
                        ORDER_LINE.PRODUCT_ID,
                        PRODUCT.SKU,
                        PRODUCT.NAME,
                        ORDER_LINE.QUANTITY,
                        ORDER_LINE.UNIT_PRICE)
                .from(orders)
                .leftJoin(ORDER_LINE)
                .on(ORDER_LINE.ORDER_ID.eq(id))
                .leftJoin(PRODUCT)
                .on(PRODUCT.ID.eq(ORDER_LINE.PRODUCT_ID))
                .where(condition)
                .orderBy(
                        newestFirst ? createdAt.desc() : createdAt.asc(),
                        newestFirst ? id.desc() : id.asc(),
                        ORDER_LINE.LINE_NO)
                .fetch();
        List<Order> out = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        org.jooq.Record head = null;
        for (org.jooq.Record r : rows) {
            if (head != null && !head.get(0, Long.class).equals(r.get(0, Long.class))) {
                out.add(toOrder(head, lines));
                lines = new ArrayList<>();
            }
            head = r;
            if (r.get(7) == null) {
                continue; // an order without lines (left join): no line to add
            }
            lines.add(new OrderLine(
                    r.get(7, Integer.class),
                    r.get(8, Long.class),
                    r.get(9, String.class),
                    r.get(10, String.class),
                    r.get(11, Integer.class),
                    r.get(12, BigDecimal.class)));
        }
        if (head != null) {
            out.add(toOrder(head, lines));
        }
        return out;
    }

    // end::variant-flat-join[]
    // tag::P06[]
    // tag::P07[]
    /** Orders matching {@code condition}, each with its lines, in one statement. */
    private static List<Order> fetchOrders(DSLContext ctx, Condition condition) {
        return ctx.select(orderFields(PURCHASE_ORDER))
                .from(PURCHASE_ORDER)
                .where(condition)
                .fetch(JooqStoreRepository::toOrder);
    }

    // end::P06[]
    // end::P07[]
    // tag::P06[]
    // tag::P07[]
    // tag::P08[]
    // tag::P09[]
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
        return toOrder(r, (List<OrderLine>) r.get(7));
    }

    /** The order whose columns are the first seven of {@code r}, in {@link #orderFields}' order, with {@code lines}. */
    private static Order toOrder(org.jooq.Record r, List<OrderLine> lines) {
        return new Order(
                r.get(0, Long.class),
                r.get(1, Long.class),
                r.get(2, OrderStatus.class),
                Optional.ofNullable(r.get(3, String.class)),
                r.get(4, BigDecimal.class),
                r.get(5, Instant.class),
                r.get(6, Long.class),
                lines);
    }

    // end::P06[]
    // end::P07[]
    // end::P08[]
    // end::P09[]
    // ---------------------------------------------------------------------------------------
    // P09, P10: status changes
    // ---------------------------------------------------------------------------------------

    // tag::P09[]
    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Arguments.changeStatus(orderId, expectedVersion, newStatus);
        Set<OrderStatus> legalSources = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            if (status.canMoveTo(newStatus)) {
                legalSources.add(status);
            }
        }
        if (legalSources.isEmpty()) {
            // Nothing can move to this status: one read says why (absent, stale, illegal).
            return run("changeStatus", () -> {
                Record2<OrderStatus, Long> current = dsl.select(PURCHASE_ORDER.STATUS, PURCHASE_ORDER.VERSION)
                        .from(PURCHASE_ORDER)
                        .where(PURCHASE_ORDER.ID.eq(orderId))
                        .fetchOne();
                if (current == null) {
                    throw new NotFoundException("order", orderId);
                }
                throw whyUnchanged(current.value1(), current.value2(), orderId, expectedVersion, newStatus);
            });
        }
        // One statement, whatever happens: the UPDATE checks version and transition in a CTE, a
        // cancellation's restock rides along as data-modifying CTEs, and the main query reads the
        // changed order with its lines, outer-joined to the order as the statement's snapshot saw
        // it, so that a refusal is explained without a second statement (and so without a
        // transaction, G.1).
        CommonTableExpression<?> changed = name("changed")
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
        CommonTableExpression<?>[] ctes =
                newStatus == OrderStatus.CANCELLED ? withRestock(changed) : new CommonTableExpression<?>[] {changed};
        List<Field<?>> fields = new ArrayList<>(orderFields(changed));
        fields.add(PURCHASE_ORDER.STATUS);
        fields.add(PURCHASE_ORDER.VERSION);
        int before = fields.size() - 2;
        return run("changeStatus", () -> {
            org.jooq.Record row = dsl.with(ctes)
                    .select(fields)
                    .from(PURCHASE_ORDER)
                    .leftJoin(changed)
                    .on(changed.field(PURCHASE_ORDER.ID).eq(PURCHASE_ORDER.ID))
                    .where(PURCHASE_ORDER.ID.eq(orderId))
                    .fetchOne();
            if (row == null) {
                throw new NotFoundException("order", orderId);
            }
            if (row.get(0) == null) {
                throw whyUnchanged(
                        row.get(before, OrderStatus.class),
                        row.get(before + 1, Long.class),
                        orderId,
                        expectedVersion,
                        newStatus);
            }
            return toOrder(row);
        });
    }

    /**
     * Why the status UPDATE matched no row of an order that exists, from the order as the
     * statement saw it: stale version (checked first), then illegal transition.
     */
    private static RuntimeException whyUnchanged(
            OrderStatus status, long version, long orderId, long expectedVersion, OrderStatus newStatus) {
        if (version != expectedVersion || status.canMoveTo(newStatus)) {
            // (A legal transition at the expected version is seen here when a concurrent change
            // moved the row on after the statement's snapshot: stale all the same.)
            return new StaleVersionException(orderId, expectedVersion);
        }
        return new IllegalTransitionException(orderId, status, newStatus);
    }

    // end::P09[]
    // tag::P09[]
    // tag::P10[]
    /**
     * {@code cancelled} (a data-modifying CTE returning the ids of the orders it cancelled) and the
     * CTEs that give their units back to stock: summed per product, one version step per product,
     * the products locked in ascending id order first ({@link #lockedInIdOrder}). All CTEs of a statement share one snapshot, so exactly the cancelled orders' units return.
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
        Table<?> locked = lockedInIdOrder(
                returned.field(ORDER_LINE.PRODUCT_ID), returned.field("units", Integer.class), returned, "k");
        CommonTableExpression<Record1<Long>> restocked = name("restocked")
                .as(DSL.update(PRODUCT)
                        .set(PRODUCT.STOCK, PRODUCT.STOCK.plus(locked.field("units", Integer.class)))
                        .set(PRODUCT.VERSION, PRODUCT.VERSION.plus(inline(1L)))
                        .from(locked)
                        .where(PRODUCT.ID.eq(locked.field(PRODUCT.ID.getUnqualifiedName(), SQLDataType.BIGINT)))
                        .returningResult(PRODUCT.ID));
        return new CommonTableExpression<?>[] {cancelled, returned, restocked};
    }

    // end::P09[]
    // end::P10[]
    // tag::P10[]
    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Instant before = Arguments.cancelNewOrdersBefore(cutoff);
        // One statement whatever the number of orders. 'NEW' is inlined, not bound: the partial
        // index purchase_order_new_created_at_idx (WHERE status = 'NEW') must match a generic plan too.
        CommonTableExpression<Record1<Long>> cancelled = name("cancelled")
                .as(DSL.update(PURCHASE_ORDER)
                        .set(PURCHASE_ORDER.STATUS, OrderStatus.CANCELLED)
                        .set(PURCHASE_ORDER.VERSION, PURCHASE_ORDER.VERSION.plus(inline(1L)))
                        .where(PURCHASE_ORDER.STATUS.eq(inline(OrderStatus.NEW, PURCHASE_ORDER.STATUS)))
                        .and(PURCHASE_ORDER.CREATED_AT.lt(before))
                        .returningResult(PURCHASE_ORDER.ID));
        return run(
                "cancelNewOrdersBefore",
                () -> dsl.with(withRestock(cancelled))
                        .select(count())
                        .from(cancelled)
                        .fetchSingle(Record1::value1));
    }

    // end::P10[]
    // ---------------------------------------------------------------------------------------
    // P11, P12, P13
    // ---------------------------------------------------------------------------------------

    // tag::P11[]
    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Arguments.TimeRange range = Arguments.topCustomersByRevenue(from, to, limit);
        // The shape every implementation uses: join, then aggregate per customer, sort, cut. The
        // statuses are literals, as constants of the query rather than bind values.
        Field<BigDecimal> revenue = sum(PURCHASE_ORDER.TOTAL).as("revenue");
        Field<Integer> orders = count().as("orders");
        return run(
                "topCustomersByRevenue",
                () -> dsl.select(CUSTOMER.ID, CUSTOMER.EMAIL, revenue, orders)
                        .from(PURCHASE_ORDER)
                        .join(CUSTOMER)
                        .on(CUSTOMER.ID.eq(PURCHASE_ORDER.CUSTOMER_ID))
                        .where(PURCHASE_ORDER.STATUS.in(
                                inline(OrderStatus.PAID, PURCHASE_ORDER.STATUS),
                                inline(OrderStatus.SHIPPED, PURCHASE_ORDER.STATUS)))
                        .and(PURCHASE_ORDER.CREATED_AT.ge(range.from()))
                        .and(PURCHASE_ORDER.CREATED_AT.lt(range.to()))
                        .groupBy(CUSTOMER.ID, CUSTOMER.EMAIL)
                        .orderBy(revenue.desc(), CUSTOMER.ID.asc())
                        .limit(limit)
                        .fetch(mapping((id, email, amount, count) -> new CustomerRevenue(id, email, amount, count))));
    }

    // end::P11[]
    // tag::P12[]
    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Arguments.TimeRange range = Arguments.streamOrderLines(from, to, consumer);
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
                                .where(PURCHASE_ORDER.CREATED_AT.ge(range.from()))
                                .and(PURCHASE_ORDER.CREATED_AT.lt(range.to()))
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

    // end::P12[]
    // tag::P13[]
    @Override
    public boolean deleteOrder(long orderId) {
        Arguments.deleteOrder(orderId);
        return run(
                "deleteOrder",
                () -> dsl.deleteFrom(PURCHASE_ORDER)
                                .where(PURCHASE_ORDER.ID.eq(orderId))
                                .execute()
                        > 0);
    }

    // end::P13[]
    // ---------------------------------------------------------------------------------------

    // tag::config[]
    @Override
    public SequencedMap<String, String> settings() {
        SequencedMap<String, String> s = new LinkedHashMap<>();
        s.put("library", "jOOQ " + Constants.VERSION + " (open-source edition)");
        s.put("dialect", dsl.dialect().name());
        s.put("classes", "generated at build time from the Flyway-migrated schema (outputSchemaToDefault)");
        s.put("connectionProvider", "DataSourceConnectionProvider (a pooled connection per statement or transaction)");
        s.put(
                "transactionProvider",
                "DefaultTransactionProvider, P06 and P12 only (no savepoint at top level; reads the isolation level"
                        + " per transaction, with pgjdbc one SHOW round trip, jOOQ #20135)");
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
        s.put("p03.insert", "one INSERT ... SELECT FROM unnest(5 arrays) RETURNING sku, id, in auto-commit");
        s.put(
                "p06.statements",
                "one transaction of 2: guarded UPDATE ... FROM unnest(ids, units) RETURNING price, then order and"
                        + " lines INSERT as one statement (CTE, lines from unnest WITH ORDINALITY)");
        s.put(
                "p06.idempotency",
                "key claimed by INSERT ... ON CONFLICT DO NOTHING in the stock statement (stock taken only if"
                        + " claimed), then total UPDATE and lines INSERT; the used key's order read only then");
        s.put(
                "p07.p08.nesting",
                flatJoin
                        ? "variant flat-join: one flat join of orders, lines and products, folded in Java"
                        : "MULTISET (one statement)");
        s.put(
                "p09.change",
                "one statement: version- and transition-checked UPDATE in a CTE (+ restock CTEs), MULTISET read-back,"
                        + " the order's prior status and version outer-joined to explain a refusal");
        s.put("p10.bulk", "one statement: data-modifying CTEs");
        s.put("p11.shape", "join customer, then aggregate (the floor's shape)");
        s.put("p12.fetchSize", String.valueOf(STREAM_FETCH_SIZE));
        s.put("p12.fetch", "fetchLazy() cursor in a transaction");
        return Collections.unmodifiableSequencedMap(s);
    }

    /** Nothing to release: the DSLContext holds no resource of its own, and the DataSource is the caller's. */
    @Override
    public void close() {}

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
    // end::config[]
}
