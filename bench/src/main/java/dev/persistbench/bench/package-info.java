/**
 * JMH benchmarks of every pattern (P01-P13) for every implementation ({@link dev.persistbench.bench.Impl}),
 * the floors beside them ({@link dev.persistbench.bench.FloorBenchmark}), and the runner
 * ({@link dev.persistbench.bench.BenchMain}).
 */
package dev.persistbench.bench;
