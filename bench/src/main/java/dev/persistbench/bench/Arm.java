package dev.persistbench.bench;

import dev.persistbench.bench.floor.RawJdbcFloor;
import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.StoreProvider;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One side of a paired measurement: an implementation, or the raw-JDBC floor every implementation
 * is divided by. A pattern's benchmark runs all its arms in one JVM, in interleaved slices.
 *
 * @param id "hibernate", "jooq", "mybatis", "jdbc", {@value #FLOOR_ID}, or a variant's
 *     "implementation:variant" ({@link Variant#armId})
 * @param floor whether this is the floor
 * @param factory builds the repository over a DataSource
 */
public record Arm(String id, boolean floor, Function<DataSource, StoreRepository> factory) {

    /** The id of the floor in every result file. */
    public static final String FLOOR_ID = StoreProvider.FLOOR_ID;

    /** The hand-written java.sql floor. */
    public static final Arm FLOOR = new Arm(FLOOR_ID, true, RawJdbcFloor::new);

    /**
     * The system property naming the variants a fork measures beside the defaults: "all" (or
     * absent: every declared variant), "none", or a comma-separated list of arm ids
     * ("jdbc:read-tx"); the runner sets it to the variants that passed verification.
     */
    public static final String VARIANTS_PROPERTY = "bench.variants";

    /** The arm of {@code impl}. */
    public static Arm of(Impl impl) {
        return new Arm(impl.id(), false, impl::create);
    }

    /** The arm of {@code impl}'s {@code variant}. */
    public static Arm of(Impl impl, Variant variant) {
        return new Arm(variant.armId(impl.id()), false, variant.factory());
    }

    /** Whether this arm is a variant of an implementation rather than its default. */
    public boolean variant() {
        return Variant.isArmOfVariant(id);
    }

    /**
     * The variants of {@code impl} that {@code selection} names ({@link #VARIANTS_PROPERTY}'s
     * syntax: "all" or blank, "none", or comma-separated arm ids, any case); ids of other
     * implementations' variants select none of {@code impl}'s.
     */
    public static List<Variant> selected(Impl impl, String selection) {
        List<String> ids = selectedIds(selection);
        return ids == null
                ? impl.variants()
                : impl.variants().stream()
                        .filter(v -> ids.contains(v.armId(impl.id())))
                        .toList();
    }

    /**
     * Refuses a {@code selection} that names an arm id no implementation declares.
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones
     */
    public static void checkSelection(String selection) {
        List<String> ids = selectedIds(selection);
        if (ids == null) {
            return;
        }
        List<String> known = new ArrayList<>();
        for (Impl i : Impl.all()) {
            i.variants().forEach(v -> known.add(v.armId(i.id())));
        }
        ids.stream().filter(id -> !known.contains(id)).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException(
                    VARIANTS_PROPERTY + ": unknown variant '" + id + "'; expected all, none or some of " + known);
        });
    }

    /** The arm ids {@code selection} names, lower-case; null for all. */
    private static List<String> selectedIds(String selection) {
        String wanted = selection.trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() || wanted.equals("all")) {
            return null;
        }
        return wanted.equals("none") ? List.of() : List.of(wanted.split("\\s*,\\s*"));
    }

    /**
     * The arms of {@code pattern}'s fork: the floor, the implementations named in {@code impls}
     * (ids, as {@link #named} reads them), then those implementations' variants that change the pattern
     * and that {@code selection} selects ({@link #selected}). Variants are measured over plain
     * loopback only: at an added network distance a fork measures the defaults.
     */
    public static List<Arm> forPattern(String impls, String pattern, int rttMicros, String selection) {
        List<Arm> arms = new ArrayList<>(parse(impls));
        if (rttMicros != 0) {
            return List.copyOf(arms);
        }
        Pattern p = Pattern.of(pattern);
        for (Impl impl : named(impls)) {
            for (Variant v : selected(impl, selection)) {
                if (v.patterns().contains(p)) {
                    arms.add(of(impl, v));
                }
            }
        }
        return List.copyOf(arms);
    }

    /** The floor followed by the implementations named in {@code impls} ({@link #named}'s syntax). */
    public static List<Arm> parse(String impls) {
        List<Arm> arms = new ArrayList<>();
        arms.add(FLOOR);
        named(impls).forEach(impl -> arms.add(of(impl)));
        return List.copyOf(arms);
    }

    /**
     * The implementations {@code impls} names: comma-separated ids (any case), or "all" for every
     * registered one ({@link Impl#all}).
     *
     * @throws IllegalArgumentException naming an id no provider registers
     */
    public static List<Impl> named(String impls) {
        if (impls.trim().equalsIgnoreCase(ALL)) {
            return Impl.all();
        }
        List<Impl> named = new ArrayList<>();
        for (String name : impls.split(",")) {
            if (!name.isBlank()) {
                named.add(Impl.parse(name));
            }
        }
        return named;
    }

    /** The value of the JMH parameter {@code impls} that names every registered implementation. */
    public static final String ALL = "all";
}
