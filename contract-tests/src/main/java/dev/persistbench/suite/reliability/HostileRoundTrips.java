package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.suite.reliability.HostileInputRules.CustomerRoundTrips;
import dev.persistbench.suite.reliability.HostileInputRules.LiteralSearches;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.SqlRecorder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hostile corpus through one repository in one protocol (R3.1 to R3.3): creates, reads back
 * and searches, comparing what came back and the stored UTF-8 bytes with what was sent. What did
 * not round-trip or matched other than literally is collected in {@link #problems()}.
 */
final class HostileRoundTrips {

    private final String protocol;
    private final StoreRepository repository;
    private final TestDatabase database;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> firstPageSql = new TreeSet<>();
    private int refusedBlank;
    private int emailsMadeUnique;

    HostileRoundTrips(String protocol, StoreRepository repository, TestDatabase database) {
        this.protocol = protocol;
        this.repository = repository;
        this.database = database;
    }

    /** What did not round-trip (R3.1, R3.2) or matched other than literally (R3.3). */
    List<String> problems() {
        return problems;
    }

    /** The distinct SQL texts of the first page of each name search (recorded ones only). */
    Set<String> firstPageSql() {
        return firstPageSql;
    }

    /** R3.1's figures after {@link #createCustomers}. */
    CustomerRoundTrips customerFigures(List<Long> ids) {
        return new CustomerRoundTrips(ids.size(), refusedBlank, emailsMadeUnique, problems.size());
    }

    /**
     * R3.1: a customer per entry (name = entry, e-mail = its first code points, made unique when
     * another entry has it in another case), read back and compared byte for byte; returns the ids.
     */
    List<Long> createCustomers(List<HostileCorpus.Entry> corpus) {
        Map<Long, String[]> expected = new LinkedHashMap<>();
        for (HostileCorpus.Entry entry : corpus) {
            String text = entry.text();
            if (text.isBlank()) {
                assertThatThrownBy(() -> new NewCustomer(text, text)).isInstanceOf(IllegalArgumentException.class);
                refusedBlank++;
                continue;
            }
            String[] emailAndName = {firstCodePoints(text, Check.MAX_EMAIL_LENGTH), text};
            Customer created = createCustomer(entry, emailAndName);
            if (!created.email().equals(emailAndName[0]) || !created.name().equals(text)) {
                problems.add(protocol + " createCustomer returned other text for " + entry.describe());
            }
            Optional<Customer> found = repository.findCustomer(created.id());
            if (found.isEmpty() || !found.get().equals(created)) {
                problems.add(protocol + " findCustomer differs for " + entry.describe() + ": "
                        + found.map(Customer::name).orElse("(absent)"));
            }
            expected.put(created.id(), emailAndName);
        }
        List<Long> ids = List.copyOf(expected.keySet());
        Map<Long, byte[]> emails = storedBytes("customer", "email", ids);
        Map<Long, byte[]> names = storedBytes("customer", TestDatabase.customerNameColumn(), ids);
        expected.forEach((id, pair) -> {
            if (!Arrays.equals(emails.get(id), utf8(pair[0])) || !Arrays.equals(names.get(id), utf8(pair[1]))) {
                problems.add(protocol + " stored bytes differ for customer " + id);
            }
        });
        return ids;
    }

    /** Creates the customer; on P01.2's duplicate the database must agree, and the e-mail is made unique (in place). */
    private Customer createCustomer(HostileCorpus.Entry entry, String[] emailAndName) {
        try {
            return repository.createCustomer(new NewCustomer(emailAndName[0], emailAndName[1]));
        } catch (DuplicateKeyException duplicate) {
            assertThat(Reliability.queryLong(
                            database, "SELECT count(*) FROM customer WHERE lower(email) = lower(?)", emailAndName[0]))
                    .as("DuplicateKeyException for %s although no e-mail matches case-insensitively", entry.describe())
                    .isPositive();
            emailAndName[0] = firstCodePoints(entry.text(), Check.MAX_EMAIL_LENGTH - 12) + "#" + entry.line();
            emailsMadeUnique++;
            return repository.createCustomer(new NewCustomer(emailAndName[0], emailAndName[1]));
        }
    }

    /** R3.2: the corpus's products created at once, each looked up by sku and compared byte for byte; returns the ids. */
    List<Long> createProducts(List<HostileCorpus.Entry> corpus) {
        List<NewProduct> wanted = List.copyOf(corpusProducts(corpus).values());
        List<Product> created = repository.createProducts(wanted);
        assertThat(created).hasSize(wanted.size());
        List<Long> ids = created.stream().map(Product::id).toList();
        for (int i = 0; i < wanted.size(); i++) {
            NewProduct want = wanted.get(i);
            Product got = created.get(i);
            String sku = new HostileCorpus.Entry(0, "sku", want.sku()).describe();
            if (!got.sku().equals(want.sku())
                    || !got.name().equals(want.name())
                    || !got.attributes().equals(want.attributes())) {
                problems.add(protocol + " createProducts returned other values for " + sku);
            }
            Optional<Product> found = repository.findProductBySku(want.sku());
            if (found.isEmpty() || !found.get().equals(got)) {
                problems.add(protocol + " findProductBySku differs for " + sku);
            }
        }
        Map<Long, byte[]> skus = storedBytes("product", "sku", ids);
        Map<Long, byte[]> names = storedBytes("product", "name", ids);
        Map<Long, byte[]> values = storedBytes("product", "attributes->>'v'", ids);
        for (int i = 0; i < wanted.size(); i++) {
            long id = ids.get(i);
            byte[] name = utf8(wanted.get(i).name());
            if (!Arrays.equals(skus.get(id), utf8(wanted.get(i).sku()))
                    || !Arrays.equals(names.get(id), name)
                    || !Arrays.equals(values.get(id), name)) {
                problems.add(protocol + " stored bytes differ for product " + id);
            }
        }
        return ids;
    }

    /**
     * R3.3: every entry as a name fragment and as the value of attribute "v" over {@code products};
     * with {@code recorder}, the first page of each name search is recorded for its SQL text.
     */
    LiteralSearches searchLiterally(List<HostileCorpus.Entry> corpus, List<Product> products, SqlRecorder recorder) {
        List<Product> everything = allPages(repository, ProductSearch.all(ProductSearch.MAX_PAGE_SIZE));
        int searches = 0;
        for (HostileCorpus.Entry entry : corpus) {
            searchByName(entry, everything, recorder);
            searchByValue(entry, products);
            searches += 2;
        }
        return new LiteralSearches(searches, problems.size(), recorder == null ? null : firstPageSql.size());
    }

    /** Lower bound: every name holding the fragment as it is. Upper bound: only names holding it in some case folding (ILIKE's folding follows the collation, Java's may differ). */
    private void searchByName(HostileCorpus.Entry entry, List<Product> everything, SqlRecorder recorder) {
        String fragment = entry.text();
        ProductSearch byName = ProductSearch.all(ProductSearch.MAX_PAGE_SIZE).withNameContains(fragment);
        List<Product> found;
        if (recorder != null) {
            SqlRecorder.Recorded<ProductPage> recorded = recorder.record(() -> repository.searchProducts(byName));
            recorded.executions().forEach(e -> firstPageSql.add(e.text()));
            found = recorded.result().next().isPresent()
                    ? allPages(repository, byName)
                    : recorded.result().items();
        } else {
            found = allPages(repository, byName);
        }
        Set<Long> foundIds = found.stream().map(Product::id).collect(Collectors.toSet());
        for (Product p : everything) {
            if (!foundIds.contains(p.id()) && p.name().contains(fragment)) {
                problems.add(protocol + " name fragment " + entry.describe() + " missed product " + p.id());
            }
        }
        for (Product p : found) {
            if (!containsFolded(p.name(), fragment)) {
                problems.add(protocol + " name fragment " + entry.describe() + " matched product " + p.id()
                        + " whose name does not contain it");
            }
        }
    }

    /** The attribute filter compares exactly: only products whose "v" is the entry itself. */
    private void searchByValue(HostileCorpus.Entry entry, List<Product> products) {
        String value = entry.text();
        Set<Long> byValue =
                allPages(
                                repository,
                                ProductSearch.all(ProductSearch.MAX_PAGE_SIZE).withAttribute("v", value))
                        .stream()
                        .map(Product::id)
                        .collect(Collectors.toSet());
        Set<Long> expected = products.stream()
                .filter(p -> value.equals(p.attributes().get("v")))
                .map(Product::id)
                .collect(Collectors.toSet());
        if (!byValue.equals(expected)) {
            problems.add(
                    protocol + " attribute value " + entry.describe() + " found " + byValue + ", expected " + expected);
        }
    }

    /** The products of the corpus: name = entry, sku = its first 200 code points, attributes holding it as value and as key. */
    static Map<String, NewProduct> corpusProducts(List<HostileCorpus.Entry> corpus) {
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

    static String firstCodePoints(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    /** Case-insensitive containment as Java folds case; used as the upper bound of what ILIKE may match. */
    static boolean containsFolded(String text, String fragment) {
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The stored UTF-8 bytes of {@code column} for each id, read without the repository. */
    private Map<Long, byte[]> storedBytes(String table, String column, List<Long> ids) {
        Map<Long, byte[]> bytes = new LinkedHashMap<>();
        String sql = "SELECT id, convert_to(" + column + ", 'UTF8') FROM " + table + " WHERE id = ANY (?)";
        try (Connection c = database.openConnection();
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

    /** Deletes the rows with these ids from {@code table}, without the repository. */
    void deleteByIds(String table, List<Long> ids) {
        try (Connection c = database.openConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete from " + table + ": " + e.getMessage(), e);
        }
    }
}
