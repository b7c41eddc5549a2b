/**
 * The contract suite. {@link dev.persistbench.suite.StoreRepositoryContract} is the one class an
 * implementation extends (saying only how to build its repository). The rules live in one
 * interface of default test methods per pattern ({@code P01CreateCustomerRules} ...
 * {@code P13DeleteOrderRules}), plus {@code ValueRules} (V.1-V.3), {@code ArgumentRules} (G.2),
 * {@code GeneralRules} (G.1, G.3), {@code TransactionRules} (G.1), {@code EdgeCaseRules} and the
 * reliability rules R1 to R6 ({@link dev.persistbench.suite.reliability}).
 *
 * <p>{@code StoreRepositoryContract} runs each interface in a JUnit {@code @Nested} group of its
 * own ({@code P01CreateCustomer} ... {@code P13DeleteOrder}, {@code Values}, {@code Arguments},
 * {@code General}, {@code Transactions}, {@code EdgeCases}, {@code R1Concurrency} ...
 * {@code R6Migration}), so the test tree shows the specification's structure and a method name
 * need only be unique inside its interface. Surefire still writes one report per implementation
 * ({@code TEST-<package>.<Impl>ContractTest.xml}); its test cases carry the group as class name
 * ({@code dev.persistbench.suite.StoreRepositoryContract$P05SearchProducts}).
 *
 * <p>Each test's display name starts with the rule id of
 * {@link dev.persistbench.contract.StoreRepository}'s Javadoc (P05.2 ...), and its method name
 * with the same id ({@code p05_2_percentIsLiteral}), so a failure names the rule in an IDE and
 * in a plain build log alike.
 *
 * <p>{@link dev.persistbench.suite.TestData} builds data through the repository and checks it
 * with direct SQL that bypasses it; {@link dev.persistbench.suite.Attempt} captures what a call
 * threw together with the statements it sent (G.2: refused before any SQL).
 */
package dev.persistbench.suite;
