package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persistbench.bench.BenchMain;
import dev.persistbench.bench.stats.PairedStats;
import dev.persistbench.reports.results.Paired;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored run analysed again: the same figures as the bench's own analysis, nothing measured. */
class ReanalysisTest {

    private final PairedAnalysis analysis = new PairedAnalysis(new PairedStats(PairedStats.DEFAULT));

    /** One P02 fork: a floor and a chain a = b, b = c with a faster than c, 30 rounds. */
    private record Fork(Slices.Record record, List<Double> us, List<Double> bytes) {}

    private static Fork fork() {
        List<String> arms = List.of("raw-jdbc", "a", "b", "c");
        List<Slices.Slice> slices = new ArrayList<>();
        List<Double> us = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        Random random = new Random(3);
        for (int round = 0; round < 30; round++) {
            for (String arm : arms) {
                double factor = switch (arm) {
                    case "raw-jdbc" -> 1.0;
                    case "a" -> 1.10;
                    case "b" -> 1.10 * 1.02;
                    default -> 1.10 * 1.045;
                };
                slices.add(new Slices.Slice(arm, round, 1_000L * slices.size(), 10.0, 400.0, 2000.0, null, 0, 0L));
                us.add(40 * factor * (1 + 0.003 * random.nextGaussian()));
                bytes.add(1000.0);
            }
        }
        WarmUp.Record warmUp = WarmUp.Record.none(arms);
        return new Fork(new Slices.Record("P02", 1000, 0, 1, arms, slices, null, warmUp, null, List.of()), us, bytes);
    }

    /** A results folder holding {@code fork} as the bench writes it, its paired.json from an older analysis. */
    private Path folder(Path dir, Fork fork) throws IOException {
        Files.createDirectories(dir.resolve("slices"));
        BenchMain.JSON.writeValue(
                dir.resolve("slices").resolve("P02-1000-t1.json").toFile(), fork.record());
        ArrayNode jmh = BenchMain.JSON.createArrayNode();
        ObjectNode run = jmh.addObject();
        run.put("benchmark", "dev.persistbench.bench.P02FindCustomerBenchmark.run");
        run.put("threads", 1);
        run.putObject("params").put("dataSize", "1000").put("rttMicros", "0").put("impls", "a,b,c");
        ArrayNode us = run.putObject("primaryMetric").putArray("rawData").addArray();
        fork.us().forEach(us::add);
        ArrayNode bytes = run.putObject("secondaryMetrics")
                .putObject("gc.alloc.rate.norm")
                .putArray("rawData")
                .addArray();
        fork.bytes().forEach(bytes::add);
        BenchMain.JSON.writeValue(dir.resolve("jmh-result.json").toFile(), jmh);
        Paired.PatternResult now = analysis.analyse(fork.record(), fork.us(), fork.bytes());
        Paired.PatternResult older = new Paired.PatternResult(
                now.pattern(),
                now.dataSize(),
                now.rttMicros(),
                now.threads(),
                now.placement(),
                now.rounds(),
                now.steadyFromRound(),
                now.warmupSeconds(),
                now.warmUpPhaseSeconds(),
                now.warmUpCapReached(),
                now.settled(),
                now.jitShare(),
                now.arms(),
                now.groups(),
                null,
                now.selectOne(),
                now.sweep(),
                now.forks());
        Paired file = new Paired(1, analysis.method(150, WarmUp.Rule.capped(60_000)), List.of(older));
        PairedAnalysis.write(file, dir.resolve("paired.json"), BenchMain.JSON);
        return dir;
    }

    @Test
    @DisplayName("a stored run analysed again gets the bench's own figures and the orders inside its groups")
    void reanalysedAsTheBenchWouldHave(@TempDir Path tmp) throws IOException {
        Fork fork = fork();
        Path dir = folder(tmp.resolve("results"), fork);
        String before = Files.readString(dir.resolve("paired.json"));
        assertThat(before).doesNotContain("\"ordersInGroups\" : [");

        Paired after = Reanalysis.reanalyse(dir, analysis);

        Paired.PatternResult expected = analysis.analyse(fork.record(), fork.us(), fork.bytes());
        assertThat(after.results()).containsExactly(expected);
        assertThat(expected.groups()).containsExactly(List.of("a", "b", "c"));
        assertThat(expected.ordersInGroups()).containsExactly(List.of("a", "c"));
        assertThat(after.method().sliceMillis())
                .as("the forks' slice length kept")
                .isEqualTo(150);
        assertThat(after.method().warmUpCapMillis()).isEqualTo(60_000L);
        assertThat(Files.readString(dir.resolve(Reanalysis.PREVIOUS))).isEqualTo(before);
        assertThat(BenchMain.JSON.readValue(dir.resolve("paired.json").toFile(), Paired.class))
                .isEqualTo(after);
    }

