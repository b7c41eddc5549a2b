package dev.persistbench.reports.input;

import dev.persistbench.contract.Variant;
import dev.persistbench.reports.input.RunData.ReliabilityFile;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.results.ColdStartResult;
import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Environment;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.FollowTrack;
import dev.persistbench.reports.results.Implementation;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.StatementCounts;
import dev.persistbench.reports.results.VariantEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads a bench results directory: everything about its run is in it (paired.json or
 * jmh-result.json, environment.json, implementations.json, contract.json, statements.json,
 * coldstart.json, reliability/&lt;impl&gt;.json, and evolution.json when the schema-evolution rehearsal
 * ran). Only a folder from an older bench, without
 * contract.json or reliability/, falls back to the Surefire and reliability files of the working
 * tree given as the sources root, and a gap says so.
 *
 * <p>The implementations, their order, labels, modules, sources and library keys are those of
 * implementations.json. A file from an older bench that does not describe them (no "label"), or its
 * absence, leaves the implementations the results name, each by its id only, and a gap says so.
 */
public final class ResultsReader {

    /** The results folder's sub-folder holding the reliability files the bench copied. */
    public static final String RELIABILITY = "reliability";

    /** follow-track.json, written by .ci/follow-track into a folder of its own under the results. */
    public static final String FOLLOW_TRACK = "follow-track/follow-track.json";

    /** The command that writes {@link #FOLLOW_TRACK}. */
    public static final String FOLLOW_TRACK_COMMAND = ".ci/follow-track bench/target/results/follow-track";

    /** The schema-evolution rehearsal's file, written only when it ran. */
    public static final String EVOLUTION = "evolution.json";

    /** How to run the rehearsal, for the report's "not run" text (the full profile runs it by default). */
    public static final String EVOLUTION_COMMAND =
            "./mvnw -B -Pbench -Dbench.evolution=true (the full profile, -Dbench.profile=full, runs it by default)";

    private ResultsReader() {}

    /**
     * @param resultsDir bench/target/results or a copy of it; must contain paired.json or, from an
     *     older bench, jmh-result.json
     * @param repoRoot the sources root, whose impl-x/target folders are read only for an older results
     *     folder that lacks contract.json or reliability/; null never to read them
     * @return what was read
     * @throws InputException when the directory or a file is missing or malformed
     */
    public static RunData read(Path resultsDir, Path repoRoot) {
        if (!Files.isDirectory(resultsDir)) {
            throw new InputException(
                    resultsDir,
                    Files.exists(resultsDir)
                            ? "is not a directory (expected the bench results directory)"
                            : "results directory does not exist (run the bench first, or pass --results <dir>)");
        }
        Path pairedFile = resultsDir.resolve("paired.json");
        Path jmhFile = resultsDir.resolve("jmh-result.json");
        Paired paired = null;
        List<JmhEntry> jmh = List.of();
        if (Files.isRegularFile(pairedFile)) {
            // The JMH scores of an interleaved run mix the arms: jmh-result.json is raw material only.
            paired = PairedReader.read(pairedFile);
        } else if (Files.isRegularFile(jmhFile)) {
            jmh = JmhReader.read(jmhFile);
        } else {
            throw new InputException(
                    jmhFile,
                    "missing: the results directory has neither paired.json nor a JMH result (jmh-result.json)");
        }
        List<String> gaps = new ArrayList<>();

        Path envFile = resultsDir.resolve("environment.json");
        Environment environment = null;
        if (Files.isRegularFile(envFile)) {
            environment = JsonFiles.readObject(envFile, Environment.class);
        } else {
            gaps.add("environment.json is missing: the environment of this run is unknown");
        }

        Path implementationsFile = resultsDir.resolve("implementations.json");
        List<Implementation> implementations = readImplementations(implementationsFile, gaps);
        Path contractFile = resultsDir.resolve("contract.json");
        Catalogue catalogue =
                catalogue(implementationsFile, implementations, paired, jmh, ContractReader.ids(contractFile), gaps);
        if (paired != null && described(implementations)) {
            PairedReader.checkArms(pairedFile, paired, catalogue);
        }
        List<ContractResult> contract = ContractReader.read(contractFile, repoRoot, catalogue, gaps);
        List<StatementCounts> statements = readStatements(resultsDir.resolve("statements.json"), gaps);
        List<ColdStartResult> coldStart = readColdStart(resultsDir.resolve("coldstart.json"), gaps);
        Path variantsFile = resultsDir.resolve("variants.json");
        // Absent in a run from a bench older than variants: nothing to report, and nothing missing.
        List<VariantEntry> variants = Files.isRegularFile(variantsFile)
                ? JsonFiles.readList(variantsFile, VariantEntry.class, "arm", "impl", "variant", "status")
                : List.of();
        List<ReliabilityFile> reliability = readReliability(resultsDir, repoRoot, catalogue, gaps);
        Evolution evolution = readEvolution(resultsDir.resolve(EVOLUTION), gaps);
        FollowTrack followTrack = readFollowTrack(resultsDir.resolve(FOLLOW_TRACK), gaps);
        return new RunData(
                resultsDir,
                environment,
                paired,
                jmh,
                implementations,
                catalogue,
                contract,
                statements,
                coldStart,
                variants,
                reliability,
                evolution,
                followTrack,
                gaps);
    }

