/** The hand-written java.sql floor ("raw-jdbc") that every implementation is measured beside. */
package dev.persistbench.bench.floor;
