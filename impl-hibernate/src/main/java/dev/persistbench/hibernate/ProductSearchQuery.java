package dev.persistbench.hibernate;

import dev.persistbench.contract.model.ProductCursor;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.SortDirection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SharedSessionContract;
import org.hibernate.query.SelectionQuery;

// tag::P05[]
/**
 * P05's dynamic HQL. The text is assembled only from the constant fragments below, chosen by which
 * filters are present and by the sort enum; every value the caller gave is a bound parameter.
 */
final class ProductSearchQuery {

    private ProductSearchQuery() {}

    static SelectionQuery<ProductEntity> create(SharedSessionContract session, ProductSearch search) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();

        search.nameContains().ifPresent(fragment -> {
            conditions.add("p.name ilike :name escape '\\'");
            parameters.put("name", "%" + ProductSearch.likeEscaped(fragment) + "%");
        });
        search.minPrice().ifPresent(min -> {
            conditions.add("p.price >= :minPrice");
            parameters.put("minPrice", min);
        });
        search.maxPrice().ifPresent(max -> {
            conditions.add("p.price <= :maxPrice");
            parameters.put("maxPrice", max);
        });
        search.attribute().ifPresent(attribute -> {
            // jsonb containment of {"key": "value"}: served by the GIN index on attributes.
            conditions.add(SessionFactories.JSONB_CONTAINS + "(p.attributes, :attribute)");
            parameters.put("attribute", Json.object(Map.of(attribute.key(), attribute.value())));
        });
        if (search.inStockOnly()) {
            conditions.add("p.stock > 0");
        }

        boolean ascending = search.direction() == SortDirection.ASC;
        String comparison = ascending ? " > " : " < ";
        String direction = ascending ? " asc" : " desc";
        String key = switch (search.sortKey()) {
            case NAME -> "p.name";
            case PRICE -> "p.price";
            case STOCK -> "p.stock";
            case ID -> null;
        };
        if (search.after().isPresent()) {
            ProductCursor cursor = search.after().get();
            parameters.put("afterId", cursor.id());
            if (key == null) {
                conditions.add("p.id" + comparison + ":afterId");
            } else {
                // Row-value comparison: strictly after the cursor in (key, id) order.
                conditions.add("(" + key + ", p.id)" + comparison + "(:afterKey, :afterId)");
                parameters.put(
                        "afterKey",
                        switch (search.sortKey()) {
                            case NAME -> cursor.name();
                            case PRICE -> cursor.price();
                            case STOCK -> cursor.stock();
                            case ID -> throw new IllegalStateException("unreachable");
                        });
            }
        }
        StringBuilder hql = new StringBuilder("select p from Product p");
        if (!conditions.isEmpty()) {
            hql.append(" where ").append(String.join(" and ", conditions));
        }
        hql.append(" order by ");
        if (key != null) {
            hql.append(key).append(direction).append(", ");
        }
        hql.append("p.id").append(direction);

        SelectionQuery<ProductEntity> query = session.createSelectionQuery(hql.toString(), ProductEntity.class)
                .setMaxResults(search.pageSize());
        parameters.forEach(query::setParameter);
        return query;
    }
}
// end::P05[]