    private static List<Implementation> readImplementations(Path file, List<String> gaps) {
        if (!Files.isRegularFile(file)) {
            gaps.add("implementations.json is missing: whether bench timed each implementation is unknown");
            return new ArrayList<>();
        }
        return JsonFiles.readList(file, Implementation.class, "impl", "status");
    }

    /** Whether implementations.json describes its implementations (each has a label): a bench that writes them. */
    private static boolean described(List<Implementation> entries) {
        List<Implementation> listed =
                entries.stream().filter(e -> !Paired.FLOOR.equals(e.impl())).toList();
        return !listed.isEmpty() && listed.stream().allMatch(e -> e.label() != null);
    }

    /**
     * The run's implementations: those of implementations.json in its order when it describes them all;
     * otherwise (an older bench) those the results name, in order of first appearance in paired.json's
     * arms or the JMH "impl" params, then implementations.json, then contract.json, each described by
     * its entry when it has a label and by its id only when not, with a gap naming the latter.
     */
    static Catalogue catalogue(
            Path file,
            List<Implementation> entries,
            Paired paired,
            List<JmhEntry> jmh,
            List<String> contractIds,
            List<String> gaps) {
        if (described(entries)) {
            try {
                return Catalogue.of(entries.stream()
                        .filter(e -> !Paired.FLOOR.equals(e.impl()))
                        .map(ResultsReader::describe)
                        .toList());
            } catch (IllegalArgumentException e) {
                throw new InputException(file, e.getMessage(), e);
            }
        }
        Map<String, Implementation> byId = new LinkedHashMap<>();
        entries.stream()
                .filter(e -> !Paired.FLOOR.equals(e.impl()))
                .forEach(e -> byId.putIfAbsent(e.impl().toLowerCase(Locale.ROOT), e));
        List<String> ids = new ArrayList<>();
        if (paired != null) {
            paired.results().stream()
                    .flatMap(r -> r.arms().stream())
                    .filter(a -> !a.floorArm())
                    .forEach(a -> ids.add(Variant.implementationOf(a.impl())));
        }
        jmh.stream().map(JmhEntry::impl).filter(Objects::nonNull).forEach(ids::add);
        entries.stream().map(Implementation::impl).forEach(ids::add);
        ids.addAll(contractIds);
        Map<String, Impl> found = new LinkedHashMap<>();
        List<String> idOnly = new ArrayList<>();
        for (String id : ids) {
            String key = id.toLowerCase(Locale.ROOT);
            if (key.isBlank() || key.equals(Paired.FLOOR) || found.containsKey(key)) {
                continue;
            }
            Implementation e = byId.get(key);
            if (e != null && e.label() != null) {
                found.put(key, describe(e));
            } else {
                found.put(key, Impl.ofId(key));
                idOnly.add(key);
            }
        }
        if (!idOnly.isEmpty()) {
            gaps.add("implementations described only by their id: " + String.join(", ", idOnly) + " ("
                    + (Files.isRegularFile(file)
                            ? "implementations.json gives them no label, module, source or library: an older bench"
                            : "implementations.json is missing")
                    + "); each id is its label and library key, impl-<id> its module, and its code is not shown");
        }
        return Catalogue.of(List.copyOf(found.values()));
    }

    private static Impl describe(Implementation e) {
        return new Impl(e.impl(), e.label(), e.module(), e.source(), e.library());
    }

    private static List<StatementCounts> readStatements(Path file, List<String> gaps) {
        if (!Files.isRegularFile(file)) {
            gaps.add("statements.json is missing: SQL sent and statements per op were not captured");
            return List.of();
        }
        return JsonFiles.readList(file, StatementCounts.class, "pattern", "impl");
    }

