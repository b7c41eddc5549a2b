package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRequest;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.suite.ContractFixture;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R1: real threads against the real PostgreSQL through the shared pool. Optimistic locking
 * loses no update, idempotency keys hold under a race, and stock is never oversold.
 */
public interface ConcurrencyRules extends ContractFixture {

    @Test
    @DisplayName(
            "R1.1 Optimistic locking, 8 threads x 250 version-checked status changes retried on stale: no lost update, conflicts observed")
    default void r1_1_optimisticLockingLosesNoUpdate() throws Exception {
        int threads = 8;
        int changesPerThread = 250;
        int activeOrders = 12; // a small working set, so threads collide on the same order
        long seed = Reliability.seed("R1.1");
        ReliabilityResults.Rule figures =
                ReliabilityResults.of(store()).rule("R1.1", "optimistic locking under concurrency");
        figures.put("seed", seed)
                .put("threads", threads)
                .put("changeCallsPerThread", changesPerThread)
                .put("workingSetOrders", activeOrders);
        Customer buyer = store().createCustomer(new NewCustomer("r1.1@example.com", "Optimist"));
        int initialStock = 1_000_000;
        Product product = store().createProducts(List.of(new NewProduct(
                        "R1.1-SKU", "Contended product", new BigDecimal("2.50"), initialStock, Map.of())))
                .get(0);
        // Orders are used up (at most two changes each), so a reserve is inserted up front with plain
        // SQL (set-up, not under test). 0.6 orders per attempt covers even a run without conflicts.
        int reserveSize = threads * changesPerThread * 6 / 10 + activeOrders;
        List<Long> orders = insertNewOrders(buyer.id(), product.id(), reserveSize);
        assertThat(orders).hasSize(reserveSize);
        StatusChangeRace.Result race =
                new StatusChangeRace(store(), orders, activeOrders).run(threads, changesPerThread, seed);
        figures.put("ordersPlaced", reserveSize)
                .put("changesApplied", race.applied())
                .put("staleVersionConflicts", race.stale())
                .put("unexpectedFailures", race.unexpected().size());
        assertEveryCallAccounted(race, (long) threads * changesPerThread);
        int cancelled = assertNoLostUpdate(race, figures);
        assertThat(store().findProductBySku("R1.1-SKU").orElseThrow().stock())
                .as("stock: cancellations gave back exactly their units")
                .isEqualTo(initialStock - (reserveSize - cancelled));
        Reliability.assertSharedPoolHygiene(database());
        figures.passed();
    }

    /** R1.1: every call applied or refused as stale, nothing else, and the threads did collide. */
    private static void assertEveryCallAccounted(StatusChangeRace.Result race, long calls) {
        assertThat(race.unexpected())
                .as("only StaleVersionException may refuse a legal change read at its current version")
                .isEmpty();
        assertThat(race.applied() + race.stale())
                .as("every call either applied or refused as stale")
                .isEqualTo(calls);
        assertThat(race.stale())
                .as("conflicts observed (threads raced on the same orders)")
                .isPositive();
    }

    /**
     * R1.1's verdict on the orders: no lost update, each order's status that of its last
     * successful change, orders never changed still NEW at version 0. Returns the orders cancelled.
     */
    private int assertNoLostUpdate(StatusChangeRace.Result race, ReliabilityResults.Rule figures) {
        long lostUpdates = 0;
        int cancelled = 0;
        for (Map.Entry<Long, List<StatusChangeRace.Change>> entry :
                race.successes().entrySet()) {
            Order now = store().findOrder(entry.getKey()).orElseThrow();
            lostUpdates += StatusChangeRace.lostUpdates(entry.getValue(), now.version());
            OrderStatus last = StatusChangeRace.lastStatus(entry.getValue());
            assertThat(now.status())
                    .as("order %d: status of its last successful change", now.id())
                    .isEqualTo(last);
            cancelled += last == OrderStatus.CANCELLED ? 1 : 0;
        }
        figures.put("lostUpdates", lostUpdates);
        assertThat(lostUpdates)
                .as("lost updates (final version != successful changes, or a version granted twice)")
                .isZero();
        long untouchedChanged = Reliability.queryLong(
                database(),
                "SELECT count(*) FROM purchase_order WHERE NOT (id = ANY (?)) AND (status <> 'NEW' OR version <> 0)",
                (Object) race.successes().keySet().toArray(Long[]::new));
        assertThat(untouchedChanged)
                .as("orders changed without a successful call")
                .isZero();
        return cancelled;
    }

