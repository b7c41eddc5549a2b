package dev.persistbench.hibernate;

import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The fetch plan for orders: every query that returns orders fetches their lines and each
 * line's product in the same statement, so converting to records never triggers a lazy load.
 */
final class OrderQueries {

    private static final String WITH_LINES = """
            select o from PurchaseOrder o
            left join fetch o.lines l
            left join fetch l.product
            """;

    private OrderQueries() {}

    /** P07 (and P09): one statement. */
    static Optional<PurchaseOrderEntity> findWithLines(Session session, long orderId) {
        return session.createSelectionQuery(WITH_LINES + "where o.id = :id", PurchaseOrderEntity.class)
                .setParameter("id", orderId)
                .uniqueResultOptional();
    }

    /** P06.4: the order first placed with this key, as it is now. */
    static Optional<PurchaseOrderEntity> findByIdempotencyKey(Session session, String key) {
        return session.createSelectionQuery(WITH_LINES + "where o.idempotencyKey = :key", PurchaseOrderEntity.class)
                .setParameter("key", key)
                .uniqueResultOptional();
    }

    /**
     * P08: two statements whatever the limit. The page is cut on order ids alone (LIMIT in SQL);
     * only then are those orders fetched with their lines. Limiting a collection fetch directly
     * would make Hibernate page in memory (HHH90003004), which the settings forbid.
     */
    static List<PurchaseOrderEntity> latestWithLines(Session session, long customerId, int limit) {
        List<Long> ids = session.createSelectionQuery("""
                        select o.id from PurchaseOrder o
                        where o.customer.id = :customerId
                        order by o.createdAt desc, o.id desc""", Long.class)
                .setParameter("customerId", customerId)
                .setMaxResults(limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery(
                        WITH_LINES + "where o.id in :ids order by o.createdAt desc, o.id desc",
                        PurchaseOrderEntity.class)
                .setParameter("ids", ids)
                .getResultList();
    }
}
