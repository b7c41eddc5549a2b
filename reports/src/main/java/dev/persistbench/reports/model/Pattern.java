package dev.persistbench.reports.model;

import java.util.Optional;

/**
 * The thirteen patterns of the contract, each with the {@code StoreRepository} method that
 * implements it and whether bench has a hand-written raw-JDBC floor for it.
 */
public enum Pattern {
    P01("Create customer", "createCustomer", false),
    P02("Find customer by id", "findCustomer", true),
    P03("Batch insert 1,000 products", "createProducts", true),
    P04("Find product by SKU", "findProductBySku", false),
    P05("Search products (dynamic filter, keyset page)", "searchProducts", false),
    P06("Place order (transaction, idempotency)", "placeOrder", false),
    P07("Find order with lines", "findOrder", true),
    P08("Latest N orders with lines", "latestOrders", true),
    P09("Change status (optimistic lock)", "changeStatus", false),
    P10("Bulk cancel", "cancelNewOrdersBefore", false),
    P11("Revenue report (aggregation)", "topCustomersByRevenue", true),
    P12("Stream order lines", "streamOrderLines", false),
    P13("Delete order with lines", "deleteOrder", false);

    private final String title;
    private final String method;
    private final boolean hasFloor;

    Pattern(String title, String method, boolean hasFloor) {
        this.title = title;
        this.method = method;
        this.hasFloor = hasFloor;
    }

    /** Human title, as agreed with bench. */
    public String title() {
        return title;
    }

    /** Name of the {@code StoreRepository} method that implements this pattern. */
    public String method() {
        return method;
    }

    /** Whether bench times a raw-JDBC floor for this pattern. */
    public boolean hasFloor() {
        return hasFloor;
    }

    /** Id as written in results: "P01" ... "P13". */
    public String id() {
        return name();
    }

    /** The pattern whose id is {@code id}, case-insensitively, if any. */
    public static Optional<Pattern> byId(String id) {
        for (Pattern p : values()) {
            if (p.name().equalsIgnoreCase(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
