/**
 * The architect's report: {@link dev.persistbench.reports.ReportMain} turns the bench results, the
 * contract-suite results and the implementations' sources into index.html, report.md and
 * summary.json; {@link dev.persistbench.reports.CompareMain} compares two runs.
 */
package dev.persistbench.reports;
