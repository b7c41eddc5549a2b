package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * evolution.json, written by the bench's schema-evolution rehearsal and read by the report: a
 * series of Flyway migrations after V1 applied to a loaded data set while each implementation, as
 * built today (the code that knows only V1), keeps serving a steady mixed load. Component names
 * are the JSON field names. Numbers are boxed: a file from an older bench may lack a field.
 *
 * @param schema format version, 1
 * @param setup the data set, the load and the migration settings every run shared
 * @param steps the migrations of the track, in the order applied
 * @param runs one per implementation, in the order run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Evolution(Integer schema, Setup setup, List<Step> steps, List<Run> runs) {

    public Evolution {
        steps = steps == null ? List.of() : List.copyOf(steps);
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /**
     * What every run shared.
     *
     * @param orders seeded orders before the first step
     * @param customers seeded customers
     * @param products seeded products
     * @param readThreads threads reading (their operations are named in {@code load})
     * @param writeThreads threads placing orders (P06)
     * @param load the operations of the mixed load, in words
     * @param lockTimeoutMillis {@code lock_timeout} of the migration's session
     * @param maxAttempts attempts a migration gets when it gives up on a lock (the first included)
     * @param baselineMillis load measured before the first step, to compare each step's stalls with
     * @param postgres server version
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Setup(
            Integer orders,
            Integer customers,
            Integer products,
            Integer readThreads,
            Integer writeThreads,
            String load,
            Long lockTimeoutMillis,
            Integer maxAttempts,
            Long baselineMillis,
            String postgres) {}

    /**
     * One migration of the track.
     *
     * @param version Flyway version ("2", "3" ...)
     * @param description Flyway description (from the file name)
     * @param kind expand (old code must keep working) or contract (removes what old code used)
     * @param transactional whether Flyway ran it inside a transaction
     * @param sql the migration's SQL as applied
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(String version, String description, Kind kind, Boolean transactional, String sql) {}

    /** An expand step adds beside what exists; a contract step removes what the old code still uses. */
    public enum Kind {
        EXPAND,
        CONTRACT;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One implementation's rehearsal.
     *
     * @param impl implementation id
     * @param steps one per step of the track, in the same order (fewer when the run stopped early)
     * @param baselineP99Millis p99 latency of the load's calls before the first step, ms
     * @param acknowledgedOrders orders the load placed and got an id for, over the whole run
     * @param missingOrders of those, orders not found in the database (with their lines) afterwards
     * @param error why the run stopped early, null when it ran every step
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(
            String impl,
            List<StepResult> steps,
            Double baselineP99Millis,
            Long acknowledgedOrders,
            Long missingOrders,
            String error) {

        public Run {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /**
     * One step applied under one implementation's load.
     *
     * @param version the step's Flyway version
     * @param migrationMillis wall time of the migration, every attempt included, ms
     * @param attempts attempts it needed (more than 1: it gave up on a lock and was retried)
     * @param calls load calls that ran while it did
     * @param failedCalls of those, calls that failed
     * @param failures distinct failure messages (first line each, at most five)
     * @param longestStallMillis the longest single call while it ran, ms
     * @param p99Millis p99 latency of those calls, ms
     * @param locks locks the migration waited for or held, from the server's view
     * @param detection how the old code met this step
     * @param detectionDetail the exception or message that showed it, null when none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepResult(
            String version,
            Long migrationMillis,
            Integer attempts,
            Long calls,
            Long failedCalls,
            List<String> failures,
            Double longestStallMillis,
            Double p99Millis,
            List<Lock> locks,
            Detection detection,
            String detectionDetail) {

        public StepResult {
            failures = failures == null ? List.of() : List.copyOf(failures);
            locks = locks == null ? List.of() : List.copyOf(locks);
        }
    }

    /**
     * A lock seen on the migration's backend.
     *
     * @param relation the table or index
     * @param mode the lock mode ("AccessExclusiveLock" ...)
     * @param granted true: held; false: waited for
     * @param waitedMillis how long it was seen waiting, ms (0 when granted at once)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lock(String relation, String mode, Boolean granted, Double waitedMillis) {}

    /**
     * How the old code met a step. NONE: it kept working (every expand step should say this);
     * START_UP: a fresh instance refused to start against the migrated schema; FIRST_CALL: it
     * started and failed at the first call that needed what the step removed; SILENT: it went on
     * answering without an error although what it used had changed.
     */
    public enum Detection {
        NONE,
        START_UP,
        FIRST_CALL,
        SILENT;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
