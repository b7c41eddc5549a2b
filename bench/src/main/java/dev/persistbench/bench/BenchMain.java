package dev.persistbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.bench.evolution.Rehearsal;
import dev.persistbench.bench.run.BenchConfig;
import dev.persistbench.bench.run.ColdStart;
import dev.persistbench.bench.run.ContractResults;
import dev.persistbench.bench.run.EnvironmentInfo;
import dev.persistbench.bench.run.JmhRunner;
import dev.persistbench.bench.run.PairedAnalysis;
import dev.persistbench.bench.run.Placement;
import dev.persistbench.bench.run.Profile;
import dev.persistbench.bench.run.Slices;
import dev.persistbench.bench.run.Verification;
import dev.persistbench.bench.stats.PairedStats;
import dev.persistbench.contract.Variant;
import dev.persistbench.reports.results.ColdStartResult;
import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Environment;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.Implementation;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.StatementCounts;
import dev.persistbench.reports.results.Status;
import dev.persistbench.reports.results.VariantEntry;
import dev.persistbench.testkit.db.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;

/**
 * The bench runner: reads the contract-suite results, starts the database, runs the
 * verification pass (answers and statement counts), the cold starts and the JMH benchmarks of
 * the implementations that passed both, and writes everything to bench/target/results (see
 * README.md for the files and the system properties it reads).
 */
public final class BenchMain {

    /** Data size of the verification pass and the cold starts (or the profile's smallest, if smaller). */
    static final int VERIFY_SIZE = 1000;

