/**
 * Writing the report: the Pebble HTML template (autoescaping on: SQL and code are untrusted text),
 * the Markdown and summary.json, into a temporary directory moved into place only when complete.
 */
package dev.persistbench.reports.render;
