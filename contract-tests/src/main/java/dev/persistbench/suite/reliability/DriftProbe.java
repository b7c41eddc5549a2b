package dev.persistbench.suite.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.error.StoreException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.suite.reliability.DriftResult.Outcome;
import dev.persistbench.testkit.db.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The schema-drift probe (R5.1): migrates a scratch schema, drifts it, starts an implementation
 * over it and runs a small workload; the first deviation decides the verdict, and the tables are
 * then read directly so that a clean verdict is backed by what they hold.
 */
public final class DriftProbe {

    private final TestDatabase database;
    private final Function<DataSource, StoreRepository> implementation;

    /**
     * @param database the server the scratch schemas are made in
     * @param implementation builds the implementation under test over a pool (closed by the probe)
     */
    public DriftProbe(TestDatabase database, Function<DataSource, StoreRepository> implementation) {
        this.database = database;
        this.implementation = implementation;
    }

    /** Probes {@code drift} in a scratch schema of its own, dropped afterwards. */
    public DriftResult run(SchemaDrift drift) {
        String schema = Reliability.createMigratedScratchSchema(database);
        try {
            for (String ddl : drift.ddl) {
                Reliability.execute(database, "SET search_path TO " + schema + "; " + ddl);
            }
            return probe(drift, schema);
        } finally {
            Reliability.dropSchema(database, schema);
        }
    }

    /** How the probe ended: the outcome, with the exception of a failed step or what was wrong. */
    record Verdict(Outcome outcome, RuntimeException failure, String wrong) {
        static Verdict failed(RuntimeException failure) {
            return new Verdict(Outcome.FAILED_AT_FIRST_USE, failure, null);
        }

        static Verdict wrong(String what) {
            return new Verdict(Outcome.SILENTLY_WRONG, null, what);
        }
    }

    private DriftResult probe(SchemaDrift drift, String schema) {
        List<String> steps = new ArrayList<>();
        String app = Reliability.uniqueName("pb_drift");
        try (HikariDataSource pool =
                Reliability.pool(database, app, 2, Map.of("ApplicationName", app, "currentSchema", schema))) {
            StoreRepository repository;
            try {
                repository = implementation.apply(pool);
            } catch (RuntimeException | LinkageError e) {
                return new DriftResult(
                        drift.name(),
                        drift.description,
                        drift.ddl,
                        steps,
                        Outcome.REFUSED_AT_STARTUP,
                        e.getClass().getName(),
                        null,
                        firstLine(e),
                        rootCause(e),
                        null,
                        List.of());
            }
            Verdict verdict;
            try (repository) {
                verdict = runProbe(repository, schema, steps);
            }
            RuntimeException failure = verdict.failure();
            return new DriftResult(
                    drift.name(),
                    drift.description,
                    drift.ddl,
                    steps,
                    verdict.outcome(),
                    failure == null ? null : failure.getClass().getName(),
                    failure == null
                            ? null
                            : failure instanceof StoreException || failure instanceof IllegalArgumentException,
                    failure == null ? null : firstLine(failure),
                    failure == null ? null : rootCause(failure),
                    verdict.wrong(),
                    storedDataProblems(schema));
        }
    }

