package dev.persistbench.suite;

import dev.persistbench.contract.model.OrderLineRow;
import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * P12.2's consumer: checks each streamed row as it comes (ascending by order and line, the whole
 * wide product name, the unit price) and keeps nothing but a count, so that the test itself holds
 * no rows in memory.
 */
final class WideRowCheck implements Consumer<OrderLineRow> {

    private static final BigDecimal UNIT_PRICE = new BigDecimal("1.25");

    private final int nameLength;
    private long seen;
    private long previousOrder;
    private long previousLine;

    /** A check of rows whose product names are {@code nameLength} characters long. */
    WideRowCheck(int nameLength) {
        this.nameLength = nameLength;
    }

    @Override
    public void accept(OrderLineRow row) {
        long n = ++seen;
        boolean ascending =
                row.orderId() > previousOrder || (row.orderId() == previousOrder && row.lineNo() == previousLine + 1);
        if (!ascending
                || row.productName().length() != nameLength
                || row.unitPrice().compareTo(UNIT_PRICE) != 0) {
            throw new AssertionError("row " + n + " out of order or incomplete: order " + row.orderId() + " line "
                    + row.lineNo() + ", name length " + row.productName().length());
        }
        previousOrder = row.orderId();
        previousLine = row.lineNo();
    }

    /** Rows passed to the consumer so far. */
    long seen() {
        return seen;
    }
}