    @Test
    @DisplayName(
            "R1.2 16 threads placing the same order with one idempotency key, 50 rounds: one order per key, stock taken once, same id for all")
    default void r1_2_idempotencyKeyHoldsUnderRace() throws Exception {
        int threads = 16;
        int rounds = 50;
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R1.2", "idempotency under a race");
        figures.put("threads", threads).put("rounds", rounds);
        Customer buyer = store().createCustomer(new NewCustomer("r1.2@example.com", "Impatient"));
        int initialStock = 10_000;
        int quantity = 3;
        Product product = store().createProducts(List.of(
                        new NewProduct("R1.2-SKU", "Popular product", new BigDecimal("9.99"), initialStock, Map.of())))
                .get(0);
        Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        SameKeyRace.Result race = new SameKeyRace(store())
                .run(
                        round -> PlaceOrder.of(
                                        buyer.id(), placedAt, List.of(new OrderLineRequest(product.id(), quantity)))
                                .withIdempotencyKey("r1.2-round-" + round),
                        threads,
                        rounds);
        long orders = Reliability.queryLong(database(), "SELECT count(*) FROM purchase_order");
        long keys = Reliability.queryLong(database(), "SELECT count(DISTINCT idempotency_key) FROM purchase_order");
        int stock = store().findProductBySku("R1.2-SKU").orElseThrow().stock();
        figures.put("calls", threads * rounds)
                .put("callerFailures", race.callerFailures())
                .put("ordersStored", orders)
                .put("disagreements", race.disagreements().size());
        assertThat(race.disagreements())
                .as("every caller of a round gets the same order, none fails")
                .isEmpty();
        assertThat(orders).as("exactly one order per key").isEqualTo(rounds);
        assertThat(keys).isEqualTo(rounds);
        assertThat(stock).as("stock taken once per key").isEqualTo(initialStock - rounds * quantity);
        assertThat(Reliability.queryLong(database(), "SELECT count(*) FROM order_line"))
                .isEqualTo(rounds);
        Reliability.assertSharedPoolHygiene(database());
        figures.passed();
    }

    @Test
    @DisplayName(
            "R1.3 Many threads buying the last units: exactly the available units sold, stock never below 0, InsufficientStockException for the rest")
    default void r1_3_noOversell() throws Exception {
        int threads = 12;
        int attemptsPerThread = 6;
        int rounds = 5;
        int available = 25;
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R1.3", "no oversell under concurrency");
        figures.put("threads", threads)
                .put("attemptsPerThread", attemptsPerThread)
                .put("rounds", rounds)
                .put("unitsPerRound", available);
        Customer buyer = store().createCustomer(new NewCustomer("r1.3@example.com", "Bargain hunter"));
        LastUnitsRush rush = new LastUnitsRush(store(), database());
        List<LastUnitsRush.Round> done = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Product product = store().createProducts(List.of(new NewProduct(
                            "R1.3-SKU-" + round, "Last units " + round, new BigDecimal("1.00"), available, Map.of())))
                    .get(0);
            LastUnitsRush.Round r = rush.run(product, buyer.id(), threads, attemptsPerThread);
            done.add(r);
            assertRoundSoldOut(round, r, product, available, threads * attemptsPerThread - available);
        }
        LastUnitsRush.Round total = LastUnitsRush.Round.total(done);
        figures.put("unitsSold", (long) total.sold())
                .put("insufficientStockRefusals", (long) total.refused())
                .put("minStockObserved", total.minStockSeen())
                .put("unexpectedFailures", total.unexpected().size());
        assertThat(total.unexpected())
                .as("failures other than InsufficientStockException")
                .isEmpty();
        assertThat(total.minStockSeen()).as("stock seen by a concurrent reader").isGreaterThanOrEqualTo(0);
        Reliability.assertSharedPoolHygiene(database());
        figures.passed();
    }

    /** R1.3's verdict on one round: exactly the available units sold, the rest refused, nothing left. */
    private void assertRoundSoldOut(int round, LastUnitsRush.Round r, Product product, int available, int refusals) {
        assertThat(r.sold()).as("round %d: units sold", round).isEqualTo(available);
        assertThat(r.refused()).as("round %d: refused", round).isEqualTo(refusals);
        assertThat(store().findProductBySku(product.sku()).orElseThrow().stock())
                .isZero();
        assertThat(Reliability.queryLong(
                        database(),
                        "SELECT coalesce(sum(quantity), 0) FROM order_line WHERE product_id = ?",
                        product.id()))
                .as("units on stored order lines")
                .isEqualTo(available);
    }

    /** Inserts {@code count} NEW orders of one line (1 unit of {@code productId}) with plain SQL and takes their stock. */
    private List<Long> insertNewOrders(long customerId, long productId, int count) {
        List<Long> ids = new ArrayList<>();
        try (java.sql.Connection c = database().openConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO purchase_order (customer_id, status, total, created_at)"
                            + " SELECT ?, 'NEW', price, now() FROM product, generate_series(1, ?) WHERE product.id = ? RETURNING id")) {
                ps.setLong(1, customerId);
                ps.setInt(2, count);
                ps.setLong(3, productId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price)"
                            + " SELECT o.id, 1, p.id, 1, p.price FROM purchase_order o, product p WHERE o.id = ANY (?) AND p.id = ?")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                ps.setLong(2, productId);
                ps.executeUpdate();
            }
            try (java.sql.PreparedStatement ps =
                    c.prepareStatement("UPDATE product SET stock = stock - ?, version = version + 1 WHERE id = ?")) {
                ps.setInt(1, count);
                ps.setLong(2, productId);
                ps.executeUpdate();
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not insert the reserve of orders: " + e.getMessage(), e);
        }
        return ids;
    }
}
