package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost-vs-data-size section from a made-up fork of P07 at dataSize 50,000 beside the fixture's
 * P07 at 1000: the floor, jOOQ and MyBatis cost twice as much there, Hibernate ten times (a plan
 * that degrades), and Spring JDBC has no arm (its benchmark failed there). The report must show
 * each arm's figures at both sizes and its growth, keep the headline and the ranking at the main
 * size, and name the missing arm.
 */
class DataSizeReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path generate(Path results) {
        return Fixtures.report(results, tmp.resolve("report-" + results.getFileName()));
    }

    /**
     * The fixture with a P07 fork at 50,000 added; {@code scaleSizes} says whether environment.json
     * names 50,000 as a scale size, as the bench writes it today (an older bench did not).
     */
    private Path withLargerSize(String name, boolean scaleSizes) throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve(name));
        ObjectNode paired =
                (ObjectNode) JSON.readTree(results.resolve("paired.json").toFile());
        ArrayNode forks = (ArrayNode) paired.get("results");
        ObjectNode large = null;
        for (JsonNode r : forks) {
            if (r.get("pattern").asText().equals("P07")) {
                large = r.deepCopy();
            }
        }
        assertThat(large).isNotNull();
        large.put("dataSize", 50_000).put("rounds", 12).put("settled", true);
        large.set("groups", JSON.valueToTree(new String[][] {{"mybatis"}, {"jooq"}, {"hibernate"}}));
        ArrayNode arms = JSON.createArrayNode();
        arms.add(arm("raw-jdbc", true, 80.4, 79.0, 82.0, null));
        arms.add(arm("hibernate", false, 618.0, 600.0, 640.0, new double[] {7.69, 7.4, 8.0}));
        arms.add(arm("jooq", false, 116.0, 114.0, 118.0, new double[] {1.44, 1.40, 1.48}));
        arms.add(arm("mybatis", false, 104.6, 103.0, 106.0, new double[] {1.30, 1.27, 1.33}));
        large.set("arms", arms);
        forks.add(large);
        JSON.writeValue(results.resolve("paired.json").toFile(), paired);
        if (scaleSizes) {
            ObjectNode env = (ObjectNode)
                    JSON.readTree(results.resolve("environment.json").toFile());
            ((ObjectNode) env.get("jmh")).set("scaleSizes", JSON.valueToTree(new int[] {50_000}));
            JSON.writeValue(results.resolve("environment.json").toFile(), env);
        }
        return results;
    }

    private static ObjectNode arm(String impl, boolean floor, double median, double low, double high, double[] ratio) {
        ObjectNode a =
                JSON.createObjectNode().put("impl", impl).put("floor", floor).put("settled", true);
        a.putObject("usPerOp").put("estimate", median).put("low", low).put("high", high);
        if (ratio != null) {
            a.putObject("ratioToFloor")
                    .put("estimate", ratio[0])
                    .put("low", ratio[1])
                    .put("high", ratio[2]);
        }
        a.putArray("series");
        return a;
    }

    private static JsonNode pattern(JsonNode summary, String id) {
        for (JsonNode p : summary.get("patterns")) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no pattern " + id);
    }

    private static JsonNode point(JsonNode pattern, String impl, int size) {
        for (JsonNode x : pattern.get("bySize")) {
            if (x.get("impl").asText().equals(impl) && x.get("dataSize").asInt() == size) {
                return x;
            }
        }
        throw new AssertionError("no size point for " + impl + " at " + size);
    }

    @Test
    void eachArmAtEachSizeWithItsRatioAndGrowth_TheHeadlineStaysAtTheMainSize() throws IOException {
        Path plain = generate(Fixtures.dir("results-paired"));
        Path scaled = generate(withLargerSize("scaled", true));
        JsonNode before = pattern(JSON.readTree(plain.resolve("summary.json").toFile()), "P07");
        JsonNode summary = JSON.readTree(scaled.resolve("summary.json").toFile());
        JsonNode p07 = pattern(summary, "P07");

        // The headline: figures, ranking and size as without the larger fork.
        assertThat(p07.get("dataSize").asInt()).isEqualTo(1000);
        assertThat(p07.get("results")).isEqualTo(before.get("results"));
        assertThat(p07.get("groups")).isEqualTo(before.get("groups"));
        assertThat(p07.get("groups").get(0).get(0).asText()).isEqualTo("jdbc");
        assertThat(p07.get("floorUsPerOp").asDouble()).isEqualTo(40.2);
        assertThat(p07.get("rounds").asInt()).isEqualTo(20);

        // summary.json: both sizes of every arm, with intervals, ratios and growth.
        JsonNode hibernate = point(p07, "hibernate", 50_000);
        assertThat(hibernate.get("usPerOp").asDouble()).isEqualTo(618.0);
        assertThat(hibernate.get("usPerOpLow").asDouble()).isEqualTo(600.0);
        assertThat(hibernate.get("ratioToFloor").asDouble()).isEqualTo(7.69);
        assertThat(hibernate.get("ratioToFloorLow").asDouble()).isEqualTo(7.4);
        assertThat(hibernate.get("ratioToFloorHigh").asDouble()).isEqualTo(8.0);
        assertThat(hibernate.get("growth").asDouble()).isEqualTo(10.0);
        assertThat(point(p07, "hibernate", 1000).get("ratioToFloor").asDouble()).isEqualTo(1.54);
        assertThat(point(p07, "hibernate", 1000).get("growth").isNull())
                .as("no growth at the smallest size")
                .isTrue();
        assertThat(point(p07, "raw-jdbc", 50_000).get("growth").asDouble()).isEqualTo(2.0);
        assertThat(point(p07, "raw-jdbc", 50_000).get("ratioToFloor").isNull()).isTrue();
        assertThat(point(p07, "jooq", 50_000).get("growth").asDouble()).isEqualTo(2.0);
        assertThat(p07.get("bySize")).hasSize(9);
        assertThat(pattern(summary, "P02").get("bySize")).hasSize(5);

        String notMeasured = summary.get("notMeasured").toString();
        assertThat(notMeasured)
                .doesNotContain("cost vs data size")
                .contains("P07 at dataSize=50000: no paired result for jdbc");
        assertThat(JSON.readTree(plain.resolve("summary.json").toFile())
                        .get("notMeasured")
                        .toString())
                .contains("cost vs data size: not measured");

        String md = Files.readString(scaled.resolve("report.md"));
        assertThat(md)
                .contains("### Cost vs data size")
                .contains("P07 Find order with lines: cost vs data size")
                .contains("| implementation | µs/op at 1,000 | µs/op at 50,000 | × floor at 1,000 | × floor at 50,000"
                        + " | growth 1,000 → 50,000 |")
                .contains(
                        "| Hibernate ORM | 61.8 [58.9, 66.0] (not settled) | 618.0 [600.0, 640.0] | 1.54× [1.44, 1.66]"
                                + " | 7.69× [7.40, 8.00] | 10.00× |")
                .contains("| Spring JDBC | 44.1 [43.3, 45.0] | — | 1.10× [1.07, 1.13] | — | — |")
                .contains("| raw-JDBC floor | 40.2 [39.6, 41.0] | 80.4 [79.0, 82.0] | — | — | 2.00× |")
                .contains("![P07 cost vs data size](charts/size-P07.svg)")
                .doesNotContain("every pattern was run at one data size only");
        String html = Files.readString(scaled.resolve("index.html"));
        assertThat(html)
                .contains("P07 Find order with lines: cost vs data size")
                .contains("<td>618.0 [600.0, 640.0]</td>")
                .contains("<td>10.00×</td>");
    }

    @Test
    void anOlderRunWithoutScaleSizesStillReads_ItsHeadlineIsTheLargestSize() throws IOException {
        Path out = generate(withLargerSize("older", false));
        JsonNode p07 = pattern(JSON.readTree(out.resolve("summary.json").toFile()), "P07");
        assertThat(p07.get("dataSize").asInt()).isEqualTo(50_000);
        assertThat(p07.get("groups").get(0).get(0).asText()).isEqualTo("mybatis");
        assertThat(point(p07, "hibernate", 50_000).get("growth").asDouble()).isEqualTo(10.0);
        assertThat(JSON.readTree(out.resolve("summary.json").toFile())
                        .get("notMeasured")
                        .toString())
                .contains("P07: no paired result for jdbc")
                .doesNotContain("P07 at dataSize=1000");
    }
}
