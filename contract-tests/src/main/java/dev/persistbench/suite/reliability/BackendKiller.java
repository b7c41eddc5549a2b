package dev.persistbench.suite.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * Fault injection for R2.1: kills the server backend of a pgjdbc connection with
 * {@code pg_terminate_backend} from a second (admin) connection, and waits until the backend is
 * gone, so the victim's next step meets a dead connection every time ({@code pg_terminate_backend}'s
 * own wait polls in 100 ms steps). Counts its kills and the time they took.
 */
final class BackendKiller implements Consumer<Connection>, AutoCloseable {

    private static final long WAIT_NANOS = 5_000_000_000L;

    private final PreparedStatement terminate;
    private final PreparedStatement alive;
    private int kills;
    private long nanos;

    /** A killer working through {@code admin} (kept open by the caller). */
    BackendKiller(Connection admin) throws SQLException {
        terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)");
        alive = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?");
    }

    /** Kills the backend behind {@code victim} and returns once the server no longer lists it. */
    @Override
    public void accept(Connection victim) {
        long start = System.nanoTime();
        try {
            int pid = victim.unwrap(PGConnection.class).getBackendPID();
            terminate.setInt(1, pid);
            try (ResultSet rs = terminate.executeQuery()) {
                rs.next();
            }
            awaitGone(pid);
        } catch (SQLException e) {
            throw new IllegalStateException("could not terminate the backend", e);
        }
        kills++;
        nanos += System.nanoTime() - start;
    }

    private void awaitGone(int pid) throws SQLException {
        alive.setInt(1, pid);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            try (ResultSet rs = alive.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("backend " + pid + " still alive 5 s after pg_terminate_backend");
            }
            Thread.onSpinWait();
        }
    }

    /** Backends killed so far. */
    int kills() {
        return kills;
    }

    /** Mean time of a kill, terminate and wait, in milliseconds (0 before the first). */
    double meanMillis() {
        return nanos / 1e6 / Math.max(1, kills);
    }

    @Override
    public void close() throws SQLException {
        try (terminate;
                alive) {
            // both closed
        }
    }
}
