package dev.persistbench.suite.reliability;

import dev.persistbench.contract.Arguments;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DuplicateKeyException;
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
import dev.persistbench.contract.model.ProductCursor;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.SortDirection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory reference of the contract, written from {@link StoreRepository}'s Javadoc alone:
 * the model the differential test (R4) compares every implementation with. Single-threaded;
 * generated ids and customers' creation instants are adopted from the implementation (see
 * {@link #adopt}), everything else is computed here.
 *
 * <p>Where the Javadoc leaves an order of checks open (an order naming an unknown customer and
 * a product short of stock at once), {@link #placeOrderOutcomes} names every acceptable failure.
 *
 * <p>Names and e-mails in the sequences are ASCII, so Java's case folding and sort order agree
 * with PostgreSQL's whatever the collation.
 */
final class ReferenceStore implements StoreRepository {

    private final TreeMap<Long, Customer> customers = new TreeMap<>();
    private final TreeMap<Long, Product> products = new TreeMap<>();
    private final TreeMap<Long, Order> orders = new TreeMap<>();
    /** Ids the model hands out when the implementation under comparison gave none (it failed where the model did not). */
    private long fallbackId = 1L << 40;

    private final java.util.ArrayDeque<Long> adoptedIds = new java.util.ArrayDeque<>();
    private Instant adoptedCreatedAt = Instant.EPOCH;

    /**
     * Ids and the database's creation instant are not part of the contract's semantics, so the
     * model adopts those the implementation returned for the same call: the next created rows
     * take these ids (when still free), the next customer this creation instant.
     */
    void adopt(List<Long> ids, Instant customerCreatedAt) {
        adoptedIds.clear();
        adoptedIds.addAll(ids);
        adoptedCreatedAt = customerCreatedAt == null ? Instant.EPOCH : customerCreatedAt;
    }

    private long nextId(Map<Long, ?> table) {
        Long id = adoptedIds.poll();
        if (id != null && id > 0 && !table.containsKey(id)) {
            return id;
        }
        return fallbackId++;
    }

    List<Customer> customers() {
        return List.copyOf(customers.values());
    }

    List<Product> products() {
        return List.copyOf(products.values());
    }

    List<Order> orders() {
        return List.copyOf(orders.values());
    }

    @Override
    public Customer createCustomer(NewCustomer customer) {
        Check.notNull("customer", customer);
        String lower = customer.email().toLowerCase(Locale.ROOT);
        for (Customer c : customers.values()) {
            if (c.email().toLowerCase(Locale.ROOT).equals(lower)) {
                throw new DuplicateKeyException("customer_email_lower_uq", "duplicate e-mail", null);
            }
        }
        Customer created = new Customer(nextId(customers), customer.email(), customer.name(), adoptedCreatedAt);
        customers.put(created.id(), created);
        return created;
    }

    @Override
    public Optional<Customer> findCustomer(long id) {
        return Optional.ofNullable(customers.get(id));
    }

    @Override
    public List<Product> createProducts(List<NewProduct> newProducts) {
        Check.notNull("products", newProducts);
        Set<String> skus = new HashSet<>();
        for (Product p : products.values()) {
            skus.add(p.sku());
        }
        for (NewProduct p : newProducts) {
            if (!skus.add(p.sku())) {
                throw new DuplicateKeyException("product_sku_uq", "duplicate sku " + p.sku(), null);
            }
        }
        List<Product> created = new ArrayList<>();
        for (NewProduct p : newProducts) {
            Product product = new Product(nextId(products), p.sku(), p.name(), p.price(), p.stock(), p.attributes(), 0);
            products.put(product.id(), product);
            created.add(product);
        }
        return created;
    }

    @Override
    public Optional<Product> findProductBySku(String sku) {
        if (!Arguments.findProductBySku(sku)) {
            return Optional.empty();
        }
        return products.values().stream().filter(p -> p.sku().equals(sku)).findFirst();
    }

    @Override
    public ProductPage searchProducts(ProductSearch search) {
        Comparator<Product> order = switch (search.sortKey()) {
            case NAME -> Comparator.comparing(Product::name);
            case PRICE -> Comparator.comparing(Product::price);
            case STOCK -> Comparator.comparingInt(Product::stock);
            case ID -> (a, b) -> 0;
        };
        order = order.thenComparingLong(Product::id);
        if (search.direction() == SortDirection.DESC) {
            order = order.reversed();
        }
        Comparator<Product> finalOrder = order;
        List<Product> rows = products.values().stream()
                .filter(p -> search.nameContains()
                        .map(f -> p.name().toLowerCase(Locale.ROOT).contains(f.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .filter(p -> search.minPrice()
                        .map(min -> p.price().compareTo(min) >= 0)
                        .orElse(true))
                .filter(p -> search.maxPrice()
                        .map(max -> p.price().compareTo(max) <= 0)
                        .orElse(true))
                .filter(p -> search.attribute()
                        .map(a -> a.value().equals(p.attributes().get(a.key())))
                        .orElse(true))
                .filter(p -> !search.inStockOnly() || p.stock() > 0)
                .filter(p -> search.after()
                        .map(c -> finalOrder.compare(p, cursorRow(c)) > 0)
                        .orElse(true))
                .sorted(order)
                .limit(search.pageSize())
                .toList();
        return ProductPage.of(rows, search.pageSize());
    }

    /** A product carrying the cursor's sort values, to compare rows with the cursor by the same ordering. */
    private static Product cursorRow(ProductCursor c) {
        return new Product(c.id(), "cursor", c.name(), c.price(), c.stock(), Map.of(), 0);
    }

    @Override
    public Order placeOrder(PlaceOrder request) {
        List<RuntimeException> failures = placeOrderOutcomes(request);
        if (failures == null) {
            return orderWithKey(request.idempotencyKey().orElseThrow()).orElseThrow();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        Map<Long, Long> units = Arguments.placeOrder(request);
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        int lineNo = 1;
        for (OrderLineRequest line : request.lines()) {
            Product p = products.get(line.productId());
            lines.add(new OrderLine(lineNo++, p.id(), p.sku(), p.name(), line.quantity(), p.price()));
            total = total.add(p.price().multiply(BigDecimal.valueOf(line.quantity())));
        }
        units.forEach((productId, quantity) -> adjustStock(productId, -Math.toIntExact(quantity)));
        Order order = new Order(
                nextId(orders),
                request.customerId(),
                OrderStatus.NEW,
                request.idempotencyKey(),
                total.setScale(2),
                request.placedAt(),
                0,
                lines);
        orders.put(order.id(), order);
        return order;
    }

    /**
     * Null when the request's idempotency key names an existing order (P06.4: that order is the
     * answer whatever the request holds); otherwise every failure the Javadoc allows for it (an
     * implementation may report any one of them), or an empty list when it succeeds.
     */
    List<RuntimeException> placeOrderOutcomes(PlaceOrder request) {
        if (request.idempotencyKey().isPresent()
                && orderWithKey(request.idempotencyKey().get()).isPresent()) {
            return null;
        }
        List<RuntimeException> failures = new ArrayList<>();
        if (!customers.containsKey(request.customerId())) {
            failures.add(new NotFoundException("customer", request.customerId()));
        }
        Map<Long, Long> units = Arguments.placeOrder(request);
        units.keySet().stream()
                .filter(id -> !products.containsKey(id))
                .forEach(id -> failures.add(new NotFoundException("product", id)));
        units.forEach((id, quantity) -> {
            Product p = products.get(id);
            if (p != null && p.stock() < quantity) {
                failures.add(new InsufficientStockException(id, quantity));
            }
        });
        return failures;
    }

    private Optional<Order> orderWithKey(String key) {
        return orders.values().stream()
                .filter(o -> o.idempotencyKey().equals(Optional.of(key)))
                .findFirst();
    }

    /** Changes a product's stock by {@code delta} and raises its version by one. */
    private void adjustStock(long productId, int delta) {
        Product p = products.get(productId);
        products.put(
                productId,
                new Product(p.id(), p.sku(), p.name(), p.price(), p.stock() + delta, p.attributes(), p.version() + 1));
    }

    @Override
    public Optional<Order> findOrder(long orderId) {
        return Optional.ofNullable(orders.get(orderId)).map(this::withCurrentProducts);
    }

    /** Lines carry the product's current SKU and name (P07); this model never renames, but says so. */
    private Order withCurrentProducts(Order o) {
        List<OrderLine> lines = o.lines().stream()
                .map(l -> {
                    Product p = products.get(l.productId());
                    return new OrderLine(l.lineNo(), l.productId(), p.sku(), p.name(), l.quantity(), l.unitPrice());
                })
                .toList();
        return new Order(
                o.id(), o.customerId(), o.status(), o.idempotencyKey(), o.total(), o.createdAt(), o.version(), lines);
    }

    @Override
    public List<Order> latestOrders(long customerId, int limit) {
        if (!Arguments.latestOrders(customerId, limit)) {
            return List.of();
        }
        return orders.values().stream()
                .filter(o -> o.customerId() == customerId)
                .sorted(Comparator.comparing(Order::createdAt)
                        .thenComparingLong(Order::id)
                        .reversed())
                .limit(limit)
                .map(this::withCurrentProducts)
                .toList();
    }

    @Override
    public Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Check.id("orderId", orderId);
        Check.notNull("newStatus", newStatus);
        Order o = orders.get(orderId);
        if (o == null) {
            throw new NotFoundException("order", orderId);
        }
        if (o.version() != expectedVersion) {
            throw new StaleVersionException(orderId, expectedVersion);
        }
        if (!o.status().canMoveTo(newStatus)) {
            throw new IllegalTransitionException(orderId, o.status(), newStatus);
        }
        if (newStatus == OrderStatus.CANCELLED) {
            Map<Long, Integer> given = new LinkedHashMap<>();
            o.lines().forEach(l -> given.merge(l.productId(), l.quantity(), Integer::sum));
            given.forEach(this::adjustStock);
        }
        Order changed = new Order(
                o.id(),
                o.customerId(),
                newStatus,
                o.idempotencyKey(),
                o.total(),
                o.createdAt(),
                o.version() + 1,
                o.lines());
        orders.put(orderId, changed);
        return withCurrentProducts(changed);
    }

    @Override
    public int cancelNewOrdersBefore(Instant cutoff) {
        Check.notNull("cutoff", cutoff);
        Map<Long, Integer> units = new LinkedHashMap<>();
        int count = 0;
        for (Order o : List.copyOf(orders.values())) {
            if (o.status() == OrderStatus.NEW && o.createdAt().isBefore(cutoff)) {
                o.lines().forEach(l -> units.merge(l.productId(), l.quantity(), Integer::sum));
                orders.put(
                        o.id(),
                        new Order(
                                o.id(),
                                o.customerId(),
                                OrderStatus.CANCELLED,
                                o.idempotencyKey(),
                                o.total(),
                                o.createdAt(),
                                o.version() + 1,
                                o.lines()));
                count++;
            }
        }
        // One version step per product however many cancelled orders name it (Product's Javadoc).
        units.forEach(this::adjustStock);
        return count;
    }

    @Override
    public List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit) {
        Check.range("from", from, "to", to);
        Check.between("limit", limit, 1, MAX_REPORT_ROWS);
        Map<Long, BigDecimal> revenue = new HashMap<>();
        Map<Long, Long> counts = new HashMap<>();
        for (Order o : orders.values()) {
            boolean counted = (o.status() == OrderStatus.PAID || o.status() == OrderStatus.SHIPPED)
                    && !o.createdAt().isBefore(from)
                    && o.createdAt().isBefore(to);
            if (counted) {
                revenue.merge(o.customerId(), o.total(), BigDecimal::add);
                counts.merge(o.customerId(), 1L, Long::sum);
            }
        }
        return revenue.entrySet().stream()
                .map(e -> new CustomerRevenue(
                        e.getKey(),
                        customers.get(e.getKey()).email(),
                        e.getValue().setScale(2),
                        counts.get(e.getKey())))
                .sorted(Comparator.comparing(CustomerRevenue::revenue)
                        .reversed()
                        .thenComparingLong(CustomerRevenue::customerId))
                .limit(limit)
                .toList();
    }

    @Override
    public long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer) {
        Check.range("from", from, "to", to);
        Check.notNull("consumer", consumer);
        long count = 0;
        for (Order o : orders.values()) {
            if (!o.createdAt().isBefore(from) && o.createdAt().isBefore(to)) {
                for (OrderLine l : o.lines()) {
                    Product p = products.get(l.productId());
                    consumer.accept(new OrderLineRow(
                            o.id(),
                            l.lineNo(),
                            o.customerId(),
                            o.createdAt(),
                            o.status(),
                            p.id(),
                            p.sku(),
                            p.name(),
                            l.quantity(),
                            l.unitPrice()));
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public boolean deleteOrder(long orderId) {
        return orders.remove(orderId) != null;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("model", "in-memory reference");
    }

    @Override
    public void close() {
        // nothing to release
    }
}
