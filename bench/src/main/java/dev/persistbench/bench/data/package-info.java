/**
 * The seeded, deterministic data set the benchmarks read, its expected answers, and the pools of
 * rows that write benchmarks consume and reset between iterations.
 */
package dev.persistbench.bench.data;
