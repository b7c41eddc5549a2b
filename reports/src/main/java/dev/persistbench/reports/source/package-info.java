/**
 * Each implementation's code per pattern, read from the regions its sources mark
 * ({@code // tag::P05[]} ... {@code // end::P05[]}, the same as XML comments in MyBatis mappers),
 * so the report shows code that exists, never typed, and every line count can be recomputed.
 */
package dev.persistbench.reports.source;
