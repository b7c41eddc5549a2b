package dev.persistbench.reports.render;

import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.render.ReportView.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the merged report of several result sets shows: each set's environment side by side, then per
 * pattern one table per set with that set's own figures. Nothing is computed across sets: a figure
 * is printed exactly as its set's summary states it, next to that set's label.
 *
 * @param sets the result sets, in the order given
 * @param environment one row per environment field, one column per set
 * @param patterns per pattern id (in id order) that some set measured, one table per set that has it
 * @param notMeasured pattern ids no set measured (each set's own report says why)
 * @param onlyDifference the one environment field in which the sets differ (then each pattern also gets
 *     a side-by-side table), null when they differ in none or in several
 */
public record MergedView(
        List<LabelledSet> sets,
        Table environment,
        List<PatternTables> patterns,
        List<String> notMeasured,
        String onlyDifference) {

    /** Printed under every merged table. */
    public static final String NEVER_AVERAGED = "Each figure is its own result set's, measured on that set's machine"
            + " with its interval; figures are never averaged or ranked across sets, and figures from different"
            + " machines are not ratios of each other.";

    /**
     * One result set.
     *
     * @param label its unique short name (its folder's name)
     * @param report the set's own full report, relative to the merged one (sets/label/index.html)
     * @param summary what its own report states
     */
    public record LabelledSet(String label, String report, Summary summary) {

        /** The set's own report.md, beside its index.html. */
        public String markdownReport() {
            return report.replaceFirst("index\\.html$", "report.md");
        }
    }

    /** The rule every merged table is printed under ({@link #NEVER_AVERAGED}). */
    public String note() {
        return NEVER_AVERAGED;
    }

    /**
     * One pattern across the sets.
     *
     * @param id P01..P13
     * @param title its title
     * @param tables one per set that measured it, titled with the set's label
     * @param sideBySide each set's figures in its own columns, when the sets differ in one environment
     *     field only; null otherwise
     */
    public record PatternTables(String id, String title, List<Table> tables, Table sideBySide) {}

    /** Builds the view; {@code sets} must have unique labels. */
    public static MergedView of(List<LabelledSet> sets) {
        Map<String, Function<LabelledSet, String>> fields = environmentFields();
        List<String> differing = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (COMPARED.contains(name) && sets.stream().map(value).distinct().count() > 1) {
                differing.add(name);
            }
        });
        String onlyDifference = differing.size() == 1 ? differing.getFirst() : null;
        List<PatternTables> patterns = patternTables(sets, onlyDifference);
        List<String> notMeasured = new ArrayList<>();
        sets.forEach(s -> s.summary().patterns().forEach(p -> {
            if (patterns.stream().noneMatch(t -> t.id().equals(p.id())) && !notMeasured.contains(p.id())) {
                notMeasured.add(p.id());
            }
        }));
        return new MergedView(List.copyOf(sets), environmentTable(sets, fields), patterns, notMeasured, onlyDifference);
    }

    /** The environment fields that must agree, but for one, before two sets' figures stand side by side. */
    private static final List<String> COMPARED = List.of(
            "PostgreSQL",
            "Database mode",
            "Network distance (added round trip)",
            "CPU",
            "Memory",
            "Machine (OS)",
            "JVM",
            "Profile",
            "Commit",
            "Timing");

    private static Map<String, Function<LabelledSet, String>> environmentFields() {
        Map<String, Function<LabelledSet, String>> fields = new LinkedHashMap<>();
        fields.put("PostgreSQL", s -> env(s).postgres());
        fields.put("Database mode", s -> env(s).dbMode());
        fields.put("Network distance (added round trip)", MergedView::distances);
        fields.put("CPU", s -> env(s).cpu() + (env(s).cores() == null ? "" : " (" + env(s).cores() + " cores)"));
        fields.put("Memory", s -> env(s).memoryGb() == null ? null : Fmt.integer(env(s).memoryGb()) + " GB");
        fields.put("Machine (OS)", s -> env(s).os());
        fields.put("JVM", s -> env(s).jvm());
        fields.put("Profile", s -> env(s).profile());
        fields.put(
                "Commit",
                s -> env(s).commit() == null
                        ? null
                        : env(s).commit()
                                + (Boolean.TRUE.equals(env(s).commitDirty()) ? " (uncommitted changes)" : ""));
        fields.put("Results written", s -> env(s).resultsGeneratedAt());
        fields.put("Timing", s -> s.summary().timing());
        fields.put("Schema evolution", MergedView::evolution);
        fields.put("Full report", LabelledSet::report);
        return fields;
    }

    private static Table environmentTable(List<LabelledSet> sets, Map<String, Function<LabelledSet, String>> fields) {
        List<String> headers = new ArrayList<>();
        headers.add("");
        sets.forEach(s -> headers.add(s.label()));
        List<List<String>> rows = new ArrayList<>();
        fields.forEach((name, value) -> {
            List<String> row = new ArrayList<>();
            row.add(name);
            sets.forEach(s -> row.add(Objects.requireNonNullElse(value.apply(s), "unknown")));
            rows.add(row);
        });
        return new Table("Result sets", headers, rows);
    }

    private static Summary.Environment env(LabelledSet s) {
        Summary.Environment e = s.summary().environment();
        return e != null
                ? e
                : new Summary.Environment(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether the set has the schema-evolution rehearsal, whose section is in its own report. */
    private static String evolution(LabelledSet s) {
        Summary.EvolutionSummary e = s.summary().evolution();
        return e == null
                ? "not run"
                : e.steps().size() + " steps under " + e.runs().size() + " libraries, in the set's own report";
    }

    private static String distances(LabelledSet s) {
        TreeSet<Integer> rtts = new TreeSet<>();
        s.summary().networkDistance().forEach(p -> rtts.add(p.addedRttMicros()));
        if (rtts.isEmpty()) {
            return "loopback only";
        }
        List<String> parts = new ArrayList<>(List.of("loopback"));
        rtts.forEach(r -> parts.add("+" + Fmt.integer(r) + " µs"));
        return String.join(", ", parts);
    }

    private static List<PatternTables> patternTables(List<LabelledSet> sets, String onlyDifference) {
        Map<String, String> titles = new java.util.TreeMap<>();
        sets.forEach(s -> s.summary().patterns().stream()
                .filter(MergedView::measured)
                .forEach(p -> titles.putIfAbsent(p.id(), p.title())));
        List<PatternTables> out = new ArrayList<>();
        titles.forEach((id, title) -> {
            List<Table> tables = new ArrayList<>();
            Map<String, PatternSummary> bySet = new LinkedHashMap<>();
            for (LabelledSet s : sets) {
                s.summary().patterns().stream()
                        .filter(p -> p.id().equals(id))
                        .findFirst()
                        .ifPresent(p -> {
                            tables.add(patternTable(s.label(), p));
                            bySet.put(s.label(), p);
                        });
            }
            boolean oneSize = bySet.values().stream()
                            .map(PatternSummary::dataSize)
                            .distinct()
                            .count()
                    == 1;
            Table side = onlyDifference != null && bySet.size() > 1 && oneSize
                    ? sideBySide(id, onlyDifference, bySet)
                    : null;
            out.add(new PatternTables(id, title, tables, side));
        });
        return out;
    }

    private static boolean measured(PatternSummary p) {
        return p.floorUsPerOp() != null || p.results().stream().anyMatch(r -> r.usPerOp() != null);
    }

    /**
     * Each set's µs/op and ratio in its own two columns, one row per arm; a cell is exactly the one of
     * that set's own table.
     */
    private static Table sideBySide(String id, String difference, Map<String, PatternSummary> bySet) {
        List<String> headers = new ArrayList<>(List.of("implementation"));
        Map<String, Map<String, List<String>>> rowsBySet = new LinkedHashMap<>();
        List<String> arms = new ArrayList<>();
        bySet.forEach((label, p) -> {
            headers.add(label + ": µs/op");
            headers.add(label + ": ratio to the floor");
            Map<String, List<String>> byArm = new LinkedHashMap<>();
            for (List<String> row : rows(p)) {
                byArm.put(row.getFirst(), row);
                if (!arms.contains(row.getFirst())) {
                    arms.add(row.getFirst());
                }
            }
            rowsBySet.put(label, byArm);
        });
        List<List<String>> rows = new ArrayList<>();
        for (String arm : arms) {
            List<String> row = new ArrayList<>(List.of(arm));
            rowsBySet.values().forEach(byArm -> {
                List<String> own = byArm.get(arm);
                row.add(own == null ? Fmt.NONE : own.get(1));
                row.add(own == null ? Fmt.NONE : own.get(2));
            });
            rows.add(row);
        }
        return new Table(id + " side by side: the sets differ only in " + difference, headers, rows);
    }

    private static Table patternTable(String label, PatternSummary p) {
        String size = p.dataSize() == null ? "" : " · " + Fmt.integer(p.dataSize()) + " orders";
        return new Table(
                label + size,
                List.of("implementation", "µs/op", "ratio to the floor", "statements/op", "settled"),
                rows(p));
    }

    /** Per arm, floor first: implementation, µs/op, ratio to the floor, statements/op, settled. */
    private static List<List<String>> rows(PatternSummary p) {
        List<List<String>> rows = new ArrayList<>();
        if (p.floorUsPerOp() != null) {
            rows.add(List.of(
                    "raw-jdbc (floor)",
                    figure(p.floorUsPerOp(), p.floorUsPerOpLow(), p.floorUsPerOpHigh(), p.floorError()),
                    Fmt.NONE,
                    Fmt.integer(p.floorStatementsPerOp()),
                    settled(p.floorSettled())));
        }
        for (PatternResult r : p.results()) {
            rows.add(
                    r.usPerOp() == null
                            ? List.of(
                                    r.impl(),
                                    "not measured: " + Objects.requireNonNullElse(r.reason(), "?"),
                                    Fmt.NONE,
                                    Fmt.NONE,
                                    Fmt.NONE)
                            : List.of(
                                    r.impl(),
                                    figure(r.usPerOp(), r.usPerOpLow(), r.usPerOpHigh(), r.error()),
                                    Fmt.ratioInterval(r.ratioToFloor(), r.ratioToFloorLow(), r.ratioToFloorHigh()),
                                    Fmt.integer(r.statementsPerOp()),
                                    settled(r.settled())));
        }
        return rows;
    }

    /** A paired estimate with its interval, or an unpaired score with its error. */
    private static String figure(Double v, Double low, Double high, Double error) {
        if (low != null && high != null) {
            return Fmt.interval(v, low, high);
        }
        return error == null ? Fmt.us(v) : Fmt.usErr(v, error);
    }

    private static String settled(Boolean settled) {
        return settled == null ? Fmt.NONE : settled ? "yes" : "no";
    }
}
