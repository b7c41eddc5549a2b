package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.persistbench.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The fault R2.1 injects: the victim's backend is gone when the killer returns, and only the victim's. */
class BackendKillerTest {

    @Test
    void killsTheVictimsBackendAndWaitsUntilItIsGone() throws SQLException {
        TestDatabase db = TestDatabase.shared();
        try (Connection admin = db.openConnection();
                Connection victim = db.openConnection();
                BackendKiller killer = new BackendKiller(admin)) {
            int pid = victim.unwrap(PGConnection.class).getBackendPID();
            assertThat(killer.meanMillis()).isZero();

            killer.accept(victim);

            assertThat(Reliability.queryLong(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid))
                    .as("backend listed after the kill")
                    .isZero();
            assertThatThrownBy(() -> {
                        try (Statement s = victim.createStatement()) {
                            s.execute("SELECT 1");
                        }
                    })
                    .isInstanceOf(SQLException.class);
            assertThat(Reliability.queryLong(admin, "SELECT 1"))
                    .as("the admin connection lives")
                    .isEqualTo(1);
            assertThat(killer.kills()).isEqualTo(1);
            assertThat(killer.meanMillis()).isPositive();
        }
    }

    @Test
    void aConnectionThatIsNotPostgresIsRefused() throws SQLException {
        try (Connection admin = TestDatabase.shared().openConnection();
                BackendKiller killer = new BackendKiller(admin)) {
            Connection notPostgres = (Connection) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        throw new SQLException("not a PGConnection");
                    });
            assertThatThrownBy(() -> killer.accept(notPostgres))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not terminate");
            assertThat(killer.kills()).isZero();
        }
    }
}
