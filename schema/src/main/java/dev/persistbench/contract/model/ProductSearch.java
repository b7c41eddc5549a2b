package dev.persistbench.contract.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * P05 input: every filter is optional and they combine with AND.
 *
 * @param nameContains case-insensitive substring of the name; {@code %}, {@code _} and
 *     {@code \} match themselves literally; an empty string matches every name
 * @param minPrice inclusive lower bound
 * @param maxPrice inclusive upper bound; not below minPrice
 * @param attribute the product's attributes must hold this key with exactly this value
 * @param inStockOnly only products with stock greater than zero
 * @param sortKey the sort key; ties broken by id in the same direction
 * @param direction ascending or descending
 * @param pageSize rows per page, 1 to {@value #MAX_PAGE_SIZE}
 * @param after the cursor of the previous page (the page's last row), or empty for the first page
 */
public record ProductSearch(
        Optional<String> nameContains,
        Optional<BigDecimal> minPrice,
        Optional<BigDecimal> maxPrice,
        Optional<AttributeFilter> attribute,
        boolean inStockOnly,
        ProductSortKey sortKey,
        SortDirection direction,
        int pageSize,
        Optional<ProductCursor> after) {

    /** Largest page. */
    public static final int MAX_PAGE_SIZE = 1_000;

    public ProductSearch {
        Check.notNull("nameContains", nameContains)
                .ifPresent(fragment -> Check.storable("nameContains", fragment, Check.MAX_NAME_LENGTH));
        minPrice = Check.notNull("minPrice", minPrice).map(p -> Check.money("minPrice", p));
        maxPrice = Check.notNull("maxPrice", maxPrice).map(p -> Check.money("maxPrice", p));
        if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.get().compareTo(maxPrice.get()) > 0) {
            throw new IllegalArgumentException(
                    "minPrice (" + minPrice.get() + ") must not be above maxPrice (" + maxPrice.get() + ")");
        }
        Check.notNull("attribute", attribute);
        Check.notNull("sortKey", sortKey);
        Check.notNull("direction", direction);
        Check.between("pageSize", pageSize, 1, MAX_PAGE_SIZE);
        Check.notNull("after", after);
    }

    /** All products, sorted by id ascending, {@code pageSize} a page. */
    public static ProductSearch all(int pageSize) {
        return new ProductSearch(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                ProductSortKey.ID,
                SortDirection.ASC,
                pageSize,
                Optional.empty());
    }

    public ProductSearch withNameContains(String fragment) {
        return new ProductSearch(
                Optional.of(fragment), minPrice, maxPrice, attribute, inStockOnly, sortKey, direction, pageSize, after);
    }

    public ProductSearch withPriceBetween(BigDecimal min, BigDecimal max) {
        return new ProductSearch(
                nameContains,
                Optional.ofNullable(min),
                Optional.ofNullable(max),
                attribute,
                inStockOnly,
                sortKey,
                direction,
                pageSize,
                after);
    }

    public ProductSearch withAttribute(String key, String value) {
        return new ProductSearch(
                nameContains,
                minPrice,
                maxPrice,
                Optional.of(new AttributeFilter(key, value)),
                inStockOnly,
                sortKey,
                direction,
                pageSize,
                after);
    }

    public ProductSearch withInStockOnly(boolean only) {
        return new ProductSearch(
                nameContains, minPrice, maxPrice, attribute, only, sortKey, direction, pageSize, after);
    }

    public ProductSearch sortedBy(ProductSortKey key, SortDirection dir) {
        return new ProductSearch(nameContains, minPrice, maxPrice, attribute, inStockOnly, key, dir, pageSize, after);
    }

    public ProductSearch after(ProductCursor cursor) {
        return new ProductSearch(
                nameContains,
                minPrice,
                maxPrice,
                attribute,
                inStockOnly,
                sortKey,
                direction,
                pageSize,
                Optional.of(cursor));
    }

    /**
     * The fragment as a LIKE/ILIKE pattern body with {@code \} as the escape character:
     * {@code \}, {@code %} and {@code _} are escaped, so they match literally. Implementations
     * bind {@code '%' + likeEscaped() + '%'} as a parameter; it is never spliced into SQL.
     */
    public static String likeEscaped(String fragment) {
        StringBuilder out = new StringBuilder(fragment.length() + 8);
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * A jsonb attribute filter: the product's attributes hold {@code key} with exactly
     * {@code value} (a string).
     *
     * @param key not blank
     * @param value may be empty
     */
    public record AttributeFilter(String key, String value) {
        public AttributeFilter {
            Check.text("attribute.key", key, Check.MAX_KEY_LENGTH);
            Check.storable("attribute.value", Check.notNull("attribute.value", value), Check.MAX_NAME_LENGTH);
        }
    }
}
