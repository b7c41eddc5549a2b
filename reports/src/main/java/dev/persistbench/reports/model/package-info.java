/**
 * What the report says: the implementations of a run (their catalogue, read from the results), and the records of
 * summary.json (serialised by Jackson, so their component names are the JSON field names).
 */
package dev.persistbench.reports.model;
