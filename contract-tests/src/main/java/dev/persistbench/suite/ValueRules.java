package dev.persistbench.suite;

import static dev.persistbench.suite.TestData.line;
import static dev.persistbench.suite.TestData.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** V.1 to V.3: instants, money and text round-trip exactly. */
public interface ValueRules extends ContractFixture {

    /**
     * Text that breaks naive handling: supplementary characters (emoji, a musical symbol, a
     * CJK extension B ideograph), a ZWJ sequence, combining marks, right-to-left script,
     * quotes and backslashes, control characters other than U+0000.
     */
    List<String> AWKWARD_TEXT = List.of(
            "Grinning \uD83D\uDE00 face",
            "\uD834\uDD1E clef and \uD840\uDC0B",
            "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "cafe\u0301 vs caf\u00E9 and a\u0308\u0323",
            "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
            "quote ' double \" backslash \\ percent % under _",
            "tab\tnewline\nbell\u0007 del\u007F nbsp\u00A0end",
            "\uFEFFbom and \uFFFD replacement");

    @Test
    @DisplayName("V.1 PlaceOrder.placedAt round-trips at microsecond precision (P06, P07)")
    default void v1_instantsRoundTripToTheMicrosecond() {
        Product product = data().product("1.00", 100);
        Customer customer = data().customer();
        List<Instant> instants = List.of(
                Instant.parse("2026-03-04T05:06:07.123456Z"),
                Instant.parse("2026-03-04T05:06:07.000001Z"),
                Instant.parse("2026-03-04T05:06:07.999999Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2999-12-31T23:59:59.999999Z"));
        for (Instant instant : instants) {
            Order placed = data().order(customer, instant, product, 1);
            assertThat(placed.createdAt()).as("returned by placeOrder").isEqualTo(instant);
            assertThat(store().findOrder(placed.id()).orElseThrow().createdAt())
                    .as("read back")
                    .isEqualTo(instant);
            assertThat(data().queryInstant("SELECT created_at FROM purchase_order WHERE id = ?", placed.id()))
                    .as("stored")
                    .isEqualTo(instant);
        }
    }

    @Test
    @DisplayName("V.1 nanoseconds are truncated to microseconds, never rounded up")
    default void v1_nanosecondsAreTruncated() {
        Product product = data().product("1.00", 10);
        Instant withNanos = Instant.parse("2026-03-04T05:06:07.123456999Z");
        Order placed = store().placeOrder(PlaceOrder.of(data().customer().id(), withNanos, List.of(line(product, 1))));
        Instant expected = Instant.parse("2026-03-04T05:06:07.123456Z");
        assertThat(placed.createdAt()).isEqualTo(expected);
        assertThat(store().findOrder(placed.id()).orElseThrow().createdAt()).isEqualTo(expected);
    }

    @Test
    @DisplayName("V.1 time bounds with nanoseconds select exactly the orders the bound itself would (P10, P11, P12)")
    default void v1_subMicrosecondBoundsCompareExactly() {
        Product product = data().product("3.00", 100);
        Customer customer = data().customer();
        Instant t = Instant.parse("2026-03-04T05:06:07.123456Z");
        Order order = data().order(customer, t, product, 1);
        store().changeStatus(order.id(), order.version(), OrderStatus.PAID);
        Instant justBefore = t.minusNanos(1);
        Instant justAfter = t.plusNanos(1);

        // P11 over [from, to): included when from <= t < to, whatever the nanoseconds.
        assertThat(store().topCustomersByRevenue(justBefore, justAfter, 10))
                .as("[t-1ns, t+1ns)")
                .hasSize(1);
        assertThat(store().topCustomersByRevenue(justAfter, justAfter.plusSeconds(1), 10))
                .as("[t+1ns, ...)")
                .isEmpty();
        assertThat(store().topCustomersByRevenue(justBefore.minusSeconds(1), justBefore, 10))
                .as("[..., t-1ns)")
                .isEmpty();

        // P12 over the same ranges.
        assertThat(store().streamOrderLines(justBefore, justAfter, row -> {}))
                .as("[t-1ns, t+1ns)")
                .isEqualTo(1);
        assertThat(store().streamOrderLines(justAfter, justAfter.plusSeconds(1), row -> {}))
                .as("[t+1ns, ...)")
                .isZero();

        // P10: a NEW order at t is before t+1ns, and not before t-1ns.
        Order fresh = data().order(customer, t, product, 1);
        assertThat(store().cancelNewOrdersBefore(justBefore))
                .as("cut-off t-1ns")
                .isZero();
        assertThat(store().cancelNewOrdersBefore(justAfter)).as("cut-off t+1ns").isEqualTo(1);
        assertThat(data().orderStatus(fresh.id())).isEqualTo("CANCELLED");
    }