    /** The mapper every results file is written with (the report reads them with its own, in the module reports). */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // Before any logger starts: the embedded server, Flyway and the pools log at INFO otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        BenchConfig config = BenchConfig.fromProperties(System.getProperties());
        // A bad bench.variants stops the runner now, before anything is built or measured.
        config.impls().forEach(BenchMain::selectedVariants);
        int code = new BenchMain().run(config);
        System.exit(code);
    }

    /**
     * The variants of the selected implementations and whether each is timed: only when its
     * implementation is timed and the variant answered right in the verification pass.
     */
    static List<VariantEntry> variantEntries(
            BenchConfig config, List<Impl> timed, Map<String, Verification.Outcome> outcomes) {
        List<VariantEntry> entries = new ArrayList<>();
        for (Impl impl : config.impls()) {
            for (Variant v : selectedVariants(impl)) {
                String arm = v.armId(impl.id());
                Verification.Outcome outcome = outcomes.get(arm);
                boolean verified = outcome != null && outcome.passed();
                boolean wanted = timed.contains(impl) && verified;
                String reason = !timed.contains(impl)
                        ? impl.id() + " is not timed"
                        : verified
                                ? "verified; measured beside " + impl.id() + " in the forks of its patterns"
                                : "verification: "
                                        + (outcome == null ? "did not run" : String.join("; ", outcome.failures()));
                entries.add(new VariantEntry(
                        arm,
                        impl.id(),
                        v.name(),
                        v.description(),
                        v.patternIds(),
                        outcome == null
                                ? null
                                : outcome.passed() ? Status.Verification.PASSED : Status.Verification.FAILED,
                        wanted ? Status.Timing.TIMED : Status.Timing.NOT_TIMED,
                        reason));
            }
        }
        return entries;
    }

    /**
     * The variants of {@code impl} that {@code bench.variants} selects ({@link Arm#selected}; all by
     * default); an id no implementation declares is refused ({@link Arm#checkSelection}).
     */
    static List<Variant> selectedVariants(Impl impl) {
        String selection = System.getProperty(Arm.VARIANTS_PROPERTY, "all");
        Arm.checkSelection(selection);
        return Arm.selected(impl, selection);
    }

    /** Runs the whole bench; returns the process exit code (0 when something was timed). */
    int run(BenchConfig config) throws IOException {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        Path results = Files.createDirectories(config.results());
        log("profile " + config.profile().name() + ", implementations " + config.impls() + ", include "
                + (config.includes().isEmpty() ? "everything" : config.includes()) + ", results in " + results);

        // 1. Contract suites of this build.
        List<ContractResult> suites =
                ContractResults.read(config, Boolean.getBoolean("bench.ignoreContract") ? List.of() : config.impls());
        write(results.resolve("contract.json"), suites);
        List<Path> reliability = ContractResults.copyReliability(config, results);
        log("reliability results copied into " + results.resolve(ContractResults.RELIABILITY) + ": "
                + reliability.stream().map(p -> p.getFileName().toString()).toList());
        suites.forEach(s -> log("contract " + s.impl() + ": " + s.status() + " (" + s.tests() + " tests, " + s.failed()
                + " failed, " + s.errors() + " errors)"));

        // 2. The database, seeded once here; forks get schemas of their own on the same server.
        TestDatabase db = TestDatabase.shared();
        // Statement counts do not depend on the size, and every fork (the data-size run's included)
        // checks every arm's answers again at its own size before timing, where a wrong answer
        // throws and nothing is timed: verify (and seed the cold starts) at the smallest size, at most 1000.
        int dataSize = Math.min(
                VERIFY_SIZE,
                config.profile().dataSizes().stream().min(Integer::compare).orElseThrow());
        log("database: " + db.describe() + ", PostgreSQL " + db.serverVersion());

        // 3. Verification pass: every pattern of every selected implementation, outside timing.
        Map<Impl, Verification.Outcome> outcomes = new LinkedHashMap<>();
        List<StatementCounts> statements = new ArrayList<>();
        for (Impl impl : config.impls()) {
            long t = System.nanoTime();
            Verification.Outcome outcome = Verification.verify(impl, BenchConfig.PATTERNS, db, dataSize);
            outcomes.put(impl, outcome);
            statements.addAll(outcome.statements());
            log("verified " + impl.id() + " in " + ms(t) + " ms: "
                    + (outcome.passed() ? "every answer right" : outcome.failures()));
        }
        // Variants: each over the patterns it changes (bench.variants: all, none or arm ids).
        Map<String, Verification.Outcome> variantOutcomes = new LinkedHashMap<>();
        for (Impl impl : config.impls()) {
            for (Variant v : selectedVariants(impl)) {
                List<String> ids = v.patternIds();
                Verification.Outcome outcome = Verification.verify(Arm.of(impl, v), ids, db, dataSize);
                variantOutcomes.put(v.armId(impl.id()), outcome);
                statements.addAll(outcome.statements());
                log("verified " + v.armId(impl.id()) + " (" + ids + "): "
                        + (outcome.passed() ? "every answer right" : outcome.failures()));
            }
        }
        Verification.Outcome floor = Verification.verify(Arm.FLOOR, BenchConfig.PATTERNS, db, dataSize);
        statements.addAll(floor.statements());
        log("verified raw-jdbc floor: " + (floor.passed() ? "every answer right" : floor.failures()));
        if (!floor.passed()) {
            log("NOTHING IS TIMED: every figure is a ratio to the floor, and the floor failed its verification");
        }
        write(results.resolve("statements.json"), statements);

        Map<String, ContractResult> suiteOf = suites.stream().collect(Collectors.toMap(ContractResult::impl, s -> s));
        boolean ignoreContract = Boolean.getBoolean("bench.ignoreContract");
        List<Impl> timed = config.impls().stream()
                .filter(i -> (ignoreContract || suiteOf.get(i.id()).passed())
                        && outcomes.get(i).passed())
                .toList();
        List<VariantEntry> variants = variantEntries(config, timed, variantOutcomes);
        write(results.resolve("variants.json"), variants);
        List<String> timedVariants = variants.stream()
                .filter(v -> v.status() == Status.Timing.TIMED)
                .map(VariantEntry::arm)
                .toList();
        log("timed: " + timed + (timedVariants.isEmpty() ? "" : ", variants " + timedVariants)
                + (floor.passed() ? " and the raw-jdbc floor" : ""));

        // 4. Cold starts, against the seeded schema of this JVM.
        List<ColdStartResult> coldStarts = new ArrayList<>();
        if (coldStartWanted(config)) {
            Dataset data = Dataset.of(dataSize);
            data.load(db);
            long customer = data.customerCount() / 2;
            ColdStart.Target target = new ColdStart.Target(
                    db.server().jdbcUrl(),
                    db.server().user(),
                    db.server().password(),
                    EnvironmentInfo.poolSize(db),
                    db.driverProperties(Map.of()),
                    customer,
                    data.customer(customer).email());
            Path logs = Files.createDirectories(results.resolve("logs"));
            for (Impl impl : timed) {
                ColdStartResult r = ColdStart.measure(
                        impl, config.profile().coldStartRuns(), target, BenchConfig.FORK_JVM_ARGS, logs);
                coldStarts.add(r);
                log("cold start " + impl.id() + ": median " + r.medianMs() + " ms, " + r.medianHeapMb() + " MB heap"
                        + (r.error() == null ? "" : ", ERROR " + r.error()));
            }
            write(results.resolve("coldstart.json"), coldStarts);
        }

        // 5. JMH.
        Path slices = results.resolve("slices");
        List<String> forkArgs = forkJvmArgs(db, slices);
        deleteSlices(slices);
        if (config.profile().forks() == 0) {
            // In-process (smoke): the benchmark threads are this JVM's; pinning them would pin the runner.
            System.setProperty(Slices.PROPERTY, slices.toString());
            System.setProperty(Placement.PROPERTY, "none");
            System.setProperty(
                    Arm.VARIANTS_PROPERTY, timedVariants.isEmpty() ? "none" : String.join(",", timedVariants));
        }
        List<BenchConfig.JmhRun> runs = config.runs(floor.passed() ? timed : List.of(), timedVariants, forkArgs);
        JmhRunner jmh = new JmhRunner(results.resolve("jmh-result.json"));
        List<String> runErrors = new ArrayList<>(jmh.runAll(runs));
        List<RunResult> jmhResults = jmh.results();
        Paired paired = new PairedAnalysis(new PairedStats(PairedStats.DEFAULT))
                .analyse(jmhResults, slices, config.profile(), runErrors);
        PairedAnalysis.write(paired, results.resolve("paired.json"), JSON);
        for (Paired.PatternResult r : paired.results()) {
            log(r.pattern() + (r.rttMicros() == 0 ? "" : " at +" + r.rttMicros() + " µs round trip")
                    + ": warm-up phase " + String.format(java.util.Locale.ROOT, "%.1f s", r.warmUpPhaseSeconds())
                    + (r.warmUpCapReached() ? " (cap reached)" : "") + ", settled from round "
                    + r.steadyFromRound() + " of " + r.rounds()
                    + (r.settled() ? "" : " (NOT SETTLED)") + "; groups " + r.groups() + "; ratios "
                    + r.arms().stream()
                            .filter(a -> !a.floor())
                            .map(a -> String.format(
                                    java.util.Locale.ROOT,
                                    "%s %.2f [%.2f, %.2f]",
                                    a.impl(),
                                    a.ratioToFloor().estimate(),
                                    a.ratioToFloor().low(),
                                    a.ratioToFloor().high()))
                            .toList());
        }
        runErrors.forEach(e -> log("ERROR " + e));

        // 5b. The schema-evolution rehearsal (the full profile, or -Dbench.evolution=true), on the same server.
        boolean evolutionRan = false;
        if (config.evolution()) {
            evolutionRan = evolution(config, db, results.resolve("evolution.json"));
        }

        // 6. Who was timed, and in what setting.
        List<Implementation> implementations = new ArrayList<>();
        for (Impl impl : Impl.all()) {
            implementations.add(implementationEntry(
                    impl, config, suiteOf.get(impl.id()), outcomes.get(impl), timed, jmhResults, ignoreContract));
        }
        implementations.add(new Implementation(
                "raw-jdbc",
                floor.passed() ? Status.Timing.TIMED : Status.Timing.NOT_TIMED,
                floor.passed()
                        ? "hand-written java.sql floor; every floor answer verified"
                        : "verification: " + String.join("; ", floor.failures())));
        write(results.resolve("implementations.json"), implementations);

        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        outcomes.forEach((impl, o) -> settings.put(impl.id(), o.settings()));
        write(
                results.resolve("environment.json"),
                environment(config, db, settings, forkArgs, startedAt, runErrors, placementOf(slices)));

        log("done in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s; " + jmhResults.size()
                + " JMH results; files in " + results);
        // bench.include=none asks for nothing to be timed: then the rehearsal is what must have run.
        return config.noPatterns() ? (evolutionRan ? 0 : 1) : (jmhResults.isEmpty() ? 1 : 0);
    }

    /** Runs the rehearsal under the selected implementations and writes evolution.json; false when it could not run. */
    private static boolean evolution(BenchConfig config, TestDatabase db, Path file) {
        Rehearsal.Settings settings = Rehearsal.Settings.bench();
        log("evolution rehearsal: " + config.impls() + ", data size " + settings.dataSize() + " ("
                + 2 * settings.dataSize() + " orders), lock_timeout "
                + settings.lockTimeout().toMillis() + " ms, "
                + settings.maxAttempts() + " attempts a step");
        long t = System.nanoTime();
        try {
            Evolution evolution = new Rehearsal(db, settings, BenchMain::log).run(config.impls());
            write(file, evolution);
            log("evolution rehearsal done in "
                    + Duration.ofNanos(System.nanoTime() - t).toSeconds() + " s: " + file);
            return true;
        } catch (RuntimeException e) {
            log("ERROR evolution rehearsal failed after "
                    + Duration.ofNanos(System.nanoTime() - t).toSeconds() + " s: " + e);
            return false;
        }
    }

    private static boolean coldStartWanted(BenchConfig config) {
        String forced = System.getProperty("bench.coldStart", "");
        if (!forced.isBlank()) {
            return Boolean.parseBoolean(forced.trim());
        }
        return config.includes().isEmpty() || config.patterns().contains("P02");
    }

    /** JVM arguments of every JMH fork: the heap, and the address of this JVM's server (each fork makes its own schema there). */
    private static List<String> forkJvmArgs(TestDatabase db, Path slices) {
        List<String> args = new ArrayList<>(BenchConfig.FORK_JVM_ARGS);
        args.add("-Dpb.db=external");
        args.add("-Dpb.jdbc.url=" + db.server().jdbcUrl());
        args.add("-Dpb.db.user=" + db.server().user());
        // The timed JVMs do not count round trips (the verification pass did).
        args.add("-Dpb.countRoundTrips=false");
        args.add("-D" + Placement.PROPERTY + "=" + Placement.requestedMode());
        // Only this run's own server may be pinned.
        args.add("-Dbench.pinServer=" + (db.mode() == dev.persistbench.testkit.db.DatabaseMode.EMBEDDED));
        args.add("-D" + Slices.PROPERTY + "=" + slices);
        for (String passOn : List.of("pb.db.password", "pb.pool.size", "bench.poolScale")) {
            String value = System.getProperty(passOn, "");
            if (!value.isBlank()) {
                args.add("-D" + passOn + "=" + value.trim());
            }
        }
        return args;
    }

    private static Implementation implementationEntry(
            Impl impl,
            BenchConfig config,
            ContractResult suite,
            Verification.Outcome outcome,
            List<Impl> timed,
            List<RunResult> jmhResults,
            boolean ignoreContract) {
        if (!config.impls().contains(impl)) {
            return entry(
                    impl,
                    suite.status(),
                    null,
                    Status.Timing.NOT_TIMED,
                    "not selected (bench.impl=" + System.getProperty("bench.impl", "") + ")",
                    null);
        }
        String reason;
        List<String> missing = null;
        if (!suite.passed() && !ignoreContract) {
            reason = suite.reason(ContractResults.folder(config, impl));
        } else if (!outcome.passed()) {
            reason = "verification: " + String.join("; ", outcome.failures());
        } else {
            missing = config.patterns().stream()
                    .filter(pattern -> jmhResults.stream()
                            .noneMatch(r -> r.getParams().getBenchmark().contains("." + pattern)
                                    && List.of(r.getParams().getParam("impls").split(","))
                                            .contains(impl.id())))
                    .toList();
            reason = suite.reason(ContractResults.folder(config, impl))
                    + (suite.passed() ? "" : " BUT TIMED ANYWAY (bench.ignoreContract=true, development only)")
                    + "; every pattern verified"
                    + (missing.isEmpty()
                            ? ""
                            : "; no JMH result for " + missing + " (the benchmark failed: see the console log)");
        }
        return entry(
                impl,
                suite.status(),
                outcome.passed() ? Status.Verification.PASSED : Status.Verification.FAILED,
                timed.contains(impl) ? Status.Timing.TIMED : Status.Timing.NOT_TIMED,
                reason,
                missing);
    }

    /**
     * The implementations.json entry of {@code impl}: what the run did with it, and how the report
     * names it, finds its code and its library's version (from its provider).
     */
    static Implementation entry(
            Impl impl,
            Status.Contract contract,
            Status.Verification verification,
            Status.Timing timing,
            String reason,
            List<String> missingResults) {
        return new Implementation(
                impl.id(),
                impl.label(),
                impl.module(),
                impl.sourcePath(),
                impl.library(),
                contract,
                verification,
                timing,
                reason,
                missingResults);
    }

    private static Environment environment(
            BenchConfig config,
            TestDatabase db,
            Map<String, Map<String, String>> settings,
            List<String> forkArgs,
            Instant startedAt,
            List<String> runErrors,
            Environment.PlacementReport placement) {
        int verificationSize = Math.min(
                VERIFY_SIZE,
                config.profile().dataSizes().stream().min(Integer::compare).orElseThrow());
        return new Environment(
                Instant.now().toString(),
                startedAt.toString(),
                config.profile().name(),
                EnvironmentInfo.commit(config.root()),
                EnvironmentInfo.dirty(config.root()),
                EnvironmentInfo.libraries(Impl.all()),
                EnvironmentInfo.jvm(),
                EnvironmentInfo.os(),
                EnvironmentInfo.cpu(),
                EnvironmentInfo.cores(),
                EnvironmentInfo.memoryGb(),
                db.serverVersion(),
                db.mode().name().toLowerCase(java.util.Locale.ROOT),
                EnvironmentInfo.poolSize(db),
                EnvironmentInfo.driverProperties(db),
                new Environment.Jmh(
                        config.profile().forks() * config.jvms(),
                        config.profile().forks() == 0,
                        "paired: "
                                + (config.jvms() == 1
                                        ? "one fork per pattern runs"
                                        : config.jvms() + " forks per pattern (bench.forks), a pass of every fork"
                                                + " apart, each run")
                                + " every arm (implementations and floor) in interleaved slices, every arm once per"
                                + " round in a seeded random order; warm-up decided from the data"
                                + (config.jvms() == 1 ? "" : "; each pattern's forks pooled"),
                        config.profile().rounds(),
                        config.profile().sliceMillis() + " ms",
                        0,
                        config.profile().dataSizes(),
                        "avgt",
                        "us",
                        List.of("gc"),
                        java.util.stream.Stream.concat(
                                        java.util.stream.Stream.of(1),
                                        config.patterns().stream().anyMatch(Profile.SWEEP_PATTERNS::contains)
                                                ? config.profile().threads().stream()
                                                : java.util.stream.Stream.empty())
                                .distinct()
                                .sorted()
                                .toList(),
                        forkArgs.stream()
                                .filter(a -> !a.startsWith("-Dpb.db.password"))
                                .toList(),
                        runErrors,
                        config.scaleSizes()),
                placement,
                new Environment.Workload(
                        P03CreateProductsBenchmark.Fixture.BATCH,
                        10,
                        3,
                        P08LatestOrdersBenchmark.Fixture.LIMIT,
                        4,
                        P11RevenueReportBenchmark.Fixture.LIMIT,
                        System.getProperty("bench.poolScale", "1"),
                        verificationSize),
                new Environment.Filters(
                        config.includes(),
                        config.impls().stream().map(Impl::id).toList(),
                        Boolean.getBoolean("bench.ignoreContract")),
                settings);
    }

    /** The placement asked for, and what each fork did (from its slices record), for environment.json. */
    private static Environment.PlacementReport placementOf(Path slices) {
        Map<String, Environment.ForkPlacement> perFork = new LinkedHashMap<>();
        try (var files = Files.list(slices)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                Slices.Record r = JSON.readValue(f.toFile(), Slices.Record.class);
                Placement p = r.placement();
                perFork.put(
                        f.getFileName().toString().replace(".json", ""),
                        p == null
                                ? null
                                : new Environment.ForkPlacement(
                                        Status.Placement.of(p.mode()),
                                        p.benchCpu(),
                                        p.serverCpu(),
                                        p.otherCpu(),
                                        p.serverPinned(),
                                        p.note()));
            }
        } catch (IOException e) {
            return new Environment.PlacementReport(
                    Status.Placement.of(Placement.requestedMode()),
                    perFork,
                    "slices could not be read: " + e.getMessage());
        }
        return new Environment.PlacementReport(Status.Placement.of(Placement.requestedMode()), perFork, null);
    }

    private static void deleteSlices(Path slices) throws IOException {
        if (Files.isDirectory(slices)) {
            try (var files = Files.list(slices)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(slices);
    }

    /** Writes {@code value} as JSON to {@code file} with {@link #JSON}. */
    public static void write(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
        System.out.flush();
    }
}
