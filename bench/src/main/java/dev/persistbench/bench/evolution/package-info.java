/**
 * The schema-evolution rehearsal (issue 15): the Flyway migrations of {@code db/evolution} (V2..V6)
 * applied one by one to a loaded schema while each implementation, as built for V1, serves a
 * steady mixed load; what each step cost the load, the locks it took or waited for, and how the
 * old code met the contract step go to evolution.json ({@link dev.persistbench.reports.results.Evolution}).
 */
package dev.persistbench.bench.evolution;
