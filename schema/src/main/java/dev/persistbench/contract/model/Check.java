package dev.persistbench.contract.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Argument checks shared by the contract's records and its implementations, so that every
 * implementation refuses the same input with the same message, before any SQL runs.
 */
public final class Check {

    /** Largest number of characters in a name (customer or product). */
    public static final int MAX_NAME_LENGTH = 10_000;
    /** Largest number of characters in an e-mail address. */
    public static final int MAX_EMAIL_LENGTH = 320;
    /** Largest number of characters in a SKU or an idempotency key. */
    public static final int MAX_KEY_LENGTH = 200;
    /** Largest amount a numeric(12, 2) column holds. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("9999999999.99");
    /** Earliest instant that is written (V.4): the first microsecond of year 1. */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest instant that is written (V.4): the last microsecond of year 9999. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Check() {}

    /** A non-null object. */
    public static <T> T notNull(String argument, T value) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        return value;
    }

    /**
     * Text that PostgreSQL stores byte-exact: not null, not blank, at most {@code maxLength}
     * characters (code points), no U+0000 (PostgreSQL cannot store it) and no lone surrogate
     * (it has no UTF-8 encoding).
     */
    public static String text(String argument, String value, int maxLength) {
        notNull(argument, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank");
        }
        return storable(argument, value, maxLength);
    }

    /**
     * Text that may be empty or blank but must otherwise be storable (see {@link #text}); used
     * for search fragments and attribute values.
     */
    public static String storable(String argument, String value, int maxLength) {
        notNull(argument, value);
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw new IllegalArgumentException(argument + " must not contain U+0000 (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new IllegalArgumentException(argument + " contains a lone surrogate at index " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(argument + " contains a lone surrogate at index " + i);
            }
            length++;
        }
        if (length > maxLength) {
            throw new IllegalArgumentException(
                    argument + " must have at most " + maxLength + " characters, was " + length);
        }
        return value;
    }

    /** A database id: positive. */
    public static long id(String argument, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(argument + " must be positive, was " + value);
        }
        return value;
    }

    /** A count or size within [min, max]. */
    public static int between(String argument, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(argument + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /**
     * An amount of money: not null, at most two decimal places, not negative, at most
     * {@link #MAX_MONEY}. Returned with scale exactly 2; never rounded.
     */
    public static BigDecimal money(String argument, BigDecimal value) {
        notNull(argument, value);
        BigDecimal scaled;
        try {
            scaled = value.setScale(2);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(argument + " must have at most 2 decimal places, was " + value);
        }
        if (scaled.signum() < 0) {
            throw new IllegalArgumentException(argument + " must not be negative, was " + value);
        }
        if (scaled.compareTo(MAX_MONEY) > 0) {
            throw new IllegalArgumentException(argument + " must be at most " + MAX_MONEY + ", was " + value);
        }
        return scaled;
    }

    /**
     * An instant to be written, truncated to the microsecond precision PostgreSQL keeps; refused
     * outside [{@link #MIN_INSTANT}, {@link #MAX_INSTANT}] (V.4).
     */
    public static Instant instant(String argument, Instant value) {
        Instant truncated = notNull(argument, value).truncatedTo(ChronoUnit.MICROS);
        if (truncated.isBefore(MIN_INSTANT) || truncated.isAfter(MAX_INSTANT)) {
            throw new IllegalArgumentException(
                    argument + " must be between " + MIN_INSTANT + " and " + MAX_INSTANT + ", was " + value);
        }
        return truncated;
    }

    /**
     * A time bound (P10's cut-off, P11's and P12's range) on PostgreSQL's microsecond grid:
     * rounded UP to the next whole microsecond. For a stored instant x (always whole
     * microseconds), {@code x < b} and {@code x >= b} then hold exactly when they hold for the
     * bound as given; truncating or rounding to the nearest would move rows across the bound.
     *
     * <p>A bound outside the range of written instants (V.4) is an open end: one before
     * {@link #MIN_INSTANT} becomes {@link #MIN_INSTANT}, one after {@link #MAX_INSTANT} becomes the
     * microsecond after it, so no stored instant crosses the bound and {@link Instant#MIN} and
     * {@link Instant#MAX} work.
     */
    public static Instant bound(String argument, Instant value) {
        notNull(argument, value);
        if (value.isBefore(MIN_INSTANT)) {
            return MIN_INSTANT;
        }
        if (value.isAfter(MAX_INSTANT)) {
            return MAX_INSTANT.plus(1, ChronoUnit.MICROS);
        }
        Instant truncated = value.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(value) ? truncated : truncated.plus(1, ChronoUnit.MICROS);
    }

    /** A half-open range [from, to): both present and from not after to. */
    public static void range(String fromArgument, Instant from, String toArgument, Instant to) {
        notNull(fromArgument, from);
        notNull(toArgument, to);
        if (from.isAfter(to)) {
            throw new IllegalArgumentException(
                    fromArgument + " (" + from + ") must not be after " + toArgument + " (" + to + ")");
        }
    }
}
