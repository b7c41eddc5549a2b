package dev.persistbench.bench;

import dev.persistbench.bench.data.Dataset;
import dev.persistbench.bench.data.NetworkDistance;
import dev.persistbench.bench.data.Pools;
import dev.persistbench.bench.run.Jit;
import dev.persistbench.bench.run.MeasuringCore;
import dev.persistbench.bench.run.Placement;
import dev.persistbench.bench.run.ServerCounters;
import dev.persistbench.bench.run.SliceLoad;
import dev.persistbench.bench.run.Slices;
import dev.persistbench.bench.run.WarmUp;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.testkit.db.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What every pattern benchmark's state holds: the arms under test (every selected implementation
 * and the raw-JDBC floor), the seeded data set and the life cycle around the timed loop.
 *
 * <p>Paired measurement: one JMH fork runs all arms of a pattern. Every JMH iteration is one short
 * slice of one arm; the iterations come in rounds, each round running every arm once in an order
 * drawn from a seeded random sequence ({@link Slices}). Ratios taken inside a round cancel the
 * machine's drift; which slice ran which arm is written beside the results, and the runner's
 * analysis ({@code run.PairedAnalysis}) decides from the data where warm-up ends.
 *
 * <p>Per trial: the data set is loaded afresh, every arm's repository is built (bootstraps are
 * outside the timing), {@link #prepareTrial()} makes what the pattern needs, {@link #check()} runs
 * one operation of each arm and compares its answer with the expected one (a wrong answer throws,
 * so nothing is timed on it), and the measuring thread and the server are placed
 * ({@link Placement}); before every round the measuring thread may move to the other CPU when
 * that one gives the faster round trip ({@link MeasuringCore}). Per iteration: {@link #beginIteration()} and {@link #endIteration()} reset
 * what the operations changed, so every slice starts from tables of the same size, and a short
 * {@code SELECT 1} probe outside the timing records how fast the machine's round trip was. No
 * set-up runs per invocation.
 *
 * <p>Thread sweep: the {@code sweep} benchmark methods of P02, P06 and P08 run with several JMH
 * threads; this state is shared by them ({@link Scope#Benchmark}: one arm per slice for every
 * thread, set up and reset by one thread while the others wait), each thread keeps its own
 * inputs in a {@link Scope#Thread} cursor, and every operation goes through {@link #timed},
 * which records its latency and counts its failure ({@link SliceLoad}) for the slice.
 *
 * <p>The runner's verification pass uses the same class outside JMH: {@link Dataset#load}, then
 * {@link #open} with one repository built over the statement recorder's proxy, then
 * {@link #check()} under the recorder, then {@link #close()}.
 */
@State(Scope.Benchmark)
public abstract class PatternState {

    /** The implementations, comma-separated ids or "all" ({@link Arm#named}); the floor is always an arm too. */
    @Param(Arm.ALL)
    public String impls;

    /** Customers and products seeded (orders: twice as many), see {@link Dataset}. */
    @Param("1000")
    public int dataSize;

    /**
     * Round-trip time added between the pool and the server, in µs ({@link NetworkDistance}); 0:
     * the arms use the test kit's pool directly.
     */
    @Param("0")
    public int rttMicros;

    /** The arm whose repository {@link #repo} is now (set by the verification pass directly). */
    public Arm arm;

    protected TestDatabase db;
    protected Dataset data;
    protected StoreRepository repo;
    /** How many operations one iteration may run, for patterns that consume pre-made rows. */
    protected int capacity;

    private boolean ownsRepo;
    private final Map<Arm, StoreRepository> repos = new LinkedHashMap<>();
    private Slices slices;
    private MeasuringCore core;
    private NetworkDistance distance;
    private final SliceLoad load = new SliceLoad();
    private ServerCounters serverAtStart;
    private long warmUpCalls;
    /** Whether the untimed warm-up phase is running (its resets skip the planner statistics). */
    private boolean warming;
    /** Where warm-up results go, so that the JIT cannot drop the calls that made them. */
    @SuppressWarnings("unused")
    private volatile Object warmUpSink;
    /**
     * JMH's blackhole of this trial (the one the benchmark method receives), so that a pattern whose
     * operation hands rows to a consumer warms up with the same consumer as its timed calls; null in
     * the verification pass, which runs outside JMH.
     */
    protected Blackhole blackhole;

    @Setup(Level.Trial)
    public final void setUpTrial(BenchmarkParams params, Blackhole bh) {
        blackhole = bh;
        TestDatabase database = TestDatabase.shared();
        Dataset.of(dataSize).load(database);
        distance = NetworkDistance.open(database, rttMicros);
        List<Arm> arms = Arm.forPattern(impls, pattern(), rttMicros, System.getProperty(Arm.VARIANTS_PROPERTY, "all"));
        for (Arm a : arms) {
            repos.put(a, a.factory().apply(distance.dataSource()));
        }
        int perIteration = Capacity.perIteration(params, opsPerMs());
        boolean first = true;
        for (Arm a : arms) {
            arm = a;
            if (first) {
                open(database, repos.get(a), false, perIteration);
                first = false;
            } else {
                repo = repos.get(a);
                beginIteration();
            }
            check();
            checkMore();
            endIteration();
        }
        DataSource pool = distance.dataSource();
        DataSource maintenance = Pools.maintenance(database);
        core = new MeasuringCore(
                Placement.apply(pool, maintenance, params.getThreads()),
                () -> Slices.probe(pool),
                current -> current.swapped(pool, maintenance),
                System::currentTimeMillis,
                System::nanoTime);
        Map<String, Arm> byId = new LinkedHashMap<>();
        arms.forEach(a -> byId.put(a.id(), a));
        long chunk = WarmUp.CHUNK_SLICES * params.getMeasurement().getTime().convertTo(TimeUnit.NANOSECONDS);
        warming = true;
        WarmUp.Record warmUp;
        try {
            warmUp = WarmUp.run(
                    List.copyOf(byId.keySet()),
                    id -> warmUpChunk(byId.get(id), chunk),
                    WarmUp.Rule.capped(Long.getLong(WarmUp.PROPERTY, 0L)),
                    new Random(pattern().hashCode() * 17L + dataSize),
                    System::nanoTime,
                    Jit::compileMillis,
                    () -> core.beforeRound(-1));
        } finally {
            warming = false;
        }
        slices = new Slices(pattern(), dataSize, rttMicros, params, arms, core, warmUp);
        if (slices.sweep()) {
            serverAtStart = ServerCounters.read(distance.dataSource());
        }
    }

    /**
     * One untimed warm-up chunk of {@code a}: its operation in a loop for {@code nanos}, between the
     * iteration's resets, and never more operations than the iteration's pre-made pool holds.
     */
    private double warmUpChunk(Arm a, long nanos) {
        arm = a;
        repo = repos.get(a);
        beginIteration();
        long start = System.nanoTime();
        long now;
        long calls = 0;
        do {
            warmUpSink = warmUp(warmUpCalls++);
            calls++;
        } while ((now = System.nanoTime()) - start < nanos && (capacity == 0 || calls < capacity));
        endIteration();
        return (now - start) / 1_000.0 / calls;
    }

    @Setup(Level.Iteration)
    public final void setUpIteration() {
        arm = slices.next(distance.dataSource());
        repo = repos.get(arm);
        beginIteration();
        if (slices.sweep()) {
            load.begin(); // only the sweep's forks: the ranking's iterations allocate nothing more
        }
    }

    @TearDown(Level.Iteration)
    public final void tearDownIteration() {
        if (slices.sweep()) {
            slices.finish(load.take());
        }
        endIteration();
    }

    /**
     * Runs one operation of a thread-sweep slice from any thread: its latency is recorded, and a
     * failure is counted (null is returned) instead of ending the slice.
     */
    public final <T> T timed(Supplier<T> op) {
        return load.time(op);
    }

    @TearDown(Level.Trial)
    public final void tearDownTrial() {
        try {
            slices.write(
                    serverAtStart == null
                            ? null
                            : ServerCounters.read(distance.dataSource())
                                    .sweepSince(serverAtStart, distance.dataSource()));
            core.placement().release(distance.dataSource());
            endIteration();
            closeTrial();
        } finally {
            repos.values().forEach(StoreRepository::close);
            repos.clear();
            repo = null;
            distance.close();
        }
    }

    /**
     * Prepares the first iteration over {@code database}, which must hold the data set of
     * {@link #dataSize} as loaded by {@link Dataset#load}, with {@code repository} (the repository
     * of {@link #arm}; closed by {@link #close()} if {@code owned}).
     */
    public final void open(TestDatabase database, StoreRepository repository, boolean owned, int opsPerIteration) {
        this.db = database;
        this.data = Dataset.of(dataSize);
        this.capacity = opsPerIteration;
        this.repo = repository;
        this.ownsRepo = owned;
        prepareTrial();
        beginIteration();
    }

    /** Ends the current iteration and begins the next: the state the first check started from, again. */
    public final void resetIteration() {
        endIteration();
        beginIteration();
    }

    /** Removes what this state made and closes the repository. */
    public final void close() {
        try {
            endIteration();
            closeTrial();
        } finally {
            if (repo != null && ownsRepo) {
                repo.close();
            }
            repo = null;
        }
    }

    /** The pattern id, "P01" ... "P13", from the benchmark class's name. */
    public final String pattern() {
        // JMH subclasses the state in generated code: find the class declared in the benchmark.
        Class<?> type = getClass();
        while (type.getEnclosingClass() == null) {
            type = type.getSuperclass();
        }
        return type.getEnclosingClass().getSimpleName().substring(0, 3);
    }

    /** The prefix of every wrong-answer message: pattern and arm. */
    protected final String label() {
        return pattern() + " " + arm.id();
    }

    /**
     * Runs exactly one operation of this pattern, as the benchmark does, and throws a
     * {@link dev.persistbench.bench.check.WrongAnswerException} unless its answer is the expected
     * one. The runner counts the statements it sends.
     */
    public abstract void check();

    /** Whether the operation changes rows (the verification pass reloads the data set before such a pattern). */
    public boolean writes() {
        return opsPerMs() > 0;
    }

    /**
     * One operation as the benchmark method runs it, for the untimed warm-up phase ({@link WarmUp}),
     * on the measuring thread; {@code n} counts the warm-up calls of the trial, from 0.
     */
    protected abstract Object warmUp(long n);

    /** Further checks (more rows, more pages) before timing; not counted. */
    public void checkMore() {}

    /** Operations per millisecond of iteration time that pre-made pools must allow (0: no pool). */
    protected int opsPerMs() {
        return 0;
    }

    /** Once per trial, after loading: pools and inputs. */
    protected void prepareTrial() {}

    /** Before every iteration (and before {@link #check()}): reset pools and counters. */
    protected void beginIteration() {}

    /** After every iteration (and after {@link #check()}): remove what the operations wrote. */
    protected void endIteration() {}

    /**
     * Vacuums {@code tables}, the ones this pattern's operations write, for {@link #beginIteration()}:
     * with fresh planner statistics before the checks (no slices yet) and the first timed slice of
     * every round, without them before the round's other slices and between warm-up chunks (the
     * resets give every slice the same rows, so statistics taken once a round describe all of its
     * slices).
     */
    protected final void vacuum(String... tables) {
        Pools.vacuum(db, !warming && (slices == null || slices.roundBegan()), tables);
    }

    /** Once per trial, at the end: remove pools. */
    protected void closeTrial() {}
}
