package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * The network-distance section from a made-up fork of P02 at +500 µs: every arm pays the added
 * round trip once, except jOOQ, made to pay it twice (one round trip more than the floor). The
 * report must say so (extra round trips about 1 and about 0), keep the loopback figures as the
 * headline, and say "not measured" when no such fork exists.
 */
class NetworkDistanceReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path generate(Path results) {
        return Fixtures.report(results, tmp.resolve("report-" + results.getFileName()));
    }

    /** The fixture with a copy of its P02 fork at +500 µs added. */
    private Path withDistance() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("far"));
        ObjectNode paired =
                (ObjectNode) JSON.readTree(results.resolve("paired.json").toFile());
        ArrayNode forks = (ArrayNode) paired.get("results");
        ObjectNode far = null;
        for (JsonNode r : forks) {
            if (r.get("pattern").asText().equals("P02")) {
                far = r.deepCopy();
            }
        }
        assertThat(far).isNotNull();
        far.put("rttMicros", 500);
        for (JsonNode probe : far.get("selectOne")) {
            ((ObjectNode) probe).put("us", probe.get("us").asDouble() + 500);
        }
        double floorFar = 0;
        for (JsonNode arm : far.get("arms")) {
            double extra = arm.get("impl").asText().equals("jooq") ? 1000 : 500;
            ObjectNode us = (ObjectNode) arm.get("usPerOp");
            double median = us.get("estimate").asDouble() + extra;
            us.put("estimate", median).put("low", median - 1).put("high", median + 1);
            if (arm.get("floor").asBoolean()) {
                floorFar = median;
            }
        }
        for (JsonNode arm : far.get("arms")) {
            if (!arm.get("floor").asBoolean()) {
                double ratio = arm.get("usPerOp").get("estimate").asDouble() / floorFar;
                ((ObjectNode) arm.get("ratioToFloor"))
                        .put("estimate", ratio)
                        .put("low", ratio - 0.01)
                        .put("high", ratio + 0.01);
            }
        }
        forks.add(far);
        JSON.writeValue(results.resolve("paired.json").toFile(), paired);
        return results;
    }

    private static JsonNode point(JsonNode summary, String impl) {
        for (JsonNode d : summary.get("networkDistance")) {
            if (d.get("impl").asText().equals(impl)) {
                return d;
            }
        }
        throw new AssertionError("no network-distance point for " + impl);
    }

    @Test
    void extraRoundTripsShowWhichCostIsTheNetwork() throws IOException {
        Path plain = generate(Fixtures.dir("results-paired"));
        Path far = generate(withDistance());
        JsonNode before = JSON.readTree(plain.resolve("summary.json").toFile());
        JsonNode summary = JSON.readTree(far.resolve("summary.json").toFile());

        assertThat(summary.get("networkDistance")).hasSize(5);
        assertThat(point(summary, "jooq").get("addedRttMicros").asInt()).isEqualTo(500);
        assertThat(point(summary, "jooq").get("extraRoundTrips").asDouble()).isCloseTo(1.0, within(0.02));
        assertThat(point(summary, "jdbc").get("extraRoundTrips").asDouble()).isCloseTo(0.0, within(0.02));
        assertThat(point(summary, "raw-jdbc").get("extraRoundTrips").isNull()).isTrue();
        assertThat(point(summary, "jooq").get("roundTripUs").asDouble()
                        - point(summary, "jooq").get("loopbackRoundTripUs").asDouble())
                .isCloseTo(500.0, within(0.2));

        // The headline figures stay the loopback ones.
        assertThat(summary.get("patterns")).isEqualTo(before.get("patterns"));
        assertThat(before.get("networkDistance")).isEmpty();
        assertThat(before.get("notMeasured").toString()).contains("cost vs network distance: not measured");
        assertThat(summary.get("notMeasured").toString()).doesNotContain("cost vs network distance");

        String html = Files.readString(far.resolve("index.html"));
        String md = Files.readString(far.resolve("report.md"));
        assertThat(html).contains("Cost vs network distance").contains("extra round trips vs the floor");
        assertThat(md).contains("### Cost vs network distance").contains("| P02 | jOOQ | +0.5 ms |");
        assertThat(Files.readString(plain.resolve("report.md")))
                .contains("**Not measured:** no pattern was run through the delaying relay");
    }

    @Test
    void theUntimedWarmUpPhaseIsReportedWithItsCap() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("warm"));
        ObjectNode paired =
                (ObjectNode) JSON.readTree(results.resolve("paired.json").toFile());
        for (JsonNode r : paired.get("results")) {
            if (r.get("pattern").asText().equals("P02")) {
                ((ObjectNode) r).put("warmUpPhaseSeconds", 12.54).put("warmUpCapReached", true);
            }
        }
        JSON.writeValue(results.resolve("paired.json").toFile(), paired);
        Path out = generate(results);
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode p02 = null;
        for (JsonNode p : summary.get("patterns")) {
            if (p.get("id").asText().equals("P02")) {
                p02 = p;
            }
        }
        assertThat(p02).isNotNull();
        assertThat(p02.get("warmUpPhaseSeconds").asDouble()).isEqualTo(12.5);
        assertThat(p02.get("warmUpCapReached").asBoolean()).isTrue();
        assertThat(Files.readString(out.resolve("report.md"))).contains("12.5 s of it untimed up to its cap");
    }
}
