package dev.persistbench.bench.run;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How long this JVM's JIT compilers have worked so far: the warm-up phase waits for them to go
 * quiet ({@link WarmUp}), and each slice records the reading at its start, so that the analysis can
 * say how much of a pattern's steady rounds the JIT was still compiling through.
 *
 * <p>Why it matters here: one fork runs five stacks' code in one JVM, and on two cores the C2
 * compiler shares the other CPU with the C1 compiler, GC and the server's background work. In a P09
 * fork C2 was busy for about 35 s after the warm-up phase began (1.3-1.9 s of every 3.5 s), and
 * every arm, the floor included, ran 1.5-3x slower until it finished; an arm whose own chunks looked
 * flat in that time was not warm.
 */
public final class Jit {

    private Jit() {}

    /**
     * The compilers' accumulated time in milliseconds, summed over compiler threads (it may grow
     * faster than the clock), or -1 where the JVM does not tell.
     */
    public static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return -1;
        }
        return jit.getTotalCompilationTime();
    }

    /**
     * The compilers' time between two readings as a share of the wall time between them, or null
     * when either reading is unknown or no time passed.
     */
    public static Double share(long jitFromMillis, long jitToMillis, double wallMillis) {
        if (jitFromMillis < 0 || jitToMillis < 0 || wallMillis <= 0) {
            return null;
        }
        return (jitToMillis - jitFromMillis) / wallMillis;
    }
}
