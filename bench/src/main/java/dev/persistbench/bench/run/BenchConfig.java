package dev.persistbench.bench.run;

import dev.persistbench.bench.Impl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 *       and its floor, {@code floor} every floor, anything else is a JMH include regexp;</li>
 *   <li>{@code bench.impl}: comma-separated implementations (HIBERNATE, JOOQ, MYBATIS, JDBC);</li>
 *   <li>{@code bench.dataSizes}: comma-separated data sizes instead of the profile's;</li>
 *   <li>{@code bench.results}: where result files go (default target/results);</li>
 *   <li>{@code bench.root}: the project's root folder (default ..), where the implementations'
 *       contract-suite reports are read.</li>
 * </ul>
 *
 * @param profile the profile, with data sizes overridden if asked
 * @param includes the raw bench.include tokens (empty: everything)
 * @param impls the implementations asked for (all when bench.impl is empty)
 * @param results the results folder
 * @param root the project root
 */
public record BenchConfig(Profile profile, List<String> includes, List<Impl> impls, Path results, Path root) {

    static final String PACKAGE = "dev\\.persistbench\\.bench\\.";
    private static final Pattern PATTERN_ID = Pattern.compile("P(0[1-9]|1[0-3])");
    /** Patterns that have a raw-jdbc floor method (lower-case pattern id). */
    public static final List<String> FLOOR_PATTERNS = List.of("P02", "P03", "P07", "P08", "P11");
    /** Every pattern id. */
    public static final List<String> PATTERNS =
            List.of("P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10", "P11", "P12", "P13");
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
    }

    /** The configuration the system properties describe. */
    public static BenchConfig fromProperties(Properties p) {
        Profile profile = Profile.named(p.getProperty("bench.profile", "quick"));
        List<String> sizes = split(p.getProperty("bench.dataSizes", ""));
        if (!sizes.isEmpty()) {
            profile = profile.withDataSizes(sizes.stream().map(Integer::valueOf).toList());
        }
        List<String> implNames = split(p.getProperty("bench.impl", ""));
        List<Impl> impls = implNames.isEmpty()
                ? List.of(Impl.values())
                : implNames.stream().map(Impl::parse).distinct().toList();
        Path results = Path.of(blankTo(p.getProperty("bench.results"), "target/results"))
                .toAbsolutePath()
                .normalize();
        Path root = Path.of(blankTo(p.getProperty("bench.root"), ".."))
                .toAbsolutePath()
                .normalize();
        return new BenchConfig(profile, split(p.getProperty("bench.include", "")), impls, results, root);
    }

    /** The patterns selected by bench.include (all when it names none). */
    public List<String> patterns() {
        if (includes.isEmpty()) {
            return PATTERNS;
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String token : includes) {
            String upper = token.toUpperCase(Locale.ROOT);
            if (PATTERN_ID.matcher(upper).matches()) {
                selected.add(upper);
            }
        }
        return List.copyOf(selected);
    }

    /** The floor methods selected: selectOne and the floors of the selected patterns. */
    public List<String> floorMethods() {
        List<String> methods = new ArrayList<>();
        boolean all = includes.isEmpty() || includes.stream().anyMatch(t -> t.equalsIgnoreCase("floor"));
        if (all || includes.stream().anyMatch(t -> t.equals("selectOne"))) {
            methods.add("selectOne");
        }
        for (String pattern : FLOOR_PATTERNS) {
            if (all || patterns().contains(pattern) && !includes.isEmpty()) {
                methods.add(pattern.toLowerCase(Locale.ROOT));
            }
        }
        return methods;
    }

    /** Include tokens that are neither pattern ids nor "floor": passed to JMH as regexps. */
    public List<String> rawIncludes() {
        return includes.stream()
                .filter(t -> !PATTERN_ID.matcher(t.toUpperCase(Locale.ROOT)).matches())
                .filter(t -> !t.equalsIgnoreCase("floor") && !t.equals("selectOne"))
                .toList();
    }

    /** The JMH include regexp of the pattern benchmarks of {@code patterns}. */
    public static String patternRegex(Collection<String> patterns) {
        return "^" + PACKAGE + "(" + String.join("|", patterns) + ")[A-Za-z]*Benchmark\\.run$";
    }

    /** The JMH include regexp of the floor methods. */
    public static String floorRegex(Collection<String> methods) {
        return "^" + PACKAGE + "FloorBenchmark\\.(" + String.join("|", methods) + ")$";
    }

    /**
     * The JMH runs: the main run (average time, every selected benchmark) and, in the full
     * profile, the sample-time run and one run per extra thread count of the sweep.
     *
     * @param timed the implementations to time (may be empty: then only floors run)
     * @param floor whether the floor may be timed
     * @param forkJvmArgs JVM arguments of every fork (heap, database address)
     */
    public List<JmhRun> runs(Collection<Impl> timed, boolean floor, List<String> forkJvmArgs) {
        List<JmhRun> runs = new ArrayList<>();
        List<String> patterns = patterns();
        if (profile.forks() == 0) {
            // In-process, JMH loses the results of the whole run when one benchmark throws during an
            // iteration: one run per benchmark, so a failure costs only its own result.
            for (String pattern : timed.isEmpty() ? List.<String>of() : patterns) {
                for (Impl impl : timed) {
                    runs.add(new JmhRun(
                            "avgt " + pattern + " " + impl.id(),
                            build(
                                    List.of(patternRegex(List.of(pattern))),
                                    List.of(impl),
                                    Mode.AverageTime,
                                    1,
                                    forkJvmArgs)));
                }
            }
            for (String method : floor ? floorMethods() : List.<String>of()) {
                runs.add(new JmhRun(
                        "avgt floor " + method,
                        build(List.of(floorRegex(List.of(method))), List.of(), Mode.AverageTime, 1, forkJvmArgs)));
            }
            if (!timed.isEmpty() && !rawIncludes().isEmpty()) {
                runs.add(new JmhRun(
                        "avgt " + rawIncludes(), build(rawIncludes(), timed, Mode.AverageTime, 1, forkJvmArgs)));
            }
            return runs;
        }
        List<String> mainIncludes = new ArrayList<>();
        if (!timed.isEmpty() && !patterns.isEmpty()) {
            mainIncludes.add(patternRegex(patterns));
        }
        if (floor && !floorMethods().isEmpty()) {
            mainIncludes.add(floorRegex(floorMethods()));
        }
        if (!timed.isEmpty()) {
            // A raw regexp may match pattern benchmarks, which must never run without the impl filter.
            mainIncludes.addAll(rawIncludes());
        }
        if (!mainIncludes.isEmpty()) {
            runs.add(new JmhRun("avgt", build(mainIncludes, timed, Mode.AverageTime, 1, forkJvmArgs)));
        }
        List<String> sample =
                profile.samplePatterns().stream().filter(patterns::contains).toList();
        if (!sample.isEmpty()) {
            List<String> inc = new ArrayList<>();
            if (!timed.isEmpty()) {
                inc.add(patternRegex(sample));
            }
            List<String> floors = sample.stream()
                    .filter(FLOOR_PATTERNS::contains)
                    .map(s -> s.toLowerCase(Locale.ROOT))
                    .toList();
            if (floor && !floors.isEmpty()) {
                inc.add(floorRegex(floors));
            }
            if (!inc.isEmpty()) {
                runs.add(new JmhRun("sample", build(inc, timed, Mode.SampleTime, 1, forkJvmArgs)));
            }
        }
        List<String> sweep =
                profile.sweepPatterns().stream().filter(patterns::contains).toList();
        if (!sweep.isEmpty() && !timed.isEmpty()) {
            for (int threads : profile.threadSweep()) {
                runs.add(new JmhRun(
                        "threads-" + threads,
                        build(List.of(patternRegex(sweep)), timed, Mode.AverageTime, threads, forkJvmArgs)));
            }
        }
        return runs;
    }

    private Options build(
            List<String> includeRegexps, Collection<Impl> timed, Mode mode, int threads, List<String> forkJvmArgs) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .forks(profile.forks())
                .warmupIterations(profile.warmupIterations())
                .warmupTime(TimeValue.milliseconds(profile.warmupMillis()))
                .measurementIterations(profile.measurementIterations())
                .measurementTime(TimeValue.milliseconds(profile.measurementMillis()))
                .mode(mode)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(threads)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false)
                .jvmArgs(forkJvmArgs.toArray(String[]::new))
                .param(
                        "dataSize",
                        profile.dataSizes().stream().map(String::valueOf).toArray(String[]::new));
        if (!timed.isEmpty()) {
            b.param("impl", timed.stream().map(Impl::name).toArray(String[]::new));
        }
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
