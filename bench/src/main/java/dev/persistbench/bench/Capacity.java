package dev.persistbench.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * How many rows a write benchmark must pre-make for one iteration: an iteration runs for a fixed
 * time, so the pool must outlast the fastest plausible operation. An exhausted pool stops the
 * benchmark with a message (never a silent change of workload); raise {@value #SCALE_PROPERTY}.
 */
public final class Capacity {

    /** Multiplies every pool (default 1); for machines where operations are faster than assumed. */
    public static final String SCALE_PROPERTY = "bench.poolScale";

    private Capacity() {}

    /** Operations one iteration of {@code params} may run at {@code opsPerMs} per millisecond and thread. */
    public static int perIteration(BenchmarkParams params, int opsPerMs) {
        if (opsPerMs <= 0) {
            return 0;
        }
        long warmup = params.getWarmup().getTime().convertTo(TimeUnit.MILLISECONDS);
        long measurement = params.getMeasurement().getTime().convertTo(TimeUnit.MILLISECONDS);
        double ops = Math.max(warmup, measurement) * (double) opsPerMs * params.getThreads() * scale();
        return (int) Math.min(Integer.MAX_VALUE / 8, Math.ceil(ops));
    }

    static double scale() {
        String value = System.getProperty(SCALE_PROPERTY, "");
        if (value.isBlank()) {
            return 1.0;
        }
        double scale = Double.parseDouble(value.trim());
        if (!(scale > 0)) {
            throw new IllegalArgumentException(SCALE_PROPERTY + " must be positive, was " + value);
        }
        return scale;
    }

    /** The exception an operation throws when its iteration used up the pool. */
    public static IllegalStateException exhausted(String pattern, int size) {
        return new IllegalStateException(pattern + ": the iteration used all " + size
                + " pre-made rows; operations are faster than the pool assumes: raise -D" + SCALE_PROPERTY
                + " (e.g. 3)");
    }
}
