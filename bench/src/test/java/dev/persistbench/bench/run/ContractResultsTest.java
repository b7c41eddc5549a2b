package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the modules' Surefire reports into contract.json entries. */
class ContractResultsTest {

    private static void report(Path root, String module, String name, int tests, int failures, int errors, int skipped)
            throws IOException {
        Path dir = Files.createDirectories(root.resolve(module).resolve("target/surefire-reports"));
        Files.writeString(
                dir.resolve("TEST-dev.persistbench.x." + name + ".xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<testsuite name=\"" + name + "\" tests=\"" + tests + "\" failures=\"" + failures
                        + "\" errors=\"" + errors
                        + "\" skipped=\"" + skipped + "\"><testcase name=\"x\"/></testsuite>\n");
    }

    private static ContractResult of(List<ContractResult> suites, String impl) {
        return suites.stream().filter(s -> s.impl().equals(impl)).findFirst().orElseThrow();
    }

    @Test
    void sumsEveryReportAndFailsOnAnyFailureOrError(@TempDir Path root) throws IOException {
        report(root, "impl-jdbc", "AContractTest", 100, 0, 0, 2);
        report(root, "impl-jdbc", "BContractTest$P05", 20, 0, 0, 0); // a @Nested class reported apart
        report(root, "impl-jdbc", "ScratchTest", 7, 3, 0, 0); // not the contract suite: ignored
        ContractResult passed = of(ContractResults.read(root), "jdbc");
        assertThat(passed.status()).isEqualTo(Status.Contract.PASSED);
        assertThat(passed.tests()).isEqualTo(120);
        assertThat(passed.skipped()).isEqualTo(2);
        assertThat(passed.passed()).isTrue();
        assertThat(passed.source()).isEqualTo("impl-jdbc/target/surefire-reports (2 files)");

        report(root, "impl-jdbc", "CContractTest", 5, 1, 1, 0);
        ContractResult failed = of(ContractResults.read(root), "jdbc");
        assertThat(failed.status()).isEqualTo(Status.Contract.FAILED);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.reason("impl-jdbc")).contains("1 failures, 1 errors of 125 tests");
    }

    @Test
    void noReportIsMissingAndNoTestIsNoTests(@TempDir Path root) throws IOException {
        ContractResult none = of(ContractResults.read(root), "jooq");
        assertThat(none.status()).isEqualTo(Status.Contract.MISSING);
        assertThat(none.passed()).isFalse();
        assertThat(none.reason("impl-jooq")).contains("impl-jooq/target/surefire-reports");

        report(root, "impl-jooq", "EmptyContractTest", 0, 0, 0, 0);
        ContractResult empty = of(ContractResults.read(root), "jooq");
        assertThat(empty.status()).isEqualTo(Status.Contract.NO_TESTS);
        assertThat(empty.passed()).isFalse();
        assertThat(empty.reason("impl-jooq")).isEqualTo("contract suite ran no tests");
    }
}