    @Test
    @DisplayName("V.1 a customer's database-set creation instant reads back exactly as stored")
    default void v1_customerCreatedAtIsTheStoredInstant() {
        Customer customer = data().customer();
        Instant stored = data().queryInstant("SELECT created_at FROM customer WHERE id = ?", customer.id());
        assertThat(customer.createdAt()).as("returned by createCustomer").isEqualTo(stored);
        assertThat(store().findCustomer(customer.id()).orElseThrow().createdAt())
                .as("read back")
                .isEqualTo(stored);
        assertThat(stored.getNano() % 1_000).isZero();
    }

    @Test
    @DisplayName("V.2 prices keep scale 2 exactly, from 0.01 to 9999999999.99, whatever the input scale")
    default void v2_moneyKeepsScaleTwo() {
        List<String> given = List.of("0.01", "12.3", "12", "19.99", "9999999999.99", "1234567.89");
        List<String> expected = List.of("0.01", "12.30", "12.00", "19.99", "9999999999.99", "1234567.89");
        List<NewProduct> products = given.stream()
                .map(price -> data().product().price(price).build())
                .toList();
        List<Product> created = store().createProducts(products);
        for (int i = 0; i < given.size(); i++) {
            Product product = created.get(i);
            BigDecimal want = money(expected.get(i));
            assertThat(product.price())
                    .as("returned price for %s", given.get(i))
                    .isEqualTo(want);
            assertThat(store().findProductBySku(product.sku()).orElseThrow().price())
                    .as("read price for %s", given.get(i))
                    .isEqualTo(want);
            assertThat(data().queryString("SELECT price::text FROM product WHERE id = ?", product.id()))
                    .isEqualTo(expected.get(i));
        }
    }

    @Test
    @DisplayName("V.2 totals are exact decimal sums (3 x 0.10 + 0.20 = 0.50, never a double)")
    default void v2_totalsAreExact() {
        Product dime = data().product("0.10", 100);
        Product fifth = data().product("0.20", 100);
        Product big = data().product("33333333.33", 100);
        Order small = data().order(data().customer(), TestData.T0, line(dime, 3), line(fifth, 1));
        assertThat(small.total()).isEqualTo(money("0.50"));
        assertThat(small.lines()).extracting(l -> l.unitPrice()).containsExactly(money("0.10"), money("0.20"));
        Order large = data().order(data().customer(), TestData.T0, line(big, 3), line(dime, 1));
        assertThat(large.total()).isEqualTo(money("100000000.09"));
        assertThat(store().findOrder(large.id()).orElseThrow().total()).isEqualTo(money("100000000.09"));
    }

