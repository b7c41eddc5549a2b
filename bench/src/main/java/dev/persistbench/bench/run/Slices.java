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
 * round trips and the {@link CpuProbe}'s fixed work, outside the timing, record how fast the
 * machine's round trip and its CPU were then. At the end of the trial
 * the record is written to {@code <bench.slices>/<pattern>-<dataSize>[-rtt<µs>]-t<threads>[-sweep].json}, where the
 * runner pairs it with JMH's per-iteration results. A thread-sweep fork also records each slice's
 * load ({@link SliceLoad}) and the server's rollback and deadlock counts over its slices.
 */
public final class Slices {

    /** The folder the runner passes to every fork. */
    public static final String PROPERTY = "bench.slices";

    /** The benchmark method a thread-sweep fork runs (the ranking's is {@code run}). */
    public static final String SWEEP_METHOD = "sweep";

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
     * @param placement where the threads ran at the end (its note says how often the measuring CPU moved)
     * @param warmUp the untimed warm-up phase before the first slice
     * @param sweep what a thread-sweep fork adds (null: not one)
     * @param coreMoves each move of the measuring thread to the faster CPU ({@link MeasuringCore}),
     *     in order (empty: none, or a record written before the bench moved it)
     */
    public record Record(
            String pattern,
            int dataSize,
            int rttMicros,
            int threads,
            List<String> arms,
            List<Slice> slices,
            Placement placement,
            WarmUp.Record warmUp,
            Sweep sweep,
            List<MeasuringCore.Move> coreMoves) {

        public Record {
            coreMoves = coreMoves == null ? List.of() : List.copyOf(coreMoves);
        }
    }

    /**
     * What a thread-sweep fork records besides its slices.
     *
     * @param poolSize the arms' connection pool's size
     * @param rollbacks transactions the server rolled back in the fork's database from the first
     *     slice to the end (pg_stat_database.xact_rollback; as far as the server had counted them)
     * @param deadlocks deadlocks the server detected in that time (pg_stat_database.deadlocks)
     */
    public record Sweep(int poolSize, long rollbacks, long deadlocks) {}

    /**
     * What all threads of a thread-sweep slice did.
     *
     * @param ops operations timed, failed ones included
     * @param seconds the slice's length as the fork measured it
     * @param errors failed operations by exception class (simple name)
     * @param histogram every operation's latency in ns, an HdrHistogram compressed and in Base64
     */
    public record Load(long ops, double seconds, java.util.Map<String, Long> errors, String histogram) {}

    /**
     * One slice.
     *
     * @param arm the arm it ran
     * @param round the round it belongs to (from 0)
     * @param epochMillis when it started
     * @param selectOneUs median of the probe's round trips just before it, in µs
     * @param cpuLoopUs the {@link CpuProbe}'s loop just before it, µs (null: a record without it)
     * @param memoryWalkUs the {@link CpuProbe}'s memory walk just before it, µs (null: a record without it)
     * @param load what its threads did (thread-sweep forks; null otherwise)
     * @param cpu the CPU the measuring thread ran on (null: not pinned, or a record without it)
     * @param jitMillis the fork's JIT compilers' accumulated time when it started, ms ({@link Jit};
     *     null: the JVM does not tell, or a record without it)
     */
    public record Slice(
            String arm,
            int round,
            long epochMillis,
            double selectOneUs,
            Double cpuLoopUs,
            Double memoryWalkUs,
            Load load,
            Integer cpu,
            Long jitMillis) {

        /** A slice of a fork outside the thread sweep. */
        public Slice(String arm, int round, long epochMillis, double selectOneUs, CpuProbe.Reading cpu) {
            this(arm, round, epochMillis, selectOneUs, cpu.loopUs(), cpu.walkUs(), null, null, null);
        }

        /** The same slice with what its threads did. */
        Slice with(Load load) {
            return new Slice(arm, round, epochMillis, selectOneUs, cpuLoopUs, memoryWalkUs, load, cpu, jitMillis);
        }
    }

    private final String pattern;
    private final int dataSize;
    private final int rttMicros;
    private final int threads;
    private final List<Arm> arms;
    private final MeasuringCore core;
    private final WarmUp.Record warmUp;
    private final boolean sweep;
    private final Rounds<Arm> rounds;
    private final CpuProbe cpu = CpuProbe.create();
    private final List<Slice> done = new ArrayList<>();

