package dev.persistbench.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Map;

// tag::mapping[]
/**
 * Maps a product's attributes to and from the text of a jsonb object with Jackson. The readers
 * and writers are immutable and thread-safe, so one instance serves every call.
 */
final class AttributesJson {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final ObjectReader reader;
    private final ObjectWriter writer;

    AttributesJson() {
        ObjectMapper mapper = new ObjectMapper();
        this.reader = mapper.readerFor(STRING_MAP);
        this.writer = mapper.writerFor(STRING_MAP);
    }

    /** The JSON object text for {@code attributes}, bound as text and cast to jsonb in SQL. */
    String write(Map<String, String> attributes) {
        try {
            return writer.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            // Strings into a map of strings cannot fail to serialise; if it does, it is a bug here.
            throw new IllegalStateException("cannot write product attributes as JSON", e);
        }
    }

    /** The map held by a jsonb column read as text. */
    Map<String, String> read(String json) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "product attributes are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
// end::mapping[]
