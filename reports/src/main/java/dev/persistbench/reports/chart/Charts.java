package dev.persistbench.reports.chart;

import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.ColdStart;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.model.Summary.SizePoint;
import dev.persistbench.reports.model.Summary.ThreadPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws the report's charts with JFreeChart and renders them to SVG with JFreeSVG. The environment
 * line ({@link #environmentLine}) is printed under each chart by the HTML and Markdown.
 */
public final class Charts {

    private static final int WIDTH = 720;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** The implementations' colours by their position in the catalogue, cycled when there are more. */
    private static final List<Color> PALETTE = List.of(
            new Color(0xB5, 0x5A, 0x1E),
            new Color(0x1F, 0x68, 0xB0),
            new Color(0x7A, 0x2E, 0x8E),
            new Color(0x2A, 0x8A, 0x45),
            new Color(0x17, 0x8F, 0x8F),
            new Color(0xC0, 0x39, 0x6B),
            new Color(0x8C, 0x7A, 0x12),
            new Color(0x3B, 0x3F, 0x8F));

    private static final Map<String, Color> FIXED =
            Map.of("raw-jdbc", new Color(0x44, 0x44, 0x44), "SELECT 1", new Color(0x99, 0x99, 0x99));

    private final Catalogue catalogue;

    /** Creates the chart factory for the implementations of {@code catalogue}, coloured by their position. */
    public Charts(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Colour of an implementation id (by its position in the catalogue), "raw-jdbc" or "SELECT 1". */
    public Color color(String key) {
        Color fixed = FIXED.get(key);
        if (fixed != null) {
            return fixed;
        }
        return catalogue.byId(key).isPresent() ? PALETTE.get(catalogue.order(key) % PALETTE.size()) : Color.DARK_GRAY;
    }

    /** µs/op per implementation with error bars, next to the floor and SELECT 1; empty if nothing measured. */
    public Optional<Chart> pattern(PatternSummary p) {
        if (p.groups() != null && p.results().stream().anyMatch(r -> r.usPerOpLow() != null)) {
            return pairedPattern(p);
        }
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        List<String> keys = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> noError = new ArrayList<>();
        for (PatternResult r : p.results()) {
            if (r.usPerOp() == null) {
                missing.add(r.impl());
                continue;
            }
            if (r.error() == null) {
                noError.add(r.impl());
            }
            data.add((double) r.usPerOp(), zeroIfNull(r.error()), "µs/op", r.impl());
            keys.add(r.impl());
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        if (p.floorUsPerOp() != null) {
            data.add((double) p.floorUsPerOp(), zeroIfNull(p.floorError()), "µs/op", "raw-jdbc");
            keys.add("raw-jdbc");
        }
        if (p.selectOneUsPerOp() != null) {
            data.add((double) p.selectOneUsPerOp(), zeroIfNull(p.selectOneError()), "µs/op", "SELECT 1");
            keys.add("SELECT 1");
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return color(keys.get(column));
            }
        };
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.2f));
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(LABEL);
        renderer.setItemMargin(0.0);
        renderer.setMaximumBarWidth(0.12);
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelFont(LABEL);
        NumberAxis y = new NumberAxis("µs/op (lower is better)");
        y.setUpperMargin(0.15);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = chart(
                p.id() + " " + p.title() + (p.dataSize() == null ? "" : " (dataSize " + p.dataSize() + ")"),
                plot,
                false);
        subtitle(
                chart,
                "Error bars: JMH 99.9 % confidence interval."
                        + (noError.isEmpty()
                                ? ""
                                : " No error computed (too few iterations) for: " + String.join(", ", noError) + ".")
                        + (missing.isEmpty() ? "" : " Not measured: " + String.join(", ", missing) + "."));
        return Optional.of(render("pattern-" + p.id(), p.id() + " " + p.title(), chart, 330));
    }

    /** Ratio of each implementation to the raw-JDBC floor, for patterns that have one; empty if none. */
    public Optional<Chart> overhead(Summary s) {
        if (s.patterns().stream().flatMap(p -> p.results().stream()).anyMatch(r -> r.ratioToFloorLow() != null)) {
            return pairedOverhead(s);
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (PatternSummary p : s.patterns()) {
            if (p.floorUsPerOp() == null) {
                continue;
            }
            for (PatternResult r : p.results()) {
                if (r.ratioToFloor() != null) {
                    data.addValue(r.ratioToFloor(), r.impl(), p.id());
                }
            }
        }
        if (data.getRowCount() == 0) {
            return Optional.empty();
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, color((String) data.getRowKey(i)));
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(SMALL);
        renderer.setItemMargin(0.05);
        NumberAxis y = new NumberAxis("× raw-JDBC floor (1.0 = hand-written JDBC)");
        y.setUpperMargin(0.15);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("pattern"), y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        ValueMarker one = new ValueMarker(
                1.0,
                Color.BLACK,
                new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
        plot.addRangeMarker(one);
        JFreeChart chart = chart("Overhead over the raw-JDBC floor (ratio of µs/op)", plot, true);
        return Optional.of(render("overhead", "Overhead over the raw-JDBC floor", chart, 380));
    }

    /**
     * A paired run's pattern: each arm's median µs/op as a dot with its interval as whiskers (the
     * interval can be lopsided, so no bars with symmetric error).
     */
    private Optional<Chart> pairedPattern(PatternSummary p) {
        List<String> categories = new ArrayList<>();
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> unsettled = new ArrayList<>();
        for (PatternResult r : p.results()) {
            if (r.usPerOp() == null) {
                missing.add(r.impl());
                continue;
            }
            if (Boolean.FALSE.equals(r.settled())) {
                unsettled.add(r.impl());
            }
            point(series, categories, r.impl(), r.impl(), r.usPerOp(), r.usPerOpLow(), r.usPerOpHigh());
        }
        if (categories.isEmpty()) {
            return Optional.empty();
        }
        if (p.floorUsPerOp() != null) {
            if (Boolean.FALSE.equals(p.floorSettled())) {
                unsettled.add("raw-jdbc");
            }
            point(
                    series,
                    categories,
                    "raw-jdbc",
                    "raw-jdbc",
                    p.floorUsPerOp(),
                    p.floorUsPerOpLow(),
                    p.floorUsPerOpHigh());
        }
        NumberAxis y = new NumberAxis("µs/op (lower is better)");
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12);
        JFreeChart chart = dotWhisker(
                p.id() + " " + p.title() + (p.dataSize() == null ? "" : " (dataSize " + p.dataSize() + ")"),
                categories,
                series,
                y,
                null,
                "#,##0.0");
        subtitle(
                chart,
                "Dots: µs/op; whiskers: its 95 % interval. All arms measured interleaved in one fork."
                        + (unsettled.isEmpty() ? "" : " Not settled: " + String.join(", ", unsettled) + ".")
                        + (missing.isEmpty() ? "" : " Not measured: " + String.join(", ", missing) + "."));
        return Optional.of(render("pattern-" + p.id(), p.id() + " " + p.title(), chart, 330));
    }

    /** A paired run's ratios to the floor per pattern: the estimate of the per-round ratios with its bootstrap interval. */
    private Optional<Chart> pairedOverhead(Summary s) {
        List<String> categories = new ArrayList<>();
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        for (PatternSummary p : s.patterns()) {
            if (p.results().stream().noneMatch(r -> r.ratioToFloor() != null)) {
                continue;
            }
            categories.add(p.id());
        }
        if (categories.isEmpty()) {
            return Optional.empty();
        }
        int n = catalogue.impls().size();
        // Side by side around the category; closer together when there are many implementations.
        double step = n <= 1 ? 0.16 : Math.min(0.16, 0.64 / (n - 1));
        for (PatternSummary p : s.patterns()) {
            int at = categories.indexOf(p.id());
            if (at < 0) {
                continue;
            }
            for (PatternResult r : p.results()) {
                if (r.ratioToFloor() == null) {
                    continue;
                }
                int k = catalogue.byId(r.impl()).isPresent() ? catalogue.order(r.impl()) : 0;
                double x = at + (k - (n - 1) / 2.0) * step;
                series.computeIfAbsent(r.impl(), YIntervalSeries::new)
                        .add(
                                x,
                                r.ratioToFloor(),
                                r.ratioToFloorLow() == null ? r.ratioToFloor() : r.ratioToFloorLow(),
                                r.ratioToFloorHigh() == null ? r.ratioToFloor() : r.ratioToFloorHigh());
            }
        }
        NumberAxis y = new NumberAxis("× raw-JDBC floor (1.0 = hand-written JDBC)");
        // The reference line at 1.0 is always in view, even when every library is well above it.
        double lo = 1.0;
        double hi = 1.0;
        for (YIntervalSeries ys : series.values()) {
            for (int i = 0; i < ys.getItemCount(); i++) {
                lo = Math.min(lo, ys.getYLowValue(i));
                hi = Math.max(hi, ys.getYHighValue(i));
            }
        }
        double pad = Math.max(0.02, (hi - lo) * 0.08);
        y.setRange(lo - pad, hi + pad);
        JFreeChart chart =
                dotWhisker("Overhead over the raw-JDBC floor (paired per round)", categories, series, y, 1.0, null);
        subtitle(
                chart,
                "Dots: " + Summary.estimator(s.pairedMethod())
                        + " of the per-round ratios arm / floor; whiskers: 95 % bootstrap interval.");
        return Optional.of(render("overhead", "Overhead over the raw-JDBC floor", chart, 380));
    }

    /**
     * The SELECT 1 probe of a paired run (all patterns in time order) against minutes since the first
     * probe, with the p10-p90 band shaded: a flat, narrow line means a calm machine.
     *
     * @param probes minutes since the start to µs, in time order
     * @param starts the minute each pattern's probes begin, by pattern id
     * @param probe the summary of the probes
     * @param line the one-line summary printed as subtitle
     */
    public Optional<Chart> probe(
            List<double[]> probes, Map<String, Double> starts, Summary.ProbeSummary probe, String line) {
        if (probes.isEmpty() || probe == null) {
            return Optional.empty();
        }
        // One series per pattern, so no line is drawn across the pause between two patterns' forks.
        XYSeriesCollection data = new XYSeriesCollection();
        List<Double> bounds = new ArrayList<>(starts.values());
        XYSeries current = null;
        int next = 0;
        for (double[] pt : probes) {
            while (next < bounds.size() && pt[0] >= bounds.get(next)) {
                current = null;
                next++;
            }
            if (current == null) {
                current = new XYSeries("part " + data.getSeriesCount(), false, true);
                data.addSeries(current);
            }
            current.add(pt[0], pt[1]);
        }
        // A line only, one SVG path per pattern: a long run has thousands of probes.
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, color("raw-jdbc"));
            renderer.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        NumberAxis x = new NumberAxis("minutes since the run's start");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("µs per SELECT 1");
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.15);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        if (probe.p10Us() != null && probe.p90Us() != null) {
            IntervalMarker band = new IntervalMarker(probe.p10Us(), probe.p90Us(), new Color(0x1F, 0x68, 0xB0, 0x28));
            band.setLabel("p10–p90");
            band.setLabelFont(SMALL);
            band.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            band.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(band, Layer.BACKGROUND);
        }
        starts.forEach((id, minute) -> {
            ValueMarker m = new ValueMarker(minute, new Color(0xAA, 0xAA, 0xAA), new BasicStroke(0.8f));
            m.setLabel(id);
            m.setLabelFont(SMALL);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        });
        JFreeChart chart = chart("How calm was the machine? SELECT 1 round trip through the run", plot, false);
        subtitle(chart, line);
        return Optional.of(render("probe", "SELECT 1 probe through the run", chart, 320));
    }

    private static void point(
            Map<String, YIntervalSeries> series,
            List<String> categories,
            String key,
            String category,
            double median,
            Double low,
            Double high) {
        int x = categories.size();
        categories.add(category);
        series.computeIfAbsent(key, YIntervalSeries::new)
                .add(x, median, low == null ? median : low, high == null ? median : high);
    }

    /** Dots with whiskers over named categories (the series' x values are category indexes). */
    private JFreeChart dotWhisker(
            String title,
            List<String> categories,
            Map<String, YIntervalSeries> series,
            NumberAxis y,
            Double referenceLine,
            String labelFormat) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setErrorStroke(new BasicStroke(1.6f));
        renderer.setCapLength(8);
        int i = 0;
        for (String key : series.keySet()) {
            renderer.setSeriesPaint(i, color(key));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
            i++;
        }
        if (labelFormat != null) {
            renderer.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator(
                    "{2}", new DecimalFormat("#,##0"), new DecimalFormat(labelFormat)));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(LABEL);
            renderer.setDefaultPositiveItemLabelPosition(
                    new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        }
        SymbolAxis x = new SymbolAxis(null, categories.toArray(String[]::new));
        x.setGridBandsVisible(false);
        x.setTickLabelFont(LABEL);
        x.setRange(-0.6, categories.size() - 0.4);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlinesVisible(false);
        if (referenceLine != null) {
            plot.addRangeMarker(new ValueMarker(
                    referenceLine,
                    Color.BLACK,
                    new BasicStroke(
                            1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)));
        }
        return chart(title, plot, series.size() > 1 && labelFormat == null);
    }

    /** µs/op against data size (log scale) for one pattern; empty with fewer than two sizes. */
    public Optional<Chart> dataSize(PatternSummary p) {
        if (p.bySize().stream().mapToInt(SizePoint::dataSize).distinct().count() < 2) {
            return Optional.empty();
        }
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        for (SizePoint pt : p.bySize()) {
            // A paired point has its estimate's interval; an unpaired one JMH's score error.
            double err = zeroIfNull(pt.error());
            series.computeIfAbsent(pt.impl(), YIntervalSeries::new)
                    .add(
                            pt.dataSize(),
                            pt.usPerOp(),
                            pt.usPerOpLow() == null ? pt.usPerOp() - err : pt.usPerOpLow(),
                            pt.usPerOpHigh() == null ? pt.usPerOp() + err : pt.usPerOpHigh());
        }
        LogAxis x = new LogAxis("dataSize: customers and products (orders twice as many), log scale");
        x.setBase(10);
        x.setSmallestValue(1);
        // One tick per power of ten, labelled as plain numbers rather than 10^3.1.
        x.setAutoTickUnitSelection(false);
        x.setTickUnit(new NumberTickUnit(1.0));
        x.setNumberFormatOverride(new DecimalFormat("#,##0"));
        NumberAxis y = new NumberAxis("µs/op");
        JFreeChart chart = xyChart(p.id() + " " + p.title() + ": cost vs data size", series, x, y);
        return Optional.of(render("size-" + p.id(), p.id() + " cost vs data size", chart, 320));
    }

    /** Operations per second against JMH threads for one pattern; empty with fewer than two counts. */
    public Optional<Chart> threads(PatternSummary p) {
        if (p.byThreads().stream().mapToInt(ThreadPoint::threads).distinct().count() < 2) {
            return Optional.empty();
        }
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        for (ThreadPoint pt : p.byThreads()) {
            // Propagate the µs/op error to ops/s to first order: d(t·1e6/u) = t·1e6·du/u².
            double err = pt.error() == null ? 0 : pt.threads() * 1e6 * pt.error() / (pt.usPerOp() * pt.usPerOp());
            series.computeIfAbsent(pt.impl(), YIntervalSeries::new)
                    .add(pt.threads(), pt.opsPerSecond(), pt.opsPerSecond() - err, pt.opsPerSecond() + err);
        }
        NumberAxis x = new NumberAxis("JMH threads");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("operations per second (higher is better)");
        JFreeChart chart = xyChart(p.id() + " " + p.title() + ": throughput vs threads", series, x, y);
        return Optional.of(render("threads-" + p.id(), p.id() + " throughput vs threads", chart, 320));
    }

    /** Cold start time and heap per implementation; empty if none measured. */
    public Optional<Chart> coldStart(Summary s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> keys = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ColdStart c : s.coldStart()) {
            if (c.ms() == null) {
                missing.add(c.impl());
                continue;
            }
            data.addValue(c.ms(), "ms", c.impl());
            keys.add(c.impl());
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        BarRenderer renderer = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return color(keys.get(column));
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.15);
        renderer.setDefaultItemLabelGenerator(
                new StandardCategoryItemLabelGenerator("{2} ms", new DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(LABEL);
        NumberAxis y = new NumberAxis("ms from JVM start to first P02 answer (median)");
        y.setUpperMargin(0.15);
        CategoryAxis x = new CategoryAxis();
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = chart("Cold start (fresh JVM, framework bootstrap included)", plot, false);
        if (!missing.isEmpty()) {
            subtitle(chart, "Not measured: " + String.join(", ", missing) + ".");
        }
        return Optional.of(render("coldstart", "Cold start", chart, 320));
    }

    private JFreeChart xyChart(
            String title, Map<String, YIntervalSeries> series, org.jfree.chart.axis.ValueAxis x, NumberAxis y) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.values().forEach(data::addSeries);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        int i = 0;
        for (String key : series.keySet()) {
            renderer.setSeriesPaint(i, color(key));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            i++;
        }
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        return chart(title, plot, true);
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void subtitle(JFreeChart chart, String text) {
        TextTitle t = new TextTitle(text, SMALL);
        t.setPosition(RectangleEdge.TOP);
        chart.addSubtitle(0, t);
    }

    private static Chart render(String id, String title, JFreeChart chart, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, height);
        // Several SVGs are inlined into one page: their clip-path ids must not collide.
        g2.setDefsKeyPrefix(id + "-");
        chart.draw(g2, new Rectangle(0, 0, WIDTH, height));
        String svg = g2.getSVGElement(id, true, new ViewBox(0, 0, WIDTH, height), null, null);
        return new Chart(id, title, svg);
    }

    private static double zeroIfNull(Double d) {
        return d == null ? 0.0 : d;
    }

    /** One line naming every library version of {@code catalogue} and the machine, for the foot of each chart. */
    public static String environmentLine(Summary.Environment e, Catalogue catalogue) {
        List<String> parts = new ArrayList<>();
        for (Impl impl : catalogue.impls()) {
            String v = e.libraries().get(impl.libraryKey());
            parts.add(impl.label() + " " + (v == null ? "?" : v));
        }
        for (String k : List.of("pgjdbc", "hikaricp")) {
            if (e.libraries().containsKey(k)) {
                parts.add(k + " " + e.libraries().get(k));
            }
        }
        parts.add("PostgreSQL " + orUnknown(e.postgres()) + (e.dbMode() == null ? "" : " (" + e.dbMode() + ")"));
        parts.add("JVM " + orUnknown(e.jvm()));
        parts.add("CPU " + orUnknown(e.cpu()) + (e.cores() == null ? "" : ", " + e.cores() + " cores"));
        parts.add("pool " + (e.poolSize() == null ? "?" : e.poolSize()));
        parts.add("profile " + orUnknown(e.profile()));
        parts.add("commit " + orUnknown(e.commit() == null ? null : abbreviate(e.commit()))
                + (Boolean.TRUE.equals(e.commitDirty()) ? " (with uncommitted changes)" : ""));
        return String.join(" · ", parts);
    }

    private static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
