package dev.persistbench.bench.evolution;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.bench.Impl;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The zero-downtime rehearsal: for each implementation, a scratch schema at V1 holding the data
 * set; the implementation as built today (it knows only V1) serves a {@link MixedLoad} over a
 * Hikari pool; after a baseline window each step of the {@link EvolutionTrack} is applied by
 * Flyway on a connection of its own whose session has {@code lock_timeout} set, while a
 * {@link LockSampler} watches its locks; a window after each step lets the old code meet the
 * new schema. Afterwards every acknowledged order is looked up with its lines.
 */
public final class Rehearsal {

    /** {@code application_name} of the migration's connections, by which the lock sampler finds them. */
    static final String MIGRATION_APP = "pb-evolution-migration";

    /**
     * How a rehearsal runs.
     *
     * @param dataSize the {@link Dataset} size (2n orders)
     * @param readThreads reader threads
     * @param writeThreads writer threads (P06)
     * @param pauseMillis pause of each load thread between its calls
     * @param warmUp load run before anything is recorded
     * @param baseline load recorded before the first step
     * @param window load recorded after each step
     * @param lockTimeout {@code lock_timeout} of the migration's session
     * @param maxAttempts attempts of a step that gives up on a lock, the first included
     */
    public record Settings(
            int dataSize,
            int readThreads,
            int writeThreads,
            long pauseMillis,
            Duration warmUp,
            Duration baseline,
            Duration window,
            Duration lockTimeout,
            int maxAttempts) {

        /**
         * The bench's: 100,000 orders, 3 readers and 2 writers, 3 s warm-up, 5 s baseline, 2 s after
         * each step, 2 s lock_timeout, 5 attempts (about 30 s per implementation, so that the full
         * profile holds the rehearsal within its 40 minutes).
         */
        public static Settings bench() {
            return new Settings(
                    50_000,
                    3,
                    2,
                    5,
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    5);
        }

        String load() {
            return readThreads + " readers (P02 findCustomer, P07 findOrder, P05 search by attribute, at random) and "
                    + writeThreads + " writers (P06 placeOrder, " + MixedLoad.LINES
                    + " lines, distinct idempotency keys), each pausing " + pauseMillis + " ms between calls";
        }
    }

    /**
     * Hibernate logs every failed statement at WARN (through java.util.logging here); under the
     * contract step that is every failed call of the load, which the rehearsal counts instead.
     */
    private static final Logger HIBERNATE_SQL_ERRORS = Logger.getLogger("org.hibernate.orm.jdbc.error");

    private final TestDatabase db;
    private final Settings settings;
    private final Consumer<String> log;

