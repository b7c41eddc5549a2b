package dev.persistbench.bench.run;

import dev.persistbench.bench.Impl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The outcome of each implementation's contract suite, read from the Surefire reports its module
 * wrote ({@code impl-x/target/surefire-reports/TEST-*ContractTest.xml}: the suite's subclass;
 * other test classes of the module, scratch tests for instance, are not the contract). An
 * implementation whose suite failed, ran no test or left no report is not timed.
 */
public final class ContractResults {
    /** The Surefire report files of the contract suite's subclass. */
    static final String REPORTS = "TEST-*ContractTest.xml";

    private ContractResults() {}

    /**
     * One implementation's suite.
     *
     * @param impl "hibernate", "jooq", "mybatis", "jdbc"
     * @param tests test cases run
     * @param failed failed assertions
     * @param errors tests that threw
     * @param skipped tests skipped
     * @param status passed, failed or missing (no report, or no test ran)
     * @param reportedAt when the newest report file was written (to tell a stale report), or null
     */
    public record Suite(String impl, int tests, int failed, int errors, int skipped, String status, String reportedAt) {
        /** Whether the implementation may be timed. */
        public boolean passed() {
            return "passed".equals(status);
        }

        /** Why it may not be timed, for implementations.json. */
        public String reason() {
            return switch (status) {
                case "passed" -> "contract suite passed (" + tests + " tests)";
                case "failed" ->
                    "contract suite failed: " + failed + " failures, " + errors + " errors of " + tests + " tests";
                default ->
                    tests == 0 && reportedAt != null
                            ? "contract suite ran no tests"
                            : "no contract-suite report in " + Impl.parse(impl).module()
                                    + "/target/surefire-reports (build the module with its tests first)";
            };
        }
    }

    /** The suites of every implementation, read under {@code root}. */
    public static List<Suite> read(Path root) {
        List<Suite> suites = new ArrayList<>();
        for (Impl impl : Impl.values()) {
            suites.add(read(impl.id(), root.resolve(impl.module()).resolve("target/surefire-reports")));
        }
        return suites;
    }

    /** The suite whose Surefire reports are in {@code reports}. */
    public static Suite read(String impl, Path reports) {
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        Instant newest = null;
        if (Files.isDirectory(reports)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, REPORTS)) {
                for (Path file : files) {
                    Element suite = parse(file);
                    tests += intAttribute(suite, "tests");
                    failures += intAttribute(suite, "failures");
                    errors += intAttribute(suite, "errors");
                    skipped += intAttribute(suite, "skipped");
                    Instant written = Files.getLastModifiedTime(file).toInstant();
                    newest = newest == null || written.isAfter(newest) ? written : newest;
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not read " + reports + ": " + e.getMessage(), e);
            }
        }
        String status;
        if (newest == null || tests == 0) {
            status = "missing";
        } else if (failures + errors > 0) {
            status = "failed";
        } else {
            status = "passed";
        }
        return new Suite(impl, tests, failures, errors, skipped, status, newest == null ? null : newest.toString());
    }

    private static Element parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a Surefire report: " + file + ": " + e.getMessage(), e);
        }
    }

    private static int intAttribute(Element e, String name) {
        String value = e.getAttribute(name);
        return value.isBlank() ? 0 : Integer.parseInt(value.trim());
    }
}
