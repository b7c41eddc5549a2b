package dev.persistbench.hibernate;

import dev.persistbench.contract.Arguments;
import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.error.IllegalTransitionException;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.NotFoundException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.SharedSessionContract;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

/**
 * The store contract with Hibernate ORM 7.
 *
 * <p>One {@link SessionFactory}, built over the given DataSource at construction and validated
 * against the migrated schema, serves every thread; each call opens its own session. The
 * transaction rule (G.1): a call that needs one statement sends it in auto-commit, without a
 * Hibernate {@link Transaction} (P01, P02, P03, P04, P05, P07, P08, P10, P11, P13); a call that
 * needs several runs them in exactly one transaction (P06, P09, P12).
 *
 * <p>Reads and bulk statements use a {@link StatelessSession} (no persistence context); orders are
 * read as projections of the columns the records need, never as entity graphs. A {@link Session}
 * is used where its write-behind does the work: P01 (INSERT ... RETURNING of the generated id and
 * creation instant) and P06 (the order and its lines). Set-based statements HQL cannot express
 * (P03's multi-row insert from arrays, P06's stock for all products at once and its race-safe
 * idempotent insert, P09's stock give-back, the P10 bulk cancellation) are native SQL.
 */
public final class HibernateStoreRepository implements StoreRepository {

    // tag::P03[]
    /**
     * P03 in one statement: the products travel as one array per column, the server unnests them
     * into rows and returns each generated id with its SKU, so ids are matched to the input by SKU
     * whatever order RETURNING uses. The casts type the arrays also where pgjdbc sends parameters
     * as untyped literals (preferQueryMode=simple).
     */
    private static final String INSERT_PRODUCTS = """
            insert into product (sku, name, price, stock, attributes)
            select p.sku, p.name, p.price, p.stock, cast(p.attributes as jsonb)
            from unnest(cast(:skus as text[]), cast(:names as text[]), cast(:prices as numeric[]),
                        cast(:stocks as integer[]), cast(:attributes as text[]))
                 as p(sku, name, price, stock, attributes)
            returning id, sku""";
    // end::P03[]

    // tag::config[]
    private final SessionFactory sessionFactory;

    /** The entities variant: P07 and P08 load entities with fetch joins (see {@link #variants()}). */
    private final boolean entities;

    /** The persist variant: P03 persists entities in a Session, batched (see {@link #variants()}). */
    private final boolean persist;

    private final SequencedMap<String, String> settings;

    /**
     * Builds the session factory over {@code dataSource} and validates the mapping against the
     * schema the DataSource's connections work in.
     *
     * @throws DataAccessFailureException if the database cannot be reached or its schema does not
     *     match the mapping (a missing table or column, a wrong column type); the cause says which
     */
    public HibernateStoreRepository(DataSource dataSource) {
        this(dataSource, false, false);
    }

    private HibernateStoreRepository(DataSource dataSource, boolean entities, boolean persist) {
        Check.notNull("dataSource", dataSource);
        this.entities = entities;
        this.persist = persist;
        Map<String, String> hibernateSettings;
        try {
            hibernateSettings = SessionFactories.settings(SessionFactories.currentSchema(dataSource));
            this.sessionFactory = SessionFactories.build(dataSource, hibernateSettings);
        } catch (RuntimeException e) {
            throw Errors.translate("start-up (schema validation)", e);
        }
        SequencedMap<String, String> all = new LinkedHashMap<>(SessionFactories.resolved(sessionFactory));
        // The resolved dialect (with the server version) stays: the configured one only names its class.
        hibernateSettings.forEach(all::putIfAbsent);
        all.put(
                "ids",
                "IDENTITY (insert ... returning) for customer and purchase_order; product: the column's default in"
                        + " P03's native insert, product_id_seq with allocationSize 50 (pooled) where persisted");
        all.put(
                "transactions",
                "one statement: auto-commit, no Transaction (P01-P05, P07, P08, P10, P11, P13); several: one Transaction (P06, P09, P12)");
        all.put(
                "sessions",
                "StatelessSession for reads and bulk statements; Session for P01 (persist + flush) and P06 (persist, one JDBC batch of lines)");
        all.put(
                "orders.read",
                entities
                        ? "variant entities: Session, PurchaseOrder entities with 'left join fetch o.lines l left join"
                                + " fetch l.product'; P08: the ids first (order by, limit), then the entities"
                        : "projection of order, line, product sku and name (no entity graph), one statement");
        all.put(
                "p03.insert",
                persist
                        ? "variant persist: Session.persist per product in one Transaction, flush and clear every "
                                + SessionFactories.BATCH_SIZE + " products (JDBC batches of "
                                + SessionFactories.BATCH_SIZE + "), ids from product_id_seq (pooled, 50 per call)"
                        : "one native INSERT ... SELECT FROM unnest(arrays) RETURNING id, sku, in auto-commit");
        all.put(
                "p06.statements",
                "native stock UPDATE ... FROM unnest RETURNING prices; order persist (or INSERT ... ON CONFLICT); lines as one JDBC batch");
        all.put("p12.fetchSize", Integer.toString(STREAM_FETCH_SIZE));
        all.put(
                "p12.session",
                "StatelessSession in a transaction (auto-commit off), read-only query, ScrollMode.FORWARD_ONLY, DTO projection");
        this.settings = Collections.unmodifiableSequencedMap(all);
    }

