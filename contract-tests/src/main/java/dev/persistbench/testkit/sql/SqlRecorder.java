package dev.persistbench.testkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Records every statement execution that passes through {@link #wrap(DataSource)}: one
 * {@link Execution} per JDBC execute call, so a JDBC batch counts once however many rows it
 * carries. Recording is per thread that turned it on, so parallel work elsewhere in the JVM does
 * not disturb a count.
 */
public final class SqlRecorder implements QueryExecutionListener {

    /** One statement execution: its SQL (one entry per distinct statement in a batch) and batch size. */
    public record Execution(List<String> sql, int batchSize, boolean batch, boolean success) {
        /** The SQL as one line, statements of a batch separated by "; ". */
        public String text() {
            return String.join("; ", sql);
        }
    }

    private final ThreadLocal<List<Execution>> recording = new ThreadLocal<>();

    /** A DataSource that reports to this recorder every statement executed through {@code target}. */
    public DataSource wrap(DataSource target) {
        return ProxyDataSourceBuilder.create(target)
                .name("recorder")
                .listener(this)
                .build();
    }

    /** Runs {@code action} and returns its result with every statement it executed on this thread. */
    public <T> Recorded<T> record(Supplier<T> action) {
        List<Execution> previous = recording.get();
        List<Execution> executions = new ArrayList<>();
        recording.set(executions);
        try {
            T result = action.get();
            return new Recorded<>(result, List.copyOf(executions));
        } finally {
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

    /** The result of an action and the statements it executed. */
    public record Recorded<T>(T result, List<Execution> executions) {
        /** How many statement executions (a batch counts once). */
        public int statements() {
            return executions.size();
        }
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        // counted after the execution, with its outcome
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        List<Execution> executions = recording.get();
        if (executions == null) {
            return;
        }
        List<String> sql =
                queryInfoList.stream().map(QueryInfo::getQuery).distinct().toList();
        executions.add(new Execution(sql, execInfo.getBatchSize(), execInfo.isBatch(), execInfo.isSuccess()));
    }
}