    public Rehearsal(TestDatabase db, Settings settings, Consumer<String> log) {
        this.db = db;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Seeds {@code db}'s schema with the data set (its tables are emptied again at the end), and
     * rehearses the track under each of {@code impls} in turn; an implementation's failure is
     * recorded in its run and the next one still runs.
     */
    public Evolution run(List<Impl> impls) {
        Dataset data = Dataset.of(settings.dataSize());
        data.load(db);
        Level hibernateLevel = HIBERNATE_SQL_ERRORS.getLevel();
        HIBERNATE_SQL_ERRORS.setLevel(Level.SEVERE);
        List<Evolution.Step> steps;
        List<Evolution.Run> runs = new ArrayList<>();
        try {
            try (ScratchSchema probe = ScratchSchema.copyOf(db, data);
                    HikariDataSource pool = probe.pool("pb-evolution-setup", 2, Map.of())) {
                steps = EvolutionTrack.steps(pool, probe.name());
            }
            for (Impl impl : impls) {
                long start = System.nanoTime();
                Evolution.Run run = runOne(impl, data, steps);
                runs.add(run);
                log.accept("evolution " + impl.id() + " in " + (System.nanoTime() - start) / 1_000_000_000 + " s: "
                        + run.steps().stream()
                                .map(s -> "V" + s.version() + " " + s.failedCalls() + "/" + s.calls() + " failed, "
                                        + s.detection())
                                .toList()
                        + ", " + run.missingOrders() + " of " + run.acknowledgedOrders() + " orders missing"
                        + (run.error() == null ? "" : ", ERROR " + run.error()));
            }
        } finally {
            HIBERNATE_SQL_ERRORS.setLevel(hibernateLevel);
            db.truncateAll();
        }
        Evolution.Setup setup = new Evolution.Setup(
                data.orderCount(),
                data.customerCount(),
                data.productCount(),
                settings.readThreads(),
                settings.writeThreads(),
                settings.load(),
                settings.lockTimeout().toMillis(),
                settings.maxAttempts(),
                settings.baseline().toMillis(),
                db.serverVersion());
        return new Evolution(1, setup, steps, runs);
    }

    private Evolution.Run runOne(Impl impl, Dataset data, List<Evolution.Step> steps) {
        List<Applied> applied = new ArrayList<>();
        List<Evolution.StepResult> results = new ArrayList<>();
        Double baselineP99 = null;
        Map<Long, Integer> acknowledged = Map.of();
        Long missing = null;
        String error = null;
        try (ScratchSchema schema = ScratchSchema.copyOf(db, data);
                HikariDataSource loadPool =
                        schema.pool("pb-evolution-load", settings.readThreads() + settings.writeThreads(), Map.of());
                HikariDataSource migrationPool = schema.pool(
                        MIGRATION_APP,
                        3,
                        Map.of(
                                "options",
                                "-c lock_timeout=" + settings.lockTimeout().toMillis()));
                HikariDataSource samplerPool = schema.pool("pb-evolution-sampler", 2, Map.of())) {
            StoreRepository repository = impl.create(loadPool);
            try {
                MixedLoad load = new MixedLoad(repository, data, "evo-" + impl.id() + "-", settings.pauseMillis())
                        .start(settings.readThreads(), settings.writeThreads());
                long baselineStart = 0;
                long baselineEnd = 0;
                try {
                    Thread.sleep(settings.warmUp());
                    load.awaitCalls(settings.readThreads() + settings.writeThreads(), Duration.ofMinutes(1));
                    baselineStart = System.nanoTime();
                    Thread.sleep(settings.baseline());
                    baselineEnd = System.nanoTime();
                    for (Evolution.Step step : steps) {
                        applied.add(applyStep(impl, step, schema, migrationPool, samplerPool));
                    }
                } catch (RuntimeException | InterruptedException e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    error = "stopped at step "
                            + (steps.size() > applied.size()
                                    ? "V" + steps.get(applied.size()).version()
                                    : "end")
                            + ": " + MixedLoad.firstLine(e);
                } finally {
                    // Figures only once every call has ended: one still running at a window's end counts too.
                    load.close();
                    acknowledged = load.acknowledged();
                }
                baselineP99 = p99(load.callsBetween(baselineStart, baselineEnd));
                for (Applied a : applied) {
                    results.add(a.result(load.callsBetween(a.fromNanos(), a.toNanos())));
                }
            } finally {
                repository.close();
            }
            missing = missingOrders(samplerPool, acknowledged);
        } catch (RuntimeException | SQLException e) {
            error = (error == null ? "" : error + "; then ") + MixedLoad.firstLine(e);
        }
        return new Evolution.Run(impl.id(), results, baselineP99, (long) acknowledged.size(), missing, error);
    }

    /**
     * A step applied: the migration's figures, the window of the load it covers (from the
     * migration's start to the end of the window after it), and for a contract step how a fresh
     * instance met it.
     */
    private record Applied(
            Evolution.Step step,
            EvolutionTrack.Applied migration,
            List<Evolution.Lock> locks,
            long fromNanos,
            long toNanos,
            Detected contract) {

        Evolution.StepResult result(List<MixedLoad.Call> calls) {
            List<MixedLoad.Call> failed = calls.stream()
                    .filter(c -> c.failure() != null)
                    .sorted(Comparator.comparingLong(MixedLoad.Call::startNanos))
                    .toList();
            Detected detected = contract != null
                    ? contract
                    : failed.isEmpty()
                            ? new Detected(Evolution.Detection.NONE, null)
                            : new Detected(
                                    Evolution.Detection.FIRST_CALL,
                                    failed.getFirst().failure());
            long longest = calls.stream()
                    .mapToLong(MixedLoad.Call::durationNanos)
                    .max()
                    .orElse(0);
            return new Evolution.StepResult(
                    step.version(),
                    migration.millis(),
                    migration.attempts(),
                    (long) calls.size(),
                    (long) failed.size(),
                    failed.stream()
                            .map(MixedLoad.Call::failure)
                            .distinct()
                            .limit(5)
                            .toList(),
                    Math.round(longest / 1e4) / 100.0,
                    p99(calls),
                    locks,
                    detected.detection(),
                    detected.detail());
        }
    }

    private Applied applyStep(
            Impl impl,
            Evolution.Step step,
            ScratchSchema schema,
            HikariDataSource migrationPool,
            HikariDataSource samplerPool)
            throws InterruptedException {
        long start = System.nanoTime();
        LockSampler sampler = new LockSampler(samplerPool, MIGRATION_APP, schema.name());
        EvolutionTrack.Applied migration;
        try {
            migration = EvolutionTrack.migrate(
                    migrationPool, schema.name(), step.version(), settings.maxAttempts(), sampler.atCommit());
        } finally {
            sampler.close();
        }
        List<Evolution.Lock> locks = sampler.stop();
        Thread.sleep(settings.window());
        long end = System.nanoTime();
        Detected contract = step.kind() == Evolution.Kind.CONTRACT ? detect(impl, schema) : null;
        return new Applied(step, migration, locks, start, end, contract);
    }

    /** How the old code met a step, and the message that showed it. */
    private record Detected(Evolution.Detection detection, String detail) {}

    /**
     * How a fresh instance of the old code meets the migrated schema: START_UP if it refuses to
     * start, FIRST_CALL if P02 (which reads what the contract step removed) fails, SILENT otherwise.
     */
    private static Detected detect(Impl impl, ScratchSchema schema) {
        try (HikariDataSource pool = schema.pool("pb-evolution-fresh", 2, Map.of())) {
            StoreRepository fresh;
            try {
                fresh = impl.create(pool);
            } catch (RuntimeException e) {
                return new Detected(Evolution.Detection.START_UP, rootLine(e));
            }
            try {
                fresh.findCustomer(1);
                return new Detected(Evolution.Detection.SILENT, null);
            } catch (RuntimeException e) {
                return new Detected(Evolution.Detection.FIRST_CALL, rootLine(e));
            } finally {
                fresh.close();
            }
        }
    }

    /** The first line of the exception and of its root cause, when that says more. */
    static String rootLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? MixedLoad.firstLine(e)
                : MixedLoad.firstLine(e) + " (caused by " + MixedLoad.firstLine(root) + ")";
    }

    /** Acknowledged orders not in the database with as many lines as acknowledged. */
    static long missingOrders(HikariDataSource pool, Map<Long, Integer> acknowledged) throws SQLException {
        if (acknowledged.isEmpty()) {
            return 0;
        }
        Map<Long, Integer> found = new HashMap<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT o.id, count(l.line_no) FROM purchase_order o"
                        + " LEFT JOIN order_line l ON l.order_id = o.id WHERE o.id = ANY (?) GROUP BY o.id")) {
            Array ids = c.createArrayOf("bigint", acknowledged.keySet().toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return acknowledged.entrySet().stream()
                .filter(e -> !e.getValue().equals(found.get(e.getKey())))
                .count();
    }

    /** p99 (nearest rank) of the calls' durations, ms; null when there were none. */
    static Double p99(List<MixedLoad.Call> calls) {
        if (calls.isEmpty()) {
            return null;
        }
        long[] sorted =
                calls.stream().mapToLong(MixedLoad.Call::durationNanos).sorted().toArray();
        int rank = (int) Math.ceil(0.99 * sorted.length);
        return Math.round(sorted[rank - 1] / 1e4) / 100.0;
    }
}
