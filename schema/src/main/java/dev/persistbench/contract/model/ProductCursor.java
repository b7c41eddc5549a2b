package dev.persistbench.contract.model;

import java.math.BigDecimal;

/**
 * A P05 keyset cursor: the sort values of the last row of a page. The next page starts
 * strictly after it in the search's order, so rows added or removed elsewhere never make a page
 * skip or repeat a row. Build it with {@link #after(Product)}.
 *
 * @param id the last row's id (the tie breaker)
 * @param name the last row's name
 * @param price the last row's price
 * @param stock the last row's stock
 */
public record ProductCursor(long id, String name, BigDecimal price, int stock) {
    public ProductCursor {
        Check.id("cursor.id", id);
        Check.storable("cursor.name", Check.notNull("cursor.name", name), Check.MAX_NAME_LENGTH);
        price = Check.money("cursor.price", price);
    }

    /** The cursor that continues after {@code last}. */
    public static ProductCursor after(Product last) {
        Check.notNull("last", last);
        return new ProductCursor(last.id(), last.name(), last.price(), last.stock());
    }
}
