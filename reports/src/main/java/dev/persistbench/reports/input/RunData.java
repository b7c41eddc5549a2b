package dev.persistbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.results.ColdStartResult;
import dev.persistbench.reports.results.ContractResult;
import dev.persistbench.reports.results.Environment;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.FollowTrack;
import dev.persistbench.reports.results.Implementation;
import dev.persistbench.reports.results.Paired;
import dev.persistbench.reports.results.StatementCounts;
import dev.persistbench.reports.results.VariantEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything read for one report.
 *
 * @param resultsDir the bench results directory
 * @param environment environment.json, null when absent
 * @param paired paired.json, null when absent (an older bench: the report falls back to JMH scores)
 * @param jmh every JMH result (empty when paired.json is present: its scores mix the arms)
 * @param implementations implementations.json entries (empty when absent)
 * @param catalogue the implementations of this run in report order: those implementations.json describes,
 *     or, from an older bench, those the results name (by id only)
 * @param contract one contract result per implementation, in report order
 * @param statements statements.json entries (empty when absent)
 * @param coldStart coldstart.json entries (empty when absent)
 * @param variants variants.json entries: the variants the bench measured beside the defaults (empty when absent)
 * @param reliability reliability files found under impl-x/target/reliability
 * @param evolution evolution.json, the schema-evolution rehearsal; null when the run had none
 * @param followTrack follow-track/follow-track.json, how each implementation follows the evolution
 *     track ({@code .ci/follow-track}); null when absent
 * @param gaps optional inputs that were absent, in words
 */
public record RunData(
        Path resultsDir,
        Environment environment,
        Paired paired,
        List<JmhEntry> jmh,
        List<Implementation> implementations,
        Catalogue catalogue,
        List<ContractResult> contract,
        List<StatementCounts> statements,
        List<ColdStartResult> coldStart,
        List<VariantEntry> variants,
        List<ReliabilityFile> reliability,
        Evolution evolution,
        FollowTrack followTrack,
        List<String> gaps) {

    /**
     * A reliability result file, kept as JSON since its producer owns its shape.
     *
     * @param impl implementation id
     * @param file the file
     * @param content its JSON
     */
    public record ReliabilityFile(String impl, Path file, JsonNode content) {}
}