    @Test
    @DisplayName(
            "V.3 Unicode outside the BMP, combining marks and ZWJ sequences round-trip byte-exact through P01 and P02")
    default void v3_unicodeCustomers() {
        for (String text : AWKWARD_TEXT) {
            String email = "\uD83D\uDE00 " + TestData.unique() + "@ex\u00E4mple.com";
            Customer created = store().createCustomer(new NewCustomer(email, text));
            assertThat(created.name()).isEqualTo(text);
            assertThat(created.email()).isEqualTo(email);
            Customer read = store().findCustomer(created.id()).orElseThrow();
            assertThat(read.name().getBytes(StandardCharsets.UTF_8)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            assertThat(read.email()).isEqualTo(email);
            assertThat(data().queryBytes(
                                    "SELECT convert_to(" + TestDatabase.customerNameColumn()
                                            + ", 'UTF8') FROM customer WHERE id = ?",
                                    created.id()))
                    .as("bytes stored for %s", text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("V.3 Unicode round-trips byte-exact through P03 and P04 in SKUs, names and attributes")
    default void v3_unicodeProducts() {
        List<NewProduct> products = AWKWARD_TEXT.stream()
                .map(text -> data().product()
                        .sku(text.strip() + " #" + TestData.unique())
                        .name(text)
                        .attribute(text.strip(), text)
                        .attribute("plain", text)
                        .build())
                .toList();
        List<Product> created = store().createProducts(products);
        for (int i = 0; i < products.size(); i++) {
            NewProduct given = products.get(i);
            assertThat(created.get(i).name()).isEqualTo(given.name());
            Product read = store().findProductBySku(given.sku()).orElseThrow();
            assertThat(read.sku()).isEqualTo(given.sku());
            assertThat(read.name().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(given.name().getBytes(StandardCharsets.UTF_8));
            assertThat(read.attributes()).isEqualTo(given.attributes());
            assertThat(data().queryBytes("SELECT convert_to(name, 'UTF8') FROM product WHERE id = ?", read.id()))
                    .isEqualTo(given.name().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("V.3 precomposed and decomposed forms stay distinct: no Unicode normalisation")
    default void v3_noNormalisation() {
        Product composed = data().product().sku("caf\u00E9").name("caf\u00E9").create();
        Product decomposed =
                data().product().sku("cafe\u0301").name("cafe\u0301").create();
        assertThat(store().findProductBySku("caf\u00E9")).contains(composed);
        assertThat(store().findProductBySku("cafe\u0301")).contains(decomposed);
        assertThat(composed.id()).isNotEqualTo(decomposed.id());
    }

    @Test
    @DisplayName("V.3 a name of 10,000 characters outside the BMP (20,000 UTF-16 units) fits and round-trips")
    default void v3_longSupplementaryName() {
        String name = "\uD83D\uDE00".repeat(10_000);
        Customer customer = store().createCustomer(new NewCustomer("long-" + TestData.unique() + "@example.com", name));
        assertThat(store().findCustomer(customer.id()).orElseThrow().name()).isEqualTo(name);
        Product product = data().product().name(name).create();
        assertThat(store().findProductBySku(product.sku()).orElseThrow().name()).isEqualTo(name);
    }

    @Test
    @DisplayName("V.3 U+0000 is refused with an IllegalArgumentException before any SQL runs")
    default void v3_nulCharacterIsRefused() {
        Attempt lookup = attempt(() -> store().findProductBySku("SKU\u0000"));
        assertThat(lookup.thrown()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sku");
        assertThat(lookup.statements()).isZero();
        Attempt customer = attempt(() -> store().createCustomer(new NewCustomer("nul@example.com", "a\u0000b")));
        assertThat(customer.thrown())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThat(customer.statements()).isZero();
        assertThatThrownBy(() -> data().product().attribute("k", "v\u0000").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attributes");
        assertThatThrownBy(() -> ProductSearch.all(10).withNameContains("\u0000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nameContains");
        assertThat(data().count("customer")).isZero();
        assertThat(data().count("product")).isZero();
    }

    @Test
    @DisplayName("V.3 attributes keep their values as strings, whatever they look like")
    default void v3_attributeValuesAreStrings() {
        Map<String, String> attributes = Map.of(
                "number", "42", "bool", "true", "null", "null", "json", "{\"a\": [1, 2]}", "empty", "", "quote", "\"");
        NewProduct given = new NewProduct("ATTR-" + TestData.unique(), "Attributes", BigDecimal.TEN, 1, attributes);
        Product created = store().createProducts(List.of(given)).get(0);
        assertThat(created.attributes()).isEqualTo(attributes);
        assertThat(store().findProductBySku(given.sku()).orElseThrow().attributes())
                .isEqualTo(attributes);
        assertThat(data().queryString(
                                "SELECT jsonb_typeof(attributes -> 'number') FROM product WHERE id = ?", created.id()))
                .isEqualTo("string");
    }
}
