package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.error.IllegalTransitionException;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.NotFoundException;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.ProductSortKey;
import dev.persistbench.contract.model.SortDirection;
import dev.persistbench.suite.ContractFixture;
import dev.persistbench.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R4: a model-based differential test. Seeded random sequences of contract operations run
 * against the implementation and against {@link ReferenceStore}, an in-memory model written
 * from the contract's Javadoc; every result (value or exception) and the final content of the
 * tables must match. 200 sequences of 50 operations in the normal build, 1,000 with
 * {@code -Dpb.reliability.long=true}; {@code -Dpb.reliability.seed=<n>} replays a run. A failure
 * names the seed, the sequence and the shortest failing prefix (found by re-running prefixes).
 */
public interface ModelBasedRules extends ContractFixture {

    /** Operations per sequence. */
    int MODEL_OPERATIONS = 50;

    /** Ids no sequence creates (identities restart with every sequence), for "unknown" references. */
    long MODEL_UNKNOWN_ID_BASE = 4_000_000_000L;

    @Test
    @DisplayName(
            "R4.1 Random operation sequences give the same results and final state as the in-memory reference model")
    default void r4_1_implementationMatchesReferenceModel() {
        int sequences = Reliability.longRun() ? 1_000 : 200;
        long seed = Reliability.seed("R4.1");
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R4.1", "model-based differential test");
        figures.put("seed", seed).put("sequences", sequences).put("operationsPerSequence", MODEL_OPERATIONS);
        Random master = new Random(seed);
        Map<String, Integer> operationCounts = new java.util.TreeMap<>();
        // One connection for truncating and reading the tables: opening one per check would cost more than the
        // operations.
        try (java.sql.Connection admin = database().openConnection()) {
            for (int s = 0; s < sequences; s++) {
                long sequenceSeed = master.nextLong();
                Reliability.truncate(admin);
                ModelFailure failure = runSequence(admin, sequenceSeed, MODEL_OPERATIONS, operationCounts);
                if (failure != null) {
                    ModelFailure shortest = shrink(admin, sequenceSeed, failure);
                    figures.put("failedSequence", s)
                            .put("failedSequenceSeed", sequenceSeed)
                            .put("shortestFailingPrefix", shortest.trace().size());
                    fail("R4.1 mismatch with the reference model (run seed " + seed + ", sequence " + s
                            + ", sequence seed " + sequenceSeed
                            + "; replay with -D" + Reliability.SEED_PROPERTY + "=" + seed
                            + ").\nShortest failing prefix ("
                            + shortest.trace().size() + " operations):\n  " + String.join("\n  ", shortest.trace())
                            + "\n" + shortest.message());
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not open the checking connection", e);
        }
        int operationsRun =
                operationCounts.values().stream().mapToInt(Integer::intValue).sum();
        figures.put("operationsRun", operationsRun).put("operationMix", operationCounts);
        database().truncateAll();
        figures.passed();
    }

    /** The shortest prefix of the same sequence that still fails (the failure itself when none shorter does). */
    private ModelFailure shrink(java.sql.Connection admin, long sequenceSeed, ModelFailure failure) {
        for (int length = 1; length <= failure.operationIndex() + 1; length++) {
            Reliability.truncate(admin);
            ModelFailure candidate = runSequence(admin, sequenceSeed, length, new java.util.TreeMap<>());
            if (candidate != null) {
                return candidate;
            }
        }
        return failure;
    }

    /** Where and why a sequence diverged from the model. */
    record ModelFailure(int operationIndex, List<String> trace, String message) {}

    /**
     * Runs the first {@code length} operations of the sequence {@code sequenceSeed} on a fresh
     * model and on the (emptied) implementation, then compares the tables with the model.
     */
    private ModelFailure runSequence(
            java.sql.Connection admin, long sequenceSeed, int length, Map<String, Integer> operationCounts) {
        ReferenceStore model = new ReferenceStore();
        Random random = new Random(sequenceSeed);
        List<String> trace = new ArrayList<>();
        List<Long> everyOrderId = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            ModelStep step = nextStep(random, model, everyOrderId);
            trace.add(step.description());
            Object actual = outcome(() -> step.call().apply(store()));
            operationCounts.merge(
                    step.operation()
                            + (actual instanceof RuntimeException e
                                    ? " -> " + e.getClass().getSimpleName()
                                    : " -> ok"),
                    1,
                    Integer::sum);
            // Ids and database clock values are adopted from the implementation (they are not semantics).
            model.adopt(createdIds(actual), actual instanceof Customer c ? c.createdAt() : null);
            List<Object> expected = new ArrayList<>();
            List<RuntimeException> alternatives =
                    step.alternatives() == null ? null : step.alternatives().apply(model);
            if (alternatives != null) {
                alternatives.forEach(e -> expected.add(normalize(e)));
            }
            Object modelResult = normalize(outcome(() -> step.call().apply(model)));
            if (expected.isEmpty()) {
                expected.add(modelResult);
            }
            Object actualNormal = normalize(actual);
            if (actual instanceof Order o) {
                everyOrderId.add(o.id());
            }
            if (!expected.contains(actualNormal)) {
                return new ModelFailure(
                        i,
                        trace,
                        "operation " + (i + 1) + ": " + step.description() + "\n  implementation: " + actualNormal
                                + "\n  model:          "
                                + (expected.size() == 1 ? expected.get(0) : "one of " + expected));
            }
        }
        String stateDifference = compareTables(admin, model);
        if (stateDifference != null) {
            return new ModelFailure(
                    length - 1,
                    trace,
                    "final state after " + length + " operations differs from the model: " + stateDifference);
        }
        return null;
    }

    private static Object outcome(java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static List<Long> createdIds(Object result) {
        if (result instanceof Customer c) {
            return List.of(c.id());
        }
        if (result instanceof Order o) {
            return List.of(o.id());
        }
        if (result instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Product) {
            return list.stream().map(p -> ((Product) p).id()).toList();
        }
        return List.of();
    }

    /** Values compare as they are (records); exceptions by type and the details the contract gives them. */
    private static Object normalize(Object outcome) {
        return switch (outcome) {
            case NotFoundException e -> "NotFoundException(" + e.entity() + " " + e.id() + ")";
            case InsufficientStockException e ->
                "InsufficientStockException(product " + e.productId() + ", requested " + e.requested() + ")";
            case StaleVersionException e ->
                "StaleVersionException(order " + e.orderId() + ", expected " + e.expectedVersion() + ")";
            case IllegalTransitionException e -> "IllegalTransitionException(" + e.from() + " -> " + e.to() + ")";
            case DuplicateKeyException e -> "DuplicateKeyException";
            case IllegalArgumentException e -> "IllegalArgumentException";
            case RuntimeException e -> e.getClass().getName() + ": " + e.getMessage();
            case null -> "null";
            default -> outcome;
        };
    }

    /** One generated operation: what it does, how to call it, and (for P06) every failure the contract allows. */
    record ModelStep(
            String operation,
            String description,
            Function<StoreRepository, Object> call,
            Function<ReferenceStore, List<RuntimeException>> alternatives) {}

    private static Instant instant(Random r) {
        Instant base = Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofHours(r.nextInt(8)));
        return r.nextInt(4) == 0 ? base.plusNanos(1_000L * (1 + r.nextInt(5))) : base;
    }

    /** A time bound: mostly near the orders, sometimes an open end (V.4) or a nanosecond off the grid (V.1). */
    private static Instant bound(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> Instant.MIN;
            case 1 -> Instant.MAX;
            case 2 -> Check.MIN_INSTANT.minusNanos(1);
            default -> instant(r);
        };
    }

