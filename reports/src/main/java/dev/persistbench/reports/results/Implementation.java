package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Whether the bench timed an implementation, and why: one entry of implementations.json (the
 * raw-JDBC floor is one too, as "raw-jdbc"), and of summary.json's implementationStatus.
 *
 * @param impl implementation id, or "raw-jdbc"
 * @param label display name; null for the floor and in a file from an older bench
 * @param module Maven module directory, relative to the repository root (null where label is)
 * @param source the repository class, relative to {@code <module>/src/main/java} (null where label is)
 * @param library key of the library's version in environment.json "libraries" (null where label is)
 * @param contract its contract suite's status, null for the floor
 * @param verification the bench's verification pass, null when it did not run
 * @param status timed, not-timed or missing
 * @param reason why, in words
 * @param missingResults patterns without a JMH result although timed, null when not timed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Implementation(
        String impl,
        @JsonInclude(JsonInclude.Include.NON_NULL) String label,
        @JsonInclude(JsonInclude.Include.NON_NULL) String module,
        @JsonInclude(JsonInclude.Include.NON_NULL) String source,
        @JsonInclude(JsonInclude.Include.NON_NULL) String library,
        @JsonInclude(JsonInclude.Include.NON_NULL) Status.Contract contract,
        @JsonInclude(JsonInclude.Include.NON_NULL) Status.Verification verification,
        Status.Timing status,
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> missingResults) {

    /** An entry with only a status and its reason. */
    public Implementation(String impl, Status.Timing status, String reason) {
        this(impl, null, null, null, null, null, null, status, reason, null);
    }

    /** Whether it was timed. */
    public boolean timed() {
        return status == Status.Timing.TIMED;
    }
}
