package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;

/**
 * One implementation's contract suite: written by the bench into contract.json, read by the
 * report (which falls back to the modules' Surefire reports) and written into summary.json.
 *
 * @param impl implementation id, as in implementations.json ("jdbc")
 * @param tests tests run, null when unknown
 * @param failed failed assertions
 * @param errors tests that threw
 * @param skipped tests skipped
 * @param status the outcome; an implementation is timed only when it is {@link Status.Contract#PASSED}
 * @param reportedAt when the newest report file was written (to tell a stale report), null when unknown
 * @param source where it was read from (a Surefire directory, or contract.json), null when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContractResult(
        String impl,
        Integer tests,
        Integer failed,
        Integer errors,
        Integer skipped,
        Status.Contract status,
        String reportedAt,
        String source) {

    /** The suite of {@code impl} from the Surefire reports of its {@code *ContractTest} classes in {@code dir}. */
    public static ContractResult read(String impl, Path dir, String source) {
        SurefireReports.Tally t = SurefireReports.read(dir, SurefireReports::contractSuite);
        return new ContractResult(
                impl,
                t.tests(),
                t.failures(),
                t.errors(),
                t.skipped(),
                t.files() == 0 ? Status.Contract.MISSING : statusOf(t.tests(), t.failures(), t.errors()),
                t.newest() == null ? null : t.newest().toString(),
                source + " (" + t.files() + " file" + (t.files() == 1 ? "" : "s") + ")");
    }

    /** No result at all for {@code impl}. */
    public static ContractResult missing(String impl) {
        return new ContractResult(impl, null, null, null, null, Status.Contract.MISSING, null, null);
    }

    /** The status the counts mean: missing without a count, no-tests, failed or passed. */
    public static Status.Contract statusOf(Integer tests, Integer failed, Integer errors) {
        if (tests == null) {
            return Status.Contract.MISSING;
        }
        if ((failed != null && failed > 0) || (errors != null && errors > 0)) {
            return Status.Contract.FAILED;
        }
        return tests == 0 ? Status.Contract.NO_TESTS : Status.Contract.PASSED;
    }

    /** Whether the implementation may be timed. */
    public boolean passed() {
        return status == Status.Contract.PASSED;
    }

    /**
     * Why it may or may not be timed, in words.
     *
     * @param reports the folder its Surefire reports were looked for in (impl-jdbc/target/surefire-reports)
     */
    public String reason(String reports) {
        return switch (status) {
            case PASSED -> "contract suite passed (" + tests + " tests)";
            case FAILED ->
                "contract suite failed: " + failed + " failures, " + errors + " errors of " + tests + " tests";
            case NO_TESTS -> "contract suite ran no tests";
            case MISSING -> "no contract-suite report in " + reports + " (build the module with its tests first)";
        };
    }
}
