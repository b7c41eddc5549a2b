package dev.persistbench.suite.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.persistbench.contract.StoreRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * by an earlier run. Format: {@code contract-tests/README-reliability.md}.
 */
public final class ReliabilityResults {

    /** Format version of the file; bump it when a field changes meaning. */
    public static final int FORMAT = 1;

    private static final Map<String, ReliabilityResults> BY_IMPL = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String impl;
    private final String repositoryClass;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final List<Map<String, Object>> schemaDrift = new ArrayList<>();

    private ReliabilityResults(String impl, String repositoryClass) {
        this.impl = impl;
        this.repositoryClass = repositoryClass;
    }

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
     * Starts (or restarts) the figures of one rule; its status stays "failed" until
     * {@link Rule#passed()} is called after the rule's assertions.
     */
    public synchronized Rule rule(String id, String title) {
        Rule rule = new Rule(this, id, title);
        rules.put(id, rule);
        write();
        return rule;
    }

    /** Replaces the schema-drift matrix. */
    public synchronized void schemaDrift(List<Map<String, Object>> rows) {
        schemaDrift.clear();
        schemaDrift.addAll(rows);
        write();
    }

    /** Where the file goes. */
    public Path file() {
        return Path.of("target", "reliability", impl + ".json");
    }

    synchronized void write() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("impl", impl);
        root.put("repositoryClass", repositoryClass);
        root.put("generatedAt", Instant.now().toString());
        root.put("longRun", Reliability.longRun());
        Map<String, Object> ruleMap = new LinkedHashMap<>();
        rules.forEach((id, rule) -> ruleMap.put(id, rule.toMap()));
        root.put("rules", ruleMap);
        root.put("schemaDrift", List.copyOf(schemaDrift));
        try {
            Files.createDirectories(file().getParent());
            Path tmp = file().resolveSibling(impl + ".json.tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file().toAbsolutePath(), e);
        }
    }

    /** The figures of one rule. */
    public static final class Rule {
        private final ReliabilityResults owner;
        private final String id;
        private final String title;
        private final Map<String, Object> figures = new LinkedHashMap<>();
        private String status = "failed";
        private final long startedNanos = System.nanoTime();
        private long elapsedMs = -1;

        private Rule(ReliabilityResults owner, String id, String title) {
            this.owner = owner;
            this.id = id;
            this.title = title;
        }

        /** Records a figure (a number, text, boolean, list or map) and rewrites the file. */
        public Rule put(String name, Object value) {
            synchronized (owner) {
                figures.put(name, value);
                owner.write();
            }
            return this;
        }

        /** Marks the rule passed: call after its last assertion. */
        public void passed() {
            synchronized (owner) {
                status = "passed";
                elapsedMs = (System.nanoTime() - startedNanos) / 1_000_000;
                owner.write();
            }
        }

        private Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", id);
            map.put("title", title);
            map.put("status", status);
            map.put("elapsedMs", elapsedMs >= 0 ? elapsedMs : (System.nanoTime() - startedNanos) / 1_000_000);
            map.put("figures", new LinkedHashMap<>(figures));
            return map;
        }
    }
}