    @Test
    @DisplayName("a fork whose slices are missing is named, and paired.json is left as it was")
    void missingSlicesAreNamed(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp.resolve("results"), fork());
        String before = Files.readString(dir.resolve("paired.json"));
        Files.delete(dir.resolve("slices").resolve("P02-1000-t1.json"));

        assertThatThrownBy(() -> Reanalysis.reanalyse(dir, analysis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P02-1000-t1.json: missing");
        assertThat(Files.readString(dir.resolve("paired.json"))).isEqualTo(before);
        assertThat(dir.resolve(Reanalysis.PREVIOUS)).doesNotExist();
    }

    @Test
    @DisplayName("a fork whose JMH iterations do not match its slices is named, nothing written")
    void mismatchIsNamed(@TempDir Path tmp) throws IOException {
        Fork fork = fork();
        Fork shorter = new Fork(fork.record(), fork.us().subList(1, fork.us().size()), fork.bytes());
        Path dir = folder(tmp.resolve("results"), fork);
        // jmh-result.json with one iteration fewer than the fork's slices
        ObjectNode run = (ObjectNode)
                BenchMain.JSON.readTree(dir.resolve("jmh-result.json").toFile()).get(0);
        ArrayNode us =
                ((ObjectNode) run.get("primaryMetric")).putArray("rawData").addArray();
        shorter.us().forEach(us::add);
        BenchMain.JSON.writeValue(
                dir.resolve("jmh-result.json").toFile(),
                BenchMain.JSON.createArrayNode().add(run));

        assertThatThrownBy(() -> Reanalysis.reanalyse(dir, analysis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P02 (dataSize 1000, rtt 0 µs, 1 thread(s))")
                .hasMessageContaining("recorded 120 slices but JMH measured 119 iterations");
        assertThat(dir.resolve(Reanalysis.PREVIOUS)).doesNotExist();
    }

    @Test
    @DisplayName("a fork run in two JVMs (bench.forks=2): its n-th run in jmh-result.json takes its n-th slices"
            + " record, and the two are pooled")
    void twoJvmsArePooled(@TempDir Path tmp) throws IOException {
        Fork first = fork();
        Path dir = folder(tmp.resolve("results"), first);
        // The second JVM: the same arms, every implementation 10 % slower against the floor.
        List<Double> us = new ArrayList<>();
        for (int i = 0; i < first.us().size(); i++) {
            boolean floor = first.record().slices().get(i).arm().equals("raw-jdbc");
            us.add(first.us().get(i) * (floor ? 1.0 : 1.1));
        }
        Fork second = new Fork(first.record(), us, first.bytes());
        BenchMain.JSON.writeValue(
                dir.resolve("slices").resolve("P02-1000-t1-jvm2.json").toFile(), second.record());
        ArrayNode jmh = (ArrayNode)
                BenchMain.JSON.readTree(dir.resolve("jmh-result.json").toFile());
        ObjectNode again = jmh.get(0).deepCopy();
        ArrayNode raw =
                ((ObjectNode) again.get("primaryMetric")).putArray("rawData").addArray();
        us.forEach(raw::add);
        jmh.add(again);
        BenchMain.JSON.writeValue(dir.resolve("jmh-result.json").toFile(), jmh);

        Paired after = Reanalysis.reanalyse(dir, analysis);

        assertThat(after.results()).hasSize(1);
        Paired.PatternResult pooled = after.results().get(0);
        assertThat(pooled)
                .isEqualTo(analysis.analyseForks(List.of(
                        new PairedAnalysis.ForkValues(first.record(), first.us(), first.bytes()),
                        new PairedAnalysis.ForkValues(second.record(), second.us(), second.bytes()))));
        assertThat(pooled.forks()).isEqualTo(2);
        assertThat(pooled.rounds()).isEqualTo(60);
        Paired.Interval a = pooled.arms().get(1).ratioToFloor();
        assertThat(a.low()).isLessThan(1.12);
        assertThat(a.high()).isGreaterThan(1.18);

        Files.delete(dir.resolve("slices").resolve("P02-1000-t1-jvm2.json"));
        assertThatThrownBy(() -> Reanalysis.reanalyse(dir, analysis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("P02-1000-t1-jvm2.json: missing");
    }
}
