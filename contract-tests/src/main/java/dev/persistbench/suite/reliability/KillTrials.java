package dev.persistbench.suite.reliability;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.PlaceOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The backend-kill trials of R2.1: each places an order through a {@link StatementTrigger} that
 * kills the backend (a {@link BackendKiller}) right after statement k of n, k drawn at random, and
 * records what the caller got and what the database holds afterwards. A trial whose operation sent
 * fewer statements than k is not a fault trial (the order must then simply be there); k is then
 * drawn again from the count it did send.
 */
final class KillTrials {

    /**
     * What the trials saw.
     *
     * @param killed trials whose trigger fired
     * @param triggerNotReached trials that sent fewer statements than k
     * @param killsAfterStatement how many kills came after statement k, by k
     * @param wrongFailures trials that did not end with a retryable DataAccessFailureException
     * @param lostAcknowledged keys of orders acknowledged but not stored
     * @param committedDespiteFailure keys of orders stored although the call failed
     * @param meanTrialMs mean wall time of a trial
     * @param meanTerminateMs mean time of a kill
     */
    record Tally(
            int killed,
            int triggerNotReached,
            Map<Integer, Integer> killsAfterStatement,
            List<String> wrongFailures,
            List<String> lostAcknowledged,
            List<String> committedDespiteFailure,
            double meanTrialMs,
            double meanTerminateMs) {}

    private final StoreRepository repository;
    private final StatementTrigger trigger;
    private final BackendKiller killer;
    private final Connection admin;

    private int notFired;
    private long trialNanos;
    private final Map<Integer, Integer> killsAfterStatement = new TreeMap<>();
    private final List<String> wrongFailures = new ArrayList<>();
    private final List<String> lostAcknowledged = new ArrayList<>();
    private final List<String> committedDespiteFailure = new ArrayList<>();

    /**
     * @param repository the implementation, over {@code trigger}'s proxy of a pool of its own
     * @param trigger the trigger the repository's statements pass through
     * @param killer kills the backend when the trigger fires
     * @param admin a connection outside that pool, to look at what was stored
     */
    KillTrials(StoreRepository repository, StatementTrigger trigger, BackendKiller killer, Connection admin) {
        this.repository = repository;
        this.trigger = trigger;
        this.killer = killer;
        this.admin = admin;
    }

    /**
     * Runs trials until {@code trials} backends were killed (at most twice as many attempts).
     *
     * @param statements statements one order sends (from a dry run)
     * @param orderFor the order to place under an idempotency key
     * @param expectedLines receives each key with the number of lines its order was placed with
     */
    Tally run(
            int trials,
            int statements,
            Random random,
            Function<String, PlaceOrder> orderFor,
            Map<String, Integer> expectedLines)
            throws SQLException {
        int n = statements;
        for (int trial = 0; killer.kills() < trials && trial < 2 * trials; trial++) {
            String key = "r2.1-" + trial;
            PlaceOrder request = orderFor.apply(key);
            expectedLines.put(key, request.lines().size());
            int seen = trial(trial, key, request, 1 + random.nextInt(n));
            n = seen < 0 ? n : Math.max(1, seen);
        }
        return new Tally(
                killer.kills(),
                notFired,
                killsAfterStatement,
                wrongFailures,
                lostAcknowledged,
                committedDespiteFailure,
                trialNanos / 1e6 / Math.max(1, killer.kills() + notFired),
                killer.meanMillis());
    }

    /** One trial; returns the statements sent when the trigger was not reached, else -1. */
    private int trial(int trial, String key, PlaceOrder request, int k) throws SQLException {
        long start = System.nanoTime();
        trigger.arm(k, killer);
        Order placed = null;
        Throwable failure = null;
        try {
            placed = repository.placeOrder(request);
        } catch (Throwable t) {
            failure = t;
        }
        trialNanos += System.nanoTime() - start;
        boolean fired = trigger.fired();
        int seen = trigger.seen();
        trigger.disarm();
        long stored =
                Reliability.queryLong(admin, "SELECT count(*) FROM purchase_order WHERE idempotency_key = ?", key);
        if (placed != null && stored != 1) {
            lostAcknowledged.add(key);
        }
        if (failure != null && stored != 0) {
            committedDespiteFailure.add(key + " (k=" + k + ")");
        }
        if (!fired) {
            notFired++;
            return seen;
        }
        killsAfterStatement.merge(k, 1, Integer::sum);
        if (!(failure instanceof DataAccessFailureException daf) || !daf.isRetryable()) {
            wrongFailures.add(
                    "trial " + trial + " (k=" + k + "): " + (failure == null ? "returned normally" : failure));
        }
        return -1;
    }
}