    /** The innermost cause, as "Type: first line of its message" (a bootstrap error is often wrapped several times). */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + firstLine(root);
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > 500 ? message.substring(0, 500) + "..." : message;
    }

    /**
     * The probe: create a customer with a 60-character name, a second one with the same e-mail
     * in upper case (must be refused), a product priced 19.99, look it up and search it, place
     * an order for two units and read it back. The first deviation decides the verdict.
     */
    private Verdict runProbe(StoreRepository repository, String schema, List<String> steps) {
        String name = "Drift probe customer with a name of sixty characters in all.";
        name = name.substring(0, 60);
        String customerName = name;
        ProbeStep<Customer> customerStep = step(
                steps,
                "createCustomer",
                () -> repository.createCustomer(new NewCustomer("drift@example.com", customerName)));
        if (customerStep.failure != null) {
            return Verdict.failed(customerStep.failure);
        }
        Customer customer = customerStep.value;
        if (!customer.name().equals(customerName)
                || !repository.findCustomer(customer.id()).map(Customer::name).equals(Optional.of(customerName))) {
            return Verdict.wrong("customer name came back as "
                    + repository.findCustomer(customer.id()).map(Customer::name));
        }
        ProbeStep<Customer> duplicate = step(
                steps,
                "createCustomer(duplicate e-mail)",
                () -> repository.createCustomer(new NewCustomer("DRIFT@example.com", "Twin")));
        if (duplicate.failure == null) {
            return Verdict.wrong("a second customer with e-mail DRIFT@example.com was accepted (P01.2 broken)");
        }
        if (!(duplicate.failure instanceof DuplicateKeyException)) {
            return Verdict.failed(duplicate.failure);
        }
        BigDecimal price = new BigDecimal("19.99");
        ProbeStep<List<Product>> productStep = step(
                steps,
                "createProducts",
                () -> repository.createProducts(
                        List.of(new NewProduct("DRIFT-1", "Drift product", price, 5, Map.of("colour", "red")))));
        if (productStep.failure != null) {
            return Verdict.failed(productStep.failure);
        }
        Product product = productStep.value.get(0);
        ProbeStep<Optional<Product>> found =
                step(steps, "findProductBySku", () -> repository.findProductBySku("DRIFT-1"));
        if (found.failure != null) {
            return Verdict.failed(found.failure);
        }
        if (found.value.isEmpty()
                || found.value.get().price().compareTo(price) != 0
                || !found.value.get().name().equals("Drift product")) {
            return Verdict.wrong("product read back as " + found.value);
        }
        ProbeStep<ProductPage> search = step(
                steps,
                "searchProducts",
                () -> repository.searchProducts(ProductSearch.all(10).withNameContains("drift")));
        if (search.failure != null) {
            return Verdict.failed(search.failure);
        }
        if (search.value.items().size() != 1 || search.value.items().get(0).id() != product.id()) {
            return Verdict.wrong("search for 'drift' found " + search.value.items());
        }
        ProbeStep<Order> placed = step(
                steps,
                "placeOrder",
                () -> repository.placeOrder(PlaceOrder.of(
                        customer.id(),
                        Instant.parse("2026-05-01T10:00:00Z"),
                        List.of(new OrderLineRequest(product.id(), 2)))));
        if (placed.failure != null) {
            return Verdict.failed(placed.failure);
        }
        ProbeStep<Optional<Order>> read = step(steps, "findOrder", () -> repository.findOrder(placed.value.id()));
        if (read.failure != null) {
            return Verdict.failed(read.failure);
        }
        if (read.value.isEmpty() || read.value.get().total().compareTo(new BigDecimal("39.98")) != 0) {
            return Verdict.wrong("order read back as " + read.value);
        }
        List<String> stored = storedDataProblems(schema);
        if (!stored.isEmpty()) {
            return Verdict.wrong("the tables hold other values than the implementation acknowledged: " + stored);
        }
        return new Verdict(Outcome.UNAFFECTED, null, null);
    }

    /** The result of one probe step. */
    static final class ProbeStep<T> {
        T value;
        RuntimeException failure;
    }

    private static <T> ProbeStep<T> step(List<String> steps, String name, java.util.function.Supplier<T> call) {
        ProbeStep<T> step = new ProbeStep<>();
        try {
            step.value = call.get();
            steps.add(name + ": ok");
        } catch (RuntimeException e) {
            step.failure = e;
            steps.add(name + ": " + e.getClass().getSimpleName());
        }
        return step;
    }

    /**
     * Reads the scratch schema directly (column names may have drifted, so rows are read as
     * JSON) and lists every way its content differs from what the probe asked for: a customer
     * name not as given, two customers sharing an e-mail case-insensitively, a price other than
     * 19.99, stock not 5 minus what was ordered, an order total other than 39.98.
     */
    private List<String> storedDataProblems(String schema) {
        List<String> problems = new ArrayList<>();
        List<JsonNode> customers = rows(schema, "customer");
        List<JsonNode> products = rows(schema, "product");
        List<JsonNode> orders = rows(schema, "purchase_order");
        long distinctEmails = customers.stream()
                .map(c -> c.path("email").asText().toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .count();
        if (distinctEmails != customers.size()) {
            problems.add(customers.size() + " customers share " + distinctEmails + " e-mail addresses");
        }
        Set<String> names =
                Set.of("Drift probe customer with a name of sixty characters in all.".substring(0, 60), "Twin");
        String name = TestDatabase.customerNameColumn();
        customers.stream()
                .filter(c -> !names.contains(c.path(name).asText()))
                .forEach(c -> problems.add("customer name stored as " + c.get(name)));
        long ordered = orders.size() * 2L;
        for (JsonNode p : products) {
            if (p.path("price").decimalValue().compareTo(new BigDecimal("19.99")) != 0) {
                problems.add("price stored as " + p.get("price"));
            }
            if (p.path("stock").asLong() != 5 - ordered) {
                problems.add("stock stored as " + p.get("stock") + " after " + ordered + " units ordered");
            }
        }
        for (JsonNode o : orders) {
            if (o.path("total").decimalValue().compareTo(new BigDecimal("39.98")) != 0) {
                problems.add("order total stored as " + o.get("total"));
            }
        }
        return problems;
    }

    private List<JsonNode> rows(String schema, String table) {
        List<JsonNode> rows = new ArrayList<>();
        for (Map<String, Object> row : Reliability.queryRows(
                database, "SELECT row_to_json(t)::text AS row FROM " + schema + "." + table + " t")) {
            try {
                rows.add(ReliabilityResults.JSON.readTree((String) row.get("row")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return rows;
    }
}
