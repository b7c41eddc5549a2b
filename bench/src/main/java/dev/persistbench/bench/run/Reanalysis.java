package dev.persistbench.bench.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.bench.BenchMain;
import dev.persistbench.bench.stats.PairedStats;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.Paired.PatternResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a results folder's paired.json again from what its forks recorded, with this build's
 * analysis: JMH's per-iteration scores (jmh-result.json, one fork per benchmark) and each fork's
 * slices record (slices/). Nothing is measured: when the analysis gains a figure, a stored run
 * gets it without running the benchmarks again, and the run's warm-up settings are kept from its
 * own paired.json (they describe what the forks did). The previous file is kept as
 * {@value #PREVIOUS}; when a fork's files are missing or do not match, nothing is written and the
 * message names the file.
 *
 * <p>{@code ./mvnw -B -q -pl bench exec:java@reanalyse -Dbench.results=DIR}
 */
public final class Reanalysis {

    /** The name the previous paired.json is kept under. */
    public static final String PREVIOUS = "paired.previous.json";

    private static final ObjectMapper JSON = BenchMain.JSON;

    private Reanalysis() {}

    public static void main(String[] args) {
        String dir = args.length > 0 ? args[0] : System.getProperty("bench.results", "");
        if (dir.isBlank()) {
            System.err.println("reanalyse: name the results folder (-Dbench.results=DIR or the first argument)");
            System.exit(2);
        }
        try {
            Paired paired = reanalyse(Path.of(dir), new PairedAnalysis(new PairedStats(PairedStats.DEFAULT)));
            System.out.println("reanalyse: " + paired.results().size() + " forks analysed again into "
                    + Path.of(dir).resolve("paired.json") + " (the previous file kept as " + PREVIOUS + ")");
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("reanalyse: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Analyses the forks of the results folder {@code dir} again with {@code analysis} and replaces
     * its paired.json, keeping the previous one as {@value #PREVIOUS}.
     *
     * @throws IllegalArgumentException naming the file, when a file is missing or does not match
     */
    public static Paired reanalyse(Path dir, PairedAnalysis analysis) throws IOException {
        Path pairedFile = existing(dir.resolve("paired.json"));
        Path jmhFile = existing(dir.resolve("jmh-result.json"));
        Paired before = read(pairedFile, Paired.class);
        if (before.method() == null) {
            throw new IllegalArgumentException(pairedFile + ": no method (the forks' slice length and warm-up rule)");
        }
        Map<PairedAnalysis.Fork, List<PairedAnalysis.ForkValues>> byFork = new LinkedHashMap<>();
        JsonNode runs = read(jmhFile, JsonNode.class);
        if (!runs.isArray()) {
            throw new IllegalArgumentException(jmhFile + ": not a JMH JSON result (expected an array of runs)");
        }
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            String at = jmhFile + " [" + i + "]";
            JsonNode params = run.path("params");
            PairedAnalysis.Fork fork = PairedAnalysis.Fork.of(
                    text(run, "benchmark", at),
                    text(params, "dataSize", at + ".params"),
                    params.has("rttMicros") ? params.get("rttMicros").asText() : null,
                    run.path("threads").asInt(1));
            if (fork == null) {
                continue;
            }
            // A fork run more than once (bench.forks): its n-th run in the file has its n-th record.
            List<PairedAnalysis.ForkValues> earlier = byFork.computeIfAbsent(fork, f -> new ArrayList<>());
            Path slices = existing(fork.slicesFile(dir.resolve("slices"), earlier.size() + 1));
            List<Double> us = oneFork(run.path("primaryMetric"), at + ".primaryMetric");
            JsonNode alloc = run.path("secondaryMetrics").path(PairedAnalysis.ALLOCATION);
            List<Double> bytes = alloc.isMissingNode()
                    ? us.stream().map(u -> Double.NaN).toList()
                    : oneFork(alloc, at + ".secondaryMetrics." + PairedAnalysis.ALLOCATION);
            try {
                earlier.add(new PairedAnalysis.ForkValues(read(slices, Slices.Record.class), us, bytes));
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(fork + ", " + slices + ": " + e.getMessage(), e);
            }
        }
        List<PatternResult> results = new ArrayList<>();
        for (var e : byFork.entrySet()) {
            try {
                results.add(analysis.analyseForks(e.getValue()));
            } catch (IllegalStateException ex) {
                throw new IllegalArgumentException(
                        e.getKey() + " (slices " + dir.resolve("slices") + "): " + ex.getMessage(), ex);
            }
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException(jmhFile + ": no pattern benchmark to analyse");
        }
        // The statistics are this build's; the slice length and the warm-up rule are what the forks did.
        Paired.Method was = before.method();
        Paired.Method method = analysis.method(
                was.sliceMillis(),
                was.warmUpWindow(),
                was.warmUpTrendLimit(),
                was.warmUpCapMillis(),
                was.warmUpJitShareLimit(),
                was.warmUpJitGraceMillis());
        Paired after = new Paired(before.schema(), method, results);
        Files.copy(pairedFile, dir.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
        PairedAnalysis.write(after, pairedFile, JSON);
        return after;
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(file + ": cannot be read: " + why, e);
        }
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing (is this a bench results folder?)");
        }
        return file;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(at + "." + field + " is missing");
        }
        return v.asText();
    }

    /** A metric's per-iteration values; the bench runs one fork per benchmark. */
    private static List<Double> oneFork(JsonNode metric, String at) {
        JsonNode raw = metric.path("rawData");
        if (!raw.isArray() || raw.size() != 1) {
            throw new IllegalArgumentException(
                    at + ".rawData: expected the iterations of one fork, found " + (raw.isArray() ? raw.size() : 0));
        }
        List<Double> values = new ArrayList<>();
        raw.get(0).forEach(v -> values.add(v.asDouble()));
        return values;
    }
}
