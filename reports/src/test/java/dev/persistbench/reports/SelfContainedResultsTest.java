package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder carries everything about its run: the report reads the reliability files the
 * bench copied into it, not the working tree's; only an older folder without the copies falls back
 * to the working tree, and the report says so.
 */
class SelfContainedResultsTest {

    @TempDir
    Path tmp;

    private JsonNode summary(Path results, Path sources) throws IOException {
        Path out = Fixtures.report(results, tmp.resolve("report"), sources);
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void reliabilityComesFromTheResultsFolderNotFromTheWorkingTree() throws IOException {
        Path repo = Fixtures.repo(tmp.resolve("repo"), true);
        Path results = Fixtures.copy("results-full", tmp.resolve("results"));
        Files.createDirectories(results.resolve("reliability"));
        Files.copy(repo.resolve("impl-jdbc/target/reliability/jdbc.json"), results.resolve("reliability/jdbc.json"));

        JsonNode summary = summary(results, repo);

        JsonNode drift = summary.get("schemaDrift").get("RENAMED_COLUMN");
        assertThat(drift.get("jdbc").asText()).isEqualTo("fails-loudly");
        assertThat(drift.has("hibernate"))
                .as("the working tree's hibernate.json is not this run's")
                .isFalse();
        assertThat(summary.get("notMeasured").toString())
                .doesNotContain("has no reliability/")
                .contains("schema drift: no results for hibernate");
    }

    @Test
    void anOlderFolderWithoutTheCopiesFallsBackToTheWorkingTreeAndSaysSo() throws IOException {
        Path repo = Fixtures.repo(tmp.resolve("repo"), true);

        JsonNode summary = summary(Fixtures.dir("results-quick"), repo);

        assertThat(summary.get("schemaDrift")
                        .get("RENAMED_COLUMN")
                        .get("hibernate")
                        .asText())
                .isEqualTo("refused-at-startup");
        assertThat(summary.get("contract").get(0).get("status").asText()).isEqualTo("passed");
        assertThat(summary.get("notMeasured").toString())
                .contains("reliability: this results folder has no reliability/ (an older bench)")
                .contains("contract suites: this results folder has no contract.json (an older bench)");
    }
}
