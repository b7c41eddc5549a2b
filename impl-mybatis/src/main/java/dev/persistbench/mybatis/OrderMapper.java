package dev.persistbench.mybatis;

import dev.persistbench.contract.model.CustomerRevenue;
import dev.persistbench.contract.model.OrderLineRow;
import dev.persistbench.contract.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** Order statements; SQL in {@code OrderMapper.xml}. */
interface OrderMapper {

    /**
     * P06: inserts the order if its customer exists and its idempotency key (when given) is
     * unused; returns the new id, or null when nothing was inserted.
     */
    Long insertOrder(
            @Param("customerId") long customerId,
            @Param("idempotencyKey") String idempotencyKey,
            @Param("total") BigDecimal total,
            @Param("createdAt") Instant createdAt);

    /** P06: the order placed with this idempotency key, or null. */
    Long findIdByIdempotencyKey(String idempotencyKey);

    /** P06: one line; under the BATCH executor the lines of an order travel as one JDBC batch. */
    int insertLine(
            @Param("orderId") long orderId,
            @Param("lineNo") int lineNo,
            @Param("productId") long productId,
            @Param("quantity") int quantity,
            @Param("unitPrice") BigDecimal unitPrice);

    /** P07: the order with its lines, or null; one statement. */
    OrderRow findById(long id);

    /** P09: as {@link #findById}, with the order row locked until the transaction ends. */
    OrderRow findByIdForUpdate(long id);

    /** P08: the latest orders with their lines; one statement. */
    List<OrderRow> findLatest(@Param("customerId") long customerId, @Param("limit") int limit);

    /** P09: sets the status and raises the version (the row is already locked and checked). */
    int updateStatus(@Param("id") long id, @Param("status") OrderStatus status);

    /** P09: gives the order's units back to stock; returns the number of products touched. */
    int restock(long orderId);

    /** P10: cancels NEW orders created before {@code cutoff} and restocks them; returns how many orders. */
    int cancelNewBefore(Instant cutoff);

    /** P11: the revenue report. */
    List<CustomerRevenue> topCustomersByRevenue(
            @Param("from") Instant from, @Param("to") Instant to, @Param("limit") int limit);

    /** P12: the order lines of [from, to), fetched in chunks. */
    Cursor<OrderLineRow> streamLines(@Param("from") Instant from, @Param("to") Instant to);

    /** P13: deletes the order (its lines go by ON DELETE CASCADE); returns rows deleted. */
    int delete(long id);
}
