package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.ProductSortKey;
import dev.persistbench.contract.model.SortDirection;
import dev.persistbench.suite.ContractFixture;
import dev.persistbench.testkit.sql.SqlRecorder;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R3: a corpus of hostile strings (SQL-injection payloads of every common family, quotes and
 * comment sequences, LIKE wildcards, backslashes, combining marks, bidi controls, astral
 * characters, zero-width code points, strings at the contract's length limits) round-trips
 * byte-exact through P01, P04 and P05, with pgjdbc's extended protocol and with
 * {@code preferQueryMode=simple} (where the driver inlines parameters itself), and changes no
 * other row or table.
 */
public interface HostileInputRules extends ContractFixture {

    /** R3.1's figures for one protocol. */
    record CustomerRoundTrips(int customersCreated, int refusedBlankByRecord, int emailsMadeUnique, int mismatches) {}

    /** R3.2's figures for one protocol. */
    record ProductRoundTrips(int productsCreated, int mismatches) {}

    /** R3.3's figures for one protocol; the SQL texts are counted in the extended protocol only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LiteralSearches(int searches, int wrongResults, Integer distinctSqlTexts) {}

    /** Runs {@code body} with the shared repository (extended protocol) and with one over a simple-protocol pool. */
    private void inBothProtocols(String rule, BiConsumer<String, StoreRepository> body) {
        body.accept("extended", store());
        String app = Reliability.uniqueName("pb_simple");
        try (HikariDataSource pool = Reliability.pool(
                        database(), app, 2, Map.of("ApplicationName", app, "preferQueryMode", "simple"));
                StoreRepository simple = newRepository(pool)) {
            body.accept("simple", simple);
            Reliability.assertHygiene(database(), pool, app);
        }
        database().truncateAll();
    }

    /** Rows that must survive everything the corpus does: one customer, one product, one order. */
    private void seedCanaries() {
        Customer canary = store().createCustomer(new NewCustomer("canary@example.com", "Canary customer"));
        Product product = store().createProducts(List.of(new NewProduct(
                        "CANARY-SKU", "Canary product", new BigDecimal("12.34"), 100, Map.of("colour", "yellow"))))
                .get(0);
        store().placeOrder(PlaceOrder.of(
                        canary.id(),
                        Instant.now().truncatedTo(ChronoUnit.MICROS),
                        List.of(new OrderLineRequest(product.id(), 2)))
                .withIdempotencyKey("canary-key"));
    }

    private long countCustomers() {
        return Reliability.queryLong(database(), "SELECT count(*) FROM customer");
    }

    @Test
    @DisplayName(
            "R3.1 Hostile corpus round-trips byte-exact through P01 (customer name and e-mail), both protocols, no other row changed")
    default void r3_1_hostileCustomersRoundTrip() {
        List<HostileCorpus.Entry> corpus = HostileCorpus.storable();
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R3.1", "hostile input through P01");
        figures.put("corpusEntries", corpus.size());
        assertThat(corpus).as("corpus size").hasSizeGreaterThanOrEqualTo(500);
        Map<String, CustomerRoundTrips> perProtocol = new LinkedHashMap<>();
        inBothProtocols("R3.1", (protocol, repository) -> {
            seedCanaries();
            Map<String, String> before = Reliability.snapshot(database());
            long customersBefore = countCustomers();
            HostileRoundTrips run = new HostileRoundTrips(protocol, repository, database());
            List<Long> ids = run.createCustomers(corpus);
            long customersAfter = countCustomers();
            run.deleteByIds("customer", ids);
            Map<String, String> after = Reliability.snapshot(database());
            perProtocol.put(protocol, run.customerFigures(ids));
            figures.put("protocols", perProtocol);
            assertThat(run.problems())
                    .as("%s protocol: text that did not round-trip", protocol)
                    .isEmpty();
            assertThat(customersAfter).as("rows added").isEqualTo(customersBefore + ids.size());
            assertThat(after)
                    .as("%s protocol: nothing but the created customers changed", protocol)
                    .isEqualTo(before);
            database().truncateAll();
        });
        figures.passed();
    }

    @Test
    @DisplayName(
            "R3.2 Hostile corpus round-trips byte-exact through P03/P04 (sku, name, jsonb attributes), both protocols, no other row changed")
    default void r3_2_hostileProductsRoundTrip() {
        List<HostileCorpus.Entry> corpus = HostileCorpus.storable();
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R3.2", "hostile input through P03/P04");
        Map<String, ProductRoundTrips> perProtocol = new LinkedHashMap<>();
        inBothProtocols("R3.2", (protocol, repository) -> {
            seedCanaries();
            Map<String, String> before = Reliability.snapshot(database());
            HostileRoundTrips run = new HostileRoundTrips(protocol, repository, database());
            List<Long> ids = run.createProducts(corpus);
            run.deleteByIds("product", ids);
            Map<String, String> after = Reliability.snapshot(database());
            perProtocol.put(
                    protocol, new ProductRoundTrips(ids.size(), run.problems().size()));
            figures.put("protocols", perProtocol);
            assertThat(run.problems())
                    .as("%s protocol: text that did not round-trip", protocol)
                    .isEmpty();
            assertThat(after)
                    .as("%s protocol: nothing but the created products changed", protocol)
                    .isEqualTo(before);
            database().truncateAll();
        });
        figures.passed();
    }

    @Test
    @DisplayName(
            "R3.3 Hostile corpus as P05 name fragment and attribute value matches only literally, SQL text never changes with it, both protocols")
    default void r3_3_hostileSearchMatchesLiterally() {
        List<HostileCorpus.Entry> corpus = HostileCorpus.storable();
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R3.3", "hostile input through P05");
        Map<String, LiteralSearches> perProtocol = new LinkedHashMap<>();
        inBothProtocols("R3.3", (protocol, repository) -> {
            seedCanaries();
            List<Product> products = repository.createProducts(
                    List.copyOf(HostileRoundTrips.corpusProducts(corpus).values()));
            Map<String, String> before = Reliability.snapshot(database());
            boolean extended = protocol.equals("extended");
            HostileRoundTrips run = new HostileRoundTrips(protocol, repository, database());
            LiteralSearches searches = run.searchLiterally(corpus, products, extended ? sql() : null);
            Map<String, String> after = Reliability.snapshot(database());
            perProtocol.put(protocol, searches);
            figures.put("protocols", perProtocol);
            assertThat(run.problems())
                    .as("%s protocol: searches that matched other than literally", protocol)
                    .isEmpty();
            if (extended) {
                assertThat(run.firstPageSql())
                        .as(
                                "P05.10: the SQL text of a name search must not depend on the fragment (bound, never spliced)")
                        .hasSize(1);
            }
            assertThat(after)
                    .as("%s protocol: searches changed nothing", protocol)
                    .isEqualTo(before);
            database().truncateAll();
        });
        figures.passed();
    }

    @Test
    @DisplayName("R3.4 U+0000 and lone surrogates are refused with IllegalArgumentException before any SQL runs")
    default void r3_4_unstorableTextIsRefusedBeforeSql() {
        List<HostileCorpus.Entry> refused = HostileCorpus.refused();
        ReliabilityResults.Rule figures =
                ReliabilityResults.of(store()).rule("R3.4", "unstorable text refused before SQL");
        assertThat(refused).isNotEmpty();
        int statements = 0;
        for (HostileCorpus.Entry entry : refused) {
            String text = entry.text();
            Runnable lookUp = () -> assertThatThrownBy(() -> store().findProductBySku(text))
                    .as("findProductBySku(%s)", entry.describe())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sku");
            List<SqlRecorder.Execution> executions = sql().record(lookUp);
            statements += executions.size();
            assertThat(executions)
                    .as("statements sent for %s", entry.describe())
                    .isEmpty();
            // The records refuse the same text wherever it could reach the repository.
            assertThatThrownBy(() -> new NewCustomer(text, "name")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NewCustomer("a@b.c", text)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NewProduct(text, "n", BigDecimal.ONE, 1, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NewProduct("s", "n", BigDecimal.ONE, 1, Map.of("k", text)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProductSearch.all(10).withNameContains(text))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProductSearch.all(10).withAttribute("k", text))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PlaceOrder.of(1, Instant.EPOCH, List.of(new OrderLineRequest(1, 1)))
                            .withIdempotencyKey(text))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Reliability.snapshot(database()).get("customer")).startsWith("0 rows");
        figures.put("refusedInputs", refused.size())
                .put("statementsSent", statements)
                .passed();
    }

    @Test
    @DisplayName(
            "R3.5 Sort keys and filters come only from the contract's types: enums for sort fields, text only where it is bound")
    default void r3_5_sortKeysAndFiltersAreTyped() {
        ReliabilityResults.Rule figures =
                ReliabilityResults.of(store()).rule("R3.5", "sort keys and filters are typed");
        Map<String, Type> components = new LinkedHashMap<>();
        for (RecordComponent component : ProductSearch.class.getRecordComponents()) {
            components.put(component.getName(), component.getGenericType());
        }
        assertThat(((Class<?>) components.get("sortKey")).isEnum())
                .as("ProductSearch.sortKey is an enum")
                .isTrue();
        assertThat(((Class<?>) components.get("direction")).isEnum())
                .as("ProductSearch.direction is an enum")
                .isTrue();
        assertThat(components.get("sortKey")).isEqualTo(ProductSortKey.class);
        assertThat(components.get("direction")).isEqualTo(SortDirection.class);
        // Text reaches a search only as the name fragment (bound, R3.3) and inside the attribute filter.
        Set<String> textComponents = new HashSet<>();
        components.forEach((name, type) -> {
            if (type == String.class
                    || (type instanceof ParameterizedType p
                            && Arrays.asList(p.getActualTypeArguments()).contains(String.class))) {
                textComponents.add(name);
            }
        });
        assertThat(textComponents).containsExactly("nameContains");
        // Of the repository's operations only findProductBySku takes raw text.
        assertThat(operationsTakingText()).containsExactly("findProductBySku");
        figures.put("productSearchComponents", components.keySet().stream().toList())
                .passed();
    }

    /** The repository's operations with a parameter that can carry raw text (String, Object, Map), once per such parameter. */
    private static List<String> operationsTakingText() {
        List<String> textParameters = new ArrayList<>();
        for (Method m : StoreRepository.class.getMethods()) {
            for (Class<?> parameter : m.getParameterTypes()) {
                if (parameter == String.class || parameter == Object.class || parameter == Map.class) {
                    textParameters.add(m.getName());
                }
            }
        }
        return textParameters;
    }
}
