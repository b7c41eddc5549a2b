package dev.persistbench.contract;

import java.util.Locale;
import java.util.Optional;

/**
 * The thirteen patterns of the contract, defined once: id, title and the {@link StoreRepository}
 * method that carries each. The contract suite has a group per pattern, the bench a benchmark and
 * a verification per pattern, and the report a section per pattern; tests in each of those
 * modules check them against this list, so a pattern cannot be added or renamed in one place only.
 */
public enum Pattern {
    P01("Create customer", "createCustomer"),
    P02("Find customer by id", "findCustomer"),
    P03("Batch insert 1,000 products", "createProducts"),
    P04("Find product by SKU", "findProductBySku"),
    P05("Search products (dynamic filter, keyset page)", "searchProducts"),
    P06("Place order (transaction, idempotency)", "placeOrder"),
    P07("Find order with lines", "findOrder"),
    P08("Latest N orders with lines", "latestOrders"),
    P09("Change status (optimistic lock)", "changeStatus"),
    P10("Bulk cancel", "cancelNewOrdersBefore"),
    P11("Revenue report (aggregation)", "topCustomersByRevenue"),
    P12("Stream order lines", "streamOrderLines"),
    P13("Delete order with lines", "deleteOrder");

    private final String title;
    private final String method;

    Pattern(String title, String method) {
        this.title = title;
        this.method = method;
    }

    /** The id written in results, test names and reports: "P01" ... "P13". */
    public String id() {
        return name();
    }

    /** A short title for people. */
    public String title() {
        return title;
    }

    /** The name of the {@link StoreRepository} method that carries this pattern. */
    public String method() {
        return method;
    }

    /** The pattern whose id is {@code id} (case and surrounding blanks ignored), if any. */
    public static Optional<Pattern> byId(String id) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        for (Pattern p : values()) {
            if (p.name().equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The pattern whose id is {@code id}; an unknown id is refused with the list of known ones. */
    public static Pattern of(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown pattern '" + id + "'; expected one of P01 ... P" + values().length));
    }
}
