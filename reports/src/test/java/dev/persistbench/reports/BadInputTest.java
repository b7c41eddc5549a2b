package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails clearly, with a non-zero exit, and never leaves a half-written report. */
class BadInputTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportMain.run(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** An earlier report whose survival proves nothing was replaced. */
    private Path previousReport() throws IOException {
        Path out = tmp.resolve("out/report");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), "previous report");
        return out;
    }

    private void assertUntouched(Path out) throws IOException {
        assertThat(out.resolve("index.html")).hasContent("previous report");
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("report");
        }
    }

    @Test
    void missing_results_directory() throws IOException {
        Path out = previousReport();
        Path missing = tmp.resolve("no-such-results");
        int status = run("--results", missing.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err()).contains(missing.toString()).contains("results directory does not exist");
        assertUntouched(out);
    }

    @Test
    void results_directory_without_jmh_result() throws IOException {
        Path out = previousReport();
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve("environment.json"), "{}");
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains(results.resolve("jmh-result.json").toString())
                .contains("missing");
        assertUntouched(out);
    }

    @Test
    void malformed_json_names_the_file_and_the_position() throws IOException {
        Path out = previousReport();
        Path results = Fixtures.dir("results-malformed");
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains(results.resolve("jmh-result.json").toString())
                .contains("malformed JSON at line");
        assertUntouched(out);
    }

    @Test
    void a_well_formed_file_of_the_wrong_shape_is_named_too() throws IOException {
        Path out = previousReport();
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve("jmh-result.json"), "[]");
        Files.writeString(results.resolve("statements.json"), "[{\"pattern\": \"P02\", \"statementsPerOp\": 1}]");
        int status = run("--results", results.toString(), "--out", out.toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains(results.resolve("statements.json").toString())
                .contains("entry 0 has no \"impl\"");
        assertUntouched(out);
    }

    @Test
    void a_non_numeric_score_is_named() throws IOException {
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(results.resolve("jmh-result.json"), """
                [ { "benchmark": "dev.persistbench.bench.P02FindCustomerBenchmark.run", "mode": "avgt", "threads": 1,
                    "params": { "impl": "JDBC", "dataSize": "1000" },
                    "primaryMetric": { "score": "fast", "scoreError": 1.0, "scoreUnit": "us/op" } } ]
                """);
        int status =
                run("--results", results.toString(), "--out", tmp.resolve("r").toString(), "--sources", tmp.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err())
                .contains("jmh-result.json")
                .contains("P02FindCustomerBenchmark.run")
                .contains("\"score\" is not a number: \"fast\"");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void unknown_option_is_a_usage_error() {
        assertThat(run("--colour", "red")).isEqualTo(2);
        assertThat(err()).contains("unknown option --colour").contains("usage: ReportMain");
    }
}
