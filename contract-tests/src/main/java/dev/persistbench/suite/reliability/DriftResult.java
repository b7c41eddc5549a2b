package dev.persistbench.suite.reliability;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One row of the schema-drift matrix (R5.1), as the results file holds it. The fields that do
 * not apply to an outcome are null and left out of the file.
 *
 * @param drift the drift's name ({@link SchemaDrift})
 * @param description what was changed, in words
 * @param ddl the statements that drifted the scratch schema
 * @param steps the probe's steps so far, each "operation: ok" or "operation: ExceptionType"
 * @param outcome the verdict
 * @param exception the class of what the start-up or the failing step threw
 * @param contractException whether a failing step threw one of the contract's exceptions
 * @param message the first line of that exception's message
 * @param rootCause its innermost cause, "Type: first line"
 * @param wrong what the probe found wrong (silently wrong only)
 * @param storedDataProblems how the tables differ from what the probe asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriftResult(
        String drift,
        String description,
        List<String> ddl,
        List<String> steps,
        Outcome outcome,
        String exception,
        Boolean contractException,
        String message,
        String rootCause,
        String wrong,
        List<String> storedDataProblems) {

    /** Verdicts, in the order the probe can reach them. */
    public enum Outcome {
        @JsonProperty("refused-at-startup")
        REFUSED_AT_STARTUP,
        @JsonProperty("failed-at-first-use")
        FAILED_AT_FIRST_USE,
        @JsonProperty("silently-wrong")
        SILENTLY_WRONG,
        @JsonProperty("unaffected")
        UNAFFECTED
    }
}
