package dev.persistbench.bench.floor;

import dev.persistbench.contract.model.ProductCursor;
import dev.persistbench.contract.model.ProductSearch;
import dev.persistbench.contract.model.ProductSortKey;
import dev.persistbench.contract.model.SortDirection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P05's one keyset SELECT, built from fixed fragments only: the sort key and direction are enums
 * mapped to constant column names and keywords, and every value of the search is a bound
 * parameter, so no caller text ever becomes SQL (P05.10).
 *
 * @param sql the statement
 * @param parameters its parameter values, in order
 */
record ProductSearchStatement(String sql, List<Object> parameters) {

    static ProductSearchStatement of(ProductSearch search) {
        StringBuilder sql = new StringBuilder(320)
                .append("SELECT ")
                .append(FloorSql.PRODUCT_COLUMNS)
                .append(" FROM product WHERE TRUE");
        List<Object> parameters = new ArrayList<>(8);
        search.nameContains().ifPresent(fragment -> {
            // P05.1, P05.2: case-insensitive, with %, _ and \ escaped so that they match themselves.
            sql.append(" AND name ILIKE ? ESCAPE '\\'");
            parameters.add("%" + ProductSearch.likeEscaped(fragment) + "%");
        });
        search.minPrice().ifPresent(min -> {
            sql.append(" AND price >= ?");
            parameters.add(min);
        });
        search.maxPrice().ifPresent(max -> {
            sql.append(" AND price <= ?");
            parameters.add(max);
        });
        search.attribute().ifPresent(filter -> {
            // P05.4: containment of {"key": "value"}, which the jsonb_path_ops GIN index serves.
            // Bound untyped (Types.OTHER), so the server reads it as the operator's jsonb: a varchar
            // parameter cast with ?::jsonb was measured 29 % slower over the whole query (generic plan).
            sql.append(" AND attributes @> ?");
            parameters.add(new JsonParameter(FloorRows.json(Map.of(filter.key(), filter.value()))));
        });
        if (search.inStockOnly()) {
            sql.append(" AND stock > 0");
        }
        String column = column(search.sortKey());
        boolean ascending = search.direction() == SortDirection.ASC;
        search.after().ifPresent(cursor -> {
            // P05.7, P05.8: strictly after the cursor in the page's order, ties broken by id.
            String after = ascending ? " > ?" : " < ?";
            if (search.sortKey() == ProductSortKey.ID) {
                sql.append(" AND id").append(after);
            } else {
                sql.append(" AND (").append(column).append(", id)").append(ascending ? " > (?, ?)" : " < (?, ?)");
                parameters.add(cursorValue(search.sortKey(), cursor));
            }
            parameters.add(cursor.id());
        });
        String direction = ascending ? " ASC" : " DESC";
        sql.append(" ORDER BY ");
        if (search.sortKey() != ProductSortKey.ID) {
            sql.append(column).append(direction).append(", ");
        }
        sql.append("id").append(direction).append(" LIMIT ?");
        parameters.add(search.pageSize());
        return new ProductSearchStatement(sql.toString(), parameters);
    }

    /** Binds the parameters to {@code ps}. */
    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof JsonParameter json) {
                ps.setObject(i + 1, json.text(), java.sql.Types.OTHER);
            } else {
                ps.setObject(i + 1, parameters.get(i));
            }
        }
    }

    private static String column(ProductSortKey key) {
        return switch (key) {
            case NAME -> "name";
            case PRICE -> "price";
            case STOCK -> "stock";
            case ID -> "id";
        };
    }

    private static Object cursorValue(ProductSortKey key, ProductCursor cursor) {
        return switch (key) {
            case NAME -> cursor.name();
            case PRICE -> cursor.price();
            case STOCK -> cursor.stock();
            case ID -> cursor.id();
        };
    }

    /** JSON text to be bound untyped, for the server to read as jsonb. */
    private record JsonParameter(String text) {}
}
