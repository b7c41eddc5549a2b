package dev.persistbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Summary.ContractResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * The contract-suite outcome per implementation: bench's contract.json when the results directory
 * has one (it belongs to the same run), otherwise the modules' surefire XML reports of their
 * {@code *ContractTest} classes.
 */
final class ContractReader {

    private ContractReader() {}

    static List<ContractResult> read(Path contractJson, Path repoRoot, List<String> gaps) {
        Map<Impl, ContractResult> found = new LinkedHashMap<>();
        if (Files.isRegularFile(contractJson)) {
            int i = 0;
            for (JsonNode n : JsonFiles.readArray(contractJson)) {
                String id = JsonFiles.text(contractJson, n, i, "impl");
                Impl impl = Impl.byId(id)
                        .orElseThrow(() -> new InputException(
                                contractJson,
                                "unknown implementation \"" + id + "\" (expected hibernate, jooq, mybatis or jdbc)"));
                String where = "entry " + i + " (" + id + ")";
                Integer tests = toInt(JsonFiles.number(contractJson, n, where, "tests"));
                Integer failed = toInt(JsonFiles.number(contractJson, n, where, "failed"));
                Integer errors = toInt(JsonFiles.number(contractJson, n, where, "errors"));
                Integer skipped = toInt(JsonFiles.number(contractJson, n, where, "skipped"));
                String status = JsonFiles.optText(n, "status");
                if (status == null) {
                    status = statusOf(tests, failed, errors);
                }
                found.put(impl, new ContractResult(impl.id(), tests, failed, errors, skipped, status, "contract.json"));
                i++;
            }
        } else if (repoRoot != null) {
            for (Impl impl : Impl.values()) {
                readSurefire(repoRoot, impl).ifPresent(r -> found.put(impl, r));
            }
        }
        List<ContractResult> out = new ArrayList<>();
        for (Impl impl : Impl.values()) {
            ContractResult r = found.get(impl);
            if (r == null) {
                gaps.add("contract suite result missing for " + impl.id());
                r = new ContractResult(impl.id(), null, null, null, null, "missing", null);
            }
            out.add(r);
        }
        return out;
    }

    private static java.util.Optional<ContractResult> readSurefire(Path repoRoot, Impl impl) {
        Path dir = repoRoot.resolve(impl.module()).resolve("target/surefire-reports");
        if (!Files.isDirectory(dir)) {
            return java.util.Optional.empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // Only the contract suite: a module's other tests (scratch, reliability) are not it.
            files = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("TEST-") && n.endsWith(".xml") && n.contains("ContractTest");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InputException(dir, "cannot be listed: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            return java.util.Optional.empty();
        }
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (Path f : files) {
            Element suite = parse(f);
            if (!suite.getTagName().equals("testsuite")) {
                throw new InputException(f, "root element is <" + suite.getTagName() + ">, expected <testsuite>");
            }
            tests += attr(f, suite, "tests");
            failures += attr(f, suite, "failures");
            errors += attr(f, suite, "errors");
            skipped += attr(f, suite, "skipped");
        }
        String source = repoRoot.relativize(dir) + " (" + files.size() + " file" + (files.size() == 1 ? "" : "s") + ")";
        return java.util.Optional.of(new ContractResult(
                impl.id(), tests, failures, errors, skipped, statusOf(tests, failures, errors), source));
    }

    private static Element parse(Path f) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(f.toFile()).getDocumentElement();
        } catch (SAXException e) {
            throw new InputException(f, "malformed surefire XML: " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new InputException(f, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static int attr(Path f, Element e, String name) {
        String v = e.getAttribute(name);
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException ex) {
            throw new InputException(f, "attribute " + name + "=\"" + v + "\" of <testsuite> is not an integer");
        }
    }

    private static String statusOf(Integer tests, Integer failed, Integer errors) {
        if (tests == null) {
            return "missing";
        }
        if ((failed != null && failed > 0) || (errors != null && errors > 0)) {
            return "failed";
        }
        return tests == 0 ? "no-tests" : "passed";
    }

    private static Integer toInt(Double d) {
        return d == null ? null : (int) Math.round(d);
    }
}
