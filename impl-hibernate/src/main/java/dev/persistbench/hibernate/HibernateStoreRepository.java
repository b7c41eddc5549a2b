package dev.persistbench.hibernate;

import dev.persistbench.contract.StoreRepository;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.FlushMode;
import org.hibernate.KeyType;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.SharedSessionContract;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.id.enhanced.Optimizer;

/**
 * The store contract with Hibernate ORM 7.
 *
 * <p>One {@link SessionFactory}, built over the given DataSource at construction and validated
 * against the migrated schema, serves every thread; each call opens its own session and
 * transaction. Writes go through a {@link Session} (persistence context, JDBC batching, version
 * checks); aggregate reads use a read-only Session with an explicit join fetch; the P12 export uses
 * a {@link StatelessSession} with a DTO projection so nothing accumulates while rows stream.
 * Statements that a persistence context cannot express well (stock give-back, the P10 bulk
 * cancellation, P06's race-safe idempotent insert) are single SQL statements.
 */
public final class HibernateStoreRepository implements StoreRepository {

    /** Statuses whose orders count as revenue (P11.1). */
    private static final List<OrderStatus> REVENUE_STATUSES = List.of(OrderStatus.PAID, OrderStatus.SHIPPED);

    private final SessionFactory sessionFactory;
    /** The pooled optimizer that hands out product ids (P03) from product_id_seq. */
    private final Optimizer productIds;

    private final Map<String, String> settings;

    /**
     * Builds the session factory over {@code dataSource} and validates the mapping against the
     * schema the DataSource's connections work in.
     *
     * @throws DataAccessFailureException if the database cannot be reached or its schema does not
     *     match the mapping (a missing table or column, a wrong column type, a sequence whose
     *     increment is not the allocation size); the cause says which
     */
    public HibernateStoreRepository(DataSource dataSource) {
        Check.notNull("dataSource", dataSource);
        Map<String, String> hibernateSettings;
        try {
            hibernateSettings = SessionFactories.settings(SessionFactories.currentSchema(dataSource));
            this.sessionFactory = SessionFactories.build(dataSource, hibernateSettings);
        } catch (RuntimeException e) {
            throw Errors.translate("start-up (schema validation)", e);
        }
        this.productIds = SessionFactories.optimizer(sessionFactory, ProductEntity.class);
        Map<String, String> all = new LinkedHashMap<>(SessionFactories.resolved(sessionFactory));
        all.putAll(hibernateSettings);
        all.put("product.id", "sequence product_id_seq, allocationSize 50, pooled optimizer");
        all.put("purchase_order.id", "IDENTITY (insert ... returning)");
        all.put("sessions", "Session per call; reads: defaultReadOnly + FlushMode.MANUAL");
        all.put("p12.fetch_size", Integer.toString(STREAM_FETCH_SIZE));
        all.put(
                "p12.session",
                "StatelessSession in a transaction (auto-commit off), read-only query, ScrollMode.FORWARD_ONLY, DTO projection");
        this.settings = Collections.unmodifiableMap(all);
    }

    // ---------------------------------------------------------------- P01, P02

    @Override
    public Customer createCustomer(NewCustomer customer) {
        Check.notNull("customer", customer);
        return write("createCustomer", session -> {
            CustomerEntity entity = new CustomerEntity(customer.email(), customer.name());
            session.persist(entity); // IDENTITY: inserted now, id and created_at read back by RETURNING
            return entity.toRecord();
        });
    }

    @Override
    public Optional<Customer> findCustomer(long id) {
        if (id <= 0) {
            return Optional.empty();
        }
        return read(
                "findCustomer",
                session -> Optional.ofNullable(session.find(CustomerEntity.class, id))
                        .map(CustomerEntity::toRecord));
    }

    // ---------------------------------------------------------------- P03, P04, P05