    /** When an order is placed: mostly near the others, sometimes the first or last storable microsecond (V.4). */
    private static Instant placedAt(Random r) {
        return switch (r.nextInt(20)) {
            case 0 -> Check.MIN_INSTANT;
            case 1 -> Check.MAX_INSTANT;
            default -> instant(r);
        };
    }

    /** An id for a read: mostly a reference, sometimes zero or negative (P02.2, P07.3, P08.3). */
    private static long readId(Random r, long reference) {
        return switch (r.nextInt(14)) {
            case 0 -> 0;
            case 1 -> -1 - r.nextInt(3);
            default -> reference;
        };
    }

    private static String letters(Random r, int min, int max) {
        StringBuilder out = new StringBuilder();
        int length = min + r.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + r.nextInt(4)));
        }
        return out.toString();
    }

    private static String randomCase(Random r, String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(r.nextInt(3) == 0 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static long customerRef(Random r, ReferenceStore m) {
        List<Customer> all = m.customers();
        return all.isEmpty() || r.nextInt(15) == 0
                ? MODEL_UNKNOWN_ID_BASE + r.nextInt(100)
                : all.get(r.nextInt(all.size())).id();
    }

    private static long productRef(Random r, ReferenceStore m) {
        List<Product> all = m.products();
        return all.isEmpty() || r.nextInt(25) == 0
                ? MODEL_UNKNOWN_ID_BASE + r.nextInt(100)
                : all.get(r.nextInt(all.size())).id();
    }

    private static long orderRef(Random r, ReferenceStore m, List<Long> everyOrderId) {
        List<Order> all = m.orders();
        int dice = r.nextInt(10);
        if (dice == 0 || (all.isEmpty() && everyOrderId.isEmpty())) {
            return MODEL_UNKNOWN_ID_BASE + r.nextInt(100);
        }
        if (dice == 1 && !everyOrderId.isEmpty() || all.isEmpty()) {
            return everyOrderId.get(r.nextInt(everyOrderId.size())); // possibly deleted since
        }
        return all.get(r.nextInt(all.size())).id();
    }

    private static List<ProductPage> allPages(StoreRepository repository, ProductSearch first) {
        List<ProductPage> pages = new ArrayList<>();
        ProductSearch search = first;
        for (int guard = 0; guard < 500; guard++) {
            ProductPage page = repository.searchProducts(search);
            pages.add(page);
            if (page.next().isEmpty()) {
                return pages;
            }
            search = first.after(page.next().get());
        }
        throw new IllegalStateException("more than 500 pages: the cursors never reach the end");
    }

    /** Draws the next operation; references resolve against the model's current state. */
    private static ModelStep nextStep(Random r, ReferenceStore m, List<Long> everyOrderId) {
        int dice = r.nextInt(100);
        // An empty store makes nearly every operation a NotFound: create customers and products first, mostly.
        if (m.customers().size() < 2 && r.nextBoolean()) {
            dice = 0;
        } else if (m.products().size() < 3 && r.nextBoolean()) {
            dice = 12;
        }
        if (dice < 8) {
            NewCustomer c = new NewCustomer(
                    randomCase(r, "user" + r.nextInt(8) + "@example.com"), "Customer " + letters(r, 1, 4));
            return new ModelStep("createCustomer", "createCustomer(" + c + ")", s -> s.createCustomer(c), null);
        }
        if (dice < 12) {
            long id = readId(r, customerRef(r, m));
            return new ModelStep("findCustomer", "findCustomer(" + id + ")", s -> s.findCustomer(id), null);
        }
        if (dice < 20) {
            List<NewProduct> products = new ArrayList<>();
            int count = 1 + r.nextInt(4);
            for (int i = 0; i < count; i++) {
                String sku = (r.nextInt(5) == 0 ? "sku-" : "SKU-") + r.nextInt(25);
                Map<String, String> attributes = new LinkedHashMap<>();
                if (r.nextBoolean()) {
                    attributes.put("colour", r.nextBoolean() ? "red" : "blue");
                }
                if (r.nextBoolean()) {
                    attributes.put("size", r.nextBoolean() ? "s" : "m");
                }
                BigDecimal price = BigDecimal.valueOf(1 + r.nextInt(6000), 2);
                products.add(new NewProduct(
                        sku, letters(r, 2, 5), price, r.nextInt(5) == 0 ? r.nextInt(3) : r.nextInt(30), attributes));
            }
            if (r.nextInt(10) == 0) {
                products.add(products.get(0)); // a SKU twice in one call
            }
            return new ModelStep(
                    "createProducts", "createProducts(" + products + ")", s -> s.createProducts(products), null);
        }
        if (dice < 25) {
            String sku = switch (r.nextInt(16)) {
                // P04.3: SKUs no product can have; and the longest one that can
                case 0 -> "";
                case 1 -> " \t";
                case 2 -> "k".repeat(Check.MAX_KEY_LENGTH + 1);
                case 3 -> "k".repeat(Check.MAX_KEY_LENGTH);
                default -> (r.nextInt(4) == 0 ? "sku-" : "SKU-") + r.nextInt(25);
            };
            return new ModelStep(
                    "findProductBySku",
                    "findProductBySku(" + (sku.length() > 20 ? sku.length() + " chars" : sku) + ")",
                    s -> s.findProductBySku(sku),
                    null);
        }
        if (dice < 37) {
            ProductSearch search = ProductSearch.all(1 + r.nextInt(7))
                    .sortedBy(ProductSortKey.values()[r.nextInt(4)], SortDirection.values()[r.nextInt(2)]);
            if (r.nextInt(10) < 4) {
                search = search.withNameContains(randomCase(r, letters(r, 1, 2)));
            }
            if (r.nextInt(10) < 3) {
                int a = r.nextInt(6000);
                int b = r.nextInt(6000);
                search = search.withPriceBetween(
                        r.nextInt(4) == 0 ? null : BigDecimal.valueOf(Math.min(a, b), 2),
                        r.nextInt(4) == 0 ? null : BigDecimal.valueOf(Math.max(a, b), 2));
            }
            if (r.nextInt(4) == 0) {
                search = r.nextBoolean()
                        ? search.withAttribute("colour", r.nextBoolean() ? "red" : "blue")
                        : search.withAttribute("size", "m");
            }
            if (r.nextInt(10) < 3) {
                search = search.withInStockOnly(true);
            }
            ProductSearch first = search;
            return new ModelStep(
                    "searchProducts", "searchProducts(" + first + ") all pages", s -> allPages(s, first), null);
        }
        if (dice < 59) {
            long customer = customerRef(r, m);
            List<OrderLineRequest> lines = new ArrayList<>();
            int count = 1 + r.nextInt(3);
            for (int i = 0; i < count; i++) {
                lines.add(new OrderLineRequest(productRef(r, m), 1 + r.nextInt(4)));
            }
            if (r.nextInt(25) == 0) {
                // P06.2: units whose sum overflows an int: more than any stock
                long product = productRef(r, m);
                lines.add(new OrderLineRequest(product, Integer.MAX_VALUE));
                lines.add(new OrderLineRequest(product, Integer.MAX_VALUE));
            }
            PlaceOrder order = PlaceOrder.of(customer, placedAt(r), lines);
            if (r.nextBoolean()) {
                order = order.withIdempotencyKey("key-" + r.nextInt(6));
            }
            PlaceOrder request = order;
            return new ModelStep("placeOrder", "placeOrder(" + request + ")", s -> s.placeOrder(request), model -> {
                List<RuntimeException> failures = model.placeOrderOutcomes(request);
                return failures == null || failures.size() < 2 ? null : failures;
            });
        }
        if (dice < 65) {
            long id = readId(r, orderRef(r, m, everyOrderId));
            return new ModelStep("findOrder", "findOrder(" + id + ")", s -> s.findOrder(id), null);
        }
        if (dice < 70) {
            long customer = readId(r, customerRef(r, m));
            int limit = 1 + r.nextInt(6);
            return new ModelStep(
                    "latestOrders",
                    "latestOrders(" + customer + ", " + limit + ")",
                    s -> s.latestOrders(customer, limit),
                    null);
        }
        if (dice < 82) {
            long id = orderRef(r, m, everyOrderId);
            long current = m.findOrder(id).map(Order::version).orElse(0L);
            long version = r.nextInt(10) < 7 ? current : current + (r.nextBoolean() ? 1 : -1);
            OrderStatus target = OrderStatus.values()[r.nextInt(4)];
            return new ModelStep(
                    "changeStatus",
                    "changeStatus(" + id + ", " + version + ", " + target + ")",
                    s -> s.changeStatus(id, version, target),
                    null);
        }
        if (dice < 85) {
            Instant cutoff = bound(r);
            return new ModelStep(
                    "cancelNewOrdersBefore",
                    "cancelNewOrdersBefore(" + cutoff + ")",
                    s -> s.cancelNewOrdersBefore(cutoff),
                    null);
        }
        if (dice < 89) {
            Instant a = bound(r);
            Instant b = bound(r);
            Instant from = a.isBefore(b) ? a : b;
            Instant to = a.isBefore(b) ? b : a;
            int limit = 1 + r.nextInt(5);
            return new ModelStep(
                    "topCustomersByRevenue",
                    "topCustomersByRevenue(" + from + ", " + to + ", " + limit + ")",
                    s -> s.topCustomersByRevenue(from, to, limit),
                    null);
        }
        if (dice < 93) {
            Instant a = bound(r);
            Instant b = r.nextInt(12) == 0 ? Instant.MAX : instant(r).plus(Duration.ofHours(r.nextInt(3)));
            Instant from = a.isBefore(b) ? a : b;
            Instant to = a.isBefore(b) ? b : a;
            return new ModelStep(
                    "streamOrderLines",
                    "streamOrderLines(" + from + ", " + to + ")",
                    s -> {
                        List<OrderLineRow> rows = new ArrayList<>();
                        long count = s.streamOrderLines(from, to, rows::add);
                        return Map.of("count", count, "rows", rows);
                    },
                    null);
        }
        long id = orderRef(r, m, everyOrderId);
        return new ModelStep("deleteOrder", "deleteOrder(" + id + ")", s -> s.deleteOrder(id), null);
    }

    /** The tables read directly (not through the implementation) compared with the model; null when equal. */
    private String compareTables(java.sql.Connection admin, ReferenceStore model) {
        List<String> expectedCustomers = model.customers().stream()
                .map(c -> c.id() + "|" + c.email() + "|" + c.name())
                .toList();
        List<String> actualCustomers = Reliability.queryRows(
                        admin,
                        "SELECT id, email, " + TestDatabase.customerNameColumn() + " AS name FROM customer ORDER BY id")
                .stream()
                .map(row -> row.get("id") + "|" + row.get("email") + "|" + row.get("name"))
                .toList();
        if (!expectedCustomers.equals(actualCustomers)) {
            return "customer table " + actualCustomers + ", model " + expectedCustomers;
        }
        ObjectMapper json = new ObjectMapper();
        List<String> expectedProducts = model.products().stream()
                .map(p -> p.id() + "|" + p.sku() + "|" + p.name() + "|" + p.price() + "|" + p.stock() + "|"
                        + p.version() + "|" + new java.util.TreeMap<>(p.attributes()))
                .toList();
        List<String> actualProducts = new ArrayList<>();
        for (Map<String, Object> row : Reliability.queryRows(
                admin,
                "SELECT id, sku, name, price, stock, version, attributes::text AS attributes FROM product ORDER BY id")) {
            Map<String, String> attributes;
            try {
                attributes = json.readValue(
                        (String) row.get("attributes"), new TypeReference<java.util.TreeMap<String, String>>() {});
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            actualProducts.add(row.get("id") + "|" + row.get("sku") + "|" + row.get("name") + "|" + row.get("price")
                    + "|" + row.get("stock") + "|" + row.get("version") + "|" + attributes);
        }
        if (!expectedProducts.equals(actualProducts)) {
            return "product table " + actualProducts + ", model " + expectedProducts;
        }
        List<String> expectedOrders = model.orders().stream()
                .map(o -> o.id() + "|" + o.customerId() + "|" + o.status() + "|"
                        + o.idempotencyKey().orElse(null) + "|" + o.total() + "|"
                        + java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, o.createdAt()) + "|"
                        + o.version())
                .toList();
        List<String> actualOrders = Reliability.queryRows(
                        admin,
                        // created_at as microseconds since the epoch, computed by the server: a java.sql.Timestamp
                        // would shift instants before 1582 (its hybrid Julian calendar).
                        "SELECT id, customer_id, status, idempotency_key, total,"
                                + " (extract(epoch FROM created_at) * 1000000)::bigint AS created_us, version"
                                + " FROM purchase_order ORDER BY id")
                .stream()
                .map(row -> row.get("id") + "|" + row.get("customer_id") + "|" + row.get("status") + "|"
                        + row.get("idempotency_key") + "|" + row.get("total") + "|"
                        + row.get("created_us") + "|"
                        + row.get("version"))
                .toList();
        if (!expectedOrders.equals(actualOrders)) {
            return "purchase_order table " + actualOrders + ", model " + expectedOrders;
        }
        List<String> expectedLines = model.orders().stream()
                .flatMap(o -> o.lines().stream()
                        .map(l -> o.id() + "|" + l.lineNo() + "|" + l.productId() + "|" + l.quantity() + "|"
                                + l.unitPrice()))
                .toList();
        List<String> actualLines = Reliability.queryRows(
                        admin,
                        "SELECT order_id, line_no, product_id, quantity, unit_price FROM order_line ORDER BY order_id, line_no")
                .stream()
                .map(row -> row.get("order_id") + "|" + row.get("line_no") + "|" + row.get("product_id") + "|"
                        + row.get("quantity") + "|" + row.get("unit_price"))
                .toList();
        if (!expectedLines.equals(actualLines)) {
            return "order_line table " + actualLines + ", model " + expectedLines;
        }
        return null;
    }
}