    // end::config[]
    // ---------------------------------------------------------------- P01, P02

    // tag::P01[]
    @Override
    public Customer createCustomer(NewCustomer customer) {
        Arguments.createCustomer(customer);
        return withoutTransaction("createCustomer", sessionFactory.openSession(), session -> {
            CustomerEntity entity = new CustomerEntity(customer.email(), customer.name());
            session.persist(entity);
            // Outside a transaction Hibernate delays the IDENTITY insert to the flush: one
            // INSERT ... RETURNING id, created_at, in auto-commit.
            session.flush();
            return entity.toRecord();
        });
    }

    // end::P01[]
    // tag::P02[]
    @Override
    public Optional<Customer> findCustomer(long id) {
        if (!Arguments.findCustomer(id)) {
            return Optional.empty();
        }
        return stateless(
                "findCustomer",
                session -> Optional.ofNullable(session.get(CustomerEntity.class, id))
                        .map(CustomerEntity::toRecord));
    }

    // end::P02[]
    // ---------------------------------------------------------------- P03, P04, P05

    // tag::P03[]
    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Arguments.createProducts(products);
        if (products.isEmpty()) {
            return List.of();
        }
        if (persist) {
            return persistProducts(products);
        }
        int size = products.size();
        String[] skus = new String[size];
        String[] names = new String[size];
        BigDecimal[] prices = new BigDecimal[size];
        Integer[] stocks = new Integer[size];
        String[] attributes = new String[size];
        for (int i = 0; i < size; i++) {
            NewProduct product = products.get(i);
            skus[i] = product.sku();
            names[i] = product.name();
            prices[i] = product.price();
            stocks[i] = product.stock();
            attributes[i] = Json.object(product.attributes());
        }
        // One statement in auto-commit: all rows or none (a duplicate SKU fails the whole statement).
        List<Object[]> keys = stateless(
                "createProducts",
                session -> session.createNativeQuery(INSERT_PRODUCTS, Object[].class)
                        .setParameter("skus", skus)
                        .setParameter("names", names)
                        .setParameter("prices", prices)
                        .setParameter("stocks", stocks)
                        .setParameter("attributes", attributes)
                        .getResultList());
        Map<String, Long> ids = HashMap.newHashMap(size);
        for (Object[] key : keys) {
            ids.put((String) key[1], ((Number) key[0]).longValue());
        }
        List<Product> created = new ArrayList<>(size);
        for (NewProduct product : products) {
            Long id = ids.get(product.sku());
            if (id == null) {
                throw new DataAccessFailureException(
                        "createProducts failed: no id returned for SKU " + product.sku(), null, false, null);
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
        return stateless(
                "findProductBySku",
                session -> session.createSelectionQuery("from Product p where p.sku = :sku", ProductEntity.class)
                        .setParameter("sku", sku)
                        .uniqueResultOptional()
                        .map(ProductEntity::toRecord));
    }

    // end::P04[]
    // tag::P05[]
    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Arguments.searchProducts(search);
        return stateless("searchProducts", session -> {
            List<Product> items = ProductSearchQuery.create(session, search).getResultList().stream()
                    .map(ProductEntity::toRecord)
                    .toList();
            return ProductPage.of(items, search.pageSize());
        });
    }

    // end::P05[]
    // ---------------------------------------------------------------- P06

