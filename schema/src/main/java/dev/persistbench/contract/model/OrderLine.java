package dev.persistbench.contract.model;

import java.math.BigDecimal;

/**
 * A stored order line with the product's identity (P07, P08).
 *
 * @param lineNo 1, 2, ... in the order the lines were requested
 * @param productId the product
 * @param sku the product's current SKU
 * @param productName the product's current name
 * @param quantity units
 * @param unitPrice the product's price when the order was placed, scale 2
 */
public record OrderLine(
        int lineNo, long productId, String sku, String productName, int quantity, BigDecimal unitPrice) {}
