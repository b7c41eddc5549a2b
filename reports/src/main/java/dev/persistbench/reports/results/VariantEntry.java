package dev.persistbench.reports.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One variant an implementation declares (variants.json, written by the bench, read by the
 * report): a second way of writing some patterns, measured as an extra arm beside the default in
 * those patterns' forks, with its own ratio to the floor.
 *
 * @param arm the arm id in paired.json and statements.json: "jdbc:read-tx"
 * @param impl the implementation's id
 * @param variant the variant's name
 * @param description what it does differently, as the implementation declares it
 * @param patterns the patterns it changes, in catalogue order
 * @param verification its verification pass over those patterns
 * @param status timed, or not-timed with the reason
 * @param reason why not timed, or what was timed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VariantEntry(
        String arm,
        String impl,
        String variant,
        String description,
        List<String> patterns,
        Status.Verification verification,
        Status.Timing status,
        String reason) {

    public VariantEntry {
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
    }
}
