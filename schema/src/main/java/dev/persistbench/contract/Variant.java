package dev.persistbench.contract;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A named second way an implementation writes some patterns, measured beside its default: for
 * example the way the library's own documentation leads, against the tuned way the default uses.
 * A variant's repository is the implementation's own class built with that variant: every
 * pattern outside {@link #patterns()} runs the default code, and the variant passes the contract
 * rules of the patterns it changes.
 *
 * @param name short lower-case name, unique within its implementation ("persist")
 * @param description what it does differently, in one sentence
 * @param patterns the patterns whose code differs from the default
 * @param factory builds the variant's repository over a DataSource
 */
public record Variant(
        String name, String description, Set<Pattern> patterns, Function<DataSource, StoreRepository> factory) {

    public Variant {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "a variant's name is lower-case letters, digits and dashes, starting with a letter; was " + name);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("variant " + name + " needs a description");
        }
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("variant " + name + " must change at least one pattern");
        }
        if (factory == null) {
            throw new IllegalArgumentException("variant " + name + " needs a factory");
        }
        patterns = Set.copyOf(patterns);
    }

    /** The ids of {@link #patterns()}, in catalogue order ("P02", "P04", ...). */
    public List<String> patternIds() {
        return patterns.stream().sorted().map(Pattern::id).toList();
    }

    /** The id of this variant of implementation {@code implId} in results and reports: "hibernate:persist". */
    public String armId(String implId) {
        return implId.toLowerCase(Locale.ROOT) + SEPARATOR + name;
    }

    /** What separates the implementation's id from the variant's name in an arm id. */
    public static final String SEPARATOR = ":";

    /** Whether {@code armId} is a variant's ("jdbc:read-tx") rather than an implementation's default or the floor. */
    public static boolean isArmOfVariant(String armId) {
        return armId.contains(SEPARATOR);
    }

    /** The implementation id in an arm id: "jdbc" for "jdbc:read-tx", the id itself for a default's. */
    public static String implementationOf(String armId) {
        return armId.split(SEPARATOR, 2)[0];
    }
}
