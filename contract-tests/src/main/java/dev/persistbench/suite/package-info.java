/**
 * The contract suite. {@link dev.persistbench.suite.StoreRepositoryContract} is the one class an
 * implementation extends (saying only how to build its repository); the rules live in one
 * interface of default test methods per pattern ({@code P01CreateCustomerRules} ...
 * {@code P13DeleteOrderRules}), plus {@code ValueRules} (V.1-V.3), {@code ArgumentRules} (G.2)
 * and {@code GeneralRules} (G.1, G.3).
 *
 * <p>Each test's display name starts with the rule id of
 * {@link dev.persistbench.contract.StoreRepository}'s Javadoc (P05.2 ...), and its method name
 * with the same id ({@code p05_2_percentIsLiteral}), so a failure names the rule in an IDE and
 * in a plain build log alike. Method names must be unique across the interfaces, since one class
 * inherits them all.
 *
 * <p>{@link dev.persistbench.suite.TestData} builds data through the repository and checks it
 * with direct SQL that bypasses it; {@link dev.persistbench.suite.Attempt} captures what a call
 * threw together with the statements it sent (G.2: refused before any SQL).
 */
package dev.persistbench.suite;