    public Slices(
            String pattern,
            int dataSize,
            int rttMicros,
            BenchmarkParams params,
            List<Arm> arms,
            MeasuringCore core,
            WarmUp.Record warmUp) {
        this.pattern = pattern;
        this.dataSize = dataSize;
        this.rttMicros = rttMicros;
        this.threads = params.getThreads();
        this.arms = List.copyOf(arms);
        this.core = core;
        this.warmUp = warmUp;
        this.sweep = params.getBenchmark().endsWith("." + SWEEP_METHOD);
        this.rounds = new Rounds<>(arms, new Random(pattern.hashCode() * 31L + dataSize));
    }

    /**
     * The arm of the next slice, after probing the round trip over {@code dataSource}; a round's first
     * slice may first move the measuring thread to the faster CPU ({@link MeasuringCore}).
     */
    public Arm next(DataSource dataSource) {
        Arm arm = rounds.next();
        if (rounds.began()) {
            core.beforeRound(rounds.number());
        }
        long at = System.currentTimeMillis();
        long jit = Jit.compileMillis();
        double selectOne = probe(dataSource);
        CpuProbe.Reading reading = cpu.read();
        int on = core.cpu();
        done.add(new Slice(
                arm.id(),
                rounds.number(),
                at,
                selectOne,
                reading.loopUs(),
                reading.walkUs(),
                null,
                on < 0 ? null : on,
                jit < 0 ? null : jit));
        return arm;
    }

    /** Whether the slice {@link #next} last gave is the first of its round. */
    public boolean roundBegan() {
        return rounds.began();
    }

    /**
     * Every item once per round, each round in an order drawn from {@code order}.
     *
     * @param <T> what is put in order (a fork's arms)
     */
    static final class Rounds<T> {
        private final List<T> items;
        private final Random order;
        private final List<T> left = new ArrayList<>();
        private int number = -1;
        private boolean began;

        Rounds(List<T> items, Random order) {
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a round needs at least one item");
            }
            this.items = List.copyOf(items);
            this.order = order;
        }

        /** The next item, beginning a new round when the last one has given every item. */
        T next() {
            began = left.isEmpty();
            if (began) {
                left.addAll(items);
                Collections.shuffle(left, order);
                number++;
            }
            return left.remove(0);
        }

        /** The round of the item {@link #next} last gave, from 0 (-1 before the first). */
        int number() {
            return number;
        }

        /** Whether the item {@link #next} last gave began its round. */
        boolean began() {
            return began;
        }
    }

    /** Whether this fork belongs to the thread sweep. */
    public boolean sweep() {
        return sweep;
    }

    /** Adds what the last slice's threads did ({@code load}: null when nothing was timed) to its entry. */
    public void finish(Load load) {
        if (load != null && !done.isEmpty()) {
            Slice last = done.removeLast();
            done.add(last.with(load));
        }
    }

    /**
     * Writes the record where the runner expects it (nothing when no folder was given: a run outside
     * the runner); {@code server}: a sweep fork's figures, null for other forks.
     */
    public void write(Sweep server) {
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
                core.placement(),
                warmUp,
                server,
                core.moves());
        try {
            Path dir = Files.createDirectories(Path.of(folder));
            // A fork run again (bench.forks) finds its earlier runs' records: it is the next one.
            int jvm = 1;
            while (Files.exists(dir.resolve(fileName(pattern, dataSize, rttMicros, threads, sweep, jvm)))) {
                jvm++;
            }
            Path file = dir.resolve(fileName(pattern, dataSize, rttMicros, threads, sweep, jvm));
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), record);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the slices of " + pattern, e);
        }
    }

    /** The file name of a fork's record ({@code sweep}: a thread-sweep fork). */
    public static String fileName(String pattern, int dataSize, int rttMicros, int threads, boolean sweep) {
        return fileName(pattern, dataSize, rttMicros, threads, sweep, 1);
    }

    /**
     * The file name of the record of a fork's {@code jvm}-th run (1: the first, whose name has no
     * number; {@code bench.forks} runs every fork that many times, the runner deleting old records
     * before it starts).
     */
    public static String fileName(String pattern, int dataSize, int rttMicros, int threads, boolean sweep, int jvm) {
        return pattern + "-" + dataSize + (rttMicros == 0 ? "" : "-rtt" + rttMicros) + "-t" + threads
                + (sweep ? "-sweep" : "") + (jvm == 1 ? "" : "-jvm" + jvm) + ".json";
    }

    /** The median µs of {@value #PROBES} SELECT 1 round trips over {@code dataSource} (NaN: failed). */
    public static double probe(DataSource dataSource) {
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
