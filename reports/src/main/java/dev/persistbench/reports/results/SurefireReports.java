package dev.persistbench.reports.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The one reader of Surefire's XML reports ({@code TEST-<class>.xml}), for the bench, the report
 * and CI. It sums the {@code <testsuite>} attributes of the files whose test class a filter
 * accepts. A JUnit 5 {@code @Nested} class is reported inside its top-level class's file (Surefire
 * 3) or, by other runners, in a file of its own ({@code TEST-a.BContractTest$P05.xml}): the test
 * class of a file is its top-level class, so both count as that class.
 *
 * <p>JDK only, so that CI can run it as a source file even when the build failed: {@code java
 * SurefireReports.java <dir>} prints "tests failed skipped" (failed = failures + errors) over every
 * report of the directory.
 */
public final class SurefireReports {

    private SurefireReports() {}

    /**
     * What a directory's reports add up to.
     *
     * @param files report files read
     * @param tests tests run
     * @param failures failed assertions
     * @param errors tests that threw
     * @param skipped tests skipped
     * @param newest when the newest file was written, null without files
     */
    public record Tally(int files, int tests, int failures, int errors, int skipped, Instant newest) {}

    /** Whether {@code testClass} (a top-level class name) is an implementation's contract suite. */
    public static boolean contractSuite(String testClass) {
        return testClass.endsWith("ContractTest");
    }

    /**
     * Sums the reports in {@code dir} (absent: nothing) of the top-level test classes {@code accept}
     * takes.
     *
     * @throws IllegalStateException naming the file when one cannot be read or is not a report
     */
    public static Tally read(Path dir, Predicate<String> accept) {
        int files = 0;
        int[] sums = new int[4];
        Instant newest = null;
        if (!Files.isDirectory(dir)) {
            return new Tally(0, 0, 0, 0, 0, null);
        }
        try (DirectoryStream<Path> reports = Files.newDirectoryStream(dir, "TEST-*.xml")) {
            for (Path file : reports) {
                String name = file.getFileName().toString();
                String testClass = name.substring("TEST-".length(), name.length() - ".xml".length());
                if (!accept.test(testClass.split("\\$", 2)[0])) {
                    continue;
                }
                Element suite = parse(file);
                String[] attributes = {"tests", "failures", "errors", "skipped"};
                for (int i = 0; i < attributes.length; i++) {
                    sums[i] += intAttribute(file, suite, attributes[i]);
                }
                Instant written = Files.getLastModifiedTime(file).toInstant();
                newest = newest == null || written.isAfter(newest) ? written : newest;
                files++;
            }
        } catch (IOException e) {
            throw new IllegalStateException(dir + ": cannot be read: " + e.getMessage(), e);
        }
        return new Tally(files, sums[0], sums[1], sums[2], sums[3], newest);
    }

    private static Element parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            if (!root.getTagName().equals("testsuite")) {
                throw new IllegalStateException(
                        file + ": root element is <" + root.getTagName() + ">, expected <testsuite>");
            }
            return root;
        } catch (SAXException e) {
            throw new IllegalStateException(file + ": malformed Surefire XML: " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static int intAttribute(Path file, Element suite, String name) {
        String value = suite.getAttribute(name).trim();
        try {
            return value.isEmpty() ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    file + ": attribute " + name + "=\"" + value + "\" of <testsuite> is not an integer", e);
        }
    }

    /** Prints "tests failed skipped" over every report of the directory {@code args[0]}. */
    public static void main(String[] args) {
        Tally t = read(Path.of(args[0]), testClass -> true);
        System.out.println(t.tests() + " " + (t.failures() + t.errors()) + " " + t.skipped());
    }
}
