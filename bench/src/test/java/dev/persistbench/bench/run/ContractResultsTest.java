package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Surefire reports into contract.json entries. */
class ContractResultsTest {

    private static void report(Path dir, String name, int tests, int failures, int errors, int skipped)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("TEST-dev.persistbench.x." + name + ".xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<testsuite name=\"" + name + "\" tests=\"" + tests + "\" failures=\"" + failures
                        + "\" errors=\"" + errors
                        + "\" skipped=\"" + skipped + "\"><testcase name=\"x\"/></testsuite>\n");
    }

    @Test
    void sumsEveryReportAndFailsOnAnyFailureOrError(@TempDir Path dir) throws IOException {
        report(dir, "AContractTest", 100, 0, 0, 2);
        report(dir, "BContractTest", 20, 0, 0, 0);
        report(dir, "ScratchTest", 7, 3, 0, 0); // not the contract suite: ignored
        ContractResults.Suite passed = ContractResults.read("jdbc", dir);
        assertThat(passed.status()).isEqualTo("passed");
        assertThat(passed.tests()).isEqualTo(120);
        assertThat(passed.skipped()).isEqualTo(2);
        assertThat(passed.passed()).isTrue();

        report(dir, "CContractTest", 5, 1, 1, 0);
        ContractResults.Suite failed = ContractResults.read("jdbc", dir);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.passed()).isFalse();
        assertThat(failed.reason()).contains("1 failures, 1 errors of 125 tests");
    }

    @Test
    void noReportOrNoTestIsMissing(@TempDir Path dir) throws IOException {
        ContractResults.Suite none = ContractResults.read("jooq", dir.resolve("absent"));
        assertThat(none.status()).isEqualTo("missing");
        assertThat(none.passed()).isFalse();
        assertThat(none.reason()).contains("impl-jooq/target/surefire-reports");

        report(dir, "EmptyContractTest", 0, 0, 0, 0);
        ContractResults.Suite empty = ContractResults.read("jooq", dir);
        assertThat(empty.status()).isEqualTo("missing");
        assertThat(empty.reason()).isEqualTo("contract suite ran no tests");
    }
}
