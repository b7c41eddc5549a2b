/**
 * What the report says: the fixed catalogue of patterns and implementations, and the records of
 * summary.json (serialised by Jackson, so their component names are the JSON field names).
 */
package dev.persistbench.reports.model;
