package dev.persistbench.reports.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one Surefire reader, over the layouts JUnit 5 {@code @Nested} suites leave. */
class SurefireReportsTest {

    private static void report(Path dir, String testClass, String counts, String testcases) throws IOException {
        Files.writeString(
                dir.resolve("TEST-" + testClass + ".xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + testClass + "\" " + counts + ">"
                        + testcases + "</testsuite>\n");
    }

    @Test
    void nested_classes_inside_the_top_level_file_count_as_the_suite(@TempDir Path dir) throws IOException {
        report(
                dir,
                "dev.persistbench.jooq.JooqContractTest",
                "tests=\"3\" errors=\"0\" skipped=\"1\" failures=\"1\"",
                "<testcase name=\"p05_pages\" classname=\"dev.persistbench.jooq.JooqContractTest$P05\"/>"
                        + "<testcase name=\"p05_filters\" classname=\"dev.persistbench.jooq.JooqContractTest$P05\">"
                        + "<failure message=\"expected 2\"/></testcase>"
                        + "<testcase name=\"p12_streams\" classname=\"dev.persistbench.jooq.JooqContractTest$P12$Memory\">"
                        + "<skipped/></testcase>");

        ContractResult r = ContractResult.read("jooq", dir, "impl-jooq/target/surefire-reports");

        assertThat(r.tests()).isEqualTo(3);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.status()).isEqualTo(Status.Contract.FAILED);
        assertThat(r.source()).isEqualTo("impl-jooq/target/surefire-reports (1 file)");
    }

    @Test
    void nested_classes_in_files_of_their_own_count_as_the_suite(@TempDir Path dir) throws IOException {
        report(dir, "dev.persistbench.jooq.JooqContractTest$P05", "tests=\"4\" failures=\"0\" errors=\"0\"", "");
        report(dir, "dev.persistbench.jooq.JooqContractTest$P12$Memory", "tests=\"2\" skipped=\"1\"", "");
        report(dir, "dev.persistbench.jooq.ScratchTest$Inner", "tests=\"9\" errors=\"9\"", "");

        SurefireReports.Tally t = SurefireReports.read(dir, SurefireReports::contractSuite);

        assertThat(t.files()).isEqualTo(2);
        assertThat(t.tests()).isEqualTo(6);
        assertThat(t.errors()).isZero();
        assertThat(t.skipped()).isEqualTo(1);
        assertThat(ContractResult.read("jooq", dir, "x").status()).isEqualTo(Status.Contract.PASSED);
        assertThat(SurefireReports.read(dir, testClass -> true).errors()).isEqualTo(9);
    }

    @Test
    void a_file_that_is_not_a_report_is_named(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("TEST-a.BContractTest.xml"), "<testsuite tests=\"x\"/>");
        assertThatThrownBy(() -> SurefireReports.read(dir, SurefireReports::contractSuite))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TEST-a.BContractTest.xml")
                .hasMessageContaining("tests=\"x\"");
        Files.writeString(dir.resolve("TEST-a.BContractTest.xml"), "<testsuites/>");
        assertThatThrownBy(() -> SurefireReports.read(dir, SurefireReports::contractSuite))
                .hasMessageContaining("expected <testsuite>");
    }

    @Test
    void main_prints_tests_failed_skipped_of_every_report_for_ci(@TempDir Path dir) throws IOException {
        report(dir, "a.AContractTest", "tests=\"10\" failures=\"1\" errors=\"2\" skipped=\"3\"", "");
        report(dir, "a.ScratchTest", "tests=\"5\"", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            SurefireReports.main(new String[] {dir.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("15 3 3" + System.lineSeparator());
    }

    @Test
    void statuses_are_written_as_the_results_files_spell_them() {
        assertThat(Status.Contract.NO_TESTS).hasToString("no-tests");
        assertThat(Status.Timing.NOT_TIMED).hasToString("not-timed");
        assertThat(Status.Measure.NOT_MEASURED).hasToString("not-measured");
    }
}
