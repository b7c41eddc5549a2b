package dev.persistbench.contract.model;

import java.util.List;
import java.util.Optional;

/**
 * One P05 page.
 *
 * @param items at most pageSize products in the search's order
 * @param next the cursor after the last item when the page is full (a following page may exist);
 *     empty when fewer than pageSize rows were found (this was the last page)
 */
public record ProductPage(List<Product> items, Optional<ProductCursor> next) {
    public ProductPage {
        items = List.copyOf(items);
    }

    /** A page of {@code items} for a search with {@code pageSize} rows a page. */
    public static ProductPage of(List<Product> items, int pageSize) {
        Optional<ProductCursor> next = items.size() < pageSize
                ? Optional.empty()
                : Optional.of(ProductCursor.after(items.get(items.size() - 1)));
        return new ProductPage(items, next);
    }
}
