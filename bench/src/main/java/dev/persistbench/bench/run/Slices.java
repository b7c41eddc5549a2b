package dev.persistbench.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.persistbench.bench.Arm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The order of a fork's slices, and what was seen around each: every round runs each arm once, in
 * an order drawn from a random sequence seeded by the pattern (reproducible, and no arm always
 * follows the same neighbour); before each slice a burst of {@value #PROBES} {@code SELECT 1}
 * round trips, outside the timing, records how fast the machine was then. At the end of the trial
 * the record is written to {@code <bench.slices>/<pattern>-<dataSize>[-rtt<µs>]-t<threads>.json}, where the
 * runner pairs it with JMH's per-iteration results.
 */
public final class Slices {

    /** The folder the runner passes to every fork. */
    public static final String PROPERTY = "bench.slices";

    /** SELECT 1 round trips per probe. */
    static final int PROBES = 50;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What a fork wrote.
     *
     * @param pattern P01 ... P13
     * @param dataSize the data set's size
     * @param rttMicros the round-trip time added between pool and server (0: none)
     * @param threads measuring threads
     * @param arms arm ids, floor first
     * @param slices one entry per JMH iteration, warm-up iterations included, in order
     * @param placement where the threads ran
     * @param warmUp the untimed warm-up phase before the first slice
     */
    public record Record(
            String pattern,
            int dataSize,
            int rttMicros,
            int threads,
            List<String> arms,
            List<Slice> slices,
            Placement placement,
            WarmUp.Record warmUp) {}

    /**
     * One slice.
     *
     * @param arm the arm it ran
     * @param round the round it belongs to (from 0)
     * @param epochMillis when it started
     * @param selectOneUs median of the probe's round trips just before it, in µs
     */
    public record Slice(String arm, int round, long epochMillis, double selectOneUs) {}

    private final String pattern;
    private final int dataSize;
    private final int rttMicros;
    private final int threads;
    private final List<Arm> arms;
    private final Placement placement;
    private final WarmUp.Record warmUp;
    private final Random order;
    private final List<Slice> done = new ArrayList<>();
    private final List<Arm> round = new ArrayList<>();
    private int roundNo = -1;

    public Slices(
            String pattern,
            int dataSize,
            int rttMicros,
            BenchmarkParams params,
            List<Arm> arms,
            Placement placement,
            WarmUp.Record warmUp) {
        this.pattern = pattern;
        this.dataSize = dataSize;
        this.rttMicros = rttMicros;
        this.threads = params.getThreads();
        this.arms = List.copyOf(arms);
        this.placement = placement;
        this.warmUp = warmUp;
        this.order = new Random(pattern.hashCode() * 31L + dataSize);
    }

    /** The arm of the next slice, after probing the round trip over {@code dataSource}. */
    public Arm next(DataSource dataSource) {
        if (round.isEmpty()) {
            round.addAll(arms);
            Collections.shuffle(round, order);
            roundNo++;
        }
        Arm arm = round.remove(0);
        done.add(new Slice(arm.id(), roundNo, System.currentTimeMillis(), probe(dataSource)));
        return arm;
    }

    /** Writes the record where the runner expects it (nothing when no folder was given: a run outside the runner). */
    public void write() {
        String folder = System.getProperty(PROPERTY, "");
        if (folder.isBlank()) {
            return;
        }
        Record record = new Record(
                pattern,
                dataSize,
                rttMicros,
                threads,
                arms.stream().map(Arm::id).toList(),
                List.copyOf(done),
                placement,
                warmUp);
        try {
            Path dir = Files.createDirectories(Path.of(folder));
            Path file = dir.resolve(fileName(pattern, dataSize, rttMicros, threads));
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), record);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the slices of " + pattern, e);
        }
    }

    /** The file name of a fork's record. */
    public static String fileName(String pattern, int dataSize, int rttMicros, int threads) {
        return pattern + "-" + dataSize + (rttMicros == 0 ? "" : "-rtt" + rttMicros) + "-t" + threads + ".json";
    }

    private static double probe(DataSource dataSource) {
        double[] us = new double[PROBES];
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            for (int i = 0; i < us.length; i++) {
                long t = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                us[i] = (System.nanoTime() - t) / 1_000.0;
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
        Arrays.sort(us);
        return us[us.length / 2];
    }
}
