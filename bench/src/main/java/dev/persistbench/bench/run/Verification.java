package dev.persistbench.bench.run;

import dev.persistbench.bench.Arm;
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
import dev.persistbench.reports.results.StatementCounts;
import dev.persistbench.testkit.db.TestDatabase;
import dev.persistbench.testkit.sql.ServerStatements;
import dev.persistbench.testkit.sql.SqlRecorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * The verification pass, outside any timing: every pattern of every arm (each implementation and
 * the raw-JDBC floor) runs twice on the freshly loaded data set with the same state classes and
 * checks the benchmarks use; the second call is counted three ways: statements and transaction
 * calls through the statement recorder, round trips under the driver, and the server's own count
 * (pg_stat_statements) when it keeps one. It gives statements.json and the list of arms that
 * answered wrong or whose client and server counts disagree; those are not timed.
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
     * The outcome for one arm.
     *
     * @param impl implementation id or "raw-jdbc"
     * @param statements one entry per pattern verified
     * @param failures one message per wrong answer, failure or disagreement of counts (empty: all right)
     * @param settings the implementation's settings(), in its order
     */
    public record Outcome(
            String impl,
            List<StatementCounts> statements,
            List<String> failures,
            SequencedMap<String, String> settings) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private Verification() {}

    /** Verifies {@code impl}; see {@link #verify(Arm, List, TestDatabase, int)}. */
    public static Outcome verify(Impl impl, List<String> patterns, TestDatabase db, int dataSize) {
        return verify(Arm.of(impl), patterns, db, dataSize);
    }

    /** Verifies every pattern in {@code patterns} for {@code arm} on a data set of {@code dataSize}. */
    public static Outcome verify(Arm arm, List<String> patterns, TestDatabase db, int dataSize) {
        SqlRecorder recorder = new SqlRecorder();
        Dataset data = Dataset.of(dataSize);
        List<StatementCounts> statements = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        StringBuilder noServerCounts = new StringBuilder();
        ServerStatements server =
                ServerStatements.open(db.dataSource(), noServerCounts).orElse(null);
        StoreRepository repo;
        try {
            repo = arm.factory().apply(recorder.wrap(db.dataSource()));
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(
                    arm.id(), List.of(), List.of(arm.id() + " could not be built: " + e), new LinkedHashMap<>());
        }
        SequencedMap<String, String> settings;
        try {
            settings = new LinkedHashMap<>(repo.settings());
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
                state.arm = arm;
                state.dataSize = dataSize;
                if (!loaded || state.writes()) {
                    data.load(db);
                    loaded = true;
                }
                String failure = null;
                SqlRecorder.Recorded<Throwable> recorded = null;
                ServerStatements.Count count = null;
                try {
                    state.open(db, repo, false, CAPACITY);
                    failure = message(failureOf(state::check));
                    if (failure == null) {
                        // The counted call: the second, on a warm connection, from the same starting state.
                        state.resetIteration();
                        Map<String, Long> before = server == null ? null : server.snapshot();
                        recorded = recorder.record(() -> failureOf(state::check));
                        if (server != null) {
                            count = ServerStatements.Count.of(ServerStatements.delta(before, server.snapshot()));
                        }
                        failure = message(recorded.result());
                    }
                    if (failure == null) {
                        failure = message(failureOf(state::checkMore));
                    }
                    if (failure == null && count != null) {
                        failure = disagreement(recorded, count);
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
                    failure = state.pattern() + " " + arm.id() + " failed: " + failure;
                }
                statements.add(entry(
                        state.pattern(),
                        arm.id(),
                        recorded,
                        count,
                        server == null ? noServerCounts.toString() : null,
                        failure));
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            repo.close();
        }
        statements.sort(java.util.Comparator.comparing(StatementCounts::pattern));
        return new Outcome(arm.id(), statements, failures, settings);
    }

    /**
     * Null when the server's count fits the client's, else what differs: the server must have
     * begun as many transactions as the client asked for, and executed between one and
     * batch-size statements per client execution (pgjdbc may rewrite a batch into fewer).
     */
    static String disagreement(SqlRecorder.Recorded<?> client, ServerStatements.Count server) {
        long min = client.executions().size();
        long max = client.executions().stream()
                .mapToLong(e -> e.batch() ? Math.max(1, e.batchSize()) : 1)
                .sum();
        List<String> problems = new ArrayList<>();
        if (server.statements() < min || server.statements() > max) {
            problems.add("the server executed " + server.statements() + " statements, the client sent "
                    + (min == max ? String.valueOf(min) : min + " to " + max));
        }
        if (server.begins() != client.transactions()) {
            problems.add("the server began " + server.begins() + " transactions, the client " + client.transactions());
        }
        return problems.isEmpty() ? null : "client and server counts disagree: " + String.join("; ", problems);
    }

    private static StatementCounts entry(
            String pattern,
            String impl,
            SqlRecorder.Recorded<Throwable> recorded,
            ServerStatements.Count count,
            String serverCountNote,
            String failure) {
        if (recorded == null) {
            return new StatementCounts(
                    pattern, impl, 0, List.of(), 0, 0, null, null, null, serverCountNote, null, false, failure);
        }
        List<String> sql =
                recorded.executions().stream().map(SqlRecorder.Execution::text).toList();
        return new StatementCounts(
                pattern,
                impl,
                recorded.statements(),
                sql,
                Math.toIntExact(recorded.roundTrips()),
                Math.toIntExact(recorded.transactions()),
                count == null ? null : Math.toIntExact(count.statements()),
                count == null ? null : Math.toIntExact(count.begins()),
                count == null ? null : Math.toIntExact(count.session()),
                serverCountNote,
                shape(recorded),
                failure == null,
                failure);
    }

    /**
     * A short label of the SQL's shape, read from its text: how many statements, in a transaction
     * or not, and the notable constructs (a join, JSON aggregation as jOOQ's MULTISET renders it,
     * CTEs, unnest arrays, ON CONFLICT, row locks, a JDBC batch).
     */
    static String shape(SqlRecorder.Recorded<?> recorded) {
        String all = recorded.executions().stream()
                .map(SqlRecorder.Execution::text)
                .collect(java.util.stream.Collectors.joining(" "))
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\s+", " ");
        List<String> features = new ArrayList<>();
        if (all.contains(" join ")) {
            features.add("join");
        }
        if (all.contains("multiset") || all.contains("json_agg") || all.contains("jsonb_agg")) {
            features.add("JSON aggregation (MULTISET)");
        }
        if (all.startsWith("with ") || all.contains(" with ")) {
            features.add("CTE");
        }
        if (all.contains("unnest(")) {
            features.add("unnest arrays");
        }
        if (all.contains("on conflict")) {
            features.add("ON CONFLICT");
        }
        if (all.contains("for update") || all.contains("for no key update")) {
            features.add("row locks");
        }
        if (recorded.executions().stream().anyMatch(SqlRecorder.Execution::batch)) {
            features.add("JDBC batch");
        }
        int n = recorded.statements();
        String head =
                n + (n == 1 ? " statement" : " statements") + (recorded.transactions() > 0 ? " in a transaction" : "");
        return features.isEmpty() ? head : head + ": " + String.join(", ", features);
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
