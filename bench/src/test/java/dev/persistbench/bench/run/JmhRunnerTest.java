package dev.persistbench.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The first estimate of a run's length, before anything is measured. */
class JmhRunnerTest {

    /** A fork of 100 slices of 150 ms and no JMH warm-up, as the paired profiles run it. */
    private static ChainedOptionsBuilder fork() {
        return new OptionsBuilder()
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(100)
                .measurementTime(TimeValue.milliseconds(150));
    }

    @Test
    @DisplayName("a fork's estimate counts its untimed warm-up phase at the cap its JVM is given")
    void warmUpPhaseIsCounted() {
        assertThat(JmhRunner.estimatedSeconds(fork().build())).isEqualTo(15.0 + 5.0);
        assertThat(JmhRunner.estimatedSeconds(
                        fork().jvmArgsAppend("-Dbench.warmUpMillis=60000").build()))
                .isEqualTo(15.0 + 5.0 + 60.0);
        // The JVM takes the last of two settings: so does the estimate.
        assertThat(JmhRunner.estimatedSeconds(fork().jvmArgs("-Xmx1g", "-Dbench.warmUpMillis=60000")
                        .jvmArgsAppend("-Dbench.warmUpMillis=8000")
                        .build()))
                .isEqualTo(15.0 + 5.0 + 8.0);
    }
}
