/**
 * JMH benchmarks of every pattern (P01-P13) for every implementation ({@link dev.persistbench.bench.Impl}),
 * each paired with the raw-JDBC floor ({@link dev.persistbench.bench.Arm}) in one fork, and the runner
 * ({@link dev.persistbench.bench.BenchMain}).
 */
package dev.persistbench.bench;
