package dev.persistbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.bench.floor.RawJdbcFloor;
import dev.persistbench.bench.run.BenchConfig;
import dev.persistbench.bench.run.EnvironmentInfo;
import dev.persistbench.contract.DeclaredStoreProvider;
import dev.persistbench.contract.StoreProvider;
import dev.persistbench.reports.results.Implementation;
import dev.persistbench.reports.results.Status;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The bench finds implementations only through their {@link StoreProvider}s: a fifth one on the
 * class path is timed, configured and described without any edit to the bench.
 */
class RegistryTest {

    @TempDir
    Path services;

    private final ClassLoader before = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(before);
    }

    /** Puts {@code providers} in a META-INF/services file seen only by the current thread. */
    private void register(String... providers) throws IOException {
        Path file =
                Files.createDirectories(services.resolve("META-INF/services")).resolve(StoreProvider.class.getName());
        Files.writeString(file, String.join("\n", providers) + "\n");
        URL url = services.toUri().toURL();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {url}, before));
    }

    @Test
    void theFourModulesOnTheBenchClassPathRegisterThemselvesInLabelOrder() {
        assertThat(Impl.all()).extracting(Impl::id).containsExactly("hibernate", "jooq", "mybatis", "jdbc");
        assertThat(Impl.all())
                .extracting(Impl::module)
                .containsExactly("impl-hibernate", "impl-jooq", "impl-mybatis", "impl-jdbc");
        assertThat(Impl.parse(" JDBC ").label()).isEqualTo("Spring JDBC");
        assertThat(Impl.parse("jooq").sourcePath()).isEqualTo("dev/persistbench/jooq/JooqStoreRepository.java");
    }

    @Test
    void aFifthProviderIsTimedConfiguredAndDescribedWithoutEditingTheBench() throws IOException {
        register(FifthStoreProvider.class.getName());

        assertThat(Impl.all()).extracting(Impl::id).containsExactly("fifth", "hibernate", "jooq", "mybatis", "jdbc");
        Impl fifth = Impl.parse("fifth");
        assertThat(fifth.label()).isEqualTo("Fifth Store");
        assertThat(fifth.module()).isEqualTo("impl-fifth");

        // Selected by default, with its own build folder and a place in every fork's impls parameter.
        assertThat(BenchConfig.fromProperties(new Properties()).targets().get(fifth))
                .asString()
                .endsWith("/impl-fifth/target");
        Properties built = new Properties();
        built.setProperty(BenchConfig.targetProperty(fifth), services.toString());
        BenchConfig config = BenchConfig.fromProperties(built);
        assertThat(config.impls()).contains(fifth);
        assertThat(config.runs(config.impls(), List.of()))
                .allSatisfy(
                        run -> assertThat(run.options().getParameter("impls").get())
                                .singleElement()
                                .asString()
                                .startsWith("fifth,"));

        // The fork builds its arm from the JMH parameter, named or as "all".
        assertThat(Arm.forPattern("all", "P02", 0, "all")).extracting(Arm::id).contains("fifth");
        Arm arm = Arm.parse("fifth").getLast();
        assertThat(arm.id()).isEqualTo("fifth");
        assertThat(arm.factory().apply(new PGSimpleDataSource())).isInstanceOf(RawJdbcFloor.class);

        // implementations.json tells the report its name, module, code and library.
        Implementation entry = BenchMain.entry(fifth, null, null, Status.Timing.TIMED, "timed", List.of());
        assertThat(entry.impl()).isEqualTo("fifth");
        assertThat(entry.label()).isEqualTo("Fifth Store");
        assertThat(entry.module()).isEqualTo("impl-fifth");
        assertThat(entry.source()).isEqualTo("dev/persistbench/bench/floor/RawJdbcFloor.java");
        assertThat(entry.library()).isEqualTo("fifth-lib");

        // Its library's version goes to environment.json beside the others'.
        assertThat(EnvironmentInfo.libraries(Impl.all()))
                .containsEntry("fifth-lib", "1.0.0")
                .containsKeys("hibernate", "jooq", "mybatis", "spring-jdbc", "pgjdbc");
    }

    @Test
    void anUnknownIdIsRefusedNamingTheRegisteredOnes() {
        assertThatThrownBy(() -> Impl.parse("fifth"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown implementation 'fifth'")
                .hasMessageContaining("[hibernate, jooq, mybatis, jdbc]");
    }

    @Test
    void aProviderTakingAnIdAlreadyRegisteredStopsTheBenchNamingIt() throws IOException {
        register(FifthStoreProvider.class.getName(), TakesJdbc.class.getName());
        assertThatThrownBy(Impl::all)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("id 'jdbc' is taken by both")
                .hasMessageContaining(TakesJdbc.class.getName())
                .hasMessageContaining("dev.persistbench.jdbc.SpringJdbcProvider");
    }

    /** A provider whose id another module already uses. */
    public static final class TakesJdbc extends DeclaredStoreProvider {
        public TakesJdbc() {
            super("jdbc", "Another JDBC", "other", RawJdbcFloor.class, RawJdbcFloor::new, List::of);
        }

        @Override
        public String libraryVersion() {
            return "0.1";
        }
    }
}
