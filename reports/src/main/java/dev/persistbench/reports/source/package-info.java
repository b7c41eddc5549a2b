/**
 * Extracting each implementation's code for a pattern from its sources with JavaParser (and, for
 * MyBatis, the XML mapper statements it calls), so the report shows code that exists, never typed.
 */
package dev.persistbench.reports.source;
