package dev.persistbench.bench.run;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the threads of one thread-sweep slice did: every operation's latency (HdrHistogram, 3
 * significant digits, recorded from any thread without locks) and every operation that failed, by
 * exception class. A failing operation is counted and the slice goes on: under contention a
 * write may fail as its contract allows (P06: a conflict, stock taken by another thread), and
 * that is a result, not a reason to stop measuring. Its latency is recorded like any other.
 *
 * <p>One instance per fork, shared by its threads: {@link #begin()} before a slice (no thread is
 * running then), {@link #time} by every thread during it, {@link #take()} after it.
 */
public final class SliceLoad {

    private final Recorder latencies = new Recorder(3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile long startNanos;

    /** Starts a slice: forgets what the previous one recorded. */
    public void begin() {
        latencies.reset();
        errors.clear();
        startNanos = System.nanoTime();
    }

    /** Runs {@code op} once, recording its latency; a failure is counted and gives null. */
    public <T> T time(Supplier<T> op) {
        long start = System.nanoTime();
        try {
            return op.get();
        } catch (RuntimeException e) {
            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder())
                    .increment();
            return null;
        } finally {
            latencies.recordValue(Math.max(1, System.nanoTime() - start));
        }
    }

    /** Ends the slice: what it recorded, or null when no operation was timed (a fork outside the sweep). */
    public Slices.Load take() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Histogram h = latencies.getIntervalHistogram();
        if (h.getTotalCount() == 0) {
            return null;
        }
        Map<String, Long> failed = new TreeMap<>();
        errors.forEach((k, v) -> failed.put(k, v.sum()));
        return new Slices.Load(h.getTotalCount(), seconds, failed, encode(h));
    }

    /** A histogram as compact text for the slices file. */
    static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** The histogram {@link #encode} wrote. */
    static Histogram decode(String text) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded latency histogram", e);
        }
    }

    /**
     * Latency percentiles over several slices, in µs: the slices' histograms merged, so a
     * percentile is one of all their operations, not a median of per-slice percentiles.
     *
     * @param loads the slices (none: all percentiles NaN)
     * @param percentiles the percentiles asked for, 0..100 (50, 99, 99.9)
     */
    public static double[] percentilesUs(List<Slices.Load> loads, double... percentiles) {
        Histogram all = new Histogram(3);
        loads.forEach(l -> all.add(decode(l.histogram())));
        double[] out = new double[percentiles.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.getTotalCount() == 0 ? Double.NaN : all.getValueAtPercentile(percentiles[i]) / 1_000.0;
        }
        return out;
    }
}
