/**
 * Statistics of paired measurements: per-round ratios, bootstrap intervals of their median,
 * steady state decided from the data, and groups of implementations a run cannot tell apart.
 */
package dev.persistbench.bench.stats;
