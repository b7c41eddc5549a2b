package dev.persistbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --publish writes the reference report and rewrites only the marked section of the README beside it. */
class PublishTest {

    @TempDir
    Path tmp;

    private int publish(Path dir, ByteArrayOutputStream err) {
        return ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-quick").toString(),
                    "--publish",
                    dir.toString(),
                    "--sources",
                    tmp.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void updates_the_marked_section_of_the_readme() throws IOException {
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, """
                # reports

                Text before.

                <!-- reference-report:start -->
                stale content from an older run
                <!-- reference-report:end -->

                Text after.
                """);
        int status = publish(tmp.resolve("example"), new ByteArrayOutputStream());
        assertThat(status).isZero();
        String text = Files.readString(readme);
        assertThat(text)
                .startsWith("# reports\n\nText before.\n\n<!-- reference-report:start -->\n")
                .endsWith("<!-- reference-report:end -->\n\nText after.\n")
                .doesNotContain("stale content")
                .contains("_Written into `example/` by `ReportMain --publish`; do not edit by hand._")
                .contains("commit `0123456789abcdef0123456789abcdef01234567`, profile **quick**")
                .contains(
                        "| P02 Find customer by id | 120.0 ± 3.0 (1.50×) | not measured | not measured | 85.0 ± 1.1 (1.06×) |")
                .contains("![Overhead over the raw-JDBC floor](example/charts/overhead.svg)")
                .contains("![Cold start](example/charts/coldstart.svg)")
                .contains("[example/report.md](example/report.md)");
        assertThat(tmp.resolve("example/charts/overhead.svg")).isRegularFile();
        assertThat(tmp.resolve("example/report.md")).isRegularFile();
        assertThat(tmp.resolve("example/summary.json")).isRegularFile();
    }

    @Test
    void a_paired_run_publishes_intervals_ranking_and_the_probe() throws IOException {
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, "# reports\n\n<!-- reference-report:start -->\n<!-- reference-report:end -->\n");
        int status = ReportMain.run(
                new String[] {
                    "--results",
                    Fixtures.dir("results-paired").toString(),
                    "--publish",
                    tmp.resolve("example").toString(),
                    "--sources",
                    tmp.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(Files.readString(readme))
                .contains(
                        "µs per operation [interval] (ratio to the raw-JDBC floor [95 % bootstrap interval]), each the"
                                + " Hodges-Lehmann estimate of the per-round values")
                .contains("| raw-JDBC floor | SELECT 1 | ranking |")
                .contains("| 12.7 [12.5, 12.9] | 9.46 | jOOQ < Hibernate ORM = MyBatis = Spring JDBC |")
                .contains("SELECT 1 probe: median 9.41 µs, p10–p90 9.01–9.83 µs")
                .contains("![SELECT 1 probe through the run](example/charts/probe.svg)")
                .doesNotContain("± JMH");
    }

    @Test
    void a_second_reference_report_fills_the_section_named_after_its_folder() throws IOException {
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, """
                # reports

                <!-- reference-report:start -->
                the quick report stays
                <!-- reference-report:end -->

                <!-- reference-report:example-full:start -->
                stale full report
                <!-- reference-report:example-full:end -->
                """);
        assertThat(publish(tmp.resolve("example-full"), new ByteArrayOutputStream()))
                .isZero();
        String text = Files.readString(readme);
        assertThat(text)
                .contains("<!-- reference-report:start -->\nthe quick report stays\n<!-- reference-report:end -->")
                .doesNotContain("stale full report")
                .contains("_Written into `example-full/` by `ReportMain --publish`; do not edit by hand._")
                .contains("[example-full/report.md](example-full/report.md)")
                .endsWith("<!-- reference-report:example-full:end -->\n");
    }

    @Test
    void without_markers_only_the_report_is_written() throws IOException {
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, "# no markers here\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(publish(tmp.resolve("example"), err)).isZero();
        assertThat(readme).hasContent("# no markers here");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no <!-- reference-report:start -->");
        assertThat(tmp.resolve("example/index.html")).isRegularFile();
    }
}
