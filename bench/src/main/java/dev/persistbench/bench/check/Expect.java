package dev.persistbench.bench.check;

import java.util.Objects;

/** Comparisons that throw a {@link WrongAnswerException} saying which pattern, what was expected and what came back. */
public final class Expect {
    private Expect() {}

    /** {@code actual} equals {@code expected}. */
    public static <T> T equal(String what, T expected, T actual) {
        if (!Objects.equals(expected, actual)) {
            throw new WrongAnswerException(
                    what + ": expected " + abbreviate(expected) + " but got " + abbreviate(actual));
        }
        return actual;
    }

    /** {@code condition} holds. */
    public static void that(String what, boolean condition, Object actual) {
        if (!condition) {
            throw new WrongAnswerException(what + ": got " + abbreviate(actual));
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + text.length() + " characters)";
    }
}
