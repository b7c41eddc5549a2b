package dev.persistbench.bench.run;

import dev.persistbench.bench.Impl;
import dev.persistbench.reports.results.ColdStartResult;
import dev.persistbench.reports.results.ColdStartResult.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start: for each implementation, several fresh JVMs (same java, same class path) go from
 * nothing to the first P02 answer against the database the parent already started and seeded.
 * Time is wall-clock in the parent, from process start to the child's answer line (JVM start,
 * class loading, pool, framework bootstrap, first query). Heap: {@code heapMb} is what the child
 * still holds after a full GC right after answering (what the framework keeps: metamodel,
 * caches, the pool); {@code heapUsedMb} what was in use before that GC (garbage of the start-up
 * included, so it depends on when the last collection happened). The records are the report's
 * ({@link ColdStartResult}).
 */
public final class ColdStart {

    /**
     * Where and how the child connects.
     *
     * @param url the server's JDBC URL
     * @param user user name
     * @param password password (passed in the child's environment, never on its command line)
     * @param poolSize pool size, as the benchmarks use
     * @param driverProperties pgjdbc properties including currentSchema, as the benchmarks use
     * @param customerId the customer to read
     * @param expectedEmail its e-mail, to check the answer
     */
    public record Target(
            String url,
            String user,
            String password,
            int poolSize,
            Map<String, String> driverProperties,
            long customerId,
            String expectedEmail) {}

    private ColdStart() {}

    /** Measures {@code runs} JVMs of {@code impl}. */
    public static ColdStartResult measure(Impl impl, int runs, Target target, List<String> jvmArgs, Path logDir) {
        List<Run> done = new ArrayList<>();
        String error = null;
        for (int i = 1; i <= runs && error == null; i++) {
            try {
                done.add(once(impl, target, jvmArgs, logDir.resolve("coldstart-" + impl.id() + "-" + i + ".log")));
            } catch (IOException | RuntimeException e) {
                error = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
        }
        long medianMs = done.isEmpty()
                ? 0
                : Math.round(median(done.stream().mapToDouble(Run::ms).toArray()));
        double medianHeap = done.isEmpty()
                ? 0
                : round1(median(done.stream().mapToDouble(Run::heapMb).toArray()));
        return new ColdStartResult(impl.id(), List.copyOf(done), medianMs, medianHeap, error);
    }

    private static Run once(Impl impl, Target target, List<String> jvmArgs, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Dpb.cold.url=" + target.url());
        command.add("-Dpb.cold.user=" + target.user());
        command.add("-Dpb.cold.poolSize=" + target.poolSize());
        command.add("-Dpb.cold.customer=" + target.customerId());
        target.driverProperties().forEach((k, v) -> command.add("-Dpb.cold.driver." + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ColdStartMain.class.getName());
        command.add(impl.id());
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().put("PB_COLD_PASSWORD", target.password());
        long start = System.nanoTime();
        Process process = pb.start();
        String answer = null;
        long end = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ColdStartMain.MARKER + " ")) {
                    end = System.nanoTime();
                    answer = line.substring(ColdStartMain.MARKER.length() + 1);
                    break;
                }
            }
            // drain the rest so the child never blocks on a full pipe
            while (out.readLine() != null) {
                // nothing
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "cold start of " + impl.id() + " did not end within 2 minutes (log: " + log + ")");
        }
        if (answer == null) {
            throw new IllegalStateException("cold start of " + impl.id() + " printed no answer, exit "
                    + process.exitValue() + " (log: " + log + ")");
        }
        String[] parts = answer.split(" ", 4);
        if (!parts[0].equals("ok")) {
            throw new IllegalStateException("cold start of " + impl.id() + " failed: "
                    + answer.substring(parts[0].length()).trim() + " (log: " + log + ")");
        }
        if (!parts[3].equals(target.expectedEmail())) {
            throw new IllegalStateException("cold start of " + impl.id() + ": P02 expected e-mail "
                    + target.expectedEmail() + " but got " + parts[3]);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(end - start);
        double mb = 1024.0 * 1024.0;
        return new Run(ms, round1(Long.parseLong(parts[2]) / mb), round1(Long.parseLong(parts[1]) / mb));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
