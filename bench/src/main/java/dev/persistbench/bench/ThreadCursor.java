package dev.persistbench.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A measuring thread's own input counter: each thread walks the inputs from its own starting
 * point (7919 apart), so that threads of the thread sweep do not ask for the same rows at once.
 */
@State(Scope.Thread)
public class ThreadCursor {
    /** The next input's number. */
    long next;

    @Setup(Level.Trial)
    public void start(ThreadParams thread) {
        next = start(thread.getThreadIndex());
    }

    /** Where the thread of index {@code threadIndex} starts. */
    static long start(int threadIndex) {
        return threadIndex * 7919L;
    }
}
