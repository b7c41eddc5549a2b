package dev.persistbench.bench.run;

import dev.persistbench.bench.FloorBenchmark;
import dev.persistbench.bench.Impl;
import dev.persistbench.bench.P01CreateCustomerBenchmark;
import dev.persistbench.bench.P02FindCustomerBenchmark;
import dev.persistbench.bench.P03CreateProductsBenchmark;
import dev.persistbench.bench.P04FindProductBySkuBenchmark;
import dev.persistbench.bench.P05SearchProductsBenchmark;
import dev.persistbench.bench.P06PlaceOrderBenchmark;
import dev.persistbench.bench.P07FindOrderBenchmark;
import dev.persistbench.bench.P08LatestOrdersBenchmark;
import dev.persistbench.bench.P09ChangeStatusBenchmark;
import dev.persistbench.bench.P10CancelNewOrdersBenchmark;
import dev.persistbench.bench.P11RevenueReportBenchmark;
import dev.persistbench.bench.P12StreamOrderLinesBenchmark;
import dev.persistbench.bench.P13DeleteOrderBenchmark;
import dev.persistbench.bench.PatternState;
import dev.persistbench.bench.data.Dataset;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.SqlRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The verification pass, outside any timing: every pattern of an implementation (and every floor
 * pattern) runs once on the freshly loaded data set, through the statement recorder, with the
 * same state classes and checks the benchmarks use. It gives statements.json (statements per
 * operation and their SQL) and the list of implementations that answered wrong, which are then
 * not timed.
 */
public final class Verification {

    /** The pattern states, in pattern order. */
    public static final List<Supplier<PatternState>> PATTERNS = List.of(
            P01CreateCustomerBenchmark.Fixture::new,
            P02FindCustomerBenchmark.Fixture::new,
            P03CreateProductsBenchmark.Fixture::new,
            P04FindProductBySkuBenchmark.Fixture::new,
            P05SearchProductsBenchmark.Fixture::new,
            P06PlaceOrderBenchmark.Fixture::new,
            P07FindOrderBenchmark.Fixture::new,
            P08LatestOrdersBenchmark.Fixture::new,
            P09ChangeStatusBenchmark.Fixture::new,
            P10CancelNewOrdersBenchmark.Fixture::new,
            P11RevenueReportBenchmark.Fixture::new,
            P12StreamOrderLinesBenchmark.Fixture::new,
            P13DeleteOrderBenchmark.Fixture::new);

    private static final String WRONG = "wrong answer: ";

    /** Pool rows made for one verified operation. */
    private static final int CAPACITY = 4;

    /**
     * One operation's statements (an entry of statements.json).
     *
     * @param pattern P01 ... P13
     * @param impl implementation id, or "raw-jdbc"
     * @param statementsPerOp statement executions of one operation (a JDBC batch counts once)
     * @param sql the SQL of each execution, in order
     * @param verified whether the answer was the expected one
     * @param error what was wrong, or null
     */
    public record Statements(
            String pattern, String impl, int statementsPerOp, List<String> sql, boolean verified, String error) {}

    /**
     * The outcome for one implementation (or the floor).
     *
     * @param impl implementation id or "raw-jdbc"
     * @param statements one entry per pattern verified
     * @param failures one message per wrong answer or failure (empty: all right)
     * @param settings the implementation's settings() (empty for the floor)
     */
    public record Outcome(
            String impl, List<Statements> statements, List<String> failures, Map<String, String> settings) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private Verification() {}

