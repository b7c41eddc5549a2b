package dev.persistbench.bench;

import dev.persistbench.bench.floor.RawJdbcFloor;
import dev.persistbench.contract.Pattern;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    public static final String FLOOR_ID = "raw-jdbc";

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
        return isVariant(id);
    }

    /** Whether {@code armId} names a variant ("jdbc:read-tx"). */
    public static boolean isVariant(String armId) {
        return armId.contains(Variant.SEPARATOR);
    }

    /**
     * The arms of {@code pattern}'s fork: the floor, the implementations named in {@code impls}
     * (comma-separated enum names), then those implementations' variants that change the pattern
     * and that {@code enabled} selects ({@link #VARIANTS_PROPERTY}'s syntax). Variants are measured
     * over plain loopback only: at an added network distance a fork measures the defaults.
     */
    public static List<Arm> forPattern(String impls, String pattern, int rttMicros, String enabled) {
        List<Arm> arms = new ArrayList<>(parse(impls));
        if (rttMicros != 0) {
            return List.copyOf(arms);
        }
        Pattern p = Pattern.of(pattern);
        Set<String> wanted = Set.of(enabled.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        for (String name : impls.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Impl impl = Impl.parse(name);
            for (Variant v : impl.variants()) {
                String id = v.armId(impl.id());
                if (v.patterns().contains(p) && (wanted.contains("all") || wanted.contains(id))) {
                    arms.add(of(impl, v));
                }
            }
        }
        return List.copyOf(arms);
    }

    /** The floor followed by the implementations named in {@code impls} (comma-separated enum names). */
    public static List<Arm> parse(String impls) {
        List<Arm> arms = new ArrayList<>();
        arms.add(FLOOR);
        for (String name : impls.split(",")) {
            if (!name.isBlank()) {
                arms.add(of(Impl.parse(name)));
            }
        }
        return List.copyOf(arms);
    }
}
