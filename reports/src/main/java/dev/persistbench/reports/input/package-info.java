/**
 * Reading what was measured: the bench's result files (JMH JSON, environment, statements, cold
 * start), the contract-suite results and optional reliability files. Anything malformed fails with
 * an {@link dev.persistbench.reports.input.InputException} naming the file and the problem.
 */
package dev.persistbench.reports.input;
