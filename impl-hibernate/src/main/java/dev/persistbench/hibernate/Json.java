package dev.persistbench.hibernate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

// tag::P03[]
// tag::P05[]
/** JSON text of product attributes, for the native P03 insert and P05's containment filter. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** {@code attributes} as a JSON object. */
    static String object(Map<String, String> attributes) {
        try {
            return MAPPER.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
// end::P03[]
// end::P05[]
