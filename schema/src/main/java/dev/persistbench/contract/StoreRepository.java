package dev.persistbench.contract;

import dev.persistbench.contract.error.DataAccessFailureException;
import dev.persistbench.contract.error.DuplicateKeyException;
import dev.persistbench.contract.error.IllegalTransitionException;
import dev.persistbench.contract.error.InsufficientStockException;
import dev.persistbench.contract.error.NotFoundException;
import dev.persistbench.contract.error.StaleVersionException;
import dev.persistbench.contract.model.Customer;
import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.NewCustomer;
import dev.persistbench.contract.model.NewProduct;
import dev.persistbench.contract.model.Order;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import dev.persistbench.contract.model.PlaceOrder;
import dev.persistbench.contract.model.Product;
import dev.persistbench.contract.model.ProductPage;
import dev.persistbench.contract.model.ProductSearch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The order store: the one contract that every data-access library in this project implements.
 *
 * <h2>General rules</h2>
 * <ul>
 *   <li><b>G.1 Atomicity and transactions.</b> Every operation commits entirely or leaves no
 *       trace, on a connection from the {@link javax.sql.DataSource} the implementation was
 *       built with, returned before the call returns. One rule decides the transaction, the same
 *       for every implementation and for the benchmarks' raw-JDBC floor: a call that sends ONE
 *       SQL statement sends it in auto-commit, with no explicit transaction (no
 *       {@code setAutoCommit(false)}, no BEGIN/COMMIT, no read-only transaction: the statement is
 *       its own transaction); a call that sends more than one statement runs all of them in
 *       exactly one transaction, committed once. P01, P02, P04, P07 and P13 need one statement,
 *       so one round trip to the server. Two exceptions: P12's one statement streams through a
 *       cursor, which pgjdbc keeps open only inside a transaction, so it may run in one; and a
 *       read that only explains why a one-statement change changed nothing (P09's stale version
 *       or illegal transition) may follow it in auto-commit, since nothing was written.</li>
 *   <li><b>G.2 Bad arguments.</b> A null where a value is required, an id that is zero or
 *       negative in a command, a limit out of range, text with U+0000 or a lone surrogate: an
 *       {@link IllegalArgumentException} whose message names the argument, thrown before any SQL
 *       is sent. The records of {@code dev.persistbench.contract.model} check themselves when
 *       they are built.</li>
 *   <li><b>G.3 Errors.</b> Only {@link IllegalArgumentException} and the subclasses of
 *       {@link dev.persistbench.contract.error.StoreException} leave an operation; a framework's
 *       exception never does. A failure of the store that the contract does not name (connection
 *       lost, timeout, deadlock) is a {@link DataAccessFailureException} that says whether a
 *       retry may help.</li>
 * </ul>
 *
 * <h2>Values</h2>
 * <ul>
 *   <li><b>V.1</b> Instants are stored with microsecond precision (PostgreSQL's); the records
 *       truncate input instants to microseconds, so what is read back equals what was given.
 *       Time bounds (P10, P11, P12) compare exactly with the stored instants even when they
 *       carry nanoseconds: implementations round them up with
 *       {@link dev.persistbench.contract.model.Check#bound}.</li>
 *   <li><b>V.2</b> Money is a {@link java.math.BigDecimal} with scale 2, exact: never rounded,
 *       never a double.</li>
 *   <li><b>V.3</b> Any Unicode text (outside the Basic Multilingual Plane too) round-trips
 *       byte-exact, except U+0000, which PostgreSQL cannot store and which is refused by G.2.</li>
 *   <li><b>V.4</b> An instant that is written (P06's {@code placedAt}) lies between
 *       {@link dev.persistbench.contract.model.Check#MIN_INSTANT} (year 1) and
 *       {@link dev.persistbench.contract.model.Check#MAX_INSTANT} (year 9999), or its record refuses
 *       it (G.2). A time bound (P10, P11, P12) outside that range is an open end: it is clamped,
 *       so {@link Instant#MIN} and {@link Instant#MAX} select everything on their side.</li>
 * </ul>
 *
 * <p>Argument checks are written once, in {@link Arguments}: every implementation calls the
 * method named after its operation first.
 *
 * <p>Implementations are thread-safe: one instance serves many threads at once.
 */
public interface StoreRepository extends AutoCloseable {

    /** Rows fetched per round trip by {@link #streamOrderLines} (P12). */
    int STREAM_FETCH_SIZE = 500;

    /** Most products {@link #createProducts} takes in one call (P03). */
    int MAX_BATCH = 10_000;

    /** Most orders {@link #latestOrders} returns (P08). */
    int MAX_LATEST_ORDERS = 100;

    /** Most rows {@link #topCustomersByRevenue} returns (P11). */
    int MAX_REPORT_ROWS = 1_000;

    /**
     * P01: creates a customer.
     * <ul>
     *   <li>P01.1 Returns the customer with a generated id, e-mail and name as given and the
     *       creation instant set by the database.</li>
     *   <li>P01.2 An e-mail already used by another customer, compared case-insensitively, is a
     *       {@link DuplicateKeyException} naming the index {@code customer_email_lower_uq} (taken
     *       from the server error's fields, never from its message text); nothing is written.</li>
     * </ul>
     */
    Customer createCustomer(NewCustomer customer);

    /**
     * P02: the customer with this id.
     * <ul>
     *   <li>P02.1 Returns what {@link #createCustomer} returned.</li>
     *   <li>P02.2 An id that does not exist (zero and negative ones too) gives an empty Optional,
     *       never null and never an exception.</li>
     * </ul>
     */
    Optional<Customer> findCustomer(long id);

    /**
     * P03: creates many products in one call.
     * <ul>
     *   <li>P03.1 Returns the created products in input order, each with its generated id,
     *       version 0 and the values given.</li>
     *   <li>P03.2 The rows travel in batches: 1,000 products take at most 50 statement
     *       executions (a JDBC batch counts once, id allocation counts too).</li>
     *   <li>P03.3 A SKU that exists already, or that appears twice in the list, is a
     *       {@link DuplicateKeyException} naming the constraint {@code product_sku_uq}, and none of
     *       the products is inserted.</li>
     *   <li>P03.4 An empty list returns an empty list; a null element is refused (G.2); at most
     *       {@value #MAX_BATCH} products per call.</li>
     * </ul>
     */
    List<Product> createProducts(List<NewProduct> products);

    /**
     * P04: the product with exactly this SKU.
     * <ul>
     *   <li>P04.1 Exact, case-sensitive match: a SKU that differs only in case is not found.</li>
     *   <li>P04.2 Absent gives an empty Optional.</li>
     *   <li>P04.3 A SKU that no product can have (blank, or longer than
     *       {@value dev.persistbench.contract.model.Check#MAX_KEY_LENGTH} characters) gives an
     *       empty Optional, without SQL; null, U+0000 and a lone surrogate are refused (G.2).</li>
     * </ul>
     */
    Optional<Product> findProductBySku(String sku);

    /**
     * P05: searches products, one keyset page at a time.
     * <ul>
     *   <li>P05.1 The name fragment matches case-insensitively anywhere in the name.</li>
     *   <li>P05.2 {@code %}, {@code _} and {@code \} in the fragment match only themselves.</li>
     *   <li>P05.3 The price range is inclusive at both ends.</li>
     *   <li>P05.4 The attribute filter keeps products whose attributes hold the key with exactly
     *       that string value.</li>
     *   <li>P05.5 In-stock-only keeps products with stock above zero.</li>
     *   <li>P05.6 Filters combine with AND.</li>
     *   <li>P05.7 Rows come in the order of the sort key and direction, ties broken by id in the
     *       same direction.</li>
     *   <li>P05.8 Following the cursors from the first page to the last returns every matching
     *       row exactly once, in order, with ties across page boundaries too.</li>
     *   <li>P05.9 A page with fewer rows than the page size has no next cursor.</li>
     *   <li>P05.10 Sort keys are an enum and text is bound as a parameter: input that looks like
     *       SQL is only ever matched as text.</li>
     * </ul>
     */
    ProductPage searchProducts(ProductSearch search);

    /**
     * P06: places an order in one transaction: inserts the order and its lines, takes the
     * stock, computes the total from the products' current prices.
     * <ul>
     *   <li>P06.1 Returns the order: status NEW, version 0, lines numbered 1.. in request order
     *       with the product's SKU, name and current price, total = sum of quantity × unit
     *       price. Each product's stock falls by the units ordered and its version rises by
     *       one.</li>
     *   <li>P06.2 If any product lacks the units asked for (summed exactly over all lines that
     *       name it: a sum beyond any {@code int} is simply more than any stock, never an overflow
     *       or a refused argument), an {@link InsufficientStockException}; nothing is written.</li>
     *   <li>P06.3 An unknown customer or product is a {@link NotFoundException}; nothing is
     *       written.</li>
     *   <li>P06.4 With an idempotency key already used, returns the order first placed with it
     *       (as it is now); no second order, stock taken once.</li>
     *   <li>P06.5 The same holds when callers race with the same key: one order, every caller
     *       gets its id.</li>
     * </ul>
     */
    Order placeOrder(PlaceOrder order);

    /**
     * P07: an order with its lines and each line's product SKU and name.
     * <ul>
     *   <li>P07.1 Lines in line-number order, values as placed.</li>
     *   <li>P07.2 Exactly one SQL statement whatever the number of lines (so no transaction,
     *       G.1).</li>
     *   <li>P07.3 Absent gives an empty Optional.</li>
     * </ul>
     */
    Optional<Order> findOrder(long orderId);

    /**
     * P08: the latest orders of a customer, each with its lines.
     * <ul>
     *   <li>P08.1 Newest first (creation instant descending, then id descending), at most
     *       {@code limit}, each complete as in P07.</li>
     *   <li>P08.2 The number of SQL statements does not grow with the number of orders (no
     *       N+1).</li>
     *   <li>P08.3 An unknown customer (zero and negative ids too) gives an empty list; limit is 1
     *       to {@value #MAX_LATEST_ORDERS}.</li>
     * </ul>
     */
    List<Order> latestOrders(long customerId, int limit);

    /**
     * P09: moves an order to a new status if the caller saw its current version.
     * <ul>
     *   <li>P09.1 A legal transition (NEW→PAID→SHIPPED, NEW or PAID→CANCELLED) is applied, the
     *       version rises by one, and the updated order is returned.</li>
     *   <li>P09.2 A version other than the current one is a {@link StaleVersionException};
     *       nothing changes. The version is checked before the transition.</li>
     *   <li>P09.3 An illegal transition (including a status to itself) is an
     *       {@link IllegalTransitionException}; nothing changes.</li>
     *   <li>P09.4 A cancellation gives the order's units back to stock (each product's version
     *       rises by one).</li>
     *   <li>P09.5 An unknown order is a {@link NotFoundException}.</li>
     * </ul>
     */
    Order changeStatus(long orderId, long expectedVersion, OrderStatus newStatus);

    /**
     * P10: cancels every NEW order created strictly before {@code cutoff} and returns how many.
     * <ul>
     *   <li>P10.1 Only NEW orders older than the cut-off change; each gets status CANCELLED
     *       and its version rises by one.</li>
     *   <li>P10.2 Their units go back to stock (each product touched: version plus one).</li>
     *   <li>P10.3 The number of SQL statements does not depend on how many orders it
     *       cancels.</li>
     * </ul>
     */
    int cancelNewOrdersBefore(Instant cutoff);

    /**
     * P11: revenue per customer over [from, to), highest first.
     * <ul>
     *   <li>P11.1 Counts only orders in status PAID or SHIPPED.</li>
     *   <li>P11.2 The range is half-open: an order created exactly at {@code from} counts, one
     *       created exactly at {@code to} does not.</li>
     *   <li>P11.3 Ordered by revenue descending, then customer id ascending; at most
     *       {@code limit} rows (1 to {@value #MAX_REPORT_ROWS}).</li>
     *   <li>P11.4 {@code from} after {@code to} is refused (G.2); equal bounds give an empty
     *       list.</li>
     * </ul>
     */
    List<CustomerRevenue> topCustomersByRevenue(Instant from, Instant to, int limit);

    /**
     * P12: passes every order line of the orders created in [from, to) to {@code consumer},
     * ordered by order id then line number, and returns how many it passed.
     * <ul>
     *   <li>P12.1 Every line exactly once, in that order, complete.</li>
     *   <li>P12.2 Memory stays bounded: rows are fetched {@value #STREAM_FETCH_SIZE} at a
     *       time, never the whole result at once, so a result many times larger than the heap
     *       streams through.</li>
     *   <li>P12.3 An exception thrown by the consumer stops the stream and reaches the caller
     *       unchanged; the connection is released.</li>
     * </ul>
     */
    long streamOrderLines(Instant from, Instant to, Consumer<? super OrderLineRow> consumer);

    /**
     * P13: deletes an order with its lines.
     * <ul>
     *   <li>P13.1 Present: returns true, and neither the order nor any of its lines remains; one
     *       statement (the lines go by the schema's ON DELETE CASCADE).</li>
     *   <li>P13.2 Absent: returns false.</li>
     *   <li>P13.3 Deleting is not cancelling: stock is not given back.</li>
     * </ul>
     */
    boolean deleteOrder(long orderId);

    /**
     * The settings of this implementation that matter for speed or behaviour (batch size,
     * executor, fetch size, caches, statement type ...), as name to value, so that every report
     * shows how each library was configured. Keys are lowerCamel; a setting of one pattern starts
     * with its lower-case id and a dot ({@code p12.fetchSize}); a library's own property keeps the
     * library's name ({@code hibernate.jdbc.batch_size}). The report prints them in the map's
     * order, so return an ordered map.
     */
    Map<String, String> settings();

    /** Releases what the implementation built (a session factory, for example); never the DataSource. */
    @Override
    void close();
}
