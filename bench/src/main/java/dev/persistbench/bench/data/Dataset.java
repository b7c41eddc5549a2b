package dev.persistbench.bench.data;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.db.TestDatabase;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The seeded, deterministic data set every benchmark reads: every row is a formula of its index,
 * so the expected answer of every operation is computed here, in Java, independently of any SQL.
 *
 * <p>For a size {@code n} (a multiple of 10, at least 100):
 * <ul>
 *   <li>{@code n} customers, ids 1..n;</li>
 *   <li>{@code n} products, ids 1, 51, 101 ... (the schema's identity steps by 50); every tenth
 *       product has no stock, the others a million units;</li>
 *   <li>{@code 2n} orders, ids 1..2n, one minute apart, statuses NEW, PAID, SHIPPED, CANCELLED in
 *       turn, all belonging to the first {@code n/10} customers (20 orders each), 3 lines each.</li>
 * </ul>
 * Loading truncates the four tables and streams the rows in with COPY (CSV made here from the
 * same formulas), then moves the identities past the seeded ids and analyzes the tables.
 */
public final class Dataset {

    /** The first order's creation instant is one minute after this. */
    public static final Instant ORDERS_BASE = Instant.parse("2025-01-01T00:00:00Z");
    /** Customers were created one second apart from this instant on. */
    public static final Instant CUSTOMERS_BASE = Instant.parse("2024-06-01T00:00:00Z");
    /** Lines per seeded order. */
    public static final int LINES_PER_ORDER = 3;
    /** Orders per seeded customer that has orders. */
    public static final int ORDERS_PER_BUYER = 20;
    /** Units in stock of a product that has stock. */
    public static final int STOCK = 1_000_000;

    private static final String[] ADJECTIVES = {"Oak", "Steel", "Blue", "Compact", "Vintage", "Modern", "Rustic"};
    private static final String[] NOUNS = {"Lamp", "Chair", "Table", "Shelf", "Desk"};
    private static final String[] COLORS = {"red", "green", "blue", "black"};
    private static final String[] SIZES = {"S", "M", "L"};
    private static final OrderStatus[] STATUSES = {
        OrderStatus.NEW, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.CANCELLED
    };

    private final int size;
    private final List<Product> products;
    private final Map<Long, Product> productsById;

    private Dataset(int size) {
        if (size < 100 || size % 10 != 0) {
            throw new IllegalArgumentException("dataSize must be a multiple of 10 and at least 100, was " + size);
        }
        this.size = size;
        List<Product> all = new ArrayList<>(size);
        Map<Long, Product> byId = new HashMap<>();
        for (int j = 1; j <= size; j++) {
            Product p = product(j);
            all.add(p);
            byId.put(p.id(), p);
        }
        this.products = List.copyOf(all);
        this.productsById = byId;
    }

    /** The data set of this size (its rows are computed, nothing is loaded). */
    public static Dataset of(int size) {
        return new Dataset(size);
    }

    public int size() {
        return size;
    }

    public int customerCount() {
        return size;
    }

    public int productCount() {
        return size;
    }

    public int orderCount() {
        return 2 * size;
    }

    /** Customers 1..buyerCount() have {@value #ORDERS_PER_BUYER} orders each; the others none. */
    public int buyerCount() {
        return size / 10;
    }

    // ---- rows as formulas ----

    public Customer customer(long i) {
        checkIndex("customer", i, customerCount());
        return new Customer(i, "customer-" + i + "@example.com", "Customer " + i, CUSTOMERS_BASE.plusSeconds(i));
    }

    /** The id of the j-th product (1-based). */
    public static long productId(int j) {
        return 1 + 50L * (j - 1);
    }

    /** The j-th product (1-based), as seeded. */
    public Product product(int j) {
        checkIndex("product", j, productCount());
        String name = ADJECTIVES[j % ADJECTIVES.length] + " " + NOUNS[(j / 3) % NOUNS.length] + " " + j;
        BigDecimal price = BigDecimal.valueOf(100 + (j * 7919L) % 10_000, 2);
        int stock = j % 10 == 0 ? 0 : STOCK;
        Map<String, String> attributes = Map.of("color", COLORS[j % COLORS.length], "size", SIZES[j % SIZES.length]);
        return new Product(productId(j), String.format("SKU-%06d", j), name, price, stock, attributes, 0);
    }

    /** Every seeded product, in index (and id) order. */
    public List<Product> products() {
        return products;
    }

    public Product productById(long id) {
        Product p = productsById.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no seeded product has id " + id);
        }
        return p;
    }

    /** Whether the j-th product has stock (orders that take stock only name these). */
    public static boolean inStock(int j) {
        return j % 10 != 0;
    }

    /** The j-th product that has stock, cycling: usable by placeOrder for any {@code n >= 0}. */
    public int inStockProductIndex(long n) {
        long k = Math.floorMod(n, (long) size * 9 / 10);
        // 9 of every 10 products have stock: skip the multiples of ten.
        return (int) (k / 9 * 10 + k % 9 + 1);
    }

    public Instant orderCreatedAt(long k) {
        return ORDERS_BASE.plusSeconds(60 * k);
    }

    public long orderCustomer(long k) {
        return (k - 1) % buyerCount() + 1;
    }

    public OrderStatus orderStatus(long k) {
        return STATUSES[(int) (k % STATUSES.length)];
    }

    private int lineProductIndex(long k, int line) {
        return (int) ((k * 31 + line * 17L) % size) + 1;
    }

    private static int lineQuantity(long k, int line) {
        return (int) (1 + (k + line) % 3);
    }

    /** The k-th seeded order (1-based, = its id) with its lines, as P07 must return it. */
    public Order order(long k) {
        checkIndex("order", k, orderCount());
        List<OrderLine> lines = new ArrayList<>(LINES_PER_ORDER);
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int l = 1; l <= LINES_PER_ORDER; l++) {
            Product p = product(lineProductIndex(k, l));
            int quantity = lineQuantity(k, l);
            lines.add(new OrderLine(l, p.id(), p.sku(), p.name(), quantity, p.price()));
            total = total.add(p.price().multiply(BigDecimal.valueOf(quantity)));
        }
        return new Order(k, orderCustomer(k), orderStatus(k), Optional.empty(), total, orderCreatedAt(k), 0, lines);
    }

    // ---- expected answers of the read patterns ----

    /** P08: the latest {@code limit} orders of a customer, newest first. */
    public List<Order> latestOrders(long customerId, int limit) {
        List<Order> result = new ArrayList<>();
        for (long k = orderCount(); k >= 1 && result.size() < limit; k--) {
            if (orderCustomer(k) == customerId) {
                result.add(order(k));
            }
        }
        return result;
    }

    /** P11: revenue per customer over orders created in [from, to) in status PAID or SHIPPED. */
    public List<CustomerRevenue> revenue(Instant from, Instant to, int limit) {
        Map<Long, BigDecimal> revenue = new HashMap<>();
        Map<Long, Long> counts = new HashMap<>();
        for (long k = 1; k <= orderCount(); k++) {
            Instant at = orderCreatedAt(k);
            OrderStatus status = orderStatus(k);
            if (at.isBefore(from)
                    || !at.isBefore(to)
                    || (status != OrderStatus.PAID && status != OrderStatus.SHIPPED)) {
                continue;
            }
            Order o = order(k);
            revenue.merge(o.customerId(), o.total(), BigDecimal::add);
            counts.merge(o.customerId(), 1L, Long::sum);
        }
        return revenue.entrySet().stream()
                .map(e -> new CustomerRevenue(
                        e.getKey(), customer(e.getKey()).email(), e.getValue(), counts.get(e.getKey())))
                .sorted(Comparator.comparing(CustomerRevenue::revenue)
                        .reversed()
                        .thenComparingLong(CustomerRevenue::customerId))
                .limit(limit)
                .toList();
    }

    /** P12: every line of the orders created in [from, to), by order id then line number. */
    public List<OrderLineRow> orderLineRows(Instant from, Instant to) {
        List<OrderLineRow> rows = new ArrayList<>();
        for (long k = 1; k <= orderCount(); k++) {
            Instant at = orderCreatedAt(k);
            if (at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            Order o = order(k);
            for (OrderLine l : o.lines()) {
                rows.add(new OrderLineRow(
                        o.id(),
                        l.lineNo(),
                        o.customerId(),
                        o.createdAt(),
                        o.status(),
                        l.productId(),
                        l.sku(),
                        l.productName(),
                        l.quantity(),
                        l.unitPrice()));
            }
        }
        return rows;
    }

    /** P05: the seeded products that pass {@code filter}, in {@code order}. */
    public List<Product> productsWhere(Predicate<Product> filter, Comparator<Product> order) {
        return products.stream().filter(filter).sorted(order).toList();
    }

    // ---- loading ----

    /** Empties the tables of {@code db}'s schema and loads this data set into them. */
    public void load(TestDatabase db) {
        db.truncateAll();
        try (Connection c = db.openConnection()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            insertCustomers(copy);
            insertProducts(copy);
            insertOrders(copy);
            try (Statement s = c.createStatement()) {
                // Generated ids continue after the seeded ones (identities were restarted by the truncate).
                s.execute("SELECT setval(pg_get_serial_sequence('customer', 'id'), " + customerCount() + ")");
                s.execute("SELECT setval(pg_get_serial_sequence('product', 'id'), " + productId(productCount()) + ")");
                s.execute("SELECT setval(pg_get_serial_sequence('purchase_order', 'id'), " + orderCount() + ")");
                s.execute("ANALYZE customer, product, purchase_order, order_line");
            }
            c.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not load the data set of size " + size + ": " + e.getMessage(), e);
        }
    }

    private void insertCustomers(CopyManager copy) throws SQLException, IOException {
        StringBuilder csv = new StringBuilder(customerCount() * 64);
        for (long i = 1; i <= customerCount(); i++) {
            Customer cu = customer(i);
            row(csv, cu.id(), quote(cu.email()), quote(cu.name()), cu.createdAt());
        }
        copy.copyIn(
                "COPY customer (id, email, name, created_at) FROM STDIN WITH (FORMAT csv)",
                new StringReader(csv.toString()));
    }

    private void insertProducts(CopyManager copy) throws SQLException, IOException {
        StringBuilder csv = new StringBuilder(productCount() * 96);
        for (Product p : products) {
            String json = "{\"color\": \"" + p.attributes().get("color") + "\", \"size\": \""
                    + p.attributes().get("size") + "\"}";
            row(csv, p.id(), quote(p.sku()), quote(p.name()), p.price().toPlainString(), p.stock(), quote(json), 0);
        }
        copy.copyIn(
                "COPY product (id, sku, name, price, stock, attributes, version) FROM STDIN WITH (FORMAT csv)",
                new StringReader(csv.toString()));
    }

    private void insertOrders(CopyManager copy) throws SQLException, IOException {
        StringBuilder orders = new StringBuilder(orderCount() * 64);
        StringBuilder lines = new StringBuilder(orderCount() * LINES_PER_ORDER * 32);
        for (long k = 1; k <= orderCount(); k++) {
            Order o = order(k);
            row(orders, o.id(), o.customerId(), o.status().name(), o.total().toPlainString(), o.createdAt(), 0);
            for (OrderLine l : o.lines()) {
                row(
                        lines,
                        o.id(),
                        l.lineNo(),
                        l.productId(),
                        l.quantity(),
                        l.unitPrice().toPlainString());
            }
        }
        copy.copyIn(
                "COPY purchase_order (id, customer_id, status, total, created_at, version) FROM STDIN WITH (FORMAT csv)",
                new StringReader(orders.toString()));
        copy.copyIn(
                "COPY order_line (order_id, line_no, product_id, quantity, unit_price) FROM STDIN WITH (FORMAT csv)",
                new StringReader(lines.toString()));
    }

    /** One CSV line; instants are written in ISO-8601 (UTC), which timestamptz reads exactly. */
    private static void row(StringBuilder csv, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(values[i]);
        }
        csv.append('\n');
    }

    private static String quote(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static void checkIndex(String what, long i, long max) {
        if (i < 1 || i > max) {
            throw new IllegalArgumentException(what + " index must be in 1.." + max + ", was " + i);
        }
    }
}
