package dev.persistbench.suite.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.persistbench.suite.ContractFixture;
import dev.persistbench.suite.reliability.DriftResult.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R5: the schema-drift matrix. The schema is migrated into a scratch schema and then drifted
 * (a renamed column, narrowed types, a new NOT NULL column without default, a dropped unique
 * index); the implementation is started over it and a small workload probes it. Each drift is
 * classified as refused at start-up, failed at first use (with which exception and message),
 * ran silently wrong, or unaffected, and written to the results file. The rule asserts only
 * that no drift corrupts data without the matrix saying so: every row the probe finds wrong is
 * reported, and an "unaffected" verdict is backed by reading the tables directly. The probe itself
 * is {@link DriftProbe}.
 */
public interface SchemaDriftRules extends ContractFixture {

    @Test
    @DisplayName(
            "R5.1 Schema drift matrix: each drift refused at start-up, failed at first use, or reported as silently wrong")
    default void r5_1_schemaDriftMatrix() {
        ReliabilityResults results = ReliabilityResults.of(store());
        ReliabilityResults.Rule figures = results.rule("R5.1", "schema drift matrix");
        DriftProbe probe = new DriftProbe(database(), this::newRepository);
        List<DriftResult> matrix = new ArrayList<>();
        Map<String, Outcome> summary = new LinkedHashMap<>();
        for (SchemaDrift drift : SchemaDrift.values()) {
            DriftResult row = probe.run(drift);
            matrix.add(row);
            summary.put(row.drift(), row.outcome());
            results.schemaDrift(matrix);
        }
        figures.put("matrix", summary);
        assertThat(matrix)
                .hasSize(SchemaDrift.values().length)
                .allSatisfy(row -> assertThat(row.outcome()).isNotNull());
        // The verdict must agree with what the tables hold: a run the matrix calls clean must
        // have stored exactly what it acknowledged.
        assertThat(matrix)
                .filteredOn(row -> row.outcome() != Outcome.SILENTLY_WRONG)
                .flatExtracting(row -> row.storedDataProblems().stream()
                        .map(problem -> row.drift() + ": " + problem)
                        .toList())
                .as("data corrupted silently without the matrix saying so")
                .isEmpty();
        assertThat(Reliability.queryLong(
                        database(), "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pb\\_scratch\\_%'"))
                .as("scratch schemas left behind")
                .isZero();
        figures.passed();
    }
}
