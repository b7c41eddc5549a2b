package dev.persistbench.contract.model;

import java.math.BigDecimal;
import java.util.Map;

/**
 * P03 input: a product to create.
 *
 * @param sku unique, case-sensitive; at most {@value Check#MAX_KEY_LENGTH} characters, not blank
 * @param name at most {@value Check#MAX_NAME_LENGTH} characters, not blank
 * @param price greater than zero, at most two decimal places; kept with scale 2
 * @param stock zero or more
 * @param attributes free-form string attributes stored as one JSON object (jsonb); may be
 *     empty, never null; keys not blank; keys and values obey the same text rules as names
 */
public record NewProduct(String sku, String name, BigDecimal price, int stock, Map<String, String> attributes) {
    public NewProduct {
        Check.text("sku", sku, Check.MAX_KEY_LENGTH);
        Check.text("name", name, Check.MAX_NAME_LENGTH);
        price = Check.money("price", price);
        if (price.signum() == 0) {
            throw new IllegalArgumentException("price must be greater than zero, was " + price);
        }
        if (stock < 0) {
            throw new IllegalArgumentException("stock must not be negative, was " + stock);
        }
        attributes = Attributes.copyOf("attributes", attributes);
    }
}
