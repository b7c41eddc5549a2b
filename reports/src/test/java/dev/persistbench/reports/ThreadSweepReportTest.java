package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread-sweep section from made-up P06 sweep forks at 1 and 4 threads (floor, Spring JDBC and
 * Hibernate; at 4 threads Hibernate has 42 failed operations and the server 12 rollbacks and 2
 * deadlocks): the table shows each arm's figures per thread count, summary.json has them as
 * {@code threadSweep}, the decision guide's contention entry names the leader at 4 threads with
 * the failures, and the 1-thread ranking is what it was without the sweep. The fixture's own
 * paired.json has no sweep fields at all (an older bench's file): it still reads, and the report
 * says the sweep was not measured.
 */
class ThreadSweepReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path generate(Path results) {
        String name = results.getFileName().toString();
        return Fixtures.report(
                results, tmp.resolve("report-" + name), Fixtures.repo(tmp.resolve("repo-" + name), false));
    }

    /** One arm of a sweep fork: µs/op per thread (interval +-1) and its load. */
    private static ObjectNode arm(
            String impl, double us, Double ratio, double opsPerSecond, double[] percentiles, Map<String, Long> errors) {
        ObjectNode a = JSON.createObjectNode()
                .put("impl", impl)
                .put("floor", impl.equals("raw-jdbc"))
                .put("steadyFromRound", 0)
                .put("settled", true);
        a.putObject("usPerOp").put("estimate", us).put("low", us - 1).put("high", us + 1);
        if (ratio != null) {
            a.putObject("ratioToFloor")
                    .put("estimate", ratio)
                    .put("low", ratio - 0.01)
                    .put("high", ratio + 0.01);
        }
        ObjectNode load = a.putObject("load")
                .put("opsPerSecond", opsPerSecond)
                .put("p50Us", percentiles[0])
                .put("p99Us", percentiles[1])
                .put("p999Us", percentiles[2])
                .put("ops", (long) opsPerSecond * 3);
        ObjectNode e = load.putObject("errors");
        errors.forEach(e::put);
        return a;
    }

    private static ObjectNode fork(int threads, int pool, long rollbacks, long deadlocks, ObjectNode... arms) {
        ObjectNode r = JSON.createObjectNode()
                .put("pattern", "P06")
                .put("dataSize", 1000)
                .put("rttMicros", 0)
                .put("threads", threads)
                .put("placement", "none")
                .put("rounds", 10)
                .put("steadyFromRound", 0)
                .put("settled", true);
        ArrayNode a = r.putArray("arms");
        for (ObjectNode arm : arms) {
            a.add(arm);
        }
        r.putArray("groups").addArray().add("jdbc").add("hibernate");
        r.putArray("selectOne");
        r.putObject("sweep")
                .put("poolSize", pool)
                .put("placementNote", threads + " measuring threads: left to the scheduler")
                .put("rollbacks", rollbacks)
                .put("deadlocks", deadlocks);
        return r;
    }

    /** The paired fixture with a P06 sweep at 1 and 4 threads added. */
    private Path withSweep() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("swept"));
        ObjectNode paired =
                (ObjectNode) JSON.readTree(results.resolve("paired.json").toFile());
        ArrayNode forks = (ArrayNode) paired.get("results");
        forks.add(fork(
                1,
                10,
                0,
                0,
                arm("raw-jdbc", 100, null, 10_000, new double[] {95, 180, 400}, Map.of()),
                arm("jdbc", 110, 1.1, 9_100, new double[] {104, 200, 450}, Map.of()),
                arm("hibernate", 150, 1.5, 6_600, new double[] {140, 260, 700}, Map.of())));
        forks.add(fork(
                4,
                10,
                12,
                2,
                arm("raw-jdbc", 160, null, 25_000, new double[] {150, 420, 1_300}, Map.of()),
                arm("jdbc", 175, 1.09, 22_800, new double[] {166, 480, 1_500}, Map.of()),
                arm(
                        "hibernate",
                        300,
                        1.88,
                        13_300,
                        new double[] {270, 900, 4_000},
                        Map.of("DataAccessFailureException", 42L))));
        JSON.writeValue(results.resolve("paired.json").toFile(), paired);
        return results;
    }

    private static JsonNode point(JsonNode summary, String impl, int threads) {
        return Fixtures.first(
                summary.get("threadSweep"),
                d -> d.get("impl").asText().equals(impl) && d.get("threads").asInt() == threads,
                "sweep point for " + impl + " at " + threads);
    }

    private static JsonNode pattern(JsonNode summary, String id) {
        return Fixtures.first(summary.get("patterns"), p -> p.get("id").asText().equals(id), "pattern " + id);
    }

    @Test
    void theSweepHasItsTableChartAndGuideEntryAndNeverChangesTheRanking() throws IOException {
        Path plain = generate(Fixtures.dir("results-paired"));
        Path swept = generate(withSweep());
        JsonNode before = JSON.readTree(plain.resolve("summary.json").toFile());
        JsonNode summary = JSON.readTree(swept.resolve("summary.json").toFile());

        assertThat(summary.get("threadSweep")).hasSize(6);
        JsonNode hibernate4 = point(summary, "hibernate", 4);
        assertThat(hibernate4.get("opsPerSecond").asDouble()).isEqualTo(13_300.0);
        assertThat(hibernate4.get("p999Us").asDouble()).isEqualTo(4_000.0);
        assertThat(hibernate4.get("errors").asLong()).isEqualTo(42);
        assertThat(hibernate4
                        .get("errorsByType")
                        .get("DataAccessFailureException")
                        .asLong())
                .isEqualTo(42);
        assertThat(hibernate4.get("poolSize").asInt()).isEqualTo(10);
        assertThat(hibernate4.get("serverDeadlocks").asLong()).isEqualTo(2);
        assertThat(point(summary, "raw-jdbc", 1).get("ratioToFloor").isNull()).isTrue();

        // The 1-thread ranking is the same with or without the sweep; the chart's points are the sweep's.
        assertThat(pattern(summary, "P06").get("results"))
                .isEqualTo(pattern(before, "P06").get("results"));
        assertThat(pattern(summary, "P06").get("threads").asInt()).isEqualTo(1);
        assertThat(pattern(summary, "P06").get("byThreads")).hasSize(4);
        assertThat(pattern(before, "P06").get("byThreads")).isEmpty();
        assertThat(pattern(summary, "P02")).isEqualTo(pattern(before, "P02"));

        assertThat(before.get("threadSweep")).isEmpty();
        assertThat(before.get("notMeasured").toString()).contains("throughput vs threads: not measured");
        assertThat(summary.get("notMeasured").toString()).doesNotContain("throughput vs threads");

        String guide = summary.get("decisionGuide").toString();
        assertThat(guide)
                .contains("P06 at 4 threads")
                .contains("Spring JDBC leads (175.0 µs/op per thread, 22,800 ops/s)")
                .contains("Hibernate ORM, takes 1.71× its time")
                .contains("failed operations: Hibernate ORM 42")
                .doesNotContain("no thread sweep");

        String md = Files.readString(swept.resolve("report.md"));
        assertThat(md)
                .contains("**P06 throughput vs threads, data size 1,000 (1 thread(s): pool 10, server 0 rollbacks,"
                        + " 0 deadlocks; 1 measuring threads: left to the scheduler; 4 thread(s): pool 10, server 12"
                        + " rollbacks, 2 deadlocks; 4 measuring threads: left to the scheduler)**")
                .contains("| implementation | ops/s (1 thread) | p50 / p99 / p99.9 µs (1 thread) | errors (1 thread)"
                        + " | ops/s (4 threads) | p50 / p99 / p99.9 µs (4 threads) | errors (4 threads) |")
                .contains("| Hibernate ORM | 6,600 | 140.0 / 260.0 / 700.0 | 0 | 13,300 | 270.0 / 900.0 / 4,000 |"
                        + " 42 (DataAccessFailureException 42) |")
                .contains("| raw-JDBC floor | 10,000 | 95.0 / 180.0 / 400.0 | 0 | 25,000 | 150.0 / 420.0 / 1,300 | 0 |")
                .contains("every thread of a slice on the same arm")
                .doesNotContain("**Not measured:** no pattern was run at more than one thread count");
        assertThat(Files.readString(plain.resolve("report.md")))
                .contains("**Not measured:** no pattern was run at more than one thread count");
        assertThat(Files.readString(swept.resolve("index.html")))
                .contains("<h3>P06 throughput vs threads, data size 1,000")
                .contains("<td>42 (DataAccessFailureException 42)</td>");
    }
}
