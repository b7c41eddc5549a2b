package dev.persistbench.suite.reliability;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persistbench.contract.StoreRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The figures the reliability rules measure, per implementation, written as JSON to
 * {@code target/reliability/<impl>.json} (relative to the working directory, which under
 * Surefire is the module under test). The file is rewritten after every change, so a run that
 * stops half-way still leaves what it measured; the first write of a JVM replaces any file left
 * by an earlier run. The file is a {@link ResultsFile} written by Jackson; format:
 * {@code contract-tests/README-reliability.md}.
 */
public final class ReliabilityResults {

    /** Format version of the file; bump it when a field changes meaning. */
    public static final int FORMAT = 1;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, ReliabilityResults> BY_IMPL = new ConcurrentHashMap<>();

    private final String impl;
    private final String repositoryClass;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final List<DriftResult> schemaDrift = new ArrayList<>();

    ReliabilityResults(String impl, String repositoryClass) {
        this.impl = impl;
        this.repositoryClass = repositoryClass;
    }

    /** Whether a rule's assertions all held. */
    public enum Status {
        @JsonProperty("passed")
        PASSED,
        @JsonProperty("failed")
        FAILED
    }

    /**
     * One rule's entry in the file.
     *
     * @param id the rule id, "R2.1"
     * @param title what the rule checks, in a few words
     * @param status failed until the rule's last assertion held
     * @param elapsedMs wall time of the rule, up to now while it runs
     * @param figures what the rule measured, by name (numbers, text, lists, objects)
     */
    public record RuleResult(String id, String title, Status status, long elapsedMs, ObjectNode figures) {}

    /**
     * The whole file.
     *
     * @param format {@link #FORMAT}
     * @param impl the implementation id ("jdbc")
     * @param repositoryClass the repository class's name
     * @param generatedAt when the file was written (ISO-8601)
     * @param longRun whether {@code -Dpb.reliability.long=true} was set
     * @param rules each rule's entry by id, in the order the rules started
     * @param schemaDrift the schema-drift matrix (R5.1), one row per drift
     */
    public record ResultsFile(
            int format,
            String impl,
            String repositoryClass,
            String generatedAt,
            boolean longRun,
            Map<String, RuleResult> rules,
            List<DriftResult> schemaDrift) {}

    /** The results of the implementation {@code store} belongs to. */
    public static ReliabilityResults of(StoreRepository store) {
        String impl = implId(store.getClass());
        return BY_IMPL.computeIfAbsent(
                impl, id -> new ReliabilityResults(id, store.getClass().getName()));
    }

    /**
     * The implementation id from the repository's package: {@code dev.persistbench.<impl>}
     * gives {@code <impl>}; any other package gives its last segment.
     */
    static String implId(Class<?> repositoryClass) {
        String pkg = repositoryClass.getPackageName();
        String prefix = "dev.persistbench.";
        String rest = pkg.startsWith(prefix) ? pkg.substring(prefix.length()) : pkg;
        int dot = rest.indexOf('.');
        if (pkg.startsWith(prefix) && dot > 0) {
            return rest.substring(0, dot);
        }
        return rest.substring(rest.lastIndexOf('.') + 1);
    }

    public String impl() {
        return impl;
    }

    /**
     * Starts (or restarts) the figures of one rule; its status stays failed until
     * {@link Rule#passed()} is called after the rule's assertions.
     */
    public synchronized Rule rule(String id, String title) {
        Rule rule = new Rule(this, id, title);
        rules.put(id, rule);
        write();
        return rule;
    }

    /** Replaces the schema-drift matrix. */
    public synchronized void schemaDrift(List<DriftResult> rows) {
        schemaDrift.clear();
        schemaDrift.addAll(rows);
        write();
    }

    /** Where the file goes. */
    public Path file() {
        return Path.of("target", "reliability", impl + ".json");
    }

    /** What the file holds now. */
    synchronized ResultsFile snapshot() {
        Map<String, RuleResult> results = new LinkedHashMap<>();
        rules.forEach((id, rule) -> results.put(id, rule.result()));
        return new ResultsFile(
                FORMAT,
                impl,
                repositoryClass,
                Instant.now().toString(),
                Reliability.longRun(),
                results,
                List.copyOf(schemaDrift));
    }

    synchronized void write() {
        try {
            Files.createDirectories(file().getParent());
            Path tmp = file().resolveSibling(impl + ".json.tmp");
            JSON.writeValue(tmp.toFile(), snapshot());
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file().toAbsolutePath(), e);
        }
    }

    /** The figures of one rule, as they are measured. */
    public static final class Rule {
        private final ReliabilityResults owner;
        private final String id;
        private final String title;
        private final ObjectNode figures = JSON.createObjectNode();
        private final long startedNanos = System.nanoTime();
        private Status status = Status.FAILED;
        private long elapsedMs = -1;

        private Rule(ReliabilityResults owner, String id, String title) {
            this.owner = owner;
            this.id = id;
            this.title = title;
        }

        /** Records a figure (a number, text, boolean, list, map or record, as Jackson writes it) and rewrites the file. */
        public Rule put(String name, Object value) {
            synchronized (owner) {
                figures.set(name, JSON.valueToTree(value));
                owner.write();
            }
            return this;
        }

        /** Records every component of {@code record} as a figure of its own name, and rewrites the file. */
        public Rule putAll(Record record) {
            synchronized (owner) {
                figures.setAll((ObjectNode) JSON.valueToTree(record));
                owner.write();
            }
            return this;
        }

        /** Marks the rule passed: call after its last assertion. */
        public void passed() {
            synchronized (owner) {
                status = Status.PASSED;
                elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
                owner.write();
            }
        }

        private RuleResult result() {
            long elapsed = elapsedMs >= 0 ? elapsedMs : (System.nanoTime() - startedNanos) / 1_000_000;
            return new RuleResult(id, title, status, elapsed, figures.deepCopy());
        }
    }
}
