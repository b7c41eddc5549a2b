package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The statuses written into the results files and the report. Each is written (by Jackson, and
 * by {@code toString()} for the templates) as its name in lower case with dashes: {@code NO_TESTS}
 * is "no-tests".
 */
public final class Status {

    private Status() {}

    /** An implementation's contract suite (contract.json, summary.json); NO_TESTS: reports, but no test ran. */
    public enum Contract {
        PASSED,
        FAILED,
        NO_TESTS,
        MISSING;

        @JsonValue
        @Override
        public String toString() {
            return text(this);
        }
    }

    /** Whether the bench timed an implementation (implementations.json); MISSING: not listed, no result. */
    public enum Timing {
        TIMED,
        NOT_TIMED,
        MISSING;

        @JsonValue
        @Override
        public String toString() {
            return text(this);
        }
    }

    /** The bench's verification pass of an implementation (implementations.json). */
    public enum Verification {
        PASSED,
        FAILED;

        @JsonValue
        @Override
        public String toString() {
            return text(this);
        }
    }

    /** One implementation's figures for one pattern (summary.json). */
    public enum Measure {
        MEASURED,
        NOT_MEASURED;

        @JsonValue
        @Override
        public String toString() {
            return text(this);
        }
    }

    /** Where a fork's measuring thread and the database ran (paired.json, environment.json). */
    public enum Placement {
        SAME_CORE,
        CROSS_CORE,
        NONE;

        /** The placement spelt "same-core", "cross-core" or "none" (case-insensitive). */
        public static Placement of(String text) {
            for (Placement p : values()) {
                if (p.toString().equalsIgnoreCase(text.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("not a placement: \"" + text + "\" (same-core, cross-core or none)");
        }

        @JsonValue
        @Override
        public String toString() {
            return text(this);
        }
    }

    private static String text(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
