package dev.persistbench.mybatis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

// tag::mapping[]
/**
 * A product's attributes, {@code Map<String, String>} in Java and a JSON object in a
 * {@code jsonb} column, converted by Jackson.
 *
 * <p>The JSON text is bound with {@link Types#OTHER}, so pgjdbc sends it untyped and PostgreSQL
 * takes it as the {@code jsonb} its context asks for (the column on insert, the right-hand side
 * of {@code @>} in a search); the mapper SQL needs no cast. Named explicitly on every column and
 * parameter that holds attributes, never registered for {@code Map} as a whole.
 */
public final class JsonbMapTypeHandler extends BaseTypeHandler<Map<String, String>> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader READER = JSON.readerFor(new TypeReference<Map<String, String>>() {});
    private static final ObjectWriter WRITER = JSON.writerFor(new TypeReference<Map<String, String>>() {});

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Map<String, String> parameter, JdbcType jdbcType)
            throws SQLException {
        ps.setObject(i, write(parameter), Types.OTHER);
    }

    @Override
    public Map<String, String> getNullableResult(ResultSet rs, String columnName) throws SQLException {
        return read(rs.getString(columnName));
    }

    @Override
    public Map<String, String> getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        return read(rs.getString(columnIndex));
    }

    @Override
    public Map<String, String> getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        return read(cs.getString(columnIndex));
    }

    /** The attributes as JSON text, for a statement that casts it to {@code jsonb} itself (P03's array). */
    static String json(Map<String, String> attributes) {
        try {
            return WRITER.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            // Unreachable for a map of strings; not a bad argument either.
            throw new IllegalStateException("attributes cannot be written as JSON", e);
        }
    }

    private static String write(Map<String, String> attributes) throws SQLException {
        try {
            return WRITER.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new SQLException("attributes cannot be written as JSON", e);
        }
    }

    private static Map<String, String> read(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            // A schema drift (a non-string value in the object) surfaces as a data-access failure.
            throw new SQLException("attributes are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
// end::mapping[]
