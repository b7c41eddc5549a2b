package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.persistbench.suite.ContractFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R5: the schema-drift matrix. The schema is migrated into a scratch schema and then drifted
 * (a renamed column, narrowed types, a new NOT NULL column without default, a dropped unique
 * index); the implementation is started over it and a small workload probes it. Each drift is
 * classified as refused at start-up, failed at first use (with which exception and message),
 * ran silently wrong, or unaffected, and written to the results file. The rule asserts only
 * that no drift corrupts data without the matrix saying so: every row the probe finds wrong is
 * reported, and an "unaffected" verdict is backed by reading the tables directly.
 */
public interface SchemaDriftRules extends ContractFixture {

    /** The drifts measured; BASELINE is the undrifted schema, the control that the scratch set-up itself works. */
    enum SchemaDrift {
        BASELINE("no change (control)", List.of()),
        RENAMED_COLUMN("product.name renamed to title", List.of("ALTER TABLE product RENAME COLUMN name TO title")),
        NARROWED_TEXT(
                "customer.name narrowed from varchar(10000) to varchar(40)",
                List.of("ALTER TABLE customer ALTER COLUMN name TYPE varchar(40)")),
        NARROWED_SCALE(
                "product.price narrowed from numeric(12,2) to numeric(12,0)",
                List.of("ALTER TABLE product ALTER COLUMN price TYPE numeric(12, 0)")),
        NEW_NOT_NULL_COLUMN(
                "customer.tier added, NOT NULL without default",
                List.of("ALTER TABLE customer ADD COLUMN tier text NOT NULL")),
        DROPPED_UNIQUE("unique index on lower(customer.email) dropped", List.of("DROP INDEX customer_email_lower_uq"));

        final String description;
        final List<String> ddl;

        SchemaDrift(String description, List<String> ddl) {
            this.description = description;
            this.ddl = ddl;
        }
    }

    /** Outcomes, in the order the probe can reach them. */
    String DRIFT_REFUSED_AT_STARTUP = "refused-at-startup";

    String DRIFT_FAILED_AT_FIRST_USE = "failed-at-first-use";
    String DRIFT_SILENTLY_WRONG = "silently-wrong";
    String DRIFT_UNAFFECTED = "unaffected";

