package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
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

    private static String firstCodePoints(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    /** The stored UTF-8 bytes of {@code column} for each id, read without the repository. */
    private Map<Long, byte[]> storedBytes(String table, String column, List<Long> ids) {
        Map<Long, byte[]> bytes = new LinkedHashMap<>();
        String sql = "SELECT id, convert_to(" + column + ", 'UTF8') FROM " + table + " WHERE id = ANY (?)";
        try (Connection c = database().openConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bytes.put(rs.getLong(1), rs.getBytes(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    private void deleteByIds(String table, List<Long> ids) {
        try (Connection c = database().openConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete from " + table + ": " + e.getMessage(), e);
        }
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
            long customersBefore = Reliability.queryLong(database(), "SELECT count(*) FROM customer");
            List<Long> ids = new ArrayList<>();
            Map<Long, String[]> expected = new LinkedHashMap<>();
            List<String> mismatches = new ArrayList<>();
            int refusedBlank = 0;
            int emailsMadeUnique = 0;
            for (HostileCorpus.Entry entry : corpus) {
                String text = entry.text();
                if (text.isBlank()) {
                    assertThatThrownBy(() -> new NewCustomer(text, text)).isInstanceOf(IllegalArgumentException.class);
                    refusedBlank++;
                    continue;
                }
                String email = firstCodePoints(text, Check.MAX_EMAIL_LENGTH);
                Customer created;
                try {
                    created = repository.createCustomer(new NewCustomer(email, text));
                } catch (DuplicateKeyException duplicate) {
                    // P01.2: another entry has this e-mail in another case; the database must agree.
                    assertThat(Reliability.queryLong(
                                    database(), "SELECT count(*) FROM customer WHERE lower(email) = lower(?)", email))
                            .as(
                                    "DuplicateKeyException for %s although no e-mail matches case-insensitively",
                                    entry.describe())
                            .isPositive();
                    email = firstCodePoints(text, Check.MAX_EMAIL_LENGTH - 12) + "#" + entry.line();
                    created = repository.createCustomer(new NewCustomer(email, text));
                    emailsMadeUnique++;
                }
                if (!created.email().equals(email) || !created.name().equals(text)) {
                    mismatches.add(protocol + " createCustomer returned other text for " + entry.describe());
                }
                Optional<Customer> found = repository.findCustomer(created.id());
                if (found.isEmpty() || !found.get().equals(created)) {
                    mismatches.add(protocol + " findCustomer differs for " + entry.describe() + ": "
                            + found.map(Customer::name).orElse("(absent)"));
                }
                ids.add(created.id());
                expected.put(created.id(), new String[] {email, text});
            }
            Map<Long, byte[]> names = storedBytes("customer", "name", ids);
            Map<Long, byte[]> emails = storedBytes("customer", "email", ids);
            expected.forEach((id, pair) -> {
                if (!Arrays.equals(emails.get(id), pair[0].getBytes(StandardCharsets.UTF_8))
                        || !Arrays.equals(names.get(id), pair[1].getBytes(StandardCharsets.UTF_8))) {
                    mismatches.add(protocol + " stored bytes differ for customer " + id);
                }
            });
            long customersAfter = Reliability.queryLong(database(), "SELECT count(*) FROM customer");
            deleteByIds("customer", ids);
            Map<String, String> after = Reliability.snapshot(database());
            perProtocol.put(
                    protocol, new CustomerRoundTrips(ids.size(), refusedBlank, emailsMadeUnique, mismatches.size()));
            figures.put("protocols", perProtocol);
            assertThat(mismatches)
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

    /** The products of the corpus: name = entry, sku = its first 200 code points, attributes holding it as value and as key. */
    private static Map<String, NewProduct> corpusProducts(List<HostileCorpus.Entry> corpus) {
        Map<String, NewProduct> bySku = new LinkedHashMap<>();
        for (HostileCorpus.Entry entry : corpus) {
            String text = entry.text();
            if (text.isBlank()) {
                continue;
            }
            String sku = firstCodePoints(text, Check.MAX_KEY_LENGTH);
            if (bySku.containsKey(sku)) {
                continue; // two long entries sharing their first 200 code points
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("v", text);
            attributes.putIfAbsent(sku, "k");
            bySku.put(sku, new NewProduct(sku, text, new BigDecimal("1.00"), 1, attributes));
        }
        return bySku;
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
            Map<String, NewProduct> products = corpusProducts(corpus);
            List<Product> created = repository.createProducts(List.copyOf(products.values()));
            List<String> mismatches = new ArrayList<>();
            assertThat(created).hasSize(products.size());
            List<Long> ids = new ArrayList<>();
            int i = 0;
            for (NewProduct wanted : products.values()) {
                Product got = created.get(i++);
                ids.add(got.id());
                if (!got.sku().equals(wanted.sku())
                        || !got.name().equals(wanted.name())
                        || !got.attributes().equals(wanted.attributes())) {
                    mismatches.add(protocol + " createProducts returned other values for "
                            + new HostileCorpus.Entry(0, "sku", wanted.sku()).describe());
                }
                Optional<Product> found = repository.findProductBySku(wanted.sku());
                if (found.isEmpty() || !found.get().equals(got)) {
                    mismatches.add(protocol + " findProductBySku differs for "
                            + new HostileCorpus.Entry(0, "sku", wanted.sku()).describe());
                }
            }
            Map<Long, byte[]> skus = storedBytes("product", "sku", ids);
            Map<Long, byte[]> names = storedBytes("product", "name", ids);
            Map<Long, byte[]> values = storedBytes("product", "attributes->>'v'", ids);
            i = 0;
            for (NewProduct wanted : products.values()) {
                long id = ids.get(i++);
                if (!Arrays.equals(skus.get(id), wanted.sku().getBytes(StandardCharsets.UTF_8))
                        || !Arrays.equals(names.get(id), wanted.name().getBytes(StandardCharsets.UTF_8))
                        || !Arrays.equals(values.get(id), wanted.name().getBytes(StandardCharsets.UTF_8))) {
                    mismatches.add(protocol + " stored bytes differ for product " + id);
                }
            }
            deleteByIds("product", ids);
            Map<String, String> after = Reliability.snapshot(database());
            perProtocol.put(protocol, new ProductRoundTrips(ids.size(), mismatches.size()));
            figures.put("protocols", perProtocol);
            assertThat(mismatches)
                    .as("%s protocol: text that did not round-trip", protocol)
                    .isEmpty();
            assertThat(after)
                    .as("%s protocol: nothing but the created products changed", protocol)
                    .isEqualTo(before);
            database().truncateAll();
        });
        figures.passed();
    }

    /** Case-insensitive containment as Java folds case; used as the upper bound of what ILIKE may match. */
    private static boolean containsFolded(String text, String fragment) {
        if (fragment.isEmpty()) {
            return true;
        }
        if (text.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))
                || text.toUpperCase(Locale.ROOT).contains(fragment.toUpperCase(Locale.ROOT))) {
            return true;
        }
        for (int i = 0; i + fragment.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, fragment, 0, fragment.length())) {
                return true;
            }
        }
        return false;
    }

    private static List<Product> allPages(StoreRepository repository, ProductSearch first) {
        List<Product> all = new ArrayList<>();
        ProductPage page = repository.searchProducts(first);
        all.addAll(page.items());
        while (page.next().isPresent()) {
            page = repository.searchProducts(first.after(page.next().get()));
            all.addAll(page.items());
        }
        return all;
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
            List<Product> products =
                    repository.createProducts(List.copyOf(corpusProducts(corpus).values()));
            Map<String, String> before = Reliability.snapshot(database());
            List<Product> everything = allPages(repository, ProductSearch.all(ProductSearch.MAX_PAGE_SIZE));
            List<String> wrong = new ArrayList<>();
            Set<String> firstPageSql = new TreeSet<>();
            int searches = 0;
            for (HostileCorpus.Entry entry : corpus) {
                String fragment = entry.text();
                ProductSearch byName =
                        ProductSearch.all(ProductSearch.MAX_PAGE_SIZE).withNameContains(fragment);
                List<Product> found;
                if (protocol.equals("extended")) {
                    SqlRecorder.Recorded<ProductPage> recorded = sql().record(() -> repository.searchProducts(byName));
                    recorded.executions().forEach(e -> firstPageSql.add(e.text()));
                    found = new ArrayList<>(recorded.result().items());
                    if (recorded.result().next().isPresent()) {
                        found = allPages(repository, byName);
                    }
                } else {
                    found = allPages(repository, byName);
                }
                searches++;
                Set<Long> foundIds = found.stream().map(Product::id).collect(Collectors.toSet());
                // Lower bound: every name holding the fragment as it is. Upper bound: only names holding
                // it in some case folding (ILIKE's folding follows the collation, Java's may differ).
                for (Product p : everything) {
                    if (!foundIds.contains(p.id()) && p.name().contains(fragment)) {
                        wrong.add(protocol + " name fragment " + entry.describe() + " missed product " + p.id());
                    }
                }
                for (Product p : found) {
                    if (!containsFolded(p.name(), fragment)) {
                        wrong.add(protocol + " name fragment " + entry.describe() + " matched product " + p.id()
                                + " whose name does not contain it");
                    }
                }
                // The attribute filter compares exactly: only products whose "v" is the entry itself.
                Set<Long> byValue = allPages(
                                repository,
                                ProductSearch.all(ProductSearch.MAX_PAGE_SIZE).withAttribute("v", fragment))
                        .stream()
                        .map(Product::id)
                        .collect(Collectors.toSet());
                Set<Long> expectedByValue = products.stream()
                        .filter(p -> fragment.equals(p.attributes().get("v")))
                        .map(Product::id)
                        .collect(Collectors.toSet());
                if (!byValue.equals(expectedByValue)) {
                    wrong.add(protocol + " attribute value " + entry.describe() + " found " + byValue + ", expected "
                            + expectedByValue);
                }
                searches++;
            }
            Map<String, String> after = Reliability.snapshot(database());
            perProtocol.put(
                    protocol,
                    new LiteralSearches(
                            searches, wrong.size(), protocol.equals("extended") ? firstPageSql.size() : null));
            figures.put("protocols", perProtocol);
            assertThat(wrong)
                    .as("%s protocol: searches that matched other than literally", protocol)
                    .isEmpty();
            if (protocol.equals("extended")) {
                assertThat(firstPageSql)
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
