package dev.persistbench.jooq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.jooq.JSONB;

// tag::mapping[]
/** A product's attributes between the contract's {@code Map<String, String>} and jOOQ's {@link JSONB}. */
final class AttributesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> MAP_OF_STRINGS = new TypeReference<>() {};

    private AttributesJson() {}

    static JSONB write(Map<String, String> attributes) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(attributes));
        } catch (JsonProcessingException e) {
            // A map of strings always serialises; reaching this is a bug, not bad input.
            throw new IllegalStateException("could not write attributes as JSON", e);
        }
    }

    static Map<String, String> read(JSONB json) {
        try {
            return MAPPER.readValue(json.data(), MAP_OF_STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("product attributes are not a JSON object of strings: " + json, e);
        }
    }
}
// end::mapping[]