    @Test
    @DisplayName(
            "R5.1 Schema drift matrix: each drift refused at start-up, failed at first use, or reported as silently wrong")
    default void r5_1_schemaDriftMatrix() {
        ReliabilityResults results = ReliabilityResults.of(store());
        ReliabilityResults.Rule figures = results.rule("R5.1", "schema drift matrix");
        List<Map<String, Object>> matrix = new ArrayList<>();
        List<String> unreported = new ArrayList<>();
        for (SchemaDrift drift : SchemaDrift.values()) {
            String schema = Reliability.createMigratedScratchSchema(database());
            try {
                for (String ddl : drift.ddl) {
                    Reliability.execute(database(), "SET search_path TO " + schema + "; " + ddl);
                }
                Map<String, Object> row = probe(drift, schema);
                matrix.add(row);
                results.schemaDrift(matrix);
                // The verdict must agree with what the tables hold: a run the matrix calls
                // clean must have stored exactly what it acknowledged.
                @SuppressWarnings("unchecked")
                List<String> stored = (List<String>) row.get("storedDataProblems");
                if (!row.get("outcome").equals(DRIFT_SILENTLY_WRONG) && !stored.isEmpty()) {
                    unreported.add(drift + ": " + stored);
                }
            } finally {
                Reliability.dropSchema(database(), schema);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        matrix.forEach(row -> summary.put((String) row.get("drift"), row.get("outcome")));
        figures.put("matrix", summary);
        assertThat(matrix).hasSize(SchemaDrift.values().length);
        assertThat(matrix)
                .allSatisfy(row -> assertThat(row.get("outcome"))
                        .isIn(
                                DRIFT_REFUSED_AT_STARTUP,
                                DRIFT_FAILED_AT_FIRST_USE,
                                DRIFT_SILENTLY_WRONG,
                                DRIFT_UNAFFECTED));
        assertThat(unreported)
                .as("data corrupted silently without the matrix saying so")
                .isEmpty();
        assertThat(Reliability.queryLong(
                        database(), "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pb\\_scratch\\_%'"))
                .as("scratch schemas left behind")
                .isZero();
        figures.passed();
    }

    /** Starts the implementation over the drifted schema and runs the probe workload; one matrix row. */
    private Map<String, Object> probe(SchemaDrift drift, String schema) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("drift", drift.name());
        row.put("description", drift.description);
        row.put("ddl", drift.ddl);
        List<String> steps = new ArrayList<>();
        row.put("steps", steps);
        String app = Reliability.uniqueName("pb_drift");
        try (HikariDataSource pool =
                Reliability.pool(database(), app, 2, Map.of("ApplicationName", app, "currentSchema", schema))) {
            StoreRepository repository;
            try {
                repository = newRepository(pool);
            } catch (RuntimeException | LinkageError e) {
                row.put("outcome", DRIFT_REFUSED_AT_STARTUP);
                row.put("exception", e.getClass().getName());
                row.put("message", firstLine(e));
                row.put("rootCause", rootCause(e));
                row.put("storedDataProblems", List.of());
                return row;
            }
            try (repository) {
                String verdict = runProbe(repository, schema, steps, row);
                row.put("outcome", verdict);
            }
            row.put("storedDataProblems", storedDataProblems(schema));
        }
        return row;
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
    private String runProbe(StoreRepository repository, String schema, List<String> steps, Map<String, Object> row) {
        String name = "Drift probe customer with a name of sixty characters in all.";
        name = name.substring(0, 60);
        String customerName = name;
        ProbeStep<Customer> customerStep = step(
                steps,
                "createCustomer",
                () -> repository.createCustomer(new NewCustomer("drift@example.com", customerName)));
        if (customerStep.failure != null) {
            return failed(row, customerStep);
        }
        Customer customer = customerStep.value;
        if (!customer.name().equals(customerName)
                || !repository.findCustomer(customer.id()).map(Customer::name).equals(Optional.of(customerName))) {
            return wrong(
                    row,
                    steps,
                    "customer name came back as "
                            + repository.findCustomer(customer.id()).map(Customer::name));
        }
        ProbeStep<Customer> duplicate = step(
                steps,
                "createCustomer(duplicate e-mail)",
                () -> repository.createCustomer(new NewCustomer("DRIFT@example.com", "Twin")));
        if (duplicate.failure == null) {
            return wrong(row, steps, "a second customer with e-mail DRIFT@example.com was accepted (P01.2 broken)");
        }
        if (!(duplicate.failure instanceof DuplicateKeyException)) {
            return failed(row, duplicate);
        }
        BigDecimal price = new BigDecimal("19.99");
        ProbeStep<List<Product>> productStep = step(
                steps,
                "createProducts",
                () -> repository.createProducts(
                        List.of(new NewProduct("DRIFT-1", "Drift product", price, 5, Map.of("colour", "red")))));
        if (productStep.failure != null) {
            return failed(row, productStep);
        }
        Product product = productStep.value.get(0);
        ProbeStep<Optional<Product>> found =
                step(steps, "findProductBySku", () -> repository.findProductBySku("DRIFT-1"));
        if (found.failure != null) {
            return failed(row, found);
        }
        if (found.value.isEmpty()
                || found.value.get().price().compareTo(price) != 0
                || !found.value.get().name().equals("Drift product")) {
            return wrong(row, steps, "product read back as " + found.value);
        }
        ProbeStep<ProductPage> search = step(
                steps,
                "searchProducts",
                () -> repository.searchProducts(ProductSearch.all(10).withNameContains("drift")));
        if (search.failure != null) {
            return failed(row, search);
        }
        if (search.value.items().size() != 1 || search.value.items().get(0).id() != product.id()) {
            return wrong(row, steps, "search for 'drift' found " + search.value.items());
        }
        ProbeStep<Order> placed = step(
                steps,
                "placeOrder",
                () -> repository.placeOrder(PlaceOrder.of(
                        customer.id(),
                        Instant.parse("2026-05-01T10:00:00Z"),
                        List.of(new OrderLineRequest(product.id(), 2)))));
        if (placed.failure != null) {
            return failed(row, placed);
        }
        ProbeStep<Optional<Order>> read = step(steps, "findOrder", () -> repository.findOrder(placed.value.id()));
        if (read.failure != null) {
            return failed(row, read);
        }
        if (read.value.isEmpty() || read.value.get().total().compareTo(new BigDecimal("39.98")) != 0) {
            return wrong(row, steps, "order read back as " + read.value);
        }
        List<String> stored = storedDataProblems(schema);
        if (!stored.isEmpty()) {
            return wrong(row, steps, "the tables hold other values than the implementation acknowledged: " + stored);
        }
        return DRIFT_UNAFFECTED;
    }

    /** The result of one probe step. */
    final class ProbeStep<T> {
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

    private static String failed(Map<String, Object> row, ProbeStep<?> step) {
        row.put("exception", step.failure.getClass().getName());
        row.put(
                "contractException",
                step.failure instanceof StoreException || step.failure instanceof IllegalArgumentException);
        row.put("message", firstLine(step.failure));
        row.put("rootCause", rootCause(step.failure));
        return DRIFT_FAILED_AT_FIRST_USE;
    }

    private static String wrong(Map<String, Object> row, List<String> steps, String what) {
        row.put("wrong", what);
        return DRIFT_SILENTLY_WRONG;
    }

    /**
     * Reads the scratch schema directly (column names may have drifted, so rows are read as
     * JSON) and lists every way its content differs from what the probe asked for: a customer
     * name not as given, two customers sharing an e-mail case-insensitively, a price other than
     * 19.99, stock not 5 minus what was ordered, an order total other than 39.98.
     */
    private List<String> storedDataProblems(String schema) {
        List<String> problems = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> customers = rows(json, schema, "customer");
        List<Map<String, Object>> products = rows(json, schema, "product");
        List<Map<String, Object>> orders = rows(json, schema, "purchase_order");
        long distinctEmails = customers.stream()
                .map(c -> String.valueOf(c.get("email")).toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .count();
        if (distinctEmails != customers.size()) {
            problems.add(customers.size() + " customers share " + distinctEmails + " e-mail addresses");
        }
        Set<String> names =
                Set.of("Drift probe customer with a name of sixty characters in all.".substring(0, 60), "Twin");
        customers.stream()
                .filter(c -> !names.contains(String.valueOf(c.get("name"))))
                .forEach(c -> problems.add("customer name stored as " + c.get("name")));
        long ordered = orders.size() * 2L;
        for (Map<String, Object> p : products) {
            if (new BigDecimal(String.valueOf(p.get("price"))).compareTo(new BigDecimal("19.99")) != 0) {
                problems.add("price stored as " + p.get("price"));
            }
            if (((Number) p.get("stock")).longValue() != 5 - ordered) {
                problems.add("stock stored as " + p.get("stock") + " after " + ordered + " units ordered");
            }
        }
        for (Map<String, Object> o : orders) {
            if (new BigDecimal(String.valueOf(o.get("total"))).compareTo(new BigDecimal("39.98")) != 0) {
                problems.add("order total stored as " + o.get("total"));
            }
        }
        return problems;
    }

    private List<Map<String, Object>> rows(ObjectMapper json, String schema, String table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : Reliability.queryRows(
                database(), "SELECT row_to_json(t)::text AS row FROM " + schema + "." + table + " t")) {
            try {
                rows.add(json.readValue((String) row.get("row"), new TypeReference<Map<String, Object>>() {}));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return rows;
    }
}
