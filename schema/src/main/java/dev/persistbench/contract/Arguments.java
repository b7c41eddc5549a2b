package dev.persistbench.contract;

import dev.persistbench.contract.model.Check;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.ProductSearch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The argument checks of every {@link StoreRepository} operation, written once: each
 * implementation calls the method named after its operation before anything else, so all of them
 * refuse the same input with the same message (G.2) and treat the contract's edge cases alike
 * (P04.3, P06.2, P08.3, V.4).
 */
public final class Arguments {

    private Arguments() {}

    /** P01: the customer must be present (the record checked its fields). */
    public static NewCustomer createCustomer(NewCustomer customer) {
        return Check.notNull("customer", customer);
    }

    /** P02: whether a customer with this id can exist (P02.2: zero and negative ids give an empty Optional, without SQL). */
    public static boolean findCustomer(long id) {
        return id > 0;
    }

    /** P03: the list and every element present, at most {@link StoreRepository#MAX_BATCH}. */
    public static List<NewProduct> createProducts(List<NewProduct> products) {
        Check.notNull("products", products);
        Check.between("products.size()", products.size(), 0, StoreRepository.MAX_BATCH);
        for (int i = 0; i < products.size(); i++) {
            Check.notNull("products[" + i + "]", products.get(i));
        }
        return products;
    }

    /**
     * P04: refuses what G.2 refuses (null, U+0000, a lone surrogate) and says whether any product
     * can have this SKU: a blank one or one longer than {@link Check#MAX_KEY_LENGTH} characters
     * cannot (P04.3), and the caller then answers empty without sending SQL.
     */
    public static boolean findProductBySku(String sku) {
        Check.storable("sku", Check.notNull("sku", sku), Integer.MAX_VALUE);
        return !sku.isBlank() && sku.codePointCount(0, sku.length()) <= Check.MAX_KEY_LENGTH;
    }

    /** P05: the search must be present (the record checked its fields). */
    public static ProductSearch searchProducts(ProductSearch search) {
        return Check.notNull("search", search);
    }

    /**
     * P06: the order must be present. Returns the units asked for per product, summed exactly over
     * every line that names it (P06.2: a sum beyond any {@code int} is simply more than any stock),
     * in the order the products first appear.
     */
    public static Map<Long, Long> placeOrder(PlaceOrder order) {
        Check.notNull("order", order);
        Map<Long, Long> units = new LinkedHashMap<>();
        for (OrderLineRequest line : order.lines()) {
            units.merge(line.productId(), (long) line.quantity(), Long::sum);
        }
        return units;
    }

    /**
     * P08: refuses a limit outside 1..{@link StoreRepository#MAX_LATEST_ORDERS}; returns whether a
     * customer with this id can exist (P08.3: zero and negative ids give an empty list without SQL).
     */
    public static boolean latestOrders(long customerId, int limit) {
        Check.between("limit", limit, 1, StoreRepository.MAX_LATEST_ORDERS);
        return customerId > 0;
    }

    /** P09: a positive order id and a status; any expected version (one never current is stale, P09.2). */
    public static void changeStatus(long orderId, long expectedVersion, OrderStatus newStatus) {
        Check.id("orderId", orderId);
        Check.notNull("newStatus", newStatus);
    }

    /** P10: the cut-off to compare with, on the microsecond grid and clamped (V.1, V.4). */
    public static Instant cancelNewOrdersBefore(Instant cutoff) {
        return Check.bound("cutoff", cutoff);
    }

    /** P11: the range [from, to) to compare with (V.1, V.4); refuses from after to and a limit out of range. */
    public static TimeRange topCustomersByRevenue(Instant from, Instant to, int limit) {
        Check.range("from", from, "to", to);
        Check.between("limit", limit, 1, StoreRepository.MAX_REPORT_ROWS);
        return TimeRange.of(from, to);
    }

    /** P12: the range [from, to) to compare with (V.1, V.4); the consumer must be present. */
    public static TimeRange streamOrderLines(Instant from, Instant to, Consumer<?> consumer) {
        Check.range("from", from, "to", to);
        Check.notNull("consumer", consumer);
        return TimeRange.of(from, to);
    }

    /** P13: a positive order id. */
    public static long deleteOrder(long orderId) {
        return Check.id("orderId", orderId);
    }

    /**
     * A half-open time range with both bounds rounded up to the microsecond and clamped to the range
     * of written instants ({@link Check#bound}), ready to be bound as SQL parameters.
     */
    public record TimeRange(Instant from, Instant to) {
        static TimeRange of(Instant from, Instant to) {
            return new TimeRange(Check.bound("from", from), Check.bound("to", to));
        }
    }
}
