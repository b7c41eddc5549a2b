/**
 * Charts drawn with JFreeChart and rendered to SVG with JFreeSVG, so the HTML page stays one
 * self-contained file and the Markdown can link the same pictures.
 */
package dev.persistbench.reports.chart;
