package dev.persistbench.bench.run;

import dev.persistbench.bench.Impl;
import dev.persistbench.reports.results.ContractResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of each implementation's contract suite, read from the Surefire reports its module
 * wrote ({@code impl-x/target/surefire-reports/TEST-*ContractTest.xml}, its {@code @Nested} classes
 * included; other test classes of the module are not the contract) by the report module's one
 * reader. An implementation whose suite failed, ran no test or left no report is not timed.
 */
public final class ContractResults {

    private ContractResults() {}

    /** The suites of every implementation, read under the repository root {@code root}. */
    public static List<ContractResult> read(Path root) {
        return Arrays.stream(Impl.values())
                .map(impl -> {
                    String reports = impl.module() + "/target/surefire-reports";
                    return ContractResult.read(impl.id(), root.resolve(reports), reports);
                })
                .toList();
    }
}
