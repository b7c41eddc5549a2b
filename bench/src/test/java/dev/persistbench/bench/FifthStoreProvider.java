package dev.persistbench.bench;

import dev.persistbench.bench.floor.RawJdbcFloor;
import dev.persistbench.contract.DeclaredStoreProvider;
import java.util.List;

/**
 * A trivial fifth implementation for {@link RegistryTest}: the hand-written floor under another
 * name. It is registered only on the class loader that test builds, never on the bench's class path.
 */
public final class FifthStoreProvider extends DeclaredStoreProvider {

    public FifthStoreProvider() {
        super("fifth", "Fifth Store", "fifth-lib", RawJdbcFloor.class, RawJdbcFloor::new, List::of);
    }

    @Override
    public String libraryVersion() {
        return "1.0.0";
    }
}