    private static List<ColdStartResult> readColdStart(Path file, List<String> gaps) {
        if (!Files.isRegularFile(file)) {
            gaps.add("coldstart.json is missing: cold start was not measured");
            return List.of();
        }
        return JsonFiles.readList(file, ColdStartResult.class, "impl");
    }

    /**
     * follow-track.json by Jackson, then checked: every entry names its module, every patch the step it
     * follows.
     */
    private static FollowTrack readFollowTrack(Path file, List<String> gaps) {
        if (!Files.isRegularFile(file)) {
            gaps.add("following the evolution track: not measured (no " + FOLLOW_TRACK + "; " + FOLLOW_TRACK_COMMAND
                    + " writes it)");
            return null;
        }
        FollowTrack f = JsonFiles.readObject(file, FollowTrack.class);
        if (f.implementations().isEmpty()) {
            throw new InputException(file, "has no \"implementations\"");
        }
        for (int i = 0; i < f.implementations().size(); i++) {
            FollowTrack.Entry e = f.implementations().get(i);
            if (e.module() == null || e.module().isBlank()) {
                throw new InputException(file, "implementations[" + i + "] has no \"module\"");
            }
            for (FollowTrack.Patch p : e.patches()) {
                if (p.step() == null || p.step().isBlank()) {
                    throw new InputException(
                            file,
                            "implementations[" + i + "] (" + e.module() + "): the patch " + p.path()
                                    + " names no step (its file name must start with V<version>-)");
                }
            }
        }
        return f;
    }

    /**
     * evolution.json by Jackson, then checked: format 1, every step with a version and a kind, every
     * run with an implementation, every step result naming a step of the track.
     */
    private static Evolution readEvolution(Path file, List<String> gaps) {
        if (!Files.isRegularFile(file)) {
            gaps.add("schema evolution: not measured (no " + EVOLUTION + "; the rehearsal runs with "
                    + EVOLUTION_COMMAND + ")");
            return null;
        }
        Evolution e = JsonFiles.readObject(file, Evolution.class);
        if (e.schema() != null && e.schema() != 1) {
            throw new InputException(file, "\"schema\" is " + e.schema() + ", this report reads format 1");
        }
        if (e.steps().isEmpty()) {
            throw new InputException(file, "has no \"steps\" (the migrations of the track)");
        }
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < e.steps().size(); i++) {
            Evolution.Step step = e.steps().get(i);
            if (step.version() == null || step.version().isBlank() || step.kind() == null) {
                throw new InputException(
                        file, "steps[" + i + "] needs a \"version\" and a \"kind\" (expand or contract)");
            }
            versions.add(step.version());
        }
        for (int i = 0; i < e.runs().size(); i++) {
            Evolution.Run run = e.runs().get(i);
            if (run.impl() == null || run.impl().isBlank()) {
                throw new InputException(file, "runs[" + i + "] has no \"impl\"");
            }
            for (Evolution.StepResult r : run.steps()) {
                if (!versions.contains(r.version())) {
                    throw new InputException(
                            file,
                            "runs[" + i + "] (" + run.impl() + ") has a result for version " + r.version()
                                    + ", which is not a step of the track " + versions);
                }
            }
        }
        return e;
    }

    /**
     * The reliability files the bench copied into {@code resultsDir/reliability}; for an older results
     * folder without that copy, those of the working tree {@code repoRoot} (impl-x/target/reliability),
     * which need not belong to the same run, so a gap says so.
     */
    private static List<ReliabilityFile> readReliability(
            Path resultsDir, Path repoRoot, Catalogue catalogue, List<String> gaps) {
        Path copy = resultsDir.resolve(RELIABILITY);
        if (Files.isDirectory(copy)) {
            return list(copy).stream()
                    .map(f -> new ReliabilityFile(
                            f.getFileName().toString().replaceFirst("\\.json$", ""), f, JsonFiles.read(f)))
                    .toList();
        }
        List<ReliabilityFile> out = new ArrayList<>();
        if (repoRoot == null) {
            return out;
        }
        for (Impl impl : catalogue.impls()) {
            Path dir = repoRoot.resolve(impl.module()).resolve("target/reliability");
            if (Files.isDirectory(dir)) {
                list(dir).forEach(f -> out.add(new ReliabilityFile(impl.id(), f, JsonFiles.read(f))));
            }
        }
        if (!out.isEmpty()) {
            gaps.add("reliability: this results folder has no reliability/ (an older bench); read instead from"
                    + " impl-*/target/reliability under " + repoRoot
                    + ", which may come from another build than this run");
        }
        return out;
    }

    /** The *.json files of {@code dir}, sorted. */
    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InputException(dir, "cannot be listed: " + e.getMessage(), e);
        }
    }
}
