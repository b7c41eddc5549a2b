package dev.persistbench.testkit.sql;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Records what an action does on the connections of {@link #wrap(DataSource)}: one
 * {@link Execution} per JDBC execute call (so a JDBC batch counts once however many rows it
 * carries), the transaction calls on the connection ({@code setAutoCommit(false)},
 * {@code commit}, {@code rollback}), and the round trips to the server when the pool's
 * connections count them ({@link RoundTrips}). Recording is per thread that turned it on, so
 * parallel work elsewhere in the JVM does not disturb a count.
 */
public final class SqlRecorder implements QueryExecutionListener, MethodExecutionListener {

    /** One statement execution: its SQL (one entry per distinct statement in a batch) and batch size. */
    public record Execution(List<String> sql, int batchSize, boolean batch, boolean success) {
        /** The SQL as one line, statements of a batch separated by "; ". */
        public String text() {
            return String.join("; ", sql);
        }
    }

    /** A call on a connection that begins or ends a transaction. */
    public enum TransactionCall {
        /** {@code setAutoCommit(false)}: the next statement begins a transaction. */
        BEGIN,
        COMMIT,
        ROLLBACK
    }

    private final ThreadLocal<Recording> recording = new ThreadLocal<>();

    private static final class Recording {
        final List<Execution> executions = new ArrayList<>();
        final List<TransactionCall> transactionCalls = new ArrayList<>();
    }

    /** A DataSource that reports to this recorder every statement and transaction call made through {@code target}. */
    public DataSource wrap(DataSource target) {
        return ProxyDataSourceBuilder.create(target)
                .name("recorder")
                .listener(this)
                .methodListener(this)
                .build();
    }

    /** Runs {@code action} and returns its result with everything it did on this thread. */
    public <T> Recorded<T> record(Supplier<T> action) {
        Recording previous = recording.get();
        Recording current = new Recording();
        recording.set(current);
        LongSupplier roundTrips = RoundTrips.start();
        try {
            T result = action.get();
            return new Recorded<>(
                    result,
                    List.copyOf(current.executions),
                    List.copyOf(current.transactionCalls),
                    roundTrips.getAsLong());
        } finally {
            RoundTrips.stop();
            if (previous == null) {
                recording.remove();
            } else {
                recording.set(previous);
            }
        }
    }

    /** Runs {@code action} and returns the statements it executed on this thread. */
    public List<Execution> record(Runnable action) {
        return record(() -> {
                    action.run();
                    return null;
                })
                .executions();
    }

    /**
     * The result of an action and what it did.
     *
     * @param executions statement executions, in order
     * @param transactionCalls BEGIN (auto-commit switched off), COMMIT, ROLLBACK, in order
     * @param roundTrips round trips the client waited for (0 unless the pool counts them, see
     *     {@link RoundTrips})
     */
    public record Recorded<T>(
            T result, List<Execution> executions, List<TransactionCall> transactionCalls, long roundTrips) {
        /** How many statement executions (a batch counts once). */
        public int statements() {
            return executions.size();
        }

        /** How many times the action switched auto-commit off to begin a transaction. */
        public long transactions() {
            return transactionCalls.stream()
                    .filter(c -> c == TransactionCall.BEGIN)
                    .count();
        }

        /** How many commits. */
        public long commits() {
            return transactionCalls.stream()
                    .filter(c -> c == TransactionCall.COMMIT)
                    .count();
        }
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        // counted after the execution, with its outcome
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        Recording current = recording.get();
        if (current == null) {
            return;
        }
        List<String> sql =
                queryInfoList.stream().map(QueryInfo::getQuery).distinct().toList();
        current.executions.add(new Execution(sql, execInfo.getBatchSize(), execInfo.isBatch(), execInfo.isSuccess()));
    }

    @Override
    public void beforeMethod(MethodExecutionContext context) {
        // recorded after the call
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
        Recording current = recording.get();
        if (current == null || !(context.getTarget() instanceof Connection) || context.getThrown() != null) {
            return;
        }
        switch (context.getMethod().getName()) {
            case "setAutoCommit" -> {
                Object[] args = context.getMethodArgs();
                if (args != null && args.length == 1 && Boolean.FALSE.equals(args[0])) {
                    current.transactionCalls.add(TransactionCall.BEGIN);
                }
            }
            case "commit" -> current.transactionCalls.add(TransactionCall.COMMIT);
            case "rollback" -> {
                Object[] args = context.getMethodArgs();
                if (args == null || args.length == 0) {
                    current.transactionCalls.add(TransactionCall.ROLLBACK);
                }
            }
            default -> {
                // other calls do not begin or end a transaction
            }
        }
    }
}
