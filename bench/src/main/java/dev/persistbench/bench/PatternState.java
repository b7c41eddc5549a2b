package dev.persistbench.bench;

import dev.persistbench.bench.data.Dataset;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.testkit.db.TestDatabase;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What every pattern benchmark's state holds: the implementation under test, the seeded data set
 * and the life cycle around the timed loop.
 *
 * <p>Per trial: the data set is loaded afresh (truncate, then batches), the repository is built
 * (its bootstrap is outside the timing), {@link #prepareTrial()} makes what the pattern needs, and
 * {@link #check()} runs one operation and compares its answer with the expected one; a wrong
 * answer throws, so the implementation is never timed on it. Per iteration:
 * {@link #beginIteration()} and {@link #endIteration()} reset what the operations changed, so
 * every iteration starts from tables of the same size. No set-up runs per invocation.
 *
 * <p>The runner's verification pass uses the same class outside JMH: {@link Dataset#load}, then
 * {@link #open} with a repository built over the statement recorder's proxy, then
 * {@link #check()} under the recorder, then {@link #close()}.
 */
@State(Scope.Benchmark)
public abstract class PatternState {

    /** The implementation; the runner narrows it with {@code -Dbench.impl}. */
    @Param
    public Impl impl;

    /** Customers and products seeded (orders: twice as many), see {@link Dataset}. */
    @Param("1000")
    public int dataSize;

    protected TestDatabase db;
    protected Dataset data;
    protected StoreRepository repo;
    /** How many operations one iteration may run, for patterns that consume pre-made rows. */
    protected int capacity;

    private boolean ownsRepo;

    @Setup(Level.Trial)
    public final void setUpTrial(BenchmarkParams params) {
        TestDatabase database = TestDatabase.shared();
        Dataset.of(dataSize).load(database);
        open(database, impl.create(database.dataSource()), true, Capacity.perIteration(params, opsPerMs()));
        check();
        checkMore();
        endIteration();
    }

    @Setup(Level.Iteration)
    public final void setUpIteration() {
        beginIteration();
    }

    @TearDown(Level.Iteration)
    public final void tearDownIteration() {
        endIteration();
    }

    @TearDown(Level.Trial)
    public final void tearDownTrial() {
        close();
    }

    /**
     * Prepares the first iteration over {@code database}, which must hold the data set of
     * {@link #dataSize} as loaded by {@link Dataset#load}, with {@code repository} (an
     * implementation of {@link #impl}; closed by {@link #close()} if {@code owned}).
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

    /** The prefix of every wrong-answer message: pattern and implementation. */
    protected final String label() {
        return pattern() + " " + impl.id();
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

    /** Once per trial, at the end: remove pools. */
    protected void closeTrial() {}
}
