package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.catchThrowable;

import dev.persistbench.testkit.sql.SqlRecorder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The outcome of one call that may throw, with the number of statements it sent: what a test
 * needs to check that a refused argument was refused before any SQL ran (G.2).
 *
 * @param thrown what the call threw, or null when it returned
 * @param statements statement executions the call sent on the test's thread
 */
public record Attempt(Throwable thrown, int statements) {

    /** Runs {@code call} under {@code recorder}, catching what it throws. */
    public static Attempt of(SqlRecorder recorder, ThrowingCallable call) {
        Throwable[] thrown = new Throwable[1];
        int statements = recorder.record(() -> {
                    thrown[0] = catchThrowable(call);
                })
                .size();
        return new Attempt(thrown[0], statements);
    }
}
