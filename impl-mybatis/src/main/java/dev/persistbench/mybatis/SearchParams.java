package dev.persistbench.mybatis;

import dev.persistbench.contract.model.ProductCursor;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.ProductSortKey;
import dev.persistbench.contract.model.SortDirection;
import java.math.BigDecimal;
import java.util.Map;

// tag::P05[]
/**
 * The P05 search flattened for the dynamic SQL of {@code ProductMapper.search}: absent filters are
 * null (OGNL tests for null far more plainly than for {@code Optional}). Every value is bound with
 * {@code #{}}; the sort key and direction only choose between fixed SQL fragments.
 *
 * @param pattern ILIKE pattern with {@code \} as escape character, or null
 * @param attribute a one-entry map for the jsonb containment filter, or null
 * @param after the previous page's last row, or null for the first page
 */
record SearchParams(
        String pattern,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        Map<String, String> attribute,
        boolean inStockOnly,
        ProductSortKey sortKey,
        SortDirection direction,
        int pageSize,
        ProductCursor after) {

    static SearchParams of(ProductSearch search) {
        return new SearchParams(
                search.nameContains()
                        .map(fragment -> "%" + ProductSearch.likeEscaped(fragment) + "%")
                        .orElse(null),
                search.minPrice().orElse(null),
                search.maxPrice().orElse(null),
                search.attribute().map(a -> Map.of(a.key(), a.value())).orElse(null),
                search.inStockOnly(),
                search.sortKey(),
                search.direction(),
                search.pageSize(),
                search.after().orElse(null));
    }
}
// end::P05[]
