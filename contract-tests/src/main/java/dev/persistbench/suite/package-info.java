/**
 * The contract suite. {@link dev.persistbench.suite.StoreRepositoryContract} is the one class an
 * implementation extends (saying only how to build its repository); the rules live in one
 * interface of default test methods per pattern, and each test's display name starts with the
 * rule id of {@link dev.persistbench.contract.StoreRepository}'s Javadoc (P05.2 ...).
 */
package dev.persistbench.suite;
