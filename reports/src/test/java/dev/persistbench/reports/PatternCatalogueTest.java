package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persistbench.contract.Pattern;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report takes its patterns from the contract's catalogue: one entry per pattern, in its order. */
class PatternCatalogueTest {

    @TempDir
    Path tmp;

    @Test
    void the_summary_has_one_entry_per_catalogued_pattern_titled_from_the_catalogue() throws IOException {
        Path out = Fixtures.report(
                Fixtures.dir("results-paired"), tmp.resolve("report"), Fixtures.repo(tmp.resolve("repo"), true));
        JsonNode patterns = new ObjectMapper()
                .readTree(out.resolve("summary.json").toFile())
                .get("patterns");
        List<String> ids = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        patterns.forEach(p -> {
            ids.add(p.get("id").asText());
            titles.add(p.get("title").asText());
        });
        assertThat(ids)
                .containsExactlyElementsOf(
                        Arrays.stream(Pattern.values()).map(Pattern::id).toList());
        assertThat(titles)
                .containsExactlyElementsOf(
                        Arrays.stream(Pattern.values()).map(Pattern::title).toList());
    }
}
