package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persistbench.suite.reliability.DriftResult.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results file keeps the field names and value shapes the bench and the reports read. */
class ReliabilityResultsTest {

    private final ReliabilityResults results = new ReliabilityResults("unit", "dev.persistbench.unit.Repo");

    private JsonNode file() {
        return ReliabilityResults.JSON.valueToTree(results.snapshot());
    }

    @Test
    void fileHasTheDocumentedTopLevelFields() {
        JsonNode file = file();
        assertThat(file.get("format").asInt()).isEqualTo(ReliabilityResults.FORMAT);
        assertThat(file.get("impl").asText()).isEqualTo("unit");
        assertThat(file.get("repositoryClass").asText()).isEqualTo("dev.persistbench.unit.Repo");
        assertThat(file.get("generatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(file.get("longRun").isBoolean()).isTrue();
        assertThat(file.get("rules").isObject()).isTrue();
        assertThat(file.get("schemaDrift").isArray()).isTrue();
    }

    @Test
    void ruleIsFailedUntilPassedAndKeepsItsFiguresInOrder() {
        ReliabilityResults.Rule rule = results.rule("R9.1", "a unit rule");
        rule.put("seed", 42L).put("matrix", Map.of("BASELINE", Outcome.UNAFFECTED));
        rule.putAll(new Counts(3, 0.5));
        JsonNode entry = file().get("rules").get("R9.1");
        assertThat(entry.get("id").asText()).isEqualTo("R9.1");
        assertThat(entry.get("title").asText()).isEqualTo("a unit rule");
        assertThat(entry.get("status").asText()).isEqualTo("failed");
        assertThat(entry.get("elapsedMs").isIntegralNumber()).isTrue();
        assertThat(entry.get("figures").fieldNames())
                .toIterable()
                .containsExactly("seed", "matrix", "killed", "meanMs");
        assertThat(entry.get("figures").get("matrix").get("BASELINE").asText()).isEqualTo("unaffected");
        assertThat(entry.get("figures").get("meanMs").asDouble()).isEqualTo(0.5);
        rule.passed();
        assertThat(file().get("rules").get("R9.1").get("status").asText()).isEqualTo("passed");
    }

    @Test
    void driftRowsLeaveOutWhatDoesNotApply() {
        results.schemaDrift(List.of(new DriftResult(
                "NARROWED_SCALE",
                "price narrowed",
                List.of("ALTER ..."),
                List.of("createCustomer: ok"),
                Outcome.SILENTLY_WRONG,
                null,
                null,
                null,
                null,
                "price read back as 20",
                List.of("price stored as 20"))));
        JsonNode row = file().get("schemaDrift").get(0);
        assertThat(row.fieldNames())
                .toIterable()
                .containsExactly("drift", "description", "ddl", "steps", "outcome", "wrong", "storedDataProblems");
        assertThat(row.get("outcome").asText()).isEqualTo("silently-wrong");
        assertThat(row.get("storedDataProblems").get(0).asText()).isEqualTo("price stored as 20");
    }

    @Test
    void implIdComesFromTheRepositoryPackage() {
        assertThat(ReliabilityResults.implId(ReliabilityResults.class)).isEqualTo("suite");
        assertThat(ReliabilityResults.implId(String.class)).isEqualTo("lang");
    }

    private record Counts(int killed, double meanMs) {}
}
