package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.bench.Impl;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/** How system properties become profiles, filters and JMH options (no benchmark runs here). */
class BenchConfigTest {

    private static BenchConfig config(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return BenchConfig.fromProperties(p);
    }

    private static final List<String> FORK_ARGS = List.of("-Xmx1g", "-Dpb.db=external");

    @Test
    void quickIsTheDefault_OneForkPerPatternRunsEveryArmInRounds() {
        BenchConfig c = config();
        assertThat(c.profile()).isEqualTo(Profile.QUICK);
        assertThat(c.impls()).containsExactlyElementsOf(Impl.all());
        assertThat(c.patterns()).hasSize(13).startsWith("P01").endsWith("P13");

        List<BenchConfig.JmhRun> runs = c.runs(Impl.all(), FORK_ARGS);
        assertThat(runs).extracting(BenchConfig.JmhRun::name).containsExactly("paired");
        Options o = runs.get(0).options();
        assertThat(o.getForkCount().get()).isEqualTo(1);
        assertThat(o.getWarmupIterations().get())
                .as("warm-up is decided from the data")
                .isZero();
        assertThat(o.getWarmupTime().get()).isEqualTo(TimeValue.milliseconds(Profile.QUICK.sliceMillis()));
        assertThat(o.getMeasurementIterations().get())
                .as("every round runs the four implementations and the floor")
                .isEqualTo(Profile.QUICK.rounds() * 5);
        assertThat(o.getMeasurementTime().get()).isEqualTo(TimeValue.milliseconds(Profile.QUICK.sliceMillis()));
        assertThat(o.getBenchModes()).containsExactly(Mode.AverageTime);
        assertThat(o.getTimeUnit().get()).isEqualTo(TimeUnit.MICROSECONDS);
        assertThat(o.getProfilers())
                .extracting(p -> p.getKlass())
                .containsExactly("org.openjdk.jmh.profile.GCProfiler");
        assertThat(o.getParameter("impls").get()).containsExactly("hibernate,jooq,mybatis,jdbc");
        assertThat(o.getParameter("dataSize").get()).containsExactly("1000");
        assertThat(o.getJvmArgs().get()).containsExactly("-Xmx1g", "-Dpb.db=external", "-Dbench.variants=none");
        assertThat(o.shouldFailOnError().get()).isFalse();
        assertThat(o.getIncludes())
                .containsExactly(
                        "^dev\\.persistbench\\.bench\\.(P01|P02|P03|P04|P05|P06|P07|P08|P09|P10|P11|P12|P13)[A-Za-z]*Benchmark\\.run$");
    }

    @Test
    void smokeRunsInProcessOneRunPerPattern() {
        BenchConfig smoke = config("bench.profile", "smoke");
        List<BenchConfig.JmhRun> runs = smoke.runs(List.of(Impl.parse("jdbc"), Impl.parse("jooq")), FORK_ARGS);
        assertThat(runs).hasSize(13);
        assertThat(runs.get(0).options().getForkCount().get()).isZero();
        assertThat(runs.get(0).options().getMeasurementIterations().get()).isEqualTo(Profile.SMOKE.rounds() * 3);
        assertThat(runs.get(0).options().getParameter("impls").get()).containsExactly("jdbc,jooq");
        assertThat(config("bench.profile", "full").profile().dataSizes()).containsExactly(1000);
    }

    @Test
    void filtersNarrowPatternsAndImplementations_RoundsAndSizesCanBeOverridden() {
        BenchConfig c = config(
                "bench.include",
                "P02,p11",
                "bench.impl",
                "jooq, JDBC",
                "bench.dataSizes",
                "200,400",
                "bench.rounds",
                "7");
        assertThat(c.patterns()).containsExactly("P02", "P11");
        assertThat(c.impls()).containsExactly(Impl.parse("jooq"), Impl.parse("jdbc"));
        assertThat(c.profile().dataSizes()).containsExactly(200, 400);
        assertThat(c.profile().rounds()).isEqualTo(7);
        Options o = c.runs(c.impls(), FORK_ARGS).get(0).options();
        assertThat(o.getIncludes()).containsExactly("^dev\\.persistbench\\.bench\\.(P02|P11)[A-Za-z]*Benchmark\\.run$");
        assertThat(o.getMeasurementIterations().get()).isEqualTo(7 * 3);
    }

