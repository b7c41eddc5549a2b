package dev.persistbench.bench.floor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLine;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.Product;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the floor's rows by column position, and writes and reads the jsonb attribute map. */
final class FloorRows {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader ATTRIBUTES_READER = MAPPER.readerFor(STRING_MAP);
    private static final ObjectWriter ATTRIBUTES_WRITER = MAPPER.writerFor(STRING_MAP);

    private FloorRows() {}

    /** A product from the columns of {@link FloorSql#PRODUCT_COLUMNS}. */
    static Product product(ResultSet rs) throws SQLException {
        return new Product(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getBigDecimal(4),
                rs.getInt(5),
                attributes(rs.getString(6)),
                rs.getLong(7));
    }

    /**
     * Orders from rows of {@link FloorSql#ORDER_COLUMNS} starting at column {@code first}, ordered
     * by order and then line number: consecutive rows of one order are folded into one.
     */
    static List<Order> orders(ResultSet rs, int first) throws SQLException {
        return rs.next() ? ordersFromCurrentRow(rs, first) : new ArrayList<>();
    }

    /** As {@link #orders}, with {@code rs} already on the first row. */
    static List<Order> ordersFromCurrentRow(ResultSet rs, int first) throws SQLException {
        List<Order> orders = new ArrayList<>();
        List<OrderLine> lines = null;
        long id = 0;
        long customerId = 0;
        OrderStatus status = null;
        Optional<String> key = null;
        BigDecimal total = null;
        Instant createdAt = null;
        long version = 0;
        do {
            long rowId = rs.getLong(first);
            if (lines == null || rowId != id) {
                if (lines != null) {
                    orders.add(new Order(id, customerId, status, key, total, createdAt, version, lines));
                }
                id = rowId;
                customerId = rs.getLong(first + 1);
                status = OrderStatus.valueOf(rs.getString(first + 2));
                key = Optional.ofNullable(rs.getString(first + 3));
                total = rs.getBigDecimal(first + 4);
                createdAt = instant(rs, first + 5);
                version = rs.getLong(first + 6);
                lines = new ArrayList<>();
            }
            int lineNo = rs.getInt(first + 7);
            if (!rs.wasNull()) {
                lines.add(new OrderLine(
                        lineNo,
                        rs.getLong(first + 8),
                        rs.getString(first + 9),
                        rs.getString(first + 10),
                        rs.getInt(first + 11),
                        rs.getBigDecimal(first + 12)));
            }
        } while (rs.next());
        if (lines != null) {
            orders.add(new Order(id, customerId, status, key, total, createdAt, version, lines));
        }
        return orders;
    }

    /** A timestamptz column as an Instant (pgjdbc reads timestamptz as an OffsetDateTime at UTC). */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** An Instant as the parameter type pgjdbc binds to timestamptz. */
    static OffsetDateTime timestamptz(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The text of a jsonb object of strings as a map. */
    static Map<String, String> attributes(String json) {
        try {
            return ATTRIBUTES_READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("product attributes are not a JSON object of strings", e);
        }
    }

    /** A map of strings as the text of a JSON object, to be cast to jsonb. */
    static String json(Map<String, String> attributes) {
        try {
            return ATTRIBUTES_WRITER.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write product attributes as JSON", e);
        }
    }
}