    // tag::P06[]
    /**
     * P06's stock, set-based: every product's units in one statement. The rows are locked in id
     * order first (so two orders sharing products cannot deadlock), then each is taken only if
     * its stock suffices; the products taken come back with what the lines copy. HQL's bulk
     * update returns only a count, so this one statement is native.
     */
    private static final String TAKE_STOCK = """
            update product p
            set stock = p.stock - w.units, version = p.version + 1
            from (select q.id, t.units
                  from product q
                  join unnest(cast(:ids as bigint[]), cast(:units as bigint[])) as t(id, units) on t.id = q.id
                  order by q.id
                  for no key update of q) w
            where p.id = w.id and p.stock >= w.units
            returning p.id, p.sku, p.name, p.price""";

    /** The largest total purchase_order.total (numeric(12,2)) holds. */
    private static final BigDecimal MAX_TOTAL = new BigDecimal("9999999999.99");

    /** What taking a product's stock returned: the values its order lines copy. */
    private record Taken(long id, String sku, String name, BigDecimal price) {}

    @Override
    public Order placeOrder(PlaceOrder order) {
        Map<Long, Long> units = Arguments.placeOrder(order);
        Long[] ids = units.keySet().toArray(Long[]::new);
        Long[] amounts = units.values().toArray(Long[]::new);
        return inTransaction("placeOrder", sessionFactory.openSession(), session -> {
            // 1. The stock of every product at once (a sum beyond any int is simply more than any stock).
            Map<Long, Taken> taken = new HashMap<>();
            for (Object[] row : session.createNativeQuery(TAKE_STOCK, Object[].class)
                    .addSynchronizedEntityClass(ProductEntity.class)
                    .setParameter("ids", ids)
                    .setParameter("units", amounts)
                    .getResultList()) {
                long id = ((Number) row[0]).longValue();
                taken.put(id, new Taken(id, (String) row[1], (String) row[2], (BigDecimal) row[3]));
            }
            if (taken.size() < ids.length) {
                // A key already used answers with its order whatever this request holds (P06.4);
                // only then is it said which product is unknown or short. Nothing stays written.
                session.getTransaction().markRollbackOnly();
                return keyedOrder(session, order).orElseThrow(() -> noStock(session, units, taken));
            }
            BigDecimal total = total(order, taken);
            if (total.compareTo(MAX_TOTAL) > 0) {
                session.getTransaction().markRollbackOnly();
                return keyedOrder(session, order)
                        .orElseThrow(() -> new DataAccessFailureException(
                                "placeOrder failed: the total " + total
                                        + " exceeds what purchase_order.total (numeric(12,2)) holds",
                                "22003",
                                false,
                                null));
            }

            // 2. The order row, with its total.
            PlacedOrder placed;
            try {
                placed = insertOrder(session, order, total);
            } catch (RuntimeException e) {
                if (Errors.isForeignKeyViolation(e, "purchase_order_customer_id_fkey")) {
                    throw new NotFoundException("customer", order.customerId());
                }
                throw e;
            }
            if (placed == null) {
                // The key is taken (a racing caller with the same key waited here for the first
                // one's commit): its order is the answer, and the stock taken above goes back.
                session.getTransaction().markRollbackOnly();
                return keyedOrder(session, order)
                        // deleted between the conflict and the read: a retry places it anew
                        .orElseThrow(() -> new DataAccessFailureException(
                                "placeOrder failed: the order placed with this idempotency key was deleted meanwhile",
                                null,
                                true,
                                null));
            }

            // 3. The lines, one JDBC batch whatever their number (pgjdbc rewrites it into multi-row INSERTs).
            session.setJdbcBatchSize(
                    Math.max(SessionFactories.BATCH_SIZE, order.lines().size()));
            List<OrderLine> lines = new ArrayList<>(order.lines().size());
            int lineNo = 0;
            for (OrderLineRequest request : order.lines()) {
                lineNo++;
                Taken product = taken.get(request.productId());
                session.persist(new OrderLineEntity(
                        placed.entity(),
                        placed.id(),
                        lineNo,
                        session.getReference(ProductEntity.class, product.id()),
                        request.quantity(),
                        product.price()));
                lines.add(new OrderLine(
                        lineNo, product.id(), product.sku(), product.name(), request.quantity(), product.price()));
            }
            session.flush();
            return new Order(
                    placed.id(),
                    order.customerId(),
                    OrderStatus.NEW,
                    order.idempotencyKey(),
                    total,
                    order.placedAt(),
                    0L,
                    lines);
        });
    }

