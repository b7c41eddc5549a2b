package dev.persistbench.bench.check;

/**
 * An operation returned something other than the expected answer. Thrown before any timing, it
 * stops that implementation's benchmark: a fast wrong answer is not a result.
 */
public final class WrongAnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WrongAnswerException(String message) {
        super(message);
    }

    public WrongAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
