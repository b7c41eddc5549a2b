/**
 * Turning what was read into what the report states: headline figures per pattern and
 * implementation, ratios and deltas over the raw-JDBC floor and SELECT 1, and every gap in words.
 */
package dev.persistbench.reports.analysis;
