package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken code marker in the sources ends the run with an error line naming it, not a stack trace. */
class BadMarkerTest {

    @Test
    void an_unknown_tag_is_an_error_line_naming_file_and_tag(@TempDir Path tmp) throws IOException {
        Path repo = Fixtures.repo(tmp.resolve("repo"), true);
        Path source;
        try (Stream<Path> files = Files.walk(repo.resolve("impl-jdbc"))) {
            source = files.filter(f -> f.toString().endsWith(".java"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(source, "\n// tag::P99[]\n// end::P99[]\n", StandardOpenOption.APPEND);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportMain.run(
                new String[] {
                    "--results", Fixtures.dir("results-paired").toString(),
                    "--out", tmp.resolve("out").toString(),
                    "--sources", repo.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(message)
                .startsWith("error: cannot generate the report: ")
                .contains(source.getFileName().toString())
                .contains("P99")
                .doesNotContain("\tat ");
    }
}