    /** Verifies every pattern in {@code patterns} for {@code impl} on a data set of {@code dataSize}. */
    public static Outcome verify(Impl impl, List<String> patterns, TestDatabase db, int dataSize) {
        SqlRecorder recorder = new SqlRecorder();
        Dataset data = Dataset.of(dataSize);
        List<Statements> statements = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        StoreRepository repo;
        try {
            repo = impl.create(recorder.wrap(db.dataSource()));
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(impl.id(), List.of(), List.of(impl.id() + " could not be built: " + e), Map.of());
        }
        Map<String, String> settings;
        try {
            settings = Map.copyOf(repo.settings());
            // Reads first on one load; every write pattern gets a fresh load (its clean-up may not restore everything,
            // e.g. versions).
            List<PatternState> states = PATTERNS.stream()
                    .map(Supplier::get)
                    .filter(s -> patterns.contains(s.pattern()))
                    .toList();
            List<PatternState> ordered =
                    new ArrayList<>(states.stream().filter(s -> !s.writes()).toList());
            ordered.addAll(states.stream().filter(PatternState::writes).toList());
            boolean loaded = false;
            for (PatternState state : ordered) {
                state.impl = impl;
                state.dataSize = dataSize;
                if (!loaded || state.writes()) {
                    data.load(db);
                    loaded = true;
                }
                String failure = null;
                SqlRecorder.Recorded<Throwable> recorded = null;
                try {
                    state.open(db, repo, false, CAPACITY);
                    recorded = recorder.record(() -> failureOf(state::check));
                    failure = message(recorded.result());
                    if (failure == null) {
                        failure = message(failureOf(state::checkMore));
                    }
                } catch (RuntimeException e) {
                    failure = message(e);
                } finally {
                    Throwable closing = failureOf(state::close);
                    if (failure == null) {
                        failure = message(closing);
                    }
                }
                if (failure != null && !failure.startsWith(WRONG)) {
                    failure = state.pattern() + " " + impl.id() + " failed: " + failure;
                }
                statements.add(entry(state.pattern(), impl.id(), recorded, failure));
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            repo.close();
        }
        statements.sort(java.util.Comparator.comparing(Statements::pattern));
        return new Outcome(impl.id(), statements, failures, settings);
    }

    /** Verifies the floor's patterns among {@code patterns}. */
    public static Outcome verifyFloor(List<String> patterns, TestDatabase db, int dataSize) {
        SqlRecorder recorder = new SqlRecorder();
        Dataset data = Dataset.of(dataSize);
        List<Statements> statements = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        FloorBenchmark.Floor floor = new FloorBenchmark.Floor();
        floor.dataSize = dataSize;
        data.load(db);
        // (one load: the reads leave the data as it was, and P03, last, deletes what it inserted)
        floor.open(db, recorder.wrap(db.dataSource()));
        String selectOne = message(failureOf(() -> floor.check(FloorBenchmark.Op.SELECT_ONE)));
        if (selectOne != null) {
            failures.add(selectOne);
        }
        for (FloorBenchmark.Op op : FloorBenchmark.Op.values()) {
            if (op.pattern().isEmpty() || !patterns.contains(op.pattern().get())) {
                continue;
            }
            SqlRecorder.Recorded<Throwable> recorded = recorder.record(() -> failureOf(() -> floor.check(op)));
            String failure = message(recorded.result());
            if (failure != null && !failure.startsWith(WRONG)) {
                failure = op.pattern().get() + " raw-jdbc failed: " + failure;
            }
            Throwable cleaning = failureOf(floor::tearDownIteration);
            failure = failure != null ? failure : message(cleaning);
            statements.add(entry(op.pattern().get(), "raw-jdbc", recorded, failure));
            if (failure != null) {
                failures.add(failure);
            }
        }
        statements.sort(java.util.Comparator.comparing(Statements::pattern));
        return new Outcome("raw-jdbc", statements, failures, Map.of());
    }

    private static Statements entry(
            String pattern, String impl, SqlRecorder.Recorded<Throwable> recorded, String failure) {
        if (recorded == null) {
            return new Statements(pattern, impl, 0, List.of(), false, failure);
        }
        List<String> sql =
                recorded.executions().stream().map(SqlRecorder.Execution::text).toList();
        return new Statements(pattern, impl, recorded.statements(), sql, failure == null, failure);
    }

    /** Runs {@code action}; returns what it threw, or null. */
    private static Throwable failureOf(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException | AssertionError | LinkageError e) {
            return e;
        }
    }

    private static String message(Throwable t) {
        if (t == null) {
            return null;
        }
        if (t instanceof dev.persistbench.bench.check.WrongAnswerException) {
            return WRONG + t.getMessage();
        }
        return t.getClass().getName() + ": " + t.getMessage();
    }
}
