package dev.persistbench.contract.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Checks and copies a product's attribute map. */
final class Attributes {
    private Attributes() {}

    /** An unmodifiable, key-sorted copy (jsonb keeps keys in its own order, so order carries no meaning). */
    static Map<String, String> copyOf(String argument, Map<String, String> attributes) {
        Check.notNull(argument, attributes);
        TreeMap<String, String> copy = new TreeMap<>();
        attributes.forEach((key, value) -> {
            Check.text(argument + " key", key, Check.MAX_KEY_LENGTH);
            Check.storable(
                    argument + "[" + key + "]",
                    Check.notNull(argument + "[" + key + "]", value),
                    Check.MAX_NAME_LENGTH);
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
