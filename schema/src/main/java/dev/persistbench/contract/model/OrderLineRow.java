package dev.persistbench.contract.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the P12 export: an order line with its order's and product's identity.
 *
 * @param orderId the order
 * @param lineNo the line within the order
 * @param customerId the order's customer
 * @param orderCreatedAt the order's creation instant
 * @param orderStatus the order's status
 * @param productId the product
 * @param sku the product's SKU
 * @param productName the product's name
 * @param quantity units
 * @param unitPrice scale 2
 */
public record OrderLineRow(
        long orderId,
        int lineNo,
        long customerId,
        Instant orderCreatedAt,
        OrderStatus orderStatus,
        long productId,
        String sku,
        String productName,
        int quantity,
        BigDecimal unitPrice) {}
