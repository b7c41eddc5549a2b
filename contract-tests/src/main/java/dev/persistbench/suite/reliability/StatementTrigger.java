package dev.persistbench.suite.reliability;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * A datasource-proxy listener that injects a fault in the middle of an operation: armed on the
 * calling thread with {@code k}, it runs its action right after the k-th statement execution of
 * that thread (a JDBC batch counts once), handing it the connection the statement ran on. Unarmed
 * it only counts, so a dry run tells how many statements an operation sends.
 */
final class StatementTrigger implements QueryExecutionListener {

    private static final class Arm {
        final int k;
        final Consumer<Connection> action;
        int seen;
        boolean fired;

        Arm(int k, Consumer<Connection> action) {
            this.k = k;
            this.action = action;
        }
    }

    private final ThreadLocal<Arm> armed = new ThreadLocal<>();

    /** {@code target} with this trigger listening to every statement. */
    DataSource wrap(DataSource target) {
        return ProxyDataSourceBuilder.create(target)
                .name("statement-trigger")
                .listener(this)
                .build();
    }

    /** Arms the trigger on this thread: {@code action} runs after the {@code k}-th statement (k >= 1). */
    void arm(int k, Consumer<Connection> action) {
        armed.set(new Arm(k, action));
    }

    /** Counts statements on this thread without acting. */
    void count() {
        armed.set(new Arm(Integer.MAX_VALUE, c -> {}));
    }

    /** Statements seen on this thread since arming. */
    int seen() {
        Arm arm = armed.get();
        return arm == null ? 0 : arm.seen;
    }

    /** Whether the action ran since arming. */
    boolean fired() {
        Arm arm = armed.get();
        return arm != null && arm.fired;
    }

    void disarm() {
        armed.remove();
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        // acts after the statement, so the k-th statement itself has reached the server
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        Arm arm = armed.get();
        if (arm == null) {
            return;
        }
        arm.seen++;
        if (arm.seen == arm.k && !arm.fired) {
            arm.fired = true;
            Connection connection;
            try {
                connection = execInfo.getStatement().getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("could not find the statement's connection", e);
            }
            arm.action.accept(connection);
        }
    }
}
