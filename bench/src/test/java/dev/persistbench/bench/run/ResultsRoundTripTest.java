package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.bench.BenchMain;
import dev.persistbench.bench.stats.PairedStats;
import dev.persistbench.reports.input.ResultsReader;
import dev.persistbench.reports.input.RunData;
import dev.persistbench.reports.results.ColdStartResult;
import dev.persistbench.reports.results.Environment;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the bench writes (with its own mapper) the report reads back (with its reader) unchanged. */
class ResultsRoundTripTest {

    @TempDir
    Path results;

    @Test
    @DisplayName(
            "paired.json: the bench's analysis, written by the bench, reads back equal through the report's reader")
    void paired() {
        List<String> arms = List.of("raw-jdbc", "jdbc", "jooq");
        List<Slices.Slice> slices = new ArrayList<>();
        List<Double> us = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            for (String arm : arms) {
                slices.add(new Slices.Slice(
                        arm, round, 1_000L * slices.size(), 20.5, new CpuProbe.Reading(410 + round, 2100)));
                us.add((arm.equals("jooq") ? 30.0 : 20.0) + round % 3 + arms.indexOf(arm) * 0.1);
                bytes.add(arm.equals("raw-jdbc") ? Double.NaN : 1000.0);
            }
        }
        PairedAnalysis analysis = new PairedAnalysis(new PairedStats(PairedStats.DEFAULT));
        Paired.PatternResult near = analysis.analyse(
                new Slices.Record("P02", 1000, 0, 1, arms, slices, null, null, null, List.of()), us, bytes);
        Paired.PatternResult far = analysis.analyse(
                new Slices.Record("P02", 1000, 500, 1, arms, slices, null, null, null, List.of()), us, bytes);
        Paired written = new Paired(
                1,
                new Paired.Method("median", 0.95, 2000, 0.03, 0.03, 2.0, 8, 200, 5, 0.05, 10_000L, 0.1, 10_000L),
                List.of(near, far));
        PairedAnalysis.write(written, results.resolve("paired.json"), BenchMain.JSON);

        RunData read = ResultsReader.read(results, null);

        assertThat(read.paired()).isEqualTo(written);
        assertThat(read.paired().loopback()).containsExactly(near);
        assertThat(read.paired().distance()).containsExactly(far);
        assertThat(near.arms().get(0).bytesPerOp()).isNull();
        assertThat(near.arms().get(0).ratioToFloor()).isNull();
    }

    @Test
    @DisplayName(
            "coldstart.json: the bench's entries, a failed one included, read back equal through the report's reader")
    void coldStart() {
        List<ColdStartResult> written = List.of(
                new ColdStartResult(
                        "jdbc",
                        List.of(new ColdStartResult.Run(700L, 20.5, 31.0), new ColdStartResult.Run(760L, 21.0, 33.5)),
                        730L,
                        20.8,
                        null),
                new ColdStartResult("jooq", List.of(), 0L, 0.0, "cold start of jooq printed no answer"));
        PairedAnalysis.write(new Paired(1, null, List.of()), results.resolve("paired.json"), BenchMain.JSON);
        BenchMain.write(results.resolve("coldstart.json"), written);

        RunData read = ResultsReader.read(results, null);

        assertThat(read.coldStart()).isEqualTo(written);
    }

    @Test
    @DisplayName(
            "environment.json: the bench's record, settings in their order, reads back equal through the report's reader")
    void environment() {
        Map<String, String> jdbc = new LinkedHashMap<>();
        List.of("library", "transactions", "isolation", "fetchSize").forEach(k -> jdbc.put(k, k + "-value"));
        Environment written = new Environment(
                "2026-12-03T12:00:00Z",
                "2026-12-03T11:00:00Z",
                "quick",
                "0123abc",
                false,
                Map.of("jooq", "3.21.9"),
                EnvironmentInfo.jvm(),
                EnvironmentInfo.os(),
                EnvironmentInfo.cpu(),
                EnvironmentInfo.cores(),
                16L,
                "18.1",
                "embedded",
                10,
                Map.of("prepareThreshold", "5"),
                new Environment.Jmh(
                        1,
                        false,
                        "paired",
                        20,
                        "150 ms",
                        0,
                        List.of(1000),
                        "avgt",
                        "us",
                        List.of("gc"),
                        List.of(1),
                        List.of("-Xmx1g"),
                        List.of("P05 failed"),
                        List.of(50_000)),
                new Environment.PlacementReport(
                        Status.Placement.SAME_CORE,
                        Map.of(
                                "P02-1000-t1",
                                new Environment.ForkPlacement(Status.Placement.SAME_CORE, 1, 1, 0, true, "pinned")),
                        null),
                new Environment.Workload(1000, 10, 3, 100, 4, 50, "1", 1000),
                new Environment.Filters(List.of("P02"), List.of("jdbc"), false),
                Map.of("jdbc", jdbc));
        PairedAnalysis.write(new Paired(1, null, List.of()), results.resolve("paired.json"), BenchMain.JSON);
        BenchMain.write(results.resolve("environment.json"), written);

        RunData read = ResultsReader.read(results, null);

        assertThat(read.environment()).isEqualTo(written);
        assertThat(read.environment().settings().get("jdbc").keySet())
                .containsExactly("library", "transactions", "isolation", "fetchSize");
    }
}
