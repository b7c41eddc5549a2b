package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.persistbench.contract.StoreRepository;
import dev.persistbench.contract.error.DataAccessFailureException;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R2: faults injected into real connections. A backend killed in the middle of P06, a network
 * that stops answering or closes, lock and statement time-outs: each operation ends with the
 * contract's {@link DataAccessFailureException} and leaves all or nothing, the pool recovers,
 * and no connection or transaction is left behind.
 */
public interface FaultRules extends ContractFixture {

    /** One R2.2 trial: a fault after statement k of P06, what the call did and what the retry left. */
    record NetworkTrial(
            String fault,
            int afterStatement,
            long elapsedMs,
            String failure,
            boolean retryable,
            boolean orderStoredAfterFault,
            long ordersAfterRetry) {
        /** The longest trial's wall time. */
        static long maxElapsedMs(List<NetworkTrial> trials) {
            return trials.stream().mapToLong(NetworkTrial::elapsedMs).max().orElse(0);
        }
    }

    /** One R2.3 case: an operation against a held row under a time-out setting. */
    record TimeoutCase(
            String setting, String operation, long elapsedMs, String failure, String sqlState, boolean retryable) {}

    /** Products every fault test orders from; generous stock so only the injected fault can fail an order. */
    private List<Product> faultProducts(String prefix, int count) {
        List<NewProduct> products = IntStream.range(0, count)
                .mapToObj(i -> new NewProduct(
                        prefix + "-" + i,
                        "Fault product " + i,
                        new BigDecimal("3.25").add(BigDecimal.valueOf(i)),
                        1_000_000,
                        Map.of()))
                .toList();
        return store().createProducts(products);
    }

