package dev.persistbench.bench;

import dev.persistbench.bench.floor.RawJdbcFloor;
import dev.persistbench.contract.StoreRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One side of a paired measurement: an implementation, or the raw-JDBC floor every implementation
 * is divided by. A pattern's benchmark runs all its arms in one JVM, in interleaved slices.
 *
 * @param id "hibernate", "jooq", "mybatis", "jdbc" or {@value #FLOOR_ID}
 * @param floor whether this is the floor
 * @param factory builds the repository over a DataSource
 */
public record Arm(String id, boolean floor, Function<DataSource, StoreRepository> factory) {

    /** The id of the floor in every result file. */
    public static final String FLOOR_ID = "raw-jdbc";

    /** The hand-written java.sql floor. */
    public static final Arm FLOOR = new Arm(FLOOR_ID, true, RawJdbcFloor::new);

    /** The arm of {@code impl}. */
    public static Arm of(Impl impl) {
        return new Arm(impl.id(), false, impl::create);
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
