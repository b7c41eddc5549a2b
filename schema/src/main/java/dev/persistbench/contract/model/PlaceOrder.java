package dev.persistbench.contract.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * P06 input: an order to place.
 *
 * @param customerId the buyer
 * @param lines at least one, at most {@value #MAX_LINES}; numbered 1, 2, ... in this order; a
 *     product may appear on several lines
 * @param idempotencyKey when present, placing an order with a key already used returns the
 *     order first placed with it, whatever this request holds; at most {@value
 *     Check#MAX_KEY_LENGTH} characters, not blank
 * @param placedAt the order's creation instant, truncated to microseconds
 */
public record PlaceOrder(
        long customerId, List<OrderLineRequest> lines, Optional<String> idempotencyKey, Instant placedAt) {

    /** Most lines one order may have. */
    public static final int MAX_LINES = 1_000;

    public PlaceOrder {
        Check.id("customerId", customerId);
        Check.notNull("lines", lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("lines must not be empty");
        }
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException(
                    "lines must have at most " + MAX_LINES + " entries, was " + lines.size());
        }
        for (int i = 0; i < lines.size(); i++) {
            Check.notNull("lines[" + i + "]", lines.get(i));
        }
        lines = List.copyOf(lines);
        Check.notNull("idempotencyKey", idempotencyKey);
        idempotencyKey.ifPresent(key -> Check.text("idempotencyKey", key, Check.MAX_KEY_LENGTH));
        placedAt = Check.instant("placedAt", placedAt);
    }

    /** An order without an idempotency key. */
    public static PlaceOrder of(long customerId, Instant placedAt, List<OrderLineRequest> lines) {
        return new PlaceOrder(customerId, lines, Optional.empty(), placedAt);
    }

    /** The same order, with an idempotency key. */
    public PlaceOrder withIdempotencyKey(String key) {
        return new PlaceOrder(customerId, lines, Optional.of(key), placedAt);
    }
}
