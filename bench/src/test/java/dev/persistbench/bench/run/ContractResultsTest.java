package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.bench.Impl;
import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the modules' Surefire reports into contract.json entries, and copying their reliability results. */
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

    private static BenchConfig config(Path root, String... keyValues) {
        Properties p = new Properties();
        p.setProperty("bench.root", root.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return BenchConfig.fromProperties(p);
    }

    private static List<ContractResult> read(Path root) {
        return ContractResults.read(config(root), List.of());
    }

    private static ContractResult of(List<ContractResult> suites, String impl) {
        return suites.stream().filter(s -> s.impl().equals(impl)).findFirst().orElseThrow();
    }

    @Test
    void sumsEveryReportAndFailsOnAnyFailureOrError(@TempDir Path root) throws IOException {
        report(root, "impl-jdbc", "AContractTest", 100, 0, 0, 2);
        report(root, "impl-jdbc", "BContractTest$P05", 20, 0, 0, 0); // a @Nested class reported apart
        report(root, "impl-jdbc", "ScratchTest", 7, 3, 0, 0); // not the contract suite: ignored
        ContractResult passed = of(read(root), "jdbc");
        assertThat(passed.status()).isEqualTo(Status.Contract.PASSED);
        assertThat(passed.tests()).isEqualTo(120);
        assertThat(passed.skipped()).isEqualTo(2);
        assertThat(passed.passed()).isTrue();
        assertThat(passed.source()).isEqualTo("impl-jdbc/target/surefire-reports (2 files)");

        report(root, "impl-jdbc", "CContractTest", 5, 1, 1, 0);
        ContractResult failed = of(read(root), "jdbc");
        assertThat(failed.status()).isEqualTo(Status.Contract.FAILED);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.reason("impl-jdbc")).contains("1 failures, 1 errors of 125 tests");
    }

    @Test
    void noReportIsMissingAndNoTestIsNoTests(@TempDir Path root) throws IOException {
        ContractResult none = of(read(root), "jooq");
        assertThat(none.status()).isEqualTo(Status.Contract.MISSING);
        assertThat(none.passed()).isFalse();
        assertThat(none.reason(ContractResults.folder(config(root), Impl.parse("jooq"))))
                .startsWith("no contract-suite report in impl-jooq/target/surefire-reports");

        report(root, "impl-jooq", "EmptyContractTest", 0, 0, 0, 0);
        ContractResult empty = of(read(root), "jooq");
        assertThat(empty.status()).isEqualTo(Status.Contract.NO_TESTS);
        assertThat(empty.passed()).isFalse();
        assertThat(empty.reason("impl-jooq")).isEqualTo("contract suite ran no tests");
    }

    @Test
    void readsTheBuildFolderItIsGivenAndNamesTheProperty(@TempDir Path root, @TempDir Path elsewhere)
            throws IOException {
        report(elsewhere, "jdbc-build", "JdbcContractTest", 9, 0, 0, 0);
        report(root, "impl-jdbc", "JdbcContractTest", 5, 1, 0, 0); // the default folder: not read when one is given
        BenchConfig config = config(
                root,
                "bench.target.jdbc",
                elsewhere.resolve("jdbc-build/target").toString());
        ContractResult given = of(ContractResults.read(config, List.of(Impl.parse("jdbc"))), "jdbc");
        assertThat(given.status()).isEqualTo(Status.Contract.PASSED);
        assertThat(given.tests()).isEqualTo(9);
        assertThat(given.source())
                .startsWith(
                        elsewhere.resolve("jdbc-build/target/surefire-reports").toString());

        assertThatThrownBy(() -> ContractResults.read(config, List.of(Impl.parse("jooq"))))
                .hasMessageContaining("bench.target.jooq")
                .hasMessageContaining(root.resolve("impl-jooq/target").toString());
    }

    @Test
    void copiesEveryReliabilityFileIntoTheResultsFolderReplacingAnOlderRun(@TempDir Path root, @TempDir Path results)
            throws IOException {
        Path hibernate = Files.createDirectories(root.resolve("impl-hibernate/target/reliability"));
        Files.writeString(hibernate.resolve("hibernate.json"), "{\"impl\":\"hibernate\"}");
        Files.writeString(hibernate.resolve("notes.txt"), "not a result");
        Path stale = Files.createDirectories(results.resolve("reliability"));
        Files.writeString(stale.resolve("jooq.json"), "{\"impl\":\"jooq\"}");

        List<Path> copied = ContractResults.copyReliability(config(root), results);

        assertThat(copied).containsExactly(results.resolve("reliability/hibernate.json"));
        assertThat(results.resolve("reliability/hibernate.json")).hasContent("{\"impl\":\"hibernate\"}");
        assertThat(results.resolve("reliability/jooq.json")).doesNotExist();
        assertThat(results.resolve("reliability/notes.txt")).doesNotExist();
    }
}
