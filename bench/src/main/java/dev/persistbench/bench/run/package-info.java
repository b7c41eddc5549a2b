/**
 * The bench runner's parts: profiles and JMH options, contract-suite results, the verification
 * pass, cold starts, the environment record and the JMH runs.
 */
package dev.persistbench.bench.run;
