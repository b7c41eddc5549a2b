/**
 * Reliability and security rules (R1 to R6) that every implementation faces identically:
 * concurrency on real threads (R1), injected faults such as killed backends, cut networks and
 * timeouts (R2), a hostile-input corpus (R3), a model-based differential test against an
 * in-memory reference of the contract (R4), a schema-drift matrix (R5) and migration safety
 * (R6).
 *
 * <p>Each rule interface extends {@link dev.persistbench.suite.ContractFixture} and runs in a
 * {@code @Nested} group of {@link dev.persistbench.suite.StoreRepositoryContract} ({@code
 * R1Concurrency} ... {@code R6Migration}). Its test methods state the rule; the engines are plain
 * classes: {@code StatusChangeRace}, {@code SameKeyRace} and {@code LastUnitsRush} (R1),
 * {@code StatementTrigger}, {@code BackendKiller} and {@code KillTrials} (R2.1), {@code
 * TcpProxy} and {@code NetworkCut} (R2.2), {@code HostileCorpus} and {@code HostileRoundTrips}
 * (R3), {@code ReferenceStore} (R4.1), {@code DriftProbe} (R5.1).
 *
 * <p>Measured figures (trials, conflicts observed, the drift matrix) are written by {@link
 * dev.persistbench.suite.reliability.ReliabilityResults} to {@code target/reliability/<impl>.json}
 * in the module under test, as records through Jackson; the format is described in {@code
 * contract-tests/README-reliability.md}.
 */
package dev.persistbench.suite.reliability;
