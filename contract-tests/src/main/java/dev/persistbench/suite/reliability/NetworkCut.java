package dev.persistbench.suite.reliability;

import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.suite.reliability.FaultRules.NetworkTrial;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fault injection for R2.2: cuts the network of a {@link TcpProxy} right after statement k of an
 * operation (through a {@link StatementTrigger}), bounds the call, restores the network, and
 * retries with the same idempotency key as a caller would.
 */
final class NetworkCut {

    /** How the network fails. */
    enum Fault {
        /** Nothing gets through either way. */
        BLACK_HOLE,
        /** Requests reach the server, replies are lost. */
        LOSE_REPLIES,
        /** Every connection through the proxy is closed. */
        CLOSE;

        void apply(TcpProxy proxy) {
            switch (this) {
                case BLACK_HOLE -> proxy.mode(TcpProxy.Mode.BLACK_HOLE);
                case LOSE_REPLIES -> proxy.mode(TcpProxy.Mode.LOSE_REPLIES);
                case CLOSE -> proxy.closeAll();
            }
        }
    }

    /**
     * One trial.
     *
     * @param row what the results file records
     * @param wrongFailure how the call ended other than with a DataAccessFailureException, or null
     * @param ordersAfterFault orders stored under the request's key right after the fault
     * @param problems partial orders or stock mismatches right after the fault
     * @param retriedLines lines of the order the retry returned
     */
    record Trial(
            NetworkTrial row, String wrongFailure, long ordersAfterFault, List<String> problems, int retriedLines) {}

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final TcpProxy proxy;
    private final StatementTrigger trigger;
    private final StoreRepository repository;
    private final Connection admin;

    NetworkCut(TcpProxy proxy, StatementTrigger trigger, StoreRepository repository, Connection admin) {
        this.proxy = proxy;
        this.trigger = trigger;
        this.repository = repository;
        this.admin = admin;
    }

    /**
     * Places {@code request} with {@code fault} after statement {@code k}, looks at the store
     * through {@code consistency}, then places it once more with the same key.
     */
    Trial trial(Fault fault, int k, PlaceOrder request, Supplier<List<String>> consistency) throws Throwable {
        long start = System.nanoTime();
        Throwable failure = Reliability.within(BOUND, "P06 during " + fault, () -> {
            // armed on the thread that runs the operation (the trigger is per thread)
            trigger.arm(k, connection -> fault.apply(proxy));
            try {
                repository.placeOrder(request);
                return null;
            } catch (Throwable t) {
                return t;
            } finally {
                trigger.disarm();
            }
        });
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        proxy.mode(TcpProxy.Mode.FORWARD);
        String key = request.idempotencyKey().orElseThrow();
        long afterFault = count(key);
        List<String> problems = consistency.get();
        // Retry with the same key: exactly one order, whatever the first attempt left.
        Order retried = Reliability.within(BOUND, "retry after " + fault, () -> retryPlaceOrder(request));
        NetworkTrial row = new NetworkTrial(
                fault.name(),
                k,
                elapsedMs,
                failure == null ? null : failure.getClass().getSimpleName(),
                failure instanceof DataAccessFailureException daf && daf.isRetryable(),
                afterFault == 1,
                count(key));
        String wrong = failure instanceof DataAccessFailureException
                ? null
                : fault + " after statement " + k + ": " + (failure == null ? "returned normally" : failure);
        return new Trial(row, wrong, afterFault, problems, retried.lines().size());
    }

    private long count(String key) throws SQLException {
        return Reliability.queryLong(admin, "SELECT count(*) FROM purchase_order WHERE idempotency_key = ?", key);
    }

    /** A caller's retry loop: the pool may still hand out a connection the cut left broken once or twice. */
    private Order retryPlaceOrder(PlaceOrder request) {
        DataAccessFailureException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return repository.placeOrder(request);
            } catch (DataAccessFailureException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }
}
