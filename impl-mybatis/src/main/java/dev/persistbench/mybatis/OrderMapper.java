package dev.persistbench.mybatis;

import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** Order statements; SQL in {@code OrderMapper.xml}. */
interface OrderMapper {

    // tag::P06[]
    /**
     * P06: inserts the order if its customer exists and its idempotency key (when given) is
     * unused; returns the new id, or null when nothing was inserted.
     */
    Long insertOrder(
            @Param("customerId") long customerId,
            @Param("idempotencyKey") String idempotencyKey,
            @Param("total") BigDecimal total,
            @Param("createdAt") Instant createdAt);

    /** P06: all lines of an order in one statement, numbered 1.. in array order. */
    int insertLines(
            @Param("orderId") long orderId,
            @Param("productIds") Long[] productIds,
            @Param("quantities") Integer[] quantities,
            @Param("unitPrices") BigDecimal[] unitPrices);

    /** P06: the order placed with this idempotency key, with its lines, or null. */
    OrderRow findByIdempotencyKey(String idempotencyKey);
    // end::P06[]

    // tag::P07[]
    // tag::P09[]
    /** P07: the order with its lines, or null; one statement. */
    OrderRow findById(long id);
    // end::P07[]
    // end::P09[]

    // tag::P08[]
    /** P08: the latest orders with their lines; one statement. */
    List<OrderRow> findLatest(@Param("customerId") long customerId, @Param("limit") int limit);
    // end::P08[]

    // tag::P09[]
    /**
     * P09: moves the order to {@code newStatus} if its version is {@code expectedVersion} and
     * its status one of {@code sources} (not empty); returns it as updated, with its lines, or
     * null when nothing changed.
     */
    OrderRow changeStatus(
            @Param("id") long id,
            @Param("expectedVersion") long expectedVersion,
            @Param("newStatus") OrderStatus newStatus,
            @Param("sources") Collection<OrderStatus> sources);

    /** P09: gives the order's units back to stock; returns the number of products touched. */
    int restock(long orderId);
    // end::P09[]

    // tag::P10[]
    /** P10: cancels NEW orders created before {@code cutoff} and restocks them; returns how many orders. */
    int cancelNewBefore(Instant cutoff);
    // end::P10[]

    // tag::P11[]
    /** P11: the revenue report. */
    List<CustomerRevenue> topCustomersByRevenue(
            @Param("from") Instant from, @Param("to") Instant to, @Param("limit") int limit);
    // end::P11[]

    // tag::P12[]
    /** P12: the order lines of [from, to), fetched in chunks. */
    Cursor<OrderLineRow> streamLines(@Param("from") Instant from, @Param("to") Instant to);
    // end::P12[]

    // tag::P13[]
    /** P13: deletes the order (its lines go by ON DELETE CASCADE); returns rows deleted. */
    int delete(long id);
    // end::P13[]
}
