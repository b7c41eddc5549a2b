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
    void quickIsTheDefaultAndRunsEverythingForEveryImplementation() {
        BenchConfig c = config();
        assertThat(c.profile()).isEqualTo(Profile.QUICK);
        assertThat(c.impls()).containsExactly(Impl.values());
        assertThat(c.patterns()).hasSize(13).startsWith("P01").endsWith("P13");
        assertThat(c.floorMethods()).containsExactly("selectOne", "p02", "p03", "p07", "p08", "p11");

        List<BenchConfig.JmhRun> runs = c.runs(List.of(Impl.values()), true, FORK_ARGS);
        assertThat(runs).extracting(BenchConfig.JmhRun::name).containsExactly("avgt");
        Options o = runs.get(0).options();
        assertThat(o.getForkCount().get()).isEqualTo(1);
        assertThat(o.getWarmupIterations().get()).isEqualTo(2);
        assertThat(o.getWarmupTime().get()).isEqualTo(TimeValue.milliseconds(500));
        assertThat(o.getMeasurementIterations().get()).isEqualTo(6);
        assertThat(o.getMeasurementTime().get()).isEqualTo(TimeValue.milliseconds(350));
        assertThat(o.getBenchModes()).containsExactly(Mode.AverageTime);
        assertThat(o.getTimeUnit().get()).isEqualTo(TimeUnit.MICROSECONDS);
        assertThat(o.getProfilers())
                .extracting(p -> p.getKlass())
                .containsExactly("org.openjdk.jmh.profile.GCProfiler");
        assertThat(o.getParameter("impl").get()).containsExactly("HIBERNATE", "JOOQ", "MYBATIS", "JDBC");
        assertThat(o.getParameter("dataSize").get()).containsExactly("1000");
        assertThat(o.getJvmArgs().get()).containsExactlyElementsOf(FORK_ARGS);
        assertThat(o.shouldFailOnError().get()).isFalse();
        assertThat(o.getIncludes())
                .containsExactly(
                        "^dev\\.persistbench\\.bench\\.(P01|P02|P03|P04|P05|P06|P07|P08|P09|P10|P11|P12|P13)[A-Za-z]*Benchmark\\.run$",
                        "^dev\\.persistbench\\.bench\\.FloorBenchmark\\.(selectOne|p02|p03|p07|p08|p11)$");
    }

    @Test
    void smokeRunsInProcessAndFullAddsSampleTimeAndAThreadSweep() {
        BenchConfig smoke = config("bench.profile", "smoke");
        assertThat(smoke.profile().forks()).isZero();
        // In-process: one JMH run per benchmark, so that one failure does not lose the others' results.
        List<BenchConfig.JmhRun> inProcess = smoke.runs(List.of(Impl.values()), true, FORK_ARGS);
        assertThat(inProcess).hasSize(13 * 4 + 6);
        assertThat(inProcess.get(0).name()).isEqualTo("avgt P01 hibernate");
        assertThat(inProcess.get(0).options().getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.(P01)[A-Za-z]*Benchmark\\.run$");
        assertThat(inProcess.get(0).options().getParameter("impl").get()).containsExactly("HIBERNATE");
        assertThat(inProcess.get(inProcess.size() - 1).options().getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.FloorBenchmark\\.(p11)$");

        BenchConfig full = config("bench.profile", "FULL");
        assertThat(full.profile().dataSizes()).containsExactly(10_000);
        List<BenchConfig.JmhRun> runs = full.runs(List.of(Impl.values()), true, FORK_ARGS);
        assertThat(runs)
                .extracting(BenchConfig.JmhRun::name)
                .containsExactly("avgt", "sample", "threads-2", "threads-4");
        Options sample = runs.get(1).options();
        assertThat(sample.getBenchModes()).containsExactly(Mode.SampleTime);
        assertThat(sample.getIncludes())
                .containsExactly(
                        "^dev\\.persistbench\\.bench\\.(P02|P06)[A-Za-z]*Benchmark\\.run$",
                        "^dev\\.persistbench\\.bench\\.FloorBenchmark\\.(p02)$");
        Options four = runs.get(3).options();
        assertThat(four.getThreads().get()).isEqualTo(4);
        assertThat(four.getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.(P02|P06)[A-Za-z]*Benchmark\\.run$");
    }

    @Test
    void filtersNarrowPatternsFloorsAndImplementations() {
        BenchConfig c = config("bench.include", "p02, P11", "bench.impl", "jooq,JDBC", "bench.dataSizes", "200,500");
        assertThat(c.patterns()).containsExactly("P02", "P11");
        assertThat(c.floorMethods()).containsExactly("p02", "p11");
        assertThat(c.impls()).containsExactly(Impl.JOOQ, Impl.JDBC);
        Options o = c.runs(c.impls(), true, FORK_ARGS).get(0).options();
        assertThat(o.getParameter("impl").get()).containsExactly("JOOQ", "JDBC");
        assertThat(o.getParameter("dataSize").get()).containsExactly("200", "500");
        assertThat(o.getIncludes())
                .containsExactly(
                        "^dev\\.persistbench\\.bench\\.(P02|P11)[A-Za-z]*Benchmark\\.run$",
                        "^dev\\.persistbench\\.bench\\.FloorBenchmark\\.(p02|p11)$");
    }

    @Test
    void implementationsThatMayNotBeTimedNeverReachJmh() {
        BenchConfig c = config("bench.include", "P05,floor,.*Custom.*");
        assertThat(c.patterns()).containsExactly("P05");
        assertThat(c.rawIncludes()).containsExactly(".*Custom.*");

        // Nothing timed and the floor wrong: no run at all.
        assertThat(c.runs(List.of(), false, FORK_ARGS)).isEmpty();
        // Nothing timed: only floors, and no raw regexp that could match a pattern benchmark without the impl filter.
        Options floorsOnly = c.runs(List.of(), true, FORK_ARGS).get(0).options();
        assertThat(floorsOnly.getIncludes())
                .containsExactly("^dev\\.persistbench\\.bench\\.FloorBenchmark\\.(selectOne|p02|p03|p07|p08|p11)$");
        assertThat(floorsOnly.getParameter("impl").hasValue()).isFalse();
    }

    @Test
    void theFirstEstimateCountsIterationsAndSetUp() {
        Options quick =
                config().runs(List.of(Impl.JDBC), true, FORK_ARGS).get(0).options();
        assertThat(JmhRunner.estimatedSeconds(quick))
                .isCloseTo(2 * 0.5 + 6 * 0.35 + 5.0, org.assertj.core.data.Offset.offset(1e-9));
        Options smoke = config("bench.profile", "smoke")
                .runs(List.of(Impl.JDBC), true, FORK_ARGS)
                .get(0)
                .options();
        assertThat(JmhRunner.estimatedSeconds(smoke))
                .isCloseTo(0.5 + 3 * 0.4 + 1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> config("bench.profile", "fast")).hasMessageContaining("bench.profile");
        assertThatThrownBy(() -> config("bench.impl", "eclipselink")).hasMessageContaining("eclipselink");
    }

    @Test
    void eachImplementationKnowsItsIdAndModule() {
        assertThat(Impl.JDBC.id()).isEqualTo("jdbc");
        assertThat(Impl.HIBERNATE.module()).isEqualTo("impl-hibernate");
        assertThat(Impl.parse(" mybatis ")).isEqualTo(Impl.MYBATIS);
    }
}