    @Test
    void theWarmUpCapCanBeSetInSecondsAndReachesTheForks() {
        BenchConfig c = config("bench.warmUpSeconds", "35");
        assertThat(c.profile().warmUpMillis()).isEqualTo(35_000);
        Options o = c.runs(c.impls(), FORK_ARGS).get(0).options();
        assertThat(o.getJvmArgsAppend().get()).contains("-D" + WarmUp.PROPERTY + "=35000");
        assertThat(config("bench.warmUpSeconds", "0").profile().warmUpMillis())
                .as("0: no warm-up phase")
                .isZero();
        assertThat(config().profile().warmUpMillis()).isEqualTo(Profile.QUICK.warmUpMillis());
    }

    @Test
    void nothingRunsWhenNoImplementationCanBeTimed() {
        assertThat(config().runs(List.of(), FORK_ARGS)).isEmpty();
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> config("bench.profile", "fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bench.profile");
        assertThatThrownBy(() -> config("bench.impl", "eclipselink"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eclipselink");
        assertThatThrownBy(() -> config("bench.rounds", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 rounds");
        assertThatThrownBy(() -> config("bench.warmUpSeconds", "half a minute"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bench.warmUpSeconds")
                .hasMessageContaining("half a minute");
        assertThatThrownBy(() -> config("bench.warmUpSeconds", "-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bench.warmUpSeconds must be from 0 to 600");
    }

    @Test
    void benchForksRunsEveryForkAgainInANewJvm_PassAfterPass() {
        assertThat(config().jvms()).isEqualTo(1);
        BenchConfig c = config("bench.forks", "3", "bench.latency", "0.5", "bench.include", "P02");
        List<BenchConfig.JmhRun> once =
                config("bench.latency", "0.5", "bench.include", "P02").runs(Impl.all(), FORK_ARGS);
        List<BenchConfig.JmhRun> runs = c.runs(Impl.all(), FORK_ARGS);
        assertThat(once).extracting(BenchConfig.JmhRun::name).containsExactly("paired", "network distance");
        assertThat(runs)
                .extracting(BenchConfig.JmhRun::name)
                .containsExactly(
                        "paired, JVM 1 of 3",
                        "network distance, JVM 1 of 3",
                        "paired, JVM 2 of 3",
                        "network distance, JVM 2 of 3",
                        "paired, JVM 3 of 3",
                        "network distance, JVM 3 of 3");
        assertThat(runs)
                .allSatisfy(r -> assertThat(r.options().getForkCount().get()).isEqualTo(1));
        assertThat(runs.get(2).options().getIncludes())
                .containsExactlyElementsOf(once.get(0).options().getIncludes());
    }

    @Test
    void badForkCountsAreRefusedNamingTheProperty_SmokeRunsInProcessAndRefusesMoreThanOne() {
        for (String bad : List.of("0", "11", "two", "1.5")) {
            assertThatThrownBy(() -> config("bench.forks", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.forks must be")
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> config("bench.profile", "smoke", "bench.forks", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bench.forks=2 needs a forked profile");
        assertThat(config("bench.profile", "smoke", "bench.forks", "1").jvms()).isEqualTo(1);
    }

    @Test
    void networkDistanceMeasuresTheNetworkPatternsAgainThroughTheRelay() {
        assertThat(config().runs(Impl.all(), FORK_ARGS))
                .as("quick has no network distance unless asked")
                .extracting(BenchConfig.JmhRun::name)
                .containsExactly("paired");
        BenchConfig c = config("bench.latency", "0.5");
        assertThat(c.profile().rttMicros()).containsExactly(500);
        List<BenchConfig.JmhRun> runs = c.runs(List.of(Impl.parse("jdbc"), Impl.parse("jooq")), FORK_ARGS);
        assertThat(runs).extracting(BenchConfig.JmhRun::name).containsExactly("paired", "network distance");
        Options far = runs.get(1).options();
        assertThat(far.getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.(P02|P06|P08)[A-Za-z]*Benchmark\\.run$");
        assertThat(far.getParameter("rttMicros").get()).containsExactly("500");
        assertThat(far.getParameter("impls").get()).containsExactly("jdbc,jooq");
        assertThat(far.getMeasurementIterations().get()).isEqualTo(Profile.NETWORK_ROUNDS * 3);
        assertThat(far.getJvmArgs().get()).containsExactly("-Xmx1g", "-Dpb.db=external", "-Dbench.variants=none");
        assertThat(far.getJvmArgsAppend().get())
                .containsExactly("-Dbench.warmUpMillis=" + Profile.NETWORK_WARM_UP_MILLIS);
        assertThat(runs.get(0).options().getParameter("rttMicros").hasValue()).isFalse();

        assertThat(config("bench.profile", "full").profile().rttMicros()).containsExactly(500, 2000);
        assertThat(config("bench.profile", "full", "bench.latency", "none")
                        .profile()
                        .rttMicros())
                .isEmpty();
        assertThat(config("bench.include", "P05", "bench.latency", "2").runs(List.of(Impl.parse("jdbc")), FORK_ARGS))
                .as("no network pattern selected")
                .hasSize(1);
        assertThatThrownBy(() -> config("bench.latency", "fast"))
                .hasMessageContaining("bench.latency")
                .hasMessageContaining("fast");
        assertThatThrownBy(() -> config("bench.latency", "0")).hasMessageContaining("above 0");
    }

    @Test
    void patterns_with_variant_arms_run_apart_with_a_slice_per_arm_and_round() {
        BenchConfig c = config();
        List<BenchConfig.JmhRun> runs = c.runs(Impl.all(), List.of("jdbc:read-tx"), FORK_ARGS);
        assertThat(runs).hasSize(2);
        Options plain = runs.get(0).options();
        assertThat(plain.getIncludes())
                .containsExactly(
                        "^dev\\.persistbench\\.bench\\.(P01|P03|P06|P09|P10|P12|P13)[A-Za-z]*Benchmark\\.run$");
        assertThat(plain.getMeasurementIterations().get()).isEqualTo(Profile.QUICK.rounds() * 5);
        Options variants = runs.get(1).options();
        assertThat(runs.get(1).name()).contains("1 variant arm");
        assertThat(variants.getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.(P02|P04|P05|P07|P08|P11)[A-Za-z]*Benchmark\\.run$");
        assertThat(variants.getMeasurementIterations().get()).isEqualTo(Profile.QUICK.rounds() * 6);
        assertThat(variants.getJvmArgs().get()).contains("-Dbench.variants=jdbc:read-tx");
    }

    @Test
    void dataSizeRunMeasuresTheReadsAgainAtTheScaleSizes_DefaultArmsFewerRoundsShorterWarmUp() {
        BenchConfig full = config("bench.profile", "full", "bench.threads", "none");
        assertThat(full.profile().scaleSizes()).containsExactly(50_000);
        List<BenchConfig.JmhRun> runs =
                full.runs(List.of(Impl.parse("jdbc"), Impl.parse("jooq")), List.of("jdbc:read-tx"), FORK_ARGS);
        assertThat(runs)
                .extracting(BenchConfig.JmhRun::name)
                .containsExactly(
                        "paired",
                        "paired with 1 variant arm(s) [P02, P04, P05, P07, P08, P11]",
                        "network distance",
                        "data size");
        assertThat(runs.get(0).options().getParameter("dataSize").get())
                .as("every pattern at the main size")
                .containsExactly("1000");
        Options size = runs.get(3).options();
        assertThat(size.getIncludes())
                .containsExactly(
                        "^dev\\.persistbench\\.bench\\.(P02|P04|P05|P07|P08|P11|P12)[A-Za-z]*Benchmark\\.run$");
        assertThat(size.getParameter("dataSize").get()).containsExactly("50000");
        assertThat(size.getParameter("impls").get()).containsExactly("jdbc,jooq");
        assertThat(size.getParameter("rttMicros").hasValue()).isFalse();
        assertThat(size.getMeasurementIterations().get())
                .as("12 rounds of the two implementations and the floor")
                .isEqualTo(Profile.SIZE_ROUNDS * 3)
                .isEqualTo(36);
        assertThat(size.getMeasurementTime().get()).isEqualTo(TimeValue.milliseconds(200));
        assertThat(size.getJvmArgs().get())
                .as("the default arms only: no variant arm at the scale size")
                .containsExactly("-Xmx1g", "-Dpb.db=external", "-Dbench.variants=none");
        assertThat(size.getJvmArgsAppend().get()).containsExactly("-Dbench.warmUpMillis=10000");
        assertThat(JmhRunner.count(size)).as("seven reads at one size").isEqualTo(7);
    }

    @Test
    void scaleSizesFollowTheProperty_AndRunOnlyWhereTheyAddSomething() {
        assertThat(config().profile().scaleSizes()).isEmpty();
        assertThat(config("bench.profile", "smoke").profile().scaleSizes()).isEmpty();
        BenchConfig quick = config("bench.scaleSizes", "10000, 2000,10000");
        assertThat(quick.profile().scaleSizes()).containsExactly(10_000, 2000);
        assertThat(quick.runs(List.of(Impl.parse("jdbc")), FORK_ARGS)
                        .get(1)
                        .options()
                        .getParameter("dataSize")
                        .get())
                .containsExactly("10000", "2000");
        assertThat(config("bench.profile", "full", "bench.scaleSizes", "none", "bench.threads", "none")
                        .runs(List.of(Impl.parse("jdbc")), FORK_ARGS))
                .extracting(BenchConfig.JmhRun::name)
                .containsExactly("paired", "network distance");
        assertThat(config("bench.scaleSizes", "1000").scaleSizes())
                .as("the main size is measured already")
                .isEmpty();
        assertThat(config("bench.dataSizes", "200", "bench.scaleSizes", "200,1000")
                        .scaleSizes())
                .containsExactly(1000);
        assertThat(config("bench.include", "P06,P13", "bench.scaleSizes", "2000")
                        .runs(List.of(Impl.parse("jdbc")), FORK_ARGS))
                .as("no read selected")
                .extracting(BenchConfig.JmhRun::name)
                .containsExactly("paired");
        assertThat(config("bench.include", "P06,P12", "bench.scaleSizes", "2000")
                        .runs(List.of(Impl.parse("jdbc")), FORK_ARGS)
                        .get(1)
                        .options()
                        .getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.(P12)[A-Za-z]*Benchmark\\.run$");
        assertThat(config("bench.profile", "smoke", "bench.scaleSizes", "2000").scaleSizes())
                .as("in-process, as the network distance")
                .isEmpty();
    }

    @Test
    void badDataSizesAreRefusedNamingTheProperty() {
        for (String bad : List.of("1005", "50", "0", "-1000", "lots", "1e5")) {
            assertThatThrownBy(() -> config("bench.scaleSizes", "1000," + bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.scaleSizes")
                    .hasMessageContaining("'" + bad + "'");
            assertThatThrownBy(() -> config("bench.dataSizes", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.dataSizes")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void aProfileRefusesAScaleSizeThatIsNoDataSize() {
        assertThatThrownBy(() -> Profile.QUICK.withScaleSizes(List.of(50_005)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50005");
        assertThat(Profile.QUICK.withScaleSizes(List.of(2000)).scaleSizes()).containsExactly(2000);
    }

    @Test
    void sizePatternsAreExactlyTheReads() {
        List<String> reads = Verification.PATTERNS.stream()
                .map(java.util.function.Supplier::get)
                .filter(s -> !s.writes())
                .map(dev.persistbench.bench.PatternState::pattern)
                .toList();
        assertThat(Profile.SIZE_PATTERNS).containsExactlyElementsOf(reads);
    }

    @Test
    void theThreadSweepRunsP02P06AndP08AtEachThreadCountWithAPoolForEveryThread() {
        assertThat(Profile.FULL.threads()).containsExactly(1, 4, 16);
        assertThat(Profile.QUICK.threads()).isEmpty();
        assertThat(Profile.SMOKE.threads()).isEmpty();

        BenchConfig c = config("bench.profile", "full", "bench.latency", "none", "bench.scaleSizes", "none");
        List<BenchConfig.JmhRun> runs = c.runs(List.of(Impl.parse("jdbc"), Impl.parse("jooq")), FORK_ARGS);
        assertThat(runs)
                .extracting(BenchConfig.JmhRun::name)
                .containsExactly(
                        "paired",
                        "thread sweep, 1 thread(s)",
                        "thread sweep, 4 thread(s)",
                        "thread sweep, 16 thread(s)");
        Options sixteen = runs.get(3).options();
        assertThat(sixteen.getThreads().get()).isEqualTo(16);
        assertThat(sixteen.getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.(P02|P06|P08)[A-Za-z]*Benchmark\\.sweep$");
        assertThat(sixteen.getMeasurementIterations().get())
                .as("10 rounds of the floor and two implementations")
                .isEqualTo(Profile.SWEEP_ROUNDS * 3);
        assertThat(sixteen.getJvmArgs().get())
                .as("the default arms only, as the data-size run")
                .containsExactly("-Xmx1g", "-Dpb.db=external", "-Dbench.variants=none");
        assertThat(sixteen.getJvmArgsAppend().get()).containsExactly("-Dbench.warmUpMillis=8000", "-Dpb.pool.size=16");
        assertThat(c.runs(List.of(Impl.parse("jdbc")), List.of("jdbc:read-tx"), FORK_ARGS)
                        .getLast()
                        .options()
                        .getJvmArgs()
                        .get())
                .as("a variant selection does not reach the sweep")
                .contains("-Dbench.variants=none")
                .doesNotContain("-Dbench.variants=jdbc:read-tx");
        assertThat(runs.get(1).options().getJvmArgsAppend().get())
                .as("the kit's default pool is already larger than 1 thread needs")
                .contains("-Dpb.pool.size=10");
        assertThat(runs.get(0).options().getThreads().get())
                .as("the ranking stays at one thread")
                .isEqualTo(1);

        List<String> withPool = List.of("-Xmx1g", "-Dpb.pool.size=24");
        assertThat(c.runs(List.of(Impl.parse("jdbc")), withPool)
                        .get(3)
                        .options()
                        .getJvmArgsAppend()
                        .get())
                .as("a larger pool asked for is kept")
                .contains("-Dpb.pool.size=24");

        BenchConfig quick = config("bench.threads", "4, 2,4", "bench.include", "P06,P11");
        assertThat(quick.profile().threads()).containsExactly(2, 4);
        List<BenchConfig.JmhRun> quickRuns = quick.runs(List.of(Impl.parse("jdbc")), FORK_ARGS);
        assertThat(quickRuns).extracting(BenchConfig.JmhRun::name).contains("thread sweep, 2 thread(s)");
        assertThat(quickRuns.get(1).options().getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.(P06)[A-Za-z]*Benchmark\\.sweep$");
        assertThat(quickRuns.get(1).options().getMeasurementIterations().get())
                .as("quick's 20 rounds capped at the sweep's")
                .isEqualTo(Profile.SWEEP_ROUNDS * 2);
        assertThat(config("bench.threads", "2", "bench.include", "P11").runs(List.of(Impl.parse("jdbc")), FORK_ARGS))
                .as("no sweep pattern selected")
                .hasSize(1);
        assertThat(config("bench.profile", "full", "bench.threads", "none")
                        .profile()
                        .threads())
                .isEmpty();
    }

    @Test
    void badThreadCountsAreRefusedNamingThePropertyAndTheValue() {
        for (String bad : List.of("0", "65", "four", "1,,x", "-2")) {
            assertThatThrownBy(() -> config("bench.threads", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.threads")
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> Profile.QUICK.withThreads(List.of(1, 100))).hasMessageContaining("1 to 64");
    }

    @Test
    void theFullProfileRunsTheRehearsal_QuickAndSmokeDoNot_ThePropertyDecidesEitherWay() {
        assertThat(config("bench.profile", "full").evolution()).isTrue();
        assertThat(config().evolution()).isFalse();
        assertThat(config("bench.profile", "smoke").evolution()).isFalse();
        assertThat(config("bench.evolution", "").evolution())
                .as("blank: the profile's")
                .isFalse();
        assertThat(config("bench.evolution", "true").evolution()).isTrue();
        assertThat(config("bench.evolution", "TRUE", "bench.include", "none").evolution())
                .isTrue();
        assertThat(config("bench.profile", "full", "bench.evolution", "false").evolution())
                .isFalse();
        assertThat(config("bench.profile", "full", "bench.evolution", "false")
                        .profile()
                        .threads())
                .as("the rest of the profile stays")
                .containsExactly(1, 4, 16);
    }

    @Test
    void aBadEvolutionSwitchIsRefusedNamingThePropertyAndTheValue() {
        for (String bad : List.of("yes", "1", "on", "tru")) {
            assertThatThrownBy(() -> config("bench.evolution", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bench.evolution")
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