    /**
     * An order of one fixed shape (three lines naming three different products, in random order
     * and quantities), so that every trial sends the same number of statements and "after
     * statement k" means the same point in each.
     */
    private static PlaceOrder randomOrder(Random random, long customerId, List<Product> products, String key) {
        List<Product> shuffled = new ArrayList<>(products);
        java.util.Collections.shuffle(shuffled, random);
        List<OrderLineRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(new OrderLineRequest(shuffled.get(i).id(), 1 + random.nextInt(3)));
        }
        PlaceOrder order = PlaceOrder.of(customerId, Instant.now().truncatedTo(ChronoUnit.MICROS), requests);
        return key == null ? order : order.withIdempotencyKey(key);
    }

    /**
     * Whole-store consistency: every order has the lines it was placed with (none missing,
     * none extra), and every unit taken from stock is on an order line.
     */
    private List<String> consistencyProblems(Map<String, Integer> expectedLinesByKey, List<Product> products) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> row : Reliability.queryRows(
                database(),
                "SELECT o.idempotency_key AS key, count(l.line_no) AS lines FROM purchase_order o"
                        + " LEFT JOIN order_line l ON l.order_id = o.id WHERE o.idempotency_key IS NOT NULL GROUP BY o.id, o.idempotency_key")) {
            String key = (String) row.get("key");
            Integer expected = expectedLinesByKey.get(key);
            long lines = ((Number) row.get("lines")).longValue();
            if (expected == null || expected != lines) {
                problems.add("order " + key + " has " + lines + " lines, expected " + expected);
            }
        }
        for (Product p : products) {
            long stock = Reliability.queryLong(database(), "SELECT stock FROM product WHERE id = ?", p.id());
            long sold = Reliability.queryLong(
                    database(), "SELECT coalesce(sum(quantity), 0) FROM order_line WHERE product_id = ?", p.id());
            if (p.stock() - stock != sold) {
                problems.add("product " + p.sku() + ": " + (p.stock() - stock) + " units taken from stock, " + sold
                        + " on order lines");
            }
        }
        return problems;
    }

    private static long keyCount(Connection admin, String key) throws SQLException {
        return Reliability.queryLong(admin, "SELECT count(*) FROM purchase_order WHERE idempotency_key = ?", key);
    }

    /** R2.1's figures beside the seed, trials and statement count, in the order the file has always had them. */
    record KillFigures(
            int backendsKilled,
            int triggerNotReached,
            Map<Integer, Integer> killsAfterStatement,
            int wrongFailures,
            int partialOrStockMismatches,
            int lostAcknowledgedOrders,
            int committedDespiteFailure,
            int recoveryOperationsSucceeded,
            double meanTrialMs,
            double meanTerminateMs) {
        KillFigures(KillTrials.Tally tally, int partialOrStockMismatches, int recovered) {
            this(
                    tally.killed(),
                    tally.triggerNotReached(),
                    tally.killsAfterStatement(),
                    tally.wrongFailures().size(),
                    partialOrStockMismatches,
                    tally.lostAcknowledged().size(),
                    tally.committedDespiteFailure().size(),
                    recovered,
                    tally.meanTrialMs(),
                    tally.meanTerminateMs());
        }
    }

    @Test
    @DisplayName(
            "R2.1 Backend killed after statement k of P06: retryable DataAccessFailureException, no partial or lost order, pool recovers")
    default void r2_1_backendKilledInTheMiddleOfPlaceOrder() throws Throwable {
        int trials = Reliability.longRun() ? 1_000 : 200;
        long seed = Reliability.seed("R2.1");
        Random random = new Random(seed);
        ReliabilityResults.Rule figures =
                ReliabilityResults.of(store()).rule("R2.1", "backend killed in the middle of P06");
        figures.put("seed", seed).put("trials", trials);
        String app = Reliability.uniqueName("pb_kill");
        Customer buyer = store().createCustomer(new NewCustomer("r2.1@example.com", "Unlucky"));
        List<Product> products = faultProducts("R2.1", 5);
        Function<String, PlaceOrder> orderFor = key -> randomOrder(random, buyer.id(), products, key);
        StatementTrigger trigger = new StatementTrigger();
        try (HikariDataSource pool = Reliability.pool(database(), app, 3, Map.of("ApplicationName", app));
                Connection admin = database().openConnection();
                BackendKiller killer = new BackendKiller(admin);
                StoreRepository repository = newRepository(trigger.wrap(pool))) {
            Map<String, Integer> expectedLines = new LinkedHashMap<>();
            int statements = dryRun(trigger, repository, orderFor.apply("r2.1-probe"), expectedLines);
            figures.put("statementsPerPlaceOrder", statements);
            KillTrials.Tally tally = new KillTrials(repository, trigger, killer, admin)
                    .run(trials, statements, random, orderFor, expectedLines);
            List<String> problems = consistencyProblems(expectedLines, products);
            // The pool must serve again: the next operations all succeed.
            int recovered = placeAll(repository, "r2.1-recovery-", 100, orderFor, expectedLines);
            figures.putAll(new KillFigures(tally, problems.size(), recovered));
            assertAllOrNothing(tally, problems, trials);
            assertThat(consistencyProblems(expectedLines, products)).isEmpty();
            Reliability.assertHygiene(database(), pool, app);
        } finally {
            trigger.disarm();
        }
        figures.passed();
    }

    /** R2.1's verdict: every kill surfaced as a retryable failure and left all or nothing. */
    private static void assertAllOrNothing(KillTrials.Tally tally, List<String> problems, int trials) {
        assertThat(tally.wrongFailures())
                .as("a killed backend must surface as a retryable DataAccessFailureException")
                .isEmpty();
        assertThat(problems)
                .as("partial orders or stock taken without an order")
                .isEmpty();
        assertThat(tally.lostAcknowledged()).as("acknowledged orders missing").isEmpty();
        // The backend died before the commit was sent, so nothing may have been committed.
        assertThat(tally.committedDespiteFailure())
                .as("orders stored although the transaction was killed before its commit")
                .isEmpty();
        assertThat(tally.killed()).as("trials whose trigger fired").isEqualTo(trials);
    }

    /** Places {@code probe} once with the trigger counting: the statements one P06 sends here (k is drawn from 1..n). */
    private static int dryRun(
            StatementTrigger trigger,
            StoreRepository repository,
            PlaceOrder probe,
            Map<String, Integer> expectedLines) {
        trigger.count();
        repository.placeOrder(probe);
        int statements = trigger.seen();
        trigger.disarm();
        expectedLines.put(probe.idempotencyKey().orElseThrow(), probe.lines().size());
        assertThat(statements).as("statements of one P06").isPositive();
        return statements;
    }

    /** Places {@code count} orders keyed {@code prefix + i}, each of which must succeed; returns how many did. */
    private static int placeAll(
            StoreRepository repository,
            String prefix,
            int count,
            Function<String, PlaceOrder> orderFor,
            Map<String, Integer> expectedLines) {
        for (int i = 0; i < count; i++) {
            PlaceOrder request = orderFor.apply(prefix + i);
            repository.placeOrder(request);
            expectedLines.put(prefix + i, request.lines().size());
        }
        return count;
    }

    @Test
    @DisplayName(
            "R2.2 Network black hole, lost replies and closed connections during P06: bounded failure, all-or-nothing, retry with the key gives one order")
    default void r2_2_networkCutDuringPlaceOrder() throws Throwable {
        int socketTimeoutSeconds = 1;
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R2.2", "network cut during P06");
        long seed = Reliability.seed("R2.2");
        figures.put("seed", seed).put("socketTimeoutSeconds", socketTimeoutSeconds);
        String app = Reliability.uniqueName("pb_net");
        Customer buyer = store().createCustomer(new NewCustomer("r2.2@example.com", "Disconnected"));
        List<Product> products = faultProducts("R2.2", 4);
        Random random = new Random(seed);
        Function<String, PlaceOrder> orderFor = key -> randomOrder(random, buyer.id(), products, key);
        StatementTrigger trigger = new StatementTrigger();
        try (TcpProxy proxy = proxyToServer();
                HikariDataSource pool = proxiedPool(proxy, app, socketTimeoutSeconds);
                Connection admin = database().openConnection();
                StoreRepository repository = newRepository(trigger.wrap(pool))) {
            Map<String, Integer> expectedLines = new LinkedHashMap<>();
            int statements = dryRun(trigger, repository, orderFor.apply("r2.2-probe"), expectedLines);
            figures.put("statementsPerPlaceOrder", statements);
            NetworkCut cut = new NetworkCut(proxy, trigger, repository, admin);
            List<String> wrong = new ArrayList<>();
            List<NetworkTrial> trialRows = cutAfterEachPoint(cut, statements, orderFor, expectedLines, products, wrong);
            figures.put("trials", trialRows)
                    .put("maxElapsedMs", NetworkTrial.maxElapsedMs(trialRows))
                    .put("wrongFailures", wrong.size());
            assertThat(wrong)
                    .as("a cut network must surface as DataAccessFailureException")
                    .isEmpty();
            assertThat(consistencyProblems(expectedLines, products)).isEmpty();
            Reliability.assertHygiene(database(), pool, app);
        } finally {
            trigger.disarm();
        }
        figures.passed();
    }

    /** R2.2's trials: each fault after the first, the middle and the last statement of P06. */
    private List<NetworkTrial> cutAfterEachPoint(
            NetworkCut cut,
            int statements,
            Function<String, PlaceOrder> orderFor,
            Map<String, Integer> expectedLines,
            List<Product> products,
            List<String> wrong)
            throws Throwable {
        List<NetworkTrial> trialRows = new ArrayList<>();
        for (NetworkCut.Fault fault : NetworkCut.Fault.values()) {
            for (int k : new TreeSet<>(List.of(1, Math.max(1, (statements + 1) / 2), statements))) {
                PlaceOrder request = orderFor.apply("r2.2-" + fault + "-" + k);
                trialRows.add(cutTrial(cut, fault, k, request, expectedLines, products, wrong));
            }
        }
        return trialRows;
    }

    /**
     * One R2.2 trial ({@link NetworkCut#trial}) and its verdict: the order wholly there or wholly
     * absent, and exactly one after the retry. A call that did not fail as the contract says goes
     * to {@code wrong}.
     */
    private NetworkTrial cutTrial(
            NetworkCut cut,
            NetworkCut.Fault fault,
            int k,
            PlaceOrder request,
            Map<String, Integer> expectedLines,
            List<Product> products,
            List<String> wrong)
            throws Throwable {
        expectedLines.put(
                request.idempotencyKey().orElseThrow(), request.lines().size());
        NetworkCut.Trial trial = cut.trial(fault, k, request, () -> consistencyProblems(expectedLines, products));
        Optional.ofNullable(trial.wrongFailure()).ifPresent(wrong::add);
        String what = fault + " after statement " + k;
        assertThat(trial.problems())
                .as("%s: partial order or stock mismatch", what)
                .isEmpty();
        assertThat(trial.ordersAfterFault())
                .as("%s: the order is wholly there or wholly absent", what)
                .isBetween(0L, 1L);
        assertThat(trial.row().ordersAfterRetry())
                .as("%s: one order after the retry", what)
                .isEqualTo(1);
        assertThat(trial.retriedLines()).isEqualTo(request.lines().size());
        return trial.row();
    }

    /** A relay to the test database's server, on 127.0.0.1. */
    private TcpProxy proxyToServer() throws java.io.IOException {
        String url = database().server().jdbcUrl();
        Matcher hostPort = Pattern.compile("//([^/:]+):(\\d+)/").matcher(url);
        assertThat(hostPort.find()).as("host and port in %s", url).isTrue();
        return new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
    }

    /** A pool of its own through {@code proxy}, with short driver and pool time-outs so that a cut surfaces quickly. */
    private HikariDataSource proxiedPool(TcpProxy proxy, String app, int socketTimeoutSeconds) {
        Map<String, String> driver = Map.of(
                "ApplicationName",
                app,
                "socketTimeout",
                Integer.toString(socketTimeoutSeconds),
                "connectTimeout",
                "2",
                "loginTimeout",
                "2");
        String url = proxy.rewrite(database().server().jdbcUrl());
        return Reliability.pool(database(), app, 2, url, driver, config -> {
            config.setConnectionTimeout(3_000);
            config.setValidationTimeout(1_000);
        });
    }

    @Test
    @DisplayName(
            "R2.3 lock_timeout and statement_timeout on a held row: DataAccessFailureException within 1 s of the limit, nothing changed")
    default void r2_3_timeoutsSurfaceQuicklyAndChangeNothing() throws Throwable {
        int limitMs = 500;
        ReliabilityResults.Rule figures = ReliabilityResults.of(store()).rule("R2.3", "lock and statement time-outs");
        figures.put("limitMs", limitMs);
        Customer buyer = store().createCustomer(new NewCustomer("r2.3@example.com", "Patient"));
        List<Product> products = faultProducts("R2.3", 2);
        Order existing = store().placeOrder(orderOf(buyer, products.get(0), 1));
        List<TimeoutCase> rows = new ArrayList<>();
        for (String setting : List.of("lock_timeout", "statement_timeout")) {
            String app = Reliability.uniqueName("pb_timeout");
            Map<String, String> options = Map.of("ApplicationName", app, "options", "-c " + setting + "=" + limitMs);
            try (HikariDataSource pool = Reliability.pool(database(), app, 2, options);
                    StoreRepository repository = newRepository(pool)) {
                // Warm up outside the measurement, so class loading and first-use costs do not count.
                repository.findOrder(existing.id());
                repository.placeOrder(orderOf(buyer, products.get(1), 1));
                Consumer<TimeoutCase> record = row -> figures.put("cases", append(rows, row));
                againstHeldRow(
                        setting,
                        "placeOrder",
                        forUpdate("product", products.get(0).id()),
                        limitMs,
                        record,
                        () -> repository.placeOrder(orderOf(buyer, products.get(0), 2)));
                againstHeldRow(
                        setting,
                        "changeStatus",
                        forUpdate("purchase_order", existing.id()),
                        limitMs,
                        record,
                        () -> repository.changeStatus(existing.id(), existing.version(), OrderStatus.PAID));
                Reliability.assertHygiene(database(), pool, app);
            }
        }
        Reliability.assertSharedPoolHygiene(database());
        figures.passed();
    }

    /** A statement that locks one row of {@code table} (a name of this schema's, never user input). */
    private static String forUpdate(String table, long id) {
        return "SELECT id FROM " + table + " WHERE id = " + id + " FOR UPDATE";
    }

    private static PlaceOrder orderOf(Customer buyer, Product product, int quantity) {
        return PlaceOrder.of(
                buyer.id(),
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                List.of(new OrderLineRequest(product.id(), quantity)));
    }

    /**
     * R2.3's case: runs {@code operation} while another transaction holds the row {@code lock}
     * takes, and checks it ends with a retryable DataAccessFailureException within 1 s of the
     * limit, having changed nothing. The case goes to {@code record} before it is checked.
     */
    private void againstHeldRow(
            String setting, String operation, String lock, int limitMs, Consumer<TimeoutCase> record, Runnable call)
            throws Throwable {
        Map<String, String> before = Reliability.snapshot(database());
        long start;
        Throwable failure;
        try (Connection holder = database().openConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery(lock).close();
            start = System.nanoTime();
            failure = Reliability.within(Duration.ofSeconds(30), operation + " against a held row", () -> {
                try {
                    call.run();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            holder.rollback();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, String> after = Reliability.snapshot(database());
        record.accept(new TimeoutCase(
                setting,
                operation,
                elapsedMs,
                failure == null ? null : failure.getClass().getSimpleName(),
                failure instanceof DataAccessFailureException daf ? daf.sqlState() : null,
                failure instanceof DataAccessFailureException daf && daf.isRetryable()));
        assertThat(failure).as("%s under %s", operation, setting).isInstanceOf(DataAccessFailureException.class);
        assertThat(((DataAccessFailureException) failure).isRetryable())
                .as("a time-out may succeed when retried")
                .isTrue();
        assertThat(elapsedMs)
                .as("%s under %s=%d ms: time until the failure surfaced", operation, setting, limitMs)
                .isLessThanOrEqualTo(limitMs + 1_000L);
        assertThat(after).as("nothing changed by the timed-out %s", operation).isEqualTo(before);
    }

    private static <T> List<T> append(List<T> list, T item) {
        list.add(item);
        return list;
    }
}