    @Override
    public List<Product> createProducts(List<NewProduct> products) {
        Check.notNull("products", products);
        if (products.size() > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "products must have at most " + MAX_BATCH + " entries, was " + products.size());
        }
        for (int i = 0; i < products.size(); i++) {
            Check.notNull("products[" + i + "]", products.get(i));
        }
        if (products.isEmpty()) {
            return List.of();
        }
        return write("createProducts", session -> {
            // Each call starts a fresh block of ids from the sequence instead of finishing the
            // block a previous call left in memory. Costs at most one sequence call per call, and
            // keeps ids right when the sequence is reset under a running repository
            // (TRUNCATE ... RESTART IDENTITY, which the contract suite does between tests): a
            // cached block would otherwise hand out ids twice, or below 1.
            productIds.reset();
            List<Product> created = new ArrayList<>(products.size());
            List<ProductEntity> pending = new ArrayList<>(SessionFactories.BATCH_SIZE);
            for (NewProduct product : products) {
                ProductEntity entity = new ProductEntity(product);
                session.persist(entity); // id from the pooled optimizer: one sequence call per 50
                pending.add(entity);
                if (pending.size() == SessionFactories.BATCH_SIZE) {
                    flushAndClear(session, pending, created);
                }
            }
            flushAndClear(session, pending, created);
            return created;
        });
    }

    /** Sends one JDBC batch and empties the persistence context, so 10,000 products never pile up in it. */
    private static void flushAndClear(Session session, List<ProductEntity> pending, List<Product> created) {
        session.flush();
        session.clear();
        for (ProductEntity entity : pending) {
            created.add(entity.toRecord());
        }
        pending.clear();
    }

    @Override
    public Optional<Product> findProductBySku(String sku) {
        Check.storable("sku", Check.notNull("sku", sku), Integer.MAX_VALUE);
        return read(
                "findProductBySku",
                session -> Optional.ofNullable(session.find(ProductEntity.class, sku, KeyType.NATURAL))
                        .map(ProductEntity::toRecord));
    }

    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Check.notNull("search", search);
        return read("searchProducts", session -> {
            List<Product> items = ProductSearchQuery.create(session, search).getResultList().stream()
                    .map(ProductEntity::toRecord)
                    .toList();
            return ProductPage.of(items, search.pageSize());
        });
    }

    // ---------------------------------------------------------------- P06

    /** What P06 needs of a product: read as a DTO, the products are not changed through entities. */
    record PricedProduct(Long id, String sku, String name, BigDecimal price) {}

    @Override
    public Order placeOrder(PlaceOrder order) {
        Check.notNull("order", order);
        // Units per product over all lines, in id order: stock is taken (and rows locked) in a
        // fixed order, so two orders sharing products cannot deadlock.
        TreeMap<Long, Integer> units = new TreeMap<>();
        for (OrderLineRequest line : order.lines()) {
            units.merge(line.productId(), line.quantity(), HibernateStoreRepository::addUnits);
        }
        return write("placeOrder", session -> {
            Map<Long, PricedProduct> products = new LinkedHashMap<>();
            session.createSelectionQuery(
                            "select p.id, p.sku, p.name, p.price from Product p where p.id in :ids",
                            PricedProduct.class)
                    .setParameter("ids", units.keySet())
                    .getResultList()
                    .forEach(p -> products.put(p.id(), p));
            for (Long productId : units.keySet()) {
                if (!products.containsKey(productId)) {
                    // A key already used returns its order whatever this request holds (P06.4),
                    // unknown products included; only on this error path is the key looked up first.
                    Optional<Order> existing = order.idempotencyKey()
                            .flatMap(key -> OrderQueries.findByIdempotencyKey(session, key))
                            .map(PurchaseOrderEntity::toRecord);
                    if (existing.isPresent()) {
                        return existing.get();
                    }
                    throw new NotFoundException("product", productId);
                }
            }
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (OrderLineRequest line : order.lines()) {
                total = total.add(products.get(line.productId()).price().multiply(BigDecimal.valueOf(line.quantity())));
            }

            // The order row first: with an idempotency key its unique index is the lock that makes
            // racing callers wait for the first one and then find its order.
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
                return OrderQueries.findByIdempotencyKey(
                                session, order.idempotencyKey().orElseThrow())
                        .map(PurchaseOrderEntity::toRecord)
                        // deleted between the conflict and the read: a retry places it anew
                        .orElseThrow(() -> new DataAccessFailureException(
                                "placeOrder failed: the order placed with this idempotency key was deleted meanwhile",
                                null,
                                true,
                                null));
            }

            for (Map.Entry<Long, Integer> entry : units.entrySet()) {
                int updated = session.createMutationQuery("""
                                update Product p
                                set p.stock = p.stock - :units, p.version = p.version + 1
                                where p.id = :id and p.stock >= :units""")
                        .setParameter("units", entry.getValue())
                        .setParameter("id", entry.getKey())
                        .executeUpdate();
                if (updated == 0) {
                    throw new InsufficientStockException(entry.getKey(), entry.getValue());
                }
            }

            List<OrderLine> lines = new ArrayList<>(order.lines().size());
            int lineNo = 0;
            for (OrderLineRequest request : order.lines()) {
                lineNo++;
                PricedProduct product = products.get(request.productId());
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
            session.flush(); // the lines, in batches of 50
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

    private static int addUnits(int a, int b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "lines ask for more than " + Integer.MAX_VALUE + " units of one product");
        }
    }

    /**
     * Inserts the order row and returns its id, or null when the idempotency key is
     * taken. Without a key it is a plain persist; with one, a native INSERT ... ON CONFLICT DO
     * NOTHING, because Hibernate's own upsert is a MERGE on PostgreSQL, which can still fail with a
     * unique violation when two transactions insert the same key at once.
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

    // ---------------------------------------------------------------- P07, P08

    @Override
    public Optional<Order> findOrder(long orderId) {
        if (orderId <= 0) {
            return Optional.empty();
        }
        return read(
                "findOrder",
                session -> OrderQueries.findWithLines(session, orderId).map(PurchaseOrderEntity::toRecord));
    }

    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        Check.between("limit", limit, 1, MAX_LATEST_ORDERS);
        if (customerId <= 0) {
            return List.of();
        }
        return read(
                "latestOrders",
                session -> OrderQueries.latestWithLines(session, customerId, limit).stream()
                        .map(PurchaseOrderEntity::toRecord)
                        .toList());
    }

    // ---------------------------------------------------------------- P09, P10

    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Check.id("orderId", orderId);
        Check.notNull("newStatus", newStatus);
        return write("changeStatus", session -> {
            PurchaseOrderEntity order = OrderQueries.findWithLines(session, orderId)
                    .orElseThrow(() -> new NotFoundException("order", orderId));
            if (order.getVersion() != expectedVersion) { // a negative one too: it is simply never current
                throw new StaleVersionException(orderId, expectedVersion);
            }
            if (!order.getStatus().canMoveTo(newStatus)) {
                throw new IllegalTransitionException(orderId, order.getStatus(), newStatus);
            }
            order.setStatus(newStatus);
            try {
                // The UPDATE ... WHERE version = ? runs now: a concurrent change fails here, before any stock moves.
                session.flush();
            } catch (RuntimeException e) {
                if (Errors.isOptimisticLockFailure(e)) {
                    throw new StaleVersionException(orderId, expectedVersion);
                }
                throw e;
            }
            if (newStatus == OrderStatus.CANCELLED) {
                session.createNativeMutationQuery("""
                                update product p
                                set stock = p.stock + l.units, version = p.version + 1
                                from (select product_id, sum(quantity) as units
                                      from order_line where order_id = :orderId
                                      group by product_id) l
                                where p.id = l.product_id""")
                        .setParameter("orderId", orderId)
                        .executeUpdate();
            }
            return order.toRecord();
        });
    }

    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Check.notNull("cutoff", cutoff);
        // One statement: the orders cancelled are exactly those whose units go back, even while
        // other transactions place or change orders.
        return write(
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
                            set stock = p.stock + u.units, version = p.version + 1
                            from units u
                            where p.id = u.product_id
                            returning p.id)
                        select count(*) from cancelled""", Long.class)
                        .addSynchronizedEntityClass(PurchaseOrderEntity.class)
                        .addSynchronizedEntityClass(ProductEntity.class)
                        .setParameter("cutoff", Check.bound("cutoff", cutoff))
                        .getSingleResult()
                        .intValue());
    }

    // ---------------------------------------------------------------- P11, P12, P13

    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Check.range("from", from, "to", to);
        Check.between("limit", limit, 1, MAX_REPORT_ROWS);
        if (from.equals(to)) {
            return List.of();
        }
        return read(
                "topCustomersByRevenue",
                session -> session.createSelectionQuery("""
                        select new dev.persistbench.contract.model.CustomerRevenue(c.id, c.email, sum(o.total), count(o))
                        from PurchaseOrder o join o.customer c
                        where o.status in :statuses and o.createdAt >= :from and o.createdAt < :to
                        group by c.id, c.email
                        order by sum(o.total) desc, c.id asc""", CustomerRevenue.class)
                        .setParameter("statuses", REVENUE_STATUSES)
                        .setParameter("from", Check.bound("from", from))
                        .setParameter("to", Check.bound("to", to))
                        .setMaxResults(limit)
                        .getResultList());
    }

    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Check.range("from", from, "to", to);
        Check.notNull("consumer", consumer);
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
                        .setParameter("from", Check.bound("from", from))
                        .setParameter("to", Check.bound("to", to))
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

    @Override
    public boolean deleteOrder(long orderId) {
        Check.id("orderId", orderId);
        // One statement: order_line's foreign key deletes the lines (ON DELETE CASCADE).
        return write(
                "deleteOrder",
                session -> session.createMutationQuery("delete from PurchaseOrder o where o.id = :id")
                                .setParameter("id", orderId)
                                .executeUpdate()
                        > 0);
    }

    // ---------------------------------------------------------------- settings, close

    @Override
    public Map<String, String> settings() {
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

    /** Runs {@code work} in a read-write transaction of its own. */
    private <T> T write(String operation, Function<Session, T> work) {
        return inTransaction(operation, sessionFactory.openSession(), work);
    }

    /**
     * Runs {@code work} in a transaction whose session loads entities read-only (no snapshots, no
     * dirty checking) and never flushes.
     */
    private <T> T read(String operation, Function<Session, T> work) {
        Session session = sessionFactory.openSession();
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
        return inTransaction(operation, session, work);
    }

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
            transaction.commit();
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
}