    /** Sum of quantity × current price over the lines. */
    private static BigDecimal total(PlaceOrder order, Map<Long, Taken> taken) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (OrderLineRequest line : order.lines()) {
            total = total.add(taken.get(line.productId()).price().multiply(BigDecimal.valueOf(line.quantity())));
        }
        return total;
    }

    /** The order placed with the request's idempotency key, if it has one and it is used. */
    private static Optional<Order> keyedOrder(Session session, PlaceOrder order) {
        return order.idempotencyKey().flatMap(key -> OrderQueries.findByIdempotencyKey(session, key));
    }

    /**
     * Why the stock was not taken for every product: the first unknown product (in id order), else
     * the first product whose stock was short when the update ran.
     */
    private static RuntimeException noStock(Session session, Map<Long, Long> units, Map<Long, Taken> taken) {
        TreeMap<Long, Long> notTaken = new TreeMap<>(units);
        notTaken.keySet().removeAll(taken.keySet());
        List<Long> existing = session.createSelectionQuery("select p.id from Product p where p.id in :ids", Long.class)
                .setParameter("ids", notTaken.keySet())
                .getResultList();
        for (Long id : notTaken.keySet()) {
            if (!existing.contains(id)) {
                return new NotFoundException("product", id);
            }
        }
        Map.Entry<Long, Long> first = notTaken.firstEntry();
        return new InsufficientStockException(first.getKey(), first.getValue());
    }

    /**
     * Inserts the order row and returns its id, or null when the idempotency key is taken. Without
     * a key it is a plain persist; with one, a native INSERT ... ON CONFLICT DO NOTHING, because
     * Hibernate's own upsert is a MERGE on PostgreSQL, which can still fail with a unique violation
     * when two transactions insert the same key at once.
     */
    private static PlacedOrder insertOrder(Session session, PlaceOrder order, BigDecimal total) {
        if (order.idempotencyKey().isEmpty()) {
            CustomerEntity customer = session.getReference(CustomerEntity.class, order.customerId());
            PurchaseOrderEntity entity = new PurchaseOrderEntity(customer, null, total, order.placedAt());
            session.persist(entity);
            return new PlacedOrder(entity.getId(), entity);
        }
        List<Long> ids = session.createNativeQuery("""
                        insert into purchase_order (customer_id, status, idempotency_key, total, created_at, version)
                        values (:customerId, 'NEW', :key, :total, :createdAt, 0)
                        on conflict (idempotency_key) do nothing
                        returning id""", Long.class)
                .setParameter("customerId", order.customerId())
                .setParameter("key", order.idempotencyKey().get())
                .setParameter("total", total)
                .setParameter("createdAt", order.placedAt())
                .getResultList();
        return ids.isEmpty()
                ? null
                : new PlacedOrder(ids.get(0), session.getReference(PurchaseOrderEntity.class, ids.get(0)));
    }

    /** The inserted order's id and the entity (or an uninitialised reference) its lines point to. */
    private record PlacedOrder(long id, PurchaseOrderEntity entity) {}
    // end::P06[]

    // ---------------------------------------------------------------- P07, P08

    // tag::P07[]
    @Override
    public Optional<Order> findOrder(long orderId) {
        // Arguments has no check for P07: every id is a valid question, and none below 1 exists.
        if (orderId <= 0) {
            return Optional.empty();
        }
        if (entities) {
            return findOrderAsEntity(orderId);
        }
        return stateless("findOrder", session -> OrderQueries.findById(session, orderId));
    }

    // end::P07[]
    // tag::P08[]
    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        if (!Arguments.latestOrders(customerId, limit)) {
            return List.of();
        }
        if (entities) {
            return latestOrdersAsEntities(customerId, limit);
        }
        return stateless("latestOrders", session -> OrderQueries.latest(session, customerId, limit));
    }

    // end::P08[]
    // tag::config[]
    /**
     * The variants measured beside this default: {@code entities} reads P07 and P08 as Hibernate's
     * guides lead, entities with their associations fetched, instead of the default's projection;
     * {@code persist} writes P03 as its batch-processing guide leads, through persisted entities.
     */
    public static List<Variant> variants() {
        return List.of(entitiesVariant(), persistVariant());
    }

    // end::config[]
    // tag::variant-entities[]
    private static Variant entitiesVariant() {
        return new Variant(
                "entities",
                "P07 and P08 as Hibernate's guides lead: PurchaseOrder entities loaded in a Session with"
                        + " 'left join fetch o.lines l left join fetch l.product', mapped to the records afterwards;"
                        + " P08 reads the latest ids first (a limit cannot apply to a collection fetch), then the"
                        + " entities",
                EnumSet.of(Pattern.P07, Pattern.P08),
                ds -> new HibernateStoreRepository(ds, true, false));
    }

    private static final String ORDERS_WITH_LINES =
            "select o from PurchaseOrder o left join fetch o.lines l left join fetch l.product p";

    private Optional<Order> findOrderAsEntity(long orderId) {
        return withoutTransaction(
                "findOrder",
                sessionFactory.openSession(),
                session -> session
                        .createSelectionQuery(ORDERS_WITH_LINES + " where o.id = :id", PurchaseOrderEntity.class)
                        .setParameter("id", orderId)
                        .getResultList()
                        .stream()
                        .findFirst()
                        .map(PurchaseOrderEntity::toRecord));
    }

    private List<Order> latestOrdersAsEntities(long customerId, int limit) {
        return withoutTransaction("latestOrders", sessionFactory.openSession(), session -> {
            List<Long> ids = session.createSelectionQuery(
                            "select o.id from PurchaseOrder o where o.customerId = :customer"
                                    + " order by o.createdAt desc, o.id desc",
                            Long.class)
                    .setParameter("customer", customerId)
                    .setMaxResults(limit)
                    .getResultList();
            if (ids.isEmpty()) {
                return List.of();
            }
            return session
                    .createSelectionQuery(
                            ORDERS_WITH_LINES + " where o.id in :ids order by o.createdAt desc, o.id desc",
                            PurchaseOrderEntity.class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .stream()
                    .map(PurchaseOrderEntity::toRecord)
                    .toList();
        });
    }

    // end::variant-entities[]
    // tag::variant-persist[]
    private static Variant persistVariant() {
        return new Variant(
                "persist",
                "P03 as Hibernate's batch-processing guide leads: one Product entity persisted per product in a"
                        + " Session and one Transaction, flushed and cleared every " + SessionFactories.BATCH_SIZE
                        + " products, so the inserts go as JDBC batches; ids from product_id_seq through the pooled"
                        + " optimizer (50 per sequence call)",
                EnumSet.of(Pattern.P03),
                ds -> new HibernateStoreRepository(ds, false, true));
    }

    /**
     * The persist variant's P03: every product persisted in one Session and one Transaction. The
     * pooled optimizer hands out ids without a round trip per row; every {@link
     * SessionFactories#BATCH_SIZE} products the session is flushed (one JDBC batch of INSERTs) and
     * cleared, so the persistence context never holds more than one batch. A duplicate SKU fails the
     * flush that sends it, and the rollback leaves nothing inserted.
     */
    private List<Product> persistProducts(List<NewProduct> products) {
        return inTransaction("createProducts", sessionFactory.openSession(), session -> {
            List<Product> created = new ArrayList<>(products.size());
            List<ProductEntity> pending = new ArrayList<>(SessionFactories.BATCH_SIZE);
            for (NewProduct p : products) {
                ProductEntity entity = new ProductEntity(p.sku(), p.name(), p.price(), p.stock(), p.attributes());
                session.persist(entity);
                pending.add(entity);
                if (pending.size() == SessionFactories.BATCH_SIZE) {
                    flushAndClear(session, pending, created);
                }
            }
            flushAndClear(session, pending, created);
            return created;
        });
    }

    private static void flushAndClear(Session session, List<ProductEntity> pending, List<Product> created) {
        session.flush();
        pending.forEach(e -> created.add(e.toRecord()));
        pending.clear();
        session.clear();
    }

    // end::variant-persist[]
    // ---------------------------------------------------------------- P09, P10

    // tag::P09[]
    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Arguments.changeStatus(orderId, expectedVersion, newStatus);
        List<OrderStatus> sources = Arrays.stream(OrderStatus.values())
                .filter(status -> status.canMoveTo(newStatus))
                .toList();
        if (sources.isEmpty()) {
            // No status may move to this one (NEW): nothing to update, only the diagnosis, one statement.
            throw stateless("changeStatus", session -> refusal(session, orderId, expectedVersion, newStatus));
        }
        return inTransaction("changeStatus", sessionFactory.openStatelessSession(), session -> {
            // One guarded UPDATE: the version the caller saw and a status the new one may follow.
            // "versioned" makes Hibernate raise the version by one.
            int updated = session.createMutationQuery("""
                            update versioned PurchaseOrder o
                            set o.status = :status
                            where o.id = :id and o.version = :version and o.status in :sources""")
                    .setParameter("status", newStatus)
                    .setParameter("id", orderId)
                    .setParameter("version", expectedVersion)
                    .setParameter("sources", sources)
                    .executeUpdate();
            if (updated == 0) {
                throw refusal(session, orderId, expectedVersion, newStatus);
            }
            if (newStatus == OrderStatus.CANCELLED) {
                session.createNativeMutationQuery("""
                                update product p
                                set stock = p.stock + k.units, version = p.version + 1
                                from (select r.id, l.units
                                      from product r
                                      join (select product_id, sum(quantity) as units
                                            from order_line where order_id = :orderId
                                            group by product_id) l on l.product_id = r.id
                                      order by r.id
                                      for no key update of r) k
                                where p.id = k.id""")
                        .setParameter("orderId", orderId)
                        .executeUpdate();
            }
            return OrderQueries.findById(session, orderId)
                    .orElseThrow(() -> new IllegalStateException("order " + orderId + " vanished after its update"));
        });
    }

    /** What P09 reads of an order to say why its guarded update changed nothing. */
    record StatusAndVersion(OrderStatus status, Long version) {}

    /**
     * Why {@code orderId} could not move to {@code newStatus}: absent, then a version other than the
     * expected one (checked before the transition, P09.2), then an illegal transition.
     */
    private static RuntimeException refusal(
            StatelessSession session, long orderId, long expectedVersion, OrderStatus newStatus) {
        Optional<StatusAndVersion> current = session.createSelectionQuery(
                        "select o.status, o.version from PurchaseOrder o where o.id = :id", StatusAndVersion.class)
                .setParameter("id", orderId)
                .uniqueResultOptional();
        if (current.isEmpty()) {
            return new NotFoundException("order", orderId);
        }
        StatusAndVersion order = current.get();
        if (order.version() != expectedVersion || order.status().canMoveTo(newStatus)) {
            // (the second case only if the order changed between the update and this read)
            return new StaleVersionException(orderId, expectedVersion);
        }
        return new IllegalTransitionException(orderId, order.status(), newStatus);
    }

    // end::P09[]
    // tag::P10[]
    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Instant bound = Arguments.cancelNewOrdersBefore(cutoff);
        // One statement, in auto-commit: the orders cancelled are exactly those whose units go
        // back, even while other transactions place or change orders.
        return stateless(
                "cancelNewOrdersBefore",
                session -> session.createNativeQuery("""
                        with cancelled as (
                            update purchase_order
                            set status = 'CANCELLED', version = version + 1
                            where status = 'NEW' and created_at < :cutoff
                            returning id),
                        units as (
                            select l.product_id, sum(l.quantity) as units
                            from order_line l join cancelled c on c.id = l.order_id
                            group by l.product_id),
                        restocked as (
                            update product p
                            set stock = p.stock + k.units, version = p.version + 1
                            from (select r.id, u.units
                                  from product r join units u on u.product_id = r.id
                                  order by r.id
                                  for no key update of r) k
                            where p.id = k.id
                            returning p.id)
                        select count(*) from cancelled""", Long.class)
                        .setParameter("cutoff", bound)
                        .getSingleResult()
                        .intValue());
    }

    // end::P10[]
    // ---------------------------------------------------------------- P11, P12, P13

    // tag::P11[]
    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Arguments.TimeRange range = Arguments.topCustomersByRevenue(from, to, limit);
        if (range.from().equals(range.to())) {
            return List.of();
        }
        // The shape every implementation uses: join the orders to their customer, then aggregate.
        return stateless(
                "topCustomersByRevenue",
                session -> session.createSelectionQuery("""
                        select new dev.persistbench.contract.model.CustomerRevenue(
                            c.id, c.email, sum(o.total) as revenue, count(*))
                        from PurchaseOrder o join o.customer c
                        where o.status in (PAID, SHIPPED) and o.createdAt >= :from and o.createdAt < :to
                        group by c.id, c.email
                        order by revenue desc, c.id""", CustomerRevenue.class)
                        .setParameter("from", range.from())
                        .setParameter("to", range.to())
                        .setMaxResults(limit)
                        .getResultList());
    }

    // end::P11[]
    // tag::P12[]
    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Arguments.TimeRange range = Arguments.streamOrderLines(from, to, consumer);
        try {
            return inTransaction("streamOrderLines", sessionFactory.openStatelessSession(), session -> {
                // pgjdbc honours the fetch size only inside a transaction (auto-commit off), which
                // this is; a DTO per row, nothing kept by the stateless session.
                try (ScrollableResults<OrderLineRow> rows = session.createSelectionQuery("""
                                select new dev.persistbench.contract.model.OrderLineRow(
                                    o.id, l.id.lineNo, o.customer.id, o.createdAt, o.status,
                                    p.id, p.sku, p.name, l.quantity, l.unitPrice)
                                from OrderLine l join l.order o join l.product p
                                where o.createdAt >= :from and o.createdAt < :to
                                order by o.id, l.id.lineNo""", OrderLineRow.class)
                        .setParameter("from", range.from())
                        .setParameter("to", range.to())
                        .setFetchSize(STREAM_FETCH_SIZE)
                        .setReadOnly(true)
                        .scroll(ScrollMode.FORWARD_ONLY)) {
                    long count = 0;
                    while (rows.next()) {
                        OrderLineRow row = rows.get();
                        try {
                            consumer.accept(row);
                        } catch (Throwable t) {
                            throw new Errors.ConsumerFailure(t);
                        }
                        count++;
                    }
                    return count;
                }
            });
        } catch (Errors.ConsumerFailure e) {
            throw e.rethrow();
        }
    }

    // end::P12[]
    // tag::P13[]
    @Override
    public boolean deleteOrder(long orderId) {
        Arguments.deleteOrder(orderId);
        // One statement, in auto-commit: order_line's foreign key deletes the lines (ON DELETE CASCADE).
        return stateless(
                "deleteOrder",
                session -> session.createMutationQuery("delete from PurchaseOrder o where o.id = :id")
                                .setParameter("id", orderId)
                                .executeUpdate()
                        > 0);
    }

    // end::P13[]
    // ---------------------------------------------------------------- settings, close

    // tag::config[]
    @Override
    public SequencedMap<String, String> settings() {
        return settings;
    }

    @Override
    public void close() {
        // Closes the SessionFactory and its service registry; the DataSource belongs to the caller
        // and stays open (Hibernate's DataSource connection provider never closes it).
        try {
            sessionFactory.close();
        } catch (RuntimeException e) {
            throw Errors.translate("close", e);
        }
    }

    // ---------------------------------------------------------------- transactions

    /** Runs the one statement of {@code work} in a stateless session, in auto-commit (G.1). */
    private <T> T stateless(String operation, Function<StatelessSession, T> work) {
        return withoutTransaction(operation, sessionFactory.openStatelessSession(), work);
    }

    /**
     * Runs {@code work}, which sends one statement, without a transaction: the connection stays in
     * auto-commit and the statement is its own transaction (G.1).
     */
    private static <S extends SharedSessionContract, T> T withoutTransaction(
            String operation, S session, Function<S, T> work) {
        try (session) {
            return work.apply(session);
        } catch (RuntimeException e) {
            throw Errors.translate(operation, e);
        }
    }

    /**
     * Runs {@code work}, which sends several statements, in exactly one transaction (G.1): committed,
     * or rolled back when {@code work} throws or marks it rollback-only (an answer that must leave
     * no trace, such as P06's order found by its used idempotency key).
     */
    private static <S extends SharedSessionContract, T> T inTransaction(
            String operation, S session, Function<S, T> work) {
        try (session) {
            Transaction transaction = session.beginTransaction();
            T result;
            try {
                result = work.apply(session);
            } catch (RuntimeException | Error e) {
                rollback(transaction, e);
                throw e;
            }
            if (transaction.getRollbackOnly()) {
                transaction.rollback();
            } else {
                transaction.commit();
            }
            return result;
        } catch (RuntimeException e) {
            throw Errors.translate(operation, e);
        }
    }

    private static void rollback(Transaction transaction, Throwable cause) {
        try {
            if (transaction.isActive()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
    // end::config[]
}
