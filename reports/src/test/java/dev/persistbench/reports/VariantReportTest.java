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
 * A variant measured beside its implementation's default: its own row with its own ratio and
 * counts, a note that says what it is and which row is the default, and no place in the ranking.
 */
class VariantReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** results-paired with a Spring JDBC variant arm in P02 at 1.62x, its counts and its variants.json entry. */
    private Path resultsWithVariant() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("results"));
        ObjectNode paired =
                (ObjectNode) JSON.readTree(results.resolve("paired.json").toFile());
        for (JsonNode r : paired.get("results")) {
            if (r.get("pattern").asText().equals("P02")) {
                ArrayNode arms = (ArrayNode) r.get("arms");
                ObjectNode variant = arms.get(1).deepCopy();
                variant.put("impl", "jdbc:read-tx");
                ((ObjectNode) variant.get("usPerOp"))
                        .put("estimate", 20.5)
                        .put("low", 20.1)
                        .put("high", 21.0);
                ((ObjectNode) variant.get("ratioToFloor"))
                        .put("estimate", 1.62)
                        .put("low", 1.58)
                        .put("high", 1.66);
                arms.add(variant);
            }
        }
        JSON.writeValue(results.resolve("paired.json").toFile(), paired);
        ArrayNode statements =
                (ArrayNode) JSON.readTree(results.resolve("statements.json").toFile());
        for (JsonNode s : statements.deepCopy()) {
            if (s.get("pattern").asText().equals("P02")
                    && s.get("impl").asText().equals("jdbc")) {
                ObjectNode variant = s.deepCopy();
                variant.put("impl", "jdbc:read-tx").put("roundTrips", 2).put("transactions", 1);
                statements.add(variant);
            }
        }
        JSON.writeValue(results.resolve("statements.json").toFile(), statements);
        Files.writeString(results.resolve("variants.json"), """
                [{"arm": "jdbc:read-tx", "impl": "jdbc", "variant": "read-tx",
                  "description": "every read in a read-only transaction",
                  "patterns": ["P02"], "verification": "passed", "status": "timed", "reason": "verified"}]
                """);
        return results;
    }

    @Test
    void the_variant_has_its_own_row_counts_and_note_and_is_not_ranked() throws IOException {
        Path out =
                Fixtures.report(resultsWithVariant(), tmp.resolve("report"), Fixtures.repo(tmp.resolve("repo"), true));
        JsonNode p02 = null;
        for (JsonNode p : JSON.readTree(out.resolve("summary.json").toFile()).get("patterns")) {
            if (p.get("id").asText().equals("P02")) {
                p02 = p;
            }
        }
        assertThat(p02).isNotNull();
        JsonNode variant = p02.get("variants").get(0);
        assertThat(variant.get("impl").asText()).isEqualTo("jdbc:read-tx");
        assertThat(variant.get("ratioToFloor").asDouble()).isEqualTo(1.62);
        assertThat(variant.get("roundTrips").asInt()).isEqualTo(2);
        assertThat(p02.get("results")).hasSize(4);
        assertThat(p02.get("groups").toString()).doesNotContain("read-tx");

        String md = Files.readString(out.resolve("report.md"));
        String html = Files.readString(out.resolve("index.html"));
        for (String text : new String[] {md, html}) {
            assertThat(text)
                    .contains("jdbc:read-tx (variant)")
                    .contains("1.62× [1.58, 1.66]")
                    .contains("jdbc:read-tx is a variant of Spring JDBC")
                    .contains("every read in a read-only transaction");
        }
    }

    @Test
    void without_variants_json_no_pattern_has_a_variant_row() throws IOException {
        Path out = Fixtures.report(
                Fixtures.copy("results-paired", tmp.resolve("results")),
                tmp.resolve("report"),
                Fixtures.repo(tmp.resolve("repo"), true));
        for (JsonNode p : JSON.readTree(out.resolve("summary.json").toFile()).get("patterns")) {
            assertThat(p.get("variants")).as(p.get("id").asText()).isEmpty();
        }
        assertThat(Files.readString(out.resolve("report.md"))).doesNotContain("(variant)");
    }

    @Test
    void a_variant_that_was_not_timed_is_listed_under_not_measured_with_its_reason() throws IOException {
        Path results = Fixtures.copy("results-paired", tmp.resolve("results"));
        Files.writeString(results.resolve("variants.json"), """
                [{"arm": "mybatis:batch-executor", "impl": "mybatis", "variant": "batch-executor",
                  "description": "P03 through ExecutorType.BATCH", "patterns": ["P03"],
                  "verification": "failed", "status": "not-timed", "reason": "verification: wrong answer"}]
                """);
        Path out = Fixtures.report(results, tmp.resolve("report"), Fixtures.repo(tmp.resolve("repo"), true));
        assertThat(JSON.readTree(out.resolve("summary.json").toFile())
                        .get("notMeasured")
                        .toString())
                .contains("variant mybatis:batch-executor was not timed: verification: wrong answer");
    }
}
