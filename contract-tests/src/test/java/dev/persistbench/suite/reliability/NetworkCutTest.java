package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.testkit.db.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** R2.2's trial against the transactional {@link ToyOrders} through a {@link TcpProxy} whose connections are closed. */
class NetworkCutTest {

    private final TestDatabase db = TestDatabase.shared();

    @AfterEach
    void empty() {
        db.truncateAll();
    }

    @Test
    void closedConnectionsAfterStatementOneFailRetryablyStoreNothingAndTheRetryStoresOne() throws Throwable {
        URI server = URI.create(db.server().jdbcUrl().substring("jdbc:".length()));
        StatementTrigger trigger = new StatementTrigger();
        String app = Reliability.uniqueName("pb_cut_test");
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort());
                HikariDataSource pool = Reliability.pool(
                        db, app, 2, proxy.rewrite(db.server().jdbcUrl()), Map.of("socketTimeout", "2"), c -> {});
                Connection admin = db.openConnection()) {
            long customer = ToyOrders.customer(admin, "cut@example.com");
            NetworkCut cut = new NetworkCut(proxy, trigger, ToyOrders.repository(trigger.wrap(pool), true), admin);

            NetworkCut.Trial trial = cut.trial(
                    NetworkCut.Fault.CLOSE, 1, ToyOrders.order(customer, "cut-1"), () -> List.of("looked at"));

            assertThat(trial.wrongFailure()).isNull();
            assertThat(trial.row().fault()).isEqualTo("CLOSE");
            assertThat(trial.row().afterStatement()).isEqualTo(1);
            assertThat(trial.row().failure()).isEqualTo("DataAccessFailureException");
            assertThat(trial.row().retryable()).isTrue();
            assertThat(trial.ordersAfterFault()).isZero();
            assertThat(trial.row().orderStoredAfterFault()).isFalse();
            assertThat(trial.problems())
                    .as("the consistency check ran after the fault")
                    .containsExactly("looked at");
            assertThat(trial.row().ordersAfterRetry()).isEqualTo(1);
            assertThat(trial.retriedLines()).isZero();
        } finally {
            trigger.disarm();
        }
    }
}
