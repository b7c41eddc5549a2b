package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.reports.results.Environment;
import dev.persistbench.reports.results.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** The records of environment.json, as Jackson writes them for the report. */
class EnvironmentInfoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void workloadSizesKeepThePatternPrefixTheReportReads() {
        JsonNode w = JSON.valueToTree(new Environment.Workload(1000, 10, 3, 100, 4, 50, "1", 200));
        assertThat(w.fieldNames())
                .toIterable()
                .containsExactly(
                        "P03batchSize",
                        "P05pageSize",
                        "P06linesPerOrder",
                        "P08limit",
                        "P10ordersPerOp",
                        "P11limit",
                        "poolScale",
                        "verificationDataSize");
        assertThat(w.get("P11limit").asInt()).isEqualTo(50);
    }

    @Test
    void placementNamesAnErrorOnlyWhenThereIsOne() {
        JsonNode read = JSON.valueToTree(new Environment.PlacementReport(Status.Placement.SAME_CORE, Map.of(), null));
        assertThat(read.has("error")).isFalse();
        assertThat(read.get("requested").asText()).isEqualTo("same-core");
        JsonNode failed =
                JSON.valueToTree(new Environment.PlacementReport(Status.Placement.SAME_CORE, Map.of(), "no slices"));
        assertThat(failed.get("error").asText()).isEqualTo("no slices");
    }

    @Test
    void settingsAreWrittenInTheImplementationsOrder() {
        SequencedMap<String, String> settings = new LinkedHashMap<>();
        List.of("library", "transactions", "isolation", "arrays", "fetchSize").forEach(k -> settings.put(k, "x"));
        JsonNode written = JSON.valueToTree(new Environment.Filters(List.of(), List.of("jdbc"), false));
        assertThat(written.get("ignoreContract").asBoolean()).isFalse();
        assertThat(JSON.valueToTree(Map.of("jdbc", settings)).get("jdbc").fieldNames())
                .toIterable()
                .containsExactly("library", "transactions", "isolation", "arrays", "fetchSize");
    }
}
