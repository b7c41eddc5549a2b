package dev.persistbench.reports.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict JSON reading that turns every problem into an {@link InputException} naming the file. */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper LENIENT =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonFiles() {}

    static JsonNode read(Path file) {
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                throw new InputException(file, "file is empty, expected JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(file, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    static JsonNode readArray(Path file) {
        JsonNode node = read(file);
        if (!node.isArray()) {
            throw new InputException(file, "expected a JSON array at the top level, found " + node.getNodeType());
        }
        return node;
    }

    /**
     * Each element of the top-level array as a {@code type}, by Jackson (unknown fields ignored);
     * an element without one of the {@code required} text fields, or of the wrong shape, names its index.
     */
    static <T> List<T> readList(Path file, Class<T> type, String... required) {
        List<T> out = new ArrayList<>();
        for (JsonNode element : readArray(file)) {
            for (String field : required) {
                text(file, element, out.size(), field);
            }
            try {
                out.add(LENIENT.treeToValue(element, type));
            } catch (JsonProcessingException e) {
                throw new InputException(file, "entry " + out.size() + ": " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }

    /** The top-level object of {@code file} as a {@code type}, by Jackson (unknown fields ignored). */
    static <T> T readObject(Path file, Class<T> type) {
        JsonNode node = readObject(file);
        try {
            return LENIENT.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InputException(file, "wrong type or shape: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode readObject(Path file) {
        JsonNode node = read(file);
        if (!node.isObject()) {
            throw new InputException(file, "expected a JSON object at the top level, found " + node.getNodeType());
        }
        return node;
    }

    /** A required text field of an array element. */
    static String text(Path file, JsonNode node, int index, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new InputException(
                    file, "entry " + index + " has no \"" + field + "\" (a non-empty string is required)");
        }
        return v.asText();
    }

    /** An optional text field, null when absent. */
    static String optText(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * A number, or null when absent, null or "NaN" (JMH writes "NaN" as a string when it cannot
     * compute an error); anything else non-numeric is an error.
     */
    static Double number(Path file, JsonNode node, String where, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            return Double.isFinite(d) ? d : null;
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.equalsIgnoreCase("NaN") || s.equalsIgnoreCase("Infinity") || s.equalsIgnoreCase("-Infinity")) {
                return null;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InputException(file, where + ": \"" + field + "\" is not a number: \"" + s + "\"");
            }
        }
        throw new InputException(file, where + ": \"" + field + "\" is not a number: " + v);
    }

    /** Flat string map of an object field (nested values rendered as JSON text). */
    public static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties()
                    .forEach(e -> map.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
        }
        return map;
    }
}
