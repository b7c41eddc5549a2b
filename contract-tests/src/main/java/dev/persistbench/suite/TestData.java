package dev.persistbench.suite;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builders for test data (unique customers and products, orders placed through the repository)
 * and direct SQL for set-up and checks that must not trust the repository under test (row
 * counts, stock and versions as stored, connections in use).
 *
 * <p>Data made through the repository goes through the statement recorder's proxy, but is only
 * counted inside {@code sql().record(...)}, so set-up never disturbs a statement budget.
 */
public record TestData(StoreRepository store, TestDatabase database) {

    /** A fixed instant that tests place orders around, so that ranges and cut-offs are exact. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Keeps e-mails and SKUs unique across tests, even where tables are not emptied in between. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** A number no other call in this JVM gets. */
    public static long unique() {
        return SEQUENCE.incrementAndGet();
    }

    /** {@link #T0} plus {@code micros} microseconds (negative for before). */
    public static Instant at(long micros) {
        return T0.plusNanos(micros * 1_000);
    }

    /** A money amount as written, e.g. {@code "12.30"}. */
    public static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    // ---- customers ----

    /** A new customer with a unique e-mail. */
    public Customer customer() {
        return customer("Customer " + unique());
    }

    /** A new customer with this name and a unique e-mail. */
    public Customer customer(String name) {
        return store.createCustomer(new NewCustomer("customer-" + unique() + "@example.com", name));
    }

    // ---- products ----

    /** A product to build: unique SKU, price 10.00, 100 in stock, no attributes unless set. */
    public ProductSpec product() {
        long n = unique();
        return new ProductSpec(this, "SKU-" + n, "Product " + n);
    }

    /** A created product with this price and stock. */
    public Product product(String price, int stock) {
        return product().price(price).stock(stock).create();
    }

    /** Creates {@code products} through the repository (P03). */
    public List<Product> create(List<NewProduct> products) {
        return store.createProducts(products);
    }

    /** A fluent {@link NewProduct} builder. */
    public static final class ProductSpec {
        private final TestData data;
        private String sku;
        private String name;
        private BigDecimal price = new BigDecimal("10.00");
        private int stock = 100;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private ProductSpec(TestData data, String sku, String name) {
            this.data = data;
            this.sku = sku;
            this.name = name;
        }

        public ProductSpec sku(String value) {
            sku = value;
            return this;
        }

        public ProductSpec name(String value) {
            name = value;
            return this;
        }

        public ProductSpec price(String value) {
            price = new BigDecimal(value);
            return this;
        }

        public ProductSpec stock(int value) {
            stock = value;
            return this;
        }

        public ProductSpec attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        /** The {@link NewProduct}, not yet created. */
        public NewProduct build() {
            return new NewProduct(sku, name, price, stock, attributes);
        }

        /** Creates the product through the repository and returns it as stored. */
        public Product create() {
            return data.store.createProducts(List.of(build())).get(0);
        }
    }

    // ---- orders ----

    /** A request line for {@code quantity} units of {@code product}. */
    public static OrderLineRequest line(Product product, int quantity) {
        return new OrderLineRequest(product.id(), quantity);
    }

    /** Places an order without an idempotency key. */
    public Order order(Customer customer, Instant placedAt, OrderLineRequest... lines) {
        return store.placeOrder(PlaceOrder.of(customer.id(), placedAt, Arrays.asList(lines)));
    }

    /** Places an order of one line. */
    public Order order(Customer customer, Instant placedAt, Product product, int quantity) {
        return order(customer, placedAt, line(product, quantity));
    }

    /** The lines an order of {@code requests} must have, priced at the products' current prices. */
    public static List<OrderLine> expectedLines(List<Product> products, List<OrderLineRequest> requests) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            OrderLineRequest request = requests.get(i);
            Product product = products.stream()
                    .filter(p -> p.id() == request.productId())
                    .findFirst()
                    .orElseThrow();
            lines.add(new OrderLine(
                    i + 1, product.id(), product.sku(), product.name(), request.quantity(), product.price()));
        }
        return lines;
    }

    // ---- direct SQL ----

    /** Rows in {@code table} (one of {@link TestDatabase#TABLES}). */
    public long count(String table) {
        if (!TestDatabase.TABLES.contains(table)) {
            throw new IllegalArgumentException("not a table of the schema: " + table);
        }
        return queryLong("SELECT count(*) FROM " + table);
    }

    /** The stock of a product as stored. */
    public int stock(long productId) {
        return (int) queryLong("SELECT stock FROM product WHERE id = ?", productId);
    }

    /** The version of a product as stored. */
    public long productVersion(long productId) {
        return queryLong("SELECT version FROM product WHERE id = ?", productId);
    }

    /** The status of an order as stored. */
    public String orderStatus(long orderId) {
        return queryString("SELECT status FROM purchase_order WHERE id = ?", orderId);
    }

    /** The version of an order as stored. */
    public long orderVersion(long orderId) {
        return queryLong("SELECT version FROM purchase_order WHERE id = ?", orderId);
    }

    /** Lines stored for an order. */
    public long lineCount(long orderId) {
        return queryLong("SELECT count(*) FROM order_line WHERE order_id = ?", orderId);
    }

    /** The one long the query answers; fails if it answers no row. */
    public long queryLong(String sql, Object... params) {
        return query(sql, params, rs -> rs.getLong(1));
    }

    /** The one string the query answers; fails if it answers no row. */
    public String queryString(String sql, Object... params) {
        return query(sql, params, rs -> rs.getString(1));
    }

    /** The one byte array the query answers; fails if it answers no row. */
    public byte[] queryBytes(String sql, Object... params) {
        return query(sql, params, rs -> rs.getBytes(1));
    }

    /** The one instant the query answers; fails if it answers no row. */
    public Instant queryInstant(String sql, Object... params) {
        return query(sql, params, rs -> rs.getObject(1, OffsetDateTime.class).toInstant());
    }

    /** Runs an update on a connection of its own (autocommit) and returns the rows it changed. */
    public long execute(String sql, Object... params) {
        try (Connection c = database.openConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeLargeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    /** Connections of the shared pool in use right now (0 when the repository released all of them). */
    public int activeConnections() {
        return ((HikariDataSource) database.dataSource()).getHikariPoolMXBean().getActiveConnections();
    }

    /** Most connections the shared pool hands out at once. */
    public int poolSize() {
        return ((HikariDataSource) database.dataSource()).getMaximumPoolSize();
    }

    /** Whether the table still exists (after input that looked like SQL). */
    public boolean tableExists(String table) {
        return query("SELECT to_regclass(?) IS NOT NULL", new Object[] {table}, rs -> rs.getBoolean(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Object[] params, Column<T> column) {
        try (Connection c = database.openConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row for: " + sql + " " + Arrays.toString(params));
                }
                return column.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value instanceof Instant instant) {
                value = instant.atOffset(ZoneOffset.UTC);
            } else if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            ps.setObject(i + 1, value);
        }
    }
}
