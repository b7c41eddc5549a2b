package dev.persistbench.bench.run;

import dev.persistbench.bench.Arm;
import dev.persistbench.bench.Impl;
import dev.persistbench.contract.Pattern;
import dev.persistbench.testkit.db.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What the runner was asked to do, read from system properties, and the JMH options that follow
 * from it.
 *
 * <ul>
 *   <li>{@code bench.profile}: smoke, quick (default) or full ({@link Profile});</li>
 *   <li>{@code bench.include}: comma-separated; a pattern id (P02) selects that pattern's benchmark
 *       (always paired with its floor), {@value #NONE} selects none (the schema-evolution rehearsal
 *       alone, say), anything else is a JMH include regexp;</li>
 *   <li>{@code bench.evolution}: {@code true} or {@code false}: whether the schema-evolution
 *       rehearsal runs after the patterns, instead of the profile's ({@link Profile#evolution()}:
 *       full runs it, quick and smoke do not);</li>
 *   <li>{@code bench.impl}: comma-separated ids of registered implementations (hibernate, jooq, mybatis, jdbc), any case;</li>
 *   <li>{@code bench.dataSizes}: comma-separated data sizes instead of the profile's;</li>
 *   <li>{@code bench.scaleSizes}: comma-separated data sizes at which {@link Profile#SIZE_PATTERNS} are
 *       measured again, instead of the profile's; {@code none} for no such run;</li>
 *   <li>{@code bench.latency}: comma-separated round-trip times in ms (e.g. {@code 0.5,2}) added
 *       between pool and server for a second measurement of {@link Profile#NETWORK_PATTERNS}
 *       through a delaying relay, instead of the profile's; {@code none} for no such run;</li>
 *   <li>{@code bench.threads}: comma-separated thread counts (1 to {@value Profile#MAX_THREADS}) of
 *       the thread sweep of {@link Profile#SWEEP_PATTERNS}, instead of the profile's; {@code none}
 *       for no sweep;</li>
 *   <li>{@code bench.forks}: how many JVMs measure each fork (1 to {@value #MAX_FORKS}, default 1;
 *       forked profiles only): the whole list of runs is run that many times, one pass after the
 *       other, and each pattern's JVMs are pooled ({@link PairedAnalysis#analyseForks}), so that its
 *       intervals hold the spread between JVMs, which one JVM cannot show;</li>
 *   <li>{@code bench.results}: where result files go (default target/results);</li>
 *   <li>{@code bench.root}: the project's root folder (default ..), whose commit environment.json names;</li>
 *   <li>{@code bench.target.<impl>} (hibernate, jooq, mybatis, jdbc): the build folder of that
 *       implementation's module (default {@code <bench.root>/impl-<impl>/target}; bench/pom.xml passes
 *       each), where its contract suite left {@code surefire-reports/} and {@code reliability/}.</li>
 * </ul>
 *
 * @param profile the profile, with data sizes overridden if asked
 * @param includes the raw bench.include tokens (empty: everything)
 * @param impls the implementations asked for (all when bench.impl is empty)
 * @param results the results folder
 * @param root the project root
 * @param targets each implementation module's build folder, as given ({@link #target} checks it exists)
 * @param jvms how many JVMs measure each fork ({@code bench.forks})
 */
public record BenchConfig(
        Profile profile,
        List<String> includes,
        List<Impl> impls,
        Path results,
        Path root,
        Map<Impl, Path> targets,
        int jvms) {

    /** The most JVMs {@code bench.forks} may ask for per fork. */
    public static final int MAX_FORKS = 10;

    static final String PACKAGE = "dev\\.persistbench\\.bench\\.";
    /** The system property of the forks' pool size, passed on by the runner and raised for the thread sweep. */
    static final String POOL_SIZE = "pb.pool.size";
    /** The bench.include token that selects no pattern. */
    public static final String NONE = "none";

    /** Every pattern id, from the contract's catalogue. */
    public static final List<String> PATTERNS =
            Arrays.stream(Pattern.values()).map(Pattern::id).toList();
    /**
     * Heap of every forked benchmark JVM and cold-start JVM, and quiet start-up logs (embedded
     * PostgreSQL, Flyway, HikariCP log at INFO through slf4j-simple) so that JMH's output stays
     * readable.
     */
    public static final List<String> FORK_JVM_ARGS =
            List.of("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    public BenchConfig {
        includes = List.copyOf(includes);
        impls = List.copyOf(impls);
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        if (jvms < 1 || jvms > MAX_FORKS) {
            throw new IllegalArgumentException("bench.forks must be 1 to " + MAX_FORKS + "; was " + jvms);
        }
        if (jvms > 1 && profile.forks() == 0) {
            throw new IllegalArgumentException("bench.forks=" + jvms + " needs a forked profile (quick or full): "
                    + profile.name() + " runs every benchmark inside the runner's JVM");
        }
    }

    /** The configuration the system properties describe. */
    public static BenchConfig fromProperties(Properties p) {
        Profile profile = Profile.named(p.getProperty("bench.profile", "quick"));
        String rounds = p.getProperty("bench.rounds", "");
        if (!rounds.isBlank()) {
            profile = profile.withRounds(Integer.parseInt(rounds.trim()));
        }
        String warmUp = p.getProperty("bench.warmUpSeconds", "");
        if (!warmUp.isBlank()) {
            profile = profile.withWarmUpMillis(warmUpMillis(warmUp));
        }
        String sizes = p.getProperty("bench.dataSizes", "");
        if (!sizes.isBlank()) {
            profile = profile.withDataSizes(dataSizes("bench.dataSizes", sizes));
        }
        String scaleSizes = p.getProperty("bench.scaleSizes", "");
        if (!scaleSizes.isBlank()) {
            profile = profile.withScaleSizes(
                    scaleSizes.trim().equalsIgnoreCase("none") ? List.of() : dataSizes("bench.scaleSizes", scaleSizes));
        }
        String latency = p.getProperty("bench.latency", "");
        if (!latency.isBlank()) {
            profile = profile.withRttMicros(rttMicros(latency));
        }
        String threads = p.getProperty("bench.threads", "");
        if (!threads.isBlank()) {
            profile = profile.withThreads(threadCounts(threads));
        }
        String evolution = p.getProperty("bench.evolution", "").trim();
        if (!evolution.isEmpty()) {
            profile = profile.withEvolution(flag("bench.evolution", evolution));
        }
        List<String> implNames = split(p.getProperty("bench.impl", ""));
        List<Impl> impls = implNames.isEmpty()
                ? Impl.all()
                : implNames.stream().map(Impl::parse).distinct().toList();
        Path results = Path.of(blankTo(p.getProperty("bench.results"), "target/results"))
                .toAbsolutePath()
                .normalize();
        Path root = Path.of(blankTo(p.getProperty("bench.root"), ".."))
                .toAbsolutePath()
                .normalize();
        Map<Impl, Path> targets = new LinkedHashMap<>();
        for (Impl impl : Impl.all()) {
            targets.put(
                    impl,
                    Path.of(blankTo(
                                    p.getProperty(targetProperty(impl)),
                                    root.resolve(impl.module())
                                            .resolve("target")
                                            .toString()))
                            .toAbsolutePath()
                            .normalize());
        }
        return new BenchConfig(
                profile,
                split(p.getProperty("bench.include", "")),
                impls,
                results,
                root,
                targets,
                forks(p.getProperty("bench.forks", "")));
    }

    /** The system property naming {@code impl}'s build folder: bench.target.jdbc. */
    public static String targetProperty(Impl impl) {
        return "bench.target." + impl.id();
    }

    /**
     * The build folder of {@code impl}'s module, which must exist: its contract suite's Surefire
     * reports and reliability results are read there.
     *
     * @throws IllegalStateException naming the property and the folder when it does not exist
     */
    public Path target(Impl impl) {
        Path dir = targets.get(impl);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(targetProperty(impl) + ": the folder " + dir + " does not exist; build "
                    + impl.module() + " with its tests first (./mvnw -pl " + impl.module()
                    + " -am verify), or set " + targetProperty(impl) + " to its build folder");
        }
        return dir;
    }

    /** The bench.forks value (blank: 1); anything but a whole number from 1 to {@value #MAX_FORKS} is refused naming the property. */
    static int forks(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_FORKS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("bench.forks must be how many JVMs measure each fork, a whole number"
                + " from 1 to " + MAX_FORKS + "; was '" + value.trim() + "'");
    }

    /** The bench.warmUpSeconds value as milliseconds; anything but 0 to 600 seconds is refused naming the property. */
    static long warmUpMillis(String seconds) {
        double s;
        try {
            s = Double.parseDouble(seconds.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "bench.warmUpSeconds must be the warm-up cap per fork in seconds, like 30 (0: no warm-up phase); was '"
                            + seconds + "'",
                    e);
        }
        if (!(s >= 0 && s <= 600)) {
            throw new IllegalArgumentException(
                    "bench.warmUpSeconds must be from 0 to 600 seconds; was " + seconds.trim());
        }
        return Math.round(s * 1000);
    }

    /** Round-trip times in ms ("0.5,2", or "none") as whole µs; a bad value is refused naming the property. */
    static List<Integer> rttMicros(String latencyMs) {
        if (latencyMs.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String token : split(latencyMs)) {
            double ms;
            try {
                ms = Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "bench.latency must be round-trip times in ms, like 0.5,2 (or none); was '" + latencyMs + "'");
            }
            if (!(ms > 0 && ms <= 1000)) {
                throw new IllegalArgumentException(
                        "bench.latency: each round-trip time must be above 0 and at most 1000 ms; was " + token);
            }
            out.add((int) Math.round(ms * 1000));
        }
        return out.stream().distinct().toList();
    }

    /**
     * Data sizes ("1000,50000") of the property {@code property}; a value that is not a valid
     * {@link dev.persistbench.bench.data.Dataset} size (a multiple of 10, at least 100) is refused
     * naming the property.
     */
    static List<Integer> dataSizes(String property, String value) {
        return wholeNumbers(
                value,
                size -> size >= 100 && size % 10 == 0,
                token -> property + ": each data size must be a whole multiple of 10 and at least 100 (customers;"
                        + " orders are twice as many); was '" + token + "'");
    }

    /** Thread counts ("1,4,16", or "none"); a bad value is refused naming the property. */
    static List<Integer> threadCounts(String value) {
        if (value.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        return wholeNumbers(
                        value,
                        n -> n >= 1 && n <= Profile.MAX_THREADS,
                        token -> "bench.threads must be thread counts from 1 to " + Profile.MAX_THREADS
                                + ", like 1,4,16 (or none); was '" + value + "'")
                .stream()
                .sorted()
                .toList();
    }

    /**
     * The comma-separated whole numbers of {@code value}, each once, in order; a token that is not a
     * whole number or fails {@code valid} is refused with the message {@code refusal} makes of it.
     */
    private static List<Integer> wholeNumbers(String value, IntPredicate valid, UnaryOperator<String> refusal) {
        List<Integer> out = new ArrayList<>();
        for (String token : split(value)) {
            int n;
            try {
                n = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(refusal.apply(token), e);
            }
            if (!valid.test(n)) {
                throw new IllegalArgumentException(refusal.apply(token));
            }
            out.add(n);
        }
        return out.stream().distinct().toList();
    }

    /** The patterns selected by bench.include (all when it names none). */
    public List<String> patterns() {
        if (includes.isEmpty()) {
            return PATTERNS;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String token : includes) {
            Pattern.byId(token).ifPresent(p -> selected.add(p.id()));
        }
        return List.copyOf(selected);
    }

    /** Include tokens that are not pattern ids (nor {@value #NONE}): passed to JMH as regexps. */
    public List<String> rawIncludes() {
        return includes.stream()
                .filter(t -> Pattern.byId(t).isEmpty())
                .filter(t -> !t.equalsIgnoreCase(NONE))
                .toList();
    }

    /** Whether bench.include selects no benchmark at all ({@value #NONE}). */
    public boolean noPatterns() {
        return !includes.isEmpty() && patterns().isEmpty() && rawIncludes().isEmpty();
    }

    /** Whether the schema-evolution rehearsal runs: the profile's choice, or {@code bench.evolution}'s. */
    public boolean evolution() {
        return profile.evolution();
    }

    /** {@code true} or {@code false} (any case); anything else is refused, naming {@code property}. */
    static boolean flag(String property, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(property + " must be true or false; was '" + text + "'");
        };
    }

    /** The JMH include regexp of the pattern benchmarks of {@code patterns}. */
    public static String patternRegex(Collection<String> patterns) {
        return patternRegex(patterns, "run");
    }

    /** The JMH include regexp of the benchmark method {@code method} of {@code patterns}. */
    static String patternRegex(Collection<String> patterns, String method) {
        return "^" + PACKAGE + "(" + String.join("|", patterns) + ")[A-Za-z]*Benchmark\\." + method + "$";
    }

    /**
     * The JMH runs: every selected pattern, each in one fork running the floor and {@code timed}
     * in interleaved slices ({@link Profile}). In-process (forks 0) one run per pattern, because
     * JMH drops a whole in-process run when one benchmark throws.
     *
     * @param timed the implementations to time (none: nothing runs, as nothing can be paired)
     * @param forkJvmArgs JVM arguments of every fork (heap, database address, placement)
     */
    public List<JmhRun> runs(Collection<Impl> timed, List<String> forkJvmArgs) {
        return runs(timed, List.of(), forkJvmArgs);
    }

    /**
     * The JMH runs, as {@link #runs(Collection, List)}, with {@code variants} (arm ids such as
     * "jdbc:read-tx", of timed implementations) measured as extra arms in the forks of the
     * patterns they change. A fork's slices are its rounds times its arms, so patterns with
     * variant arms run in JMH runs of their own, one per number of arms.
     */
    public List<JmhRun> runs(Collection<Impl> timed, List<String> variants, List<String> forkJvmArgs) {
        List<JmhRun> runs = new ArrayList<>();
        if (timed.isEmpty()) {
            return runs;
        }
        List<String> patterns = patterns();
        String selection = variants.isEmpty() ? "none" : String.join(",", variants);
        List<String> defaultArms = withVariants(forkJvmArgs, "none");
        forkJvmArgs = withVariants(forkJvmArgs, selection);
        if (profile.forks() == 0) {
            for (String pattern : patterns) {
                runs.add(new JmhRun(
                        "paired " + pattern,
                        build(
                                List.of(patternRegex(List.of(pattern))),
                                timed,
                                variantArms(pattern, timed, selection),
                                forkJvmArgs)));
            }
        } else {
            Map<Integer, List<String>> byVariantArms = new java.util.TreeMap<>();
            for (String pattern : patterns) {
                byVariantArms
                        .computeIfAbsent(variantArms(pattern, timed, selection), k -> new ArrayList<>())
                        .add(pattern);
            }
            List<String> include = new ArrayList<>();
            if (byVariantArms.containsKey(0)) {
                include.add(patternRegex(byVariantArms.get(0)));
            }
            include.addAll(rawIncludes());
            if (!include.isEmpty()) {
                runs.add(new JmhRun("paired", build(include, timed, 0, forkJvmArgs)));
            }
            for (Map.Entry<Integer, List<String>> e : byVariantArms.entrySet()) {
                if (e.getKey() > 0) {
                    runs.add(new JmhRun(
                            "paired with " + e.getKey() + " variant arm(s) " + e.getValue(),
                            build(List.of(patternRegex(e.getValue())), timed, e.getKey(), forkJvmArgs)));
                }
            }
            List<String> far =
                    patterns.stream().filter(Profile.NETWORK_PATTERNS::contains).toList();
            if (!profile.rttMicros().isEmpty() && !far.isEmpty()) {
                runs.add(new JmhRun(
                        "network distance",
                        extraRun(
                                far,
                                timed,
                                forkJvmArgs,
                                Profile.NETWORK_ROUNDS,
                                Profile.NETWORK_WARM_UP_MILLIS,
                                "rttMicros",
                                profile.rttMicros())));
            }
            List<Integer> scale = scaleSizes();
            if (!scale.isEmpty()) {
                runs.add(new JmhRun(
                        "data size",
                        extraRun(
                                patterns.stream()
                                        .filter(Profile.SIZE_PATTERNS::contains)
                                        .toList(),
                                timed,
                                defaultArms,
                                Profile.SIZE_ROUNDS,
                                Profile.SIZE_WARM_UP_MILLIS,
                                "dataSize",
                                scale)));
            }
            List<String> swept =
                    patterns.stream().filter(Profile.SWEEP_PATTERNS::contains).toList();
            for (int n : swept.isEmpty() ? List.<Integer>of() : profile.threads()) {
                runs.add(new JmhRun("thread sweep, " + n + " thread(s)", threadSweep(swept, n, timed, defaultArms)));
            }
        }
        if (jvms == 1) {
            return runs;
        }
        // Every fork again in a new JVM, pass after pass: a pattern's JVMs lie a whole pass apart.
        List<JmhRun> passes = new ArrayList<>();
        for (int jvm = 1; jvm <= jvms; jvm++) {
            for (JmhRun run : runs) {
                passes.add(new JmhRun(run.name() + ", JVM " + jvm + " of " + jvms, run.options()));
            }
        }
        return passes;
    }

    /**
     * The sweep patterns' {@code sweep} methods at {@code threads} threads: fewer rounds, a shorter
     * warm-up cap, and a pool of at least one connection per thread. {@code forkJvmArgs} select the
     * default arms only (no variant arm).
     */
    private Options threadSweep(List<String> patterns, int threads, Collection<Impl> timed, List<String> forkJvmArgs) {
        Profile sweep = profile.withRounds(Math.min(profile.rounds(), Profile.SWEEP_ROUNDS));
        return new OptionsBuilder()
                .parent(build(List.of(patternRegex(patterns, Slices.SWEEP_METHOD)), timed, 0, forkJvmArgs))
                .measurementIterations(sweep.slices(timed.size()))
                .threads(threads)
                .jvmArgsAppend(
                        "-D" + WarmUp.PROPERTY + "=" + Math.min(profile.warmUpMillis(), Profile.SWEEP_WARM_UP_MILLIS),
                        "-D" + POOL_SIZE + "=" + Math.max(threads, poolSize(forkJvmArgs)))
                .build();
    }

    /** The pool size the forks are given ({@value #POOL_SIZE} among {@code forkJvmArgs}, else the kit's default). */
    static int poolSize(List<String> forkJvmArgs) {
        String prefix = "-D" + POOL_SIZE + "=";
        return forkJvmArgs.stream()
                .filter(a -> a.startsWith(prefix))
                .map(a -> Integer.parseInt(a.substring(prefix.length())))
                .reduce((a, b) -> b)
                .orElse(TestDatabase.DEFAULT_POOL_SIZE);
    }

    /**
     * The sizes the "data size" run measures: the profile's scale sizes that are not among its data
     * sizes (those are measured already); none in-process (forks 0, as the network distance) or
     * when no {@link Profile#SIZE_PATTERNS size pattern} is selected.
     */
    public List<Integer> scaleSizes() {
        if (profile.forks() == 0 || patterns().stream().noneMatch(Profile.SIZE_PATTERNS::contains)) {
            return List.of();
        }
        return profile.scaleSizes().stream()
                .filter(s -> !profile.dataSizes().contains(s))
                .toList();
    }

    /**
     * A run of {@code patterns} measured again at each value of the JMH parameter {@code param}
     * (a network distance, a data size), with the implementations and the floor only: at most
     * {@code rounds} rounds and a warm-up cap of at most {@code warmUpCapMillis}.
     */
    private Options extraRun(
            List<String> patterns,
            Collection<Impl> timed,
            List<String> forkJvmArgs,
            int rounds,
            long warmUpCapMillis,
            String param,
            List<Integer> values) {
        return new OptionsBuilder()
                .parent(build(List.of(patternRegex(patterns)), timed, 0, forkJvmArgs))
                .measurementIterations(Math.min(profile.rounds(), rounds) * (timed.size() + 1))
                .jvmArgsAppend("-D" + WarmUp.PROPERTY + "=" + Math.min(profile.warmUpMillis(), warmUpCapMillis))
                .param(param, values.stream().map(String::valueOf).toArray(String[]::new))
                .build();
    }

    /** {@code forkJvmArgs} with the fork's variant selection ({@link Arm#VARIANTS_PROPERTY}) added. */
    private static List<String> withVariants(List<String> forkJvmArgs, String selection) {
        List<String> args = new ArrayList<>(forkJvmArgs);
        args.add("-D" + Arm.VARIANTS_PROPERTY + "=" + selection);
        return List.copyOf(args);
    }

    /** Slices per fork at no added distance: every arm (the timed implementations and the floor) once per round. */
    public int slices(Collection<Impl> timed) {
        return profile.slices(timed.size());
    }

    /** Slices per fork with {@code variantArms} variant arms besides the floor and {@code timed}. */
    public int slices(Collection<Impl> timed, int variantArms) {
        return profile.slices(timed.size() + variantArms);
    }

    /**
     * How many variant arms {@code pattern}'s fork will run beside the floor and {@code timed}: counted
     * on the arms the fork itself builds ({@link Arm#forPattern}) from the same selection.
     */
    static int variantArms(String pattern, Collection<Impl> timed, String selection) {
        return (int) Arm.forPattern(implsParam(timed), pattern, 0, selection).stream()
                .filter(Arm::variant)
                .count();
    }

    /** The JMH parameter {@code impls}: the timed implementations' ids, comma-separated. */
    private static String implsParam(Collection<Impl> timed) {
        return timed.stream().map(Impl::id).collect(java.util.stream.Collectors.joining(","));
    }

    private Options build(
            List<String> includeRegexps, Collection<Impl> timed, int variantArms, List<String> forkJvmArgs) {
        TimeValue slice = TimeValue.milliseconds(profile.sliceMillis());
        ChainedOptionsBuilder b = new OptionsBuilder()
                .forks(profile.forks())
                // No JMH warm-up: each fork warms its arms untimed until they settle (WarmUp), and the
                // analysis decides from the data where each pattern settled.
                .warmupIterations(0)
                .warmupTime(slice)
                .measurementIterations(slices(timed, variantArms))
                .measurementTime(slice)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(1)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false)
                .jvmArgs(forkJvmArgs.toArray(String[]::new))
                .jvmArgsAppend("-D" + WarmUp.PROPERTY + "=" + profile.warmUpMillis())
                .param(
                        "dataSize",
                        profile.dataSizes().stream().map(String::valueOf).toArray(String[]::new))
                .param("impls", implsParam(timed));
        includeRegexps.forEach(b::include);
        return b.build();
    }

    /** One invocation of the JMH runner. */
    public record JmhRun(String name, Options options) {}

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
