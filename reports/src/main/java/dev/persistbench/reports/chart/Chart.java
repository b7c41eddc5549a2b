package dev.persistbench.reports.chart;

/**
 * One rendered chart.
 *
 * @param id file and element id, e.g. "pattern-P02"
 * @param title what it shows
 * @param svg the SVG document
 */
public record Chart(String id, String title, String svg) {

    /** The file name the chart is written to, next to report.md. */
    public String fileName() {
        return "charts/" + id + ".svg";
    }

    /** The SVG without its XML prolog, for inlining into HTML. */
    public String inline() {
        String s = svg.strip();
        if (s.startsWith("<?xml")) {
            s = s.substring(s.indexOf("?>") + 2).strip();
        }
        return s;
    }
}
