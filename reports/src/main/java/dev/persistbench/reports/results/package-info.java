/**
 * The results the bench writes and the report reads, shared by both: the one reader of Surefire
 * reports, the contract-suite and timing records, and their statuses as enums (serialised by
 * Jackson in the spelling of the JSON files: "passed", "no-tests", "not-timed" ...).
 */
package dev.persistbench.reports.results;
