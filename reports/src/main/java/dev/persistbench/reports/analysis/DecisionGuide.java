package dev.persistbench.reports.analysis;

import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Summary.ColdStart;
import dev.persistbench.reports.model.Summary.EvolutionStep;
import dev.persistbench.reports.model.Summary.EvolutionSummary;
import dev.persistbench.reports.model.Summary.GuideEntry;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.model.Summary.SizePoint;
import dev.persistbench.reports.model.Summary.ThreadPoint;
import dev.persistbench.reports.render.Fmt;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The decision guide: per concern an architect asks about, which library leads, by how much, and which
 * the run cannot tell apart, computed only from the summary's figures. Timed concerns use the run's groups
 * (paired runs) or its fastest and ties within the combined error (unpaired runs), never a ranking of
 * point estimates; the margin is the next group's figure over the leaders', with bounds from the 95 % intervals
 * where the summary has them. Counted concerns (B/op, lines of code, round trips, cold start, schema
 * drift, failed calls while the schema changed) compare the figures as they are, equal figures tie. A concern without a figure says "not
 * measured in this run" and why; a figure that did not settle is named as provisional.
 */
public final class DecisionGuide {

    /** Pattern-timed concerns and the patterns each rests on. */
    private static final List<Map.Entry<String, List<String>>> TIMED = List.of(
            Map.entry("single-row reads", List.of("P02", "P04")),
            Map.entry("batch writes", List.of("P03")),
            Map.entry("object graphs", List.of("P07", "P08")),
            Map.entry("dynamic search", List.of("P05")),
            Map.entry("transactional writes", List.of("P06", "P09")),
            Map.entry("bulk update", List.of("P10")),
            Map.entry("reporting", List.of("P11")),
            Map.entry("streaming", List.of("P12")));

    /** Drift outcomes, earliest detection first. */
    private static final String REFUSED = "refused-at-startup";

    private static final String SILENT = "silently-wrong";

    private final Catalogue catalogue;

    private DecisionGuide(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * The guide's entries, in the order printed.
     *
     * @param catalogue the run's implementations (their labels)
     * @param patterns the summary's patterns
     * @param coldStart the summary's cold start
     * @param drift drift to implementation to outcome (empty when not measured)
     * @return one entry per concern and pattern (or counted figure)
     */
    public static List<GuideEntry> of(
            Catalogue catalogue,
            List<PatternSummary> patterns,
            List<ColdStart> coldStart,
            Map<String, Map<String, String>> drift) {
        return of(catalogue, patterns, coldStart, drift, null);
    }

    /**
     * The guide's entries with the schema-evolution rehearsal's.
     *
     * @param catalogue the run's implementations (their labels)
     * @param patterns the summary's patterns
     * @param coldStart the summary's cold start
     * @param drift drift to implementation to outcome (empty when not measured)
     * @param evolution the rehearsal, null when not run
     * @return one entry per concern and pattern (or counted figure)
     */
    public static List<GuideEntry> of(
            Catalogue catalogue,
            List<PatternSummary> patterns,
            List<ColdStart> coldStart,
            Map<String, Map<String, String>> drift,
            EvolutionSummary evolution) {
        return new DecisionGuide(catalogue).entries(patterns, coldStart, drift, evolution);
    }

    private List<GuideEntry> entries(
            List<PatternSummary> patterns,
            List<ColdStart> coldStart,
            Map<String, Map<String, String>> drift,
            EvolutionSummary evolution) {
        Map<String, PatternSummary> byId = patterns.stream()
                .collect(Collectors.toMap(PatternSummary::id, p -> p, (a, b) -> a, LinkedHashMap::new));
        List<GuideEntry> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : TIMED) {
            for (String id : c.getValue()) {
                out.add(timed(c.getKey(), id, byId.get(id)));
            }
            if (c.getKey().equals("transactional writes")) {
                out.addAll(contention(c.getValue(), byId));
            }
            if (c.getKey().equals("streaming")) {
                out.add(streamingAllocation(byId.get("P12")));
            }
        }
        out.add(coldStart(coldStart));
        out.add(memory(patterns));
        out.add(totals(
                "lines of code", "lines", patterns, PatternResult::loc, "lines of code written for each pattern"));
        boolean anyRoundTrips =
                patterns.stream().flatMap(p -> p.results().stream()).anyMatch(r -> r.roundTrips() != null);
        out.add(
                anyRoundTrips
                        ? totals(
                                "round trips",
                                "round trips",
                                patterns,
                                PatternResult::roundTrips,
                                "round trips of one operation of each pattern")
                        : totals(
                                "round trips",
                                "client statements",
                                patterns,
                                PatternResult::statementsPerOp,
                                "client statements of one operation of each pattern; no round-trip count in this run"));
        out.add(drift(drift));
        out.add(evolution(evolution));
        out.add(sizeGrowth(patterns));
        return out;
    }

    /**
     * Which implementation's cost grows most against the floor's with the data: over the patterns
     * measured at two or more data sizes, the largest growth of an implementation's ratio to the
     * floor from the smallest size to the largest. It names who degrades, not who leads: leaders
     * stay empty.
     */
    private GuideEntry sizeGrowth(List<PatternSummary> patterns) {
        String concern = "cost growth with the data";
        PatternSummary worstPattern = null;
        SizePoint worstSmall = null;
        SizePoint worstLarge = null;
        for (PatternSummary p : patterns) {
            List<Integer> sizes = p.bySize().stream()
                    .map(SizePoint::dataSize)
                    .distinct()
                    .sorted()
                    .toList();
            if (sizes.size() < 2) {
                continue;
            }
            for (SizePoint large : p.bySize()) {
                SizePoint small = p.bySize().stream()
                        .filter(x -> x.impl().equals(large.impl()) && x.dataSize() == sizes.get(0))
                        .findFirst()
                        .orElse(null);
                if (large.dataSize() != sizes.get(sizes.size() - 1)
                        || small == null
                        || small.ratioToFloor() == null
                        || large.ratioToFloor() == null) {
                    continue;
                }
                if (worstLarge == null
                        || large.ratioToFloor() / small.ratioToFloor()
                                > worstLarge.ratioToFloor() / worstSmall.ratioToFloor()) {
                    worstPattern = p;
                    worstSmall = small;
                    worstLarge = large;
                }
            }
        }
        if (worstPattern == null) {
            return notMeasured(concern, "data sizes", "scaling", "no pattern was measured at two data sizes");
        }
        PatternSummary p = worstPattern;
        SizePoint small = worstSmall;
        SizePoint large = worstLarge;
        Double floorGrowth = p.bySize().stream()
                .filter(x -> x.impl().equals("raw-jdbc") && x.dataSize() == large.dataSize())
                .map(SizePoint::growth)
                .findFirst()
                .orElse(null);
        String text = label(large.impl()) + "'s cost grows most against the floor's: its ratio to the floor goes from "
                + Fmt.ratio(small.ratioToFloor()) + " to " + Fmt.ratio(large.ratioToFloor()) + " (its µs/op "
                + Fmt.ratio(large.growth()) + ", the floor's " + Fmt.ratio(floorGrowth) + ")";
        List<String> provisional = Boolean.FALSE.equals(small.settled()) || Boolean.FALSE.equals(large.settled())
                ? List.of(large.impl())
                : List.of();
        return entry(
                concern,
                p.id() + ", dataSize " + Fmt.integer(small.dataSize()) + " → " + Fmt.integer(large.dataSize()),
                List.of(p.id()),
                "scaling",
                List.of(),
                NO_MARGIN,
                false,
                provisional,
                text);
    }

    /** One figure of one arm with its interval, and whether it settled. */
    private record Figure(String impl, double value, Double low, Double high, boolean settled) {}

    private GuideEntry timed(String concern, String id, PatternSummary p) {
        String where = p == null ? id : id + " " + p.title();
        List<PatternResult> measured = p == null
                ? List.of()
                : p.results().stream()
                        .filter(r -> r.status() == Status.Measure.MEASURED && r.usPerOp() != null)
                        .toList();
        if (measured.isEmpty()) {
            return notMeasured(concern, id, id, "no result for " + id);
        }
        boolean ratios = measured.stream().allMatch(r -> r.ratioToFloor() != null);
        Map<String, Figure> fig = new LinkedHashMap<>();
        for (PatternResult r : measured) {
            fig.put(
                    r.impl(),
                    ratios
                            ? new Figure(
                                    r.impl(), r.ratioToFloor(), r.ratioToFloorLow(), r.ratioToFloorHigh(), settled(r))
                            : new Figure(r.impl(), r.usPerOp(), r.usPerOpLow(), r.usPerOpHigh(), settled(r)));
        }
        List<List<String>> groups = groups(p, fig);
        String unit = ratios ? "× floor" : " µs/op";
        if (groups.size() == 1) {
            List<String> all = groups.getFirst();
            List<String> prov = provisional(all, fig);
            String inside = shownInside(p, all);
            String text = all.size() == 1
                    ? "only " + label(all.getFirst()) + " was measured (" + value(fig.get(all.getFirst()), unit)
                            + "); nothing to compare"
                    : inside.isEmpty()
                            ? values(all, fig, unit) + " cannot be told apart in this run"
                            : values(all, fig, unit) + ": this run draws no line through them, though it shows "
                                    + inside;
            return entry(concern, where, List.of(id), id, all, NO_MARGIN, all.size() > 1, prov, text);
        }
        List<String> leaders = groups.get(0);
        List<String> next = groups.get(1);
        // unpaired: the margin is over the fastest only (its ties may lack an error and a lower estimate)
        List<String> reference = paired(p) ? leaders : List.of(leaders.getFirst());
        double min = Double.MAX_VALUE;
        double max = 0;
        Double low = Double.MAX_VALUE;
        Double high = 0.0;
        for (String l : reference) {
            for (String n : next) {
                Figure a = fig.get(l);
                Figure b = fig.get(n);
                double q = b.value() / a.value();
                min = Math.min(min, q);
                max = Math.max(max, q);
                if (low != null && a.low() != null && a.high() != null && b.low() != null && b.high() != null) {
                    low = Math.min(low, b.low() / a.high());
                    high = Math.max(high, b.high() / a.low());
                } else {
                    low = null;
                    high = null;
                }
            }
        }
        String margin = (min == max ? Fmt.ratio(min) : Fmt.ratio(min) + "–" + Fmt.ratio(max))
                + (low == null ? "" : " (from the 95 % intervals: " + Fmt.ratio(low) + "–" + Fmt.ratio(high) + ")");
        List<String> involved = new ArrayList<>(leaders);
        involved.addAll(next);
        List<String> prov = provisional(involved, fig);
        String of = String.join(" and ", reference.stream().map(this::label).toList());
        // The groups come from the paired comparisons of the whole series, not from the estimates: a
        // member of the next group may have a lower estimate than a leader. Then the margin is not one.
        String inside = shownInside(p, leaders);
        String text = values(leaders, fig, unit)
                + (leaders.size() == 1
                        ? " leads"
                        : inside.isEmpty()
                                ? " lead and cannot be told apart"
                                : " lead together (this run draws no line through them, though it shows " + inside
                                        + ")")
                + (min >= 1
                        ? "; the next, " + values(next, fig, unit) + ", takes " + margin + " the time of " + of
                        : "; the next, " + values(next, fig, unit) + ", is ranked behind by the run's paired"
                                + " comparisons although the estimates overlap (" + margin + " the time of " + of
                                + "): the order between them is weak");
        return entry(
                concern, where, List.of(id), id, leaders, new Margin(min, max, low, high, margin), false, prov, text);
    }

    /**
     * The orders the run showed inside a group between two of {@code members}, "Spring JDBC faster
     * than Hibernate ORM and ...", or "" when none.
     */
    private String shownInside(PatternSummary p, List<String> members) {
        if (p.ordersInGroups() == null) {
            return "";
        }
        return p.ordersInGroups().stream()
                .filter(members::containsAll)
                .map(o -> label(o.get(0)) + " faster than " + label(o.get(1)))
                .collect(Collectors.joining(" and "));
    }

    private boolean paired(PatternSummary p) {
        return p.groups() != null && !p.groups().isEmpty();
    }

    /** The run's groups restricted to the measured arms; an unpaired run: fastest with its ties, then the rest. */
    private List<List<String>> groups(PatternSummary p, Map<String, Figure> fig) {
        List<List<String>> out = new ArrayList<>();
        if (paired(p)) {
            for (List<String> g : p.groups()) {
                List<String> kept = g.stream().filter(fig::containsKey).toList();
                if (!kept.isEmpty()) {
                    out.add(kept);
                }
            }
            return out;
        }
        List<String> first = new ArrayList<>();
        if (p.fastest() != null && fig.containsKey(p.fastest())) {
            first.add(p.fastest());
        }
        if (p.tiedWithFastest() != null) {
            p.tiedWithFastest().stream()
                    .filter(i -> fig.containsKey(i) && !first.contains(i))
                    .forEach(first::add);
        }
        if (first.isEmpty()) {
            return List.of(List.copyOf(fig.keySet()));
        }
        out.add(first);
        fig.values().stream()
                .filter(f -> !first.contains(f.impl()))
                .min(Comparator.comparingDouble(Figure::value))
                .ifPresent(f -> out.add(List.of(f.impl())));
        return out;
    }

    private boolean settled(PatternResult r) {
        return !Boolean.FALSE.equals(r.settled());
    }

    private List<String> provisional(List<String> impls, Map<String, Figure> fig) {
        return impls.stream().filter(i -> !fig.get(i).settled()).toList();
    }

    private List<GuideEntry> contention(List<String> ids, Map<String, PatternSummary> byId) {
        String concern = "transactional writes under contention";
        List<GuideEntry> out = new ArrayList<>();
        for (String id : ids) {
            PatternSummary p = byId.get(id);
            if (p == null || p.byThreads() == null || p.byThreads().isEmpty()) {
                continue;
            }
            int threads =
                    p.byThreads().stream().mapToInt(ThreadPoint::threads).max().orElseThrow();
            List<ThreadPoint> at = p.byThreads().stream()
                    .filter(t -> t.threads() == threads)
                    .sorted(Comparator.comparingDouble(ThreadPoint::usPerOp))
                    .toList();
            ThreadPoint best = at.getFirst();
            List<String> tied = new ArrayList<>();
            ThreadPoint next = null;
            for (ThreadPoint t : at) {
                boolean within = t == best
                        || t.error() == null
                        || best.error() == null
                        || t.usPerOp() - best.usPerOp() <= t.error() + best.error();
                if (within && next == null) {
                    tied.add(t.impl());
                } else if (next == null) {
                    next = t;
                }
            }
            String where = id + " at " + threads + " threads";
            String anchor = "scaling";
            String failures = failures(at);
            if (next == null) {
                String text = labels(tied) + " cannot be told apart within the combined error (" + tied.size()
                        + " measured)" + failures;
                out.add(entry(concern, where, List.of(id), anchor, tied, NO_MARGIN, tied.size() > 1, List.of(), text));
                continue;
            }
            double m = next.usPerOp() / best.usPerOp();
            String text = labels(tied)
                    + (tied.size() > 1 ? " lead, within the combined error of each other (" : " leads (")
                    + Fmt.us(best.usPerOp()) + " µs/op per thread, "
                    + String.format(Locale.ROOT, "%,.0f", best.opsPerSecond()) + " ops/s); the next, "
                    + label(next.impl()) + ", takes " + Fmt.ratio(m) + " its time" + failures;
            out.add(entry(
                    concern,
                    where,
                    List.of(id),
                    anchor,
                    tied,
                    new Margin(m, m, null, null, Fmt.ratio(m)),
                    false,
                    List.of(),
                    text));
        }
        if (out.isEmpty()) {
            out.add(notMeasured(concern, String.join(", ", ids), "scaling", "no thread sweep"));
        }
        return out;
    }

    /** "; failed operations: Hibernate 12, jOOQ 3" when any point of {@code at} counted failures. */
    private String failures(List<ThreadPoint> at) {
        List<String> failed = at.stream()
                .filter(t -> t.errors() != null && t.errors() > 0)
                .map(t -> label(t.impl()) + " " + t.errors())
                .toList();
        return failed.isEmpty() ? "" : "; failed operations: " + String.join(", ", failed);
    }

    private GuideEntry streamingAllocation(PatternSummary p) {
        String concern = "streaming allocation";
        Map<String, Double> bytes = new LinkedHashMap<>();
        if (p != null) {
            p.results().stream().filter(r -> r.bytesPerOp() != null).forEach(r -> bytes.put(r.impl(), r.bytesPerOp()));
        }
        if (bytes.size() < 2) {
            return notMeasured(concern, "P12", "P12", "no B/op for two or more implementations of P12");
        }
        return counted(
                concern, "P12 B/op", List.of("P12"), "P12", bytes, Fmt::bytes, "one figure per arm, no interval");
    }

    private GuideEntry coldStart(List<ColdStart> coldStart) {
        String concern = "start-up cost";
        Map<String, Double> ms = new LinkedHashMap<>();
        coldStart.stream().filter(c -> c.ms() != null).forEach(c -> ms.put(c.impl(), c.ms()));
        if (ms.size() < 2) {
            return notMeasured(concern, "cold start", "coldstart", "no cold start for two or more implementations");
        }
        return counted(
                concern,
                "cold start, ms to the first P02 answer",
                List.of("cold start"),
                "coldstart",
                ms,
                v -> Fmt.us(v) + " ms",
                "median over the JVMs started, no interval");
    }

    private GuideEntry memory(List<PatternSummary> patterns) {
        String concern = "memory per operation";
        Map<String, Integer> lowest = new LinkedHashMap<>();
        java.util.Set<String> withBytes = new java.util.TreeSet<>();
        int compared = 0;
        for (PatternSummary p : patterns) {
            List<PatternResult> rs =
                    p.results().stream().filter(r -> r.bytesPerOp() != null).toList();
            if (rs.size() < 2) {
                continue;
            }
            compared++;
            rs.forEach(r -> withBytes.add(r.impl()));
            double min =
                    rs.stream().mapToDouble(PatternResult::bytesPerOp).min().orElseThrow();
            rs.stream().filter(r -> r.bytesPerOp() == min).forEach(r -> lowest.merge(r.impl(), 1, Integer::sum));
        }
        if (compared == 0) {
            return notMeasured(concern, "B/op", "cost", "no B/op for two or more implementations of any pattern");
        }
        int best = lowest.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> leaders = lowest.entrySet().stream()
                .filter(e -> e.getValue() == best)
                .map(Map.Entry::getKey)
                .toList();
        int n = compared;
        String counts = lowest.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> label(e.getKey()) + " in " + e.getValue())
                .collect(Collectors.joining(", "));
        boolean tied = leaders.size() == withBytes.size();
        String text = (tied ? "all equal" : labels(leaders) + (leaders.size() > 1 ? " lead, equal" : " leads"))
                + " in the count of patterns where each has the lowest B/op, over " + n
                + (n == 1 ? " pattern" : " patterns")
                + " with two or more B/op figures: " + counts + " (one figure per arm, no interval)";
        return entry(
                concern,
                "B/op",
                List.of("B/op"),
                "cost",
                leaders,
                new Margin(null, null, null, null, best + " of " + n),
                tied,
                List.of(),
                text);
    }

    /** Sum of a count over the patterns where every implementation with results has one. */
    private GuideEntry totals(
            String concern,
            String what,
            List<PatternSummary> patterns,
            Function<PatternResult, Integer> count,
            String about) {
        String anchor = "cost";
        List<String> universe = patterns.stream()
                .flatMap(p -> p.results().stream())
                .filter(r -> count.apply(r) != null)
                .map(PatternResult::impl)
                .distinct()
                .toList();
        Map<String, Double> sums = new LinkedHashMap<>();
        List<String> used = new ArrayList<>();
        for (PatternSummary p : patterns) {
            List<PatternResult> rs = p.results().stream()
                    .filter(r -> universe.contains(r.impl()))
                    .toList();
            if (rs.size() != universe.size() || rs.stream().map(count).anyMatch(Objects::isNull)) {
                continue;
            }
            used.add(p.id());
            rs.forEach(r -> sums.merge(r.impl(), count.apply(r).doubleValue(), Double::sum));
        }
        if (universe.size() < 2 || used.isEmpty()) {
            return notMeasured(concern, what, anchor, "no pattern has " + about + " for two or more implementations");
        }
        return counted(
                concern,
                what + " summed over " + String.join(", ", used),
                used,
                anchor,
                sums,
                Fmt::integer,
                about + ", no interval");
    }

    /** Figures without intervals: the lowest leads, equal figures tie, the next lowest gives the margin. */
    private GuideEntry counted(
            String concern,
            String where,
            List<String> patterns,
            String anchor,
            Map<String, Double> values,
            Function<Double, String> fmt,
            String note) {
        double min =
                values.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        List<String> leaders = values.entrySet().stream()
                .filter(e -> e.getValue() == min)
                .map(Map.Entry::getKey)
                .toList();
        String all = values.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(e -> label(e.getKey()) + " " + fmt.apply(e.getValue()))
                .collect(Collectors.joining(", "));
        boolean tied = leaders.size() == values.size();
        Margin margin = NO_MARGIN;
        String text = "all equal: " + all + " (" + note + ")";
        if (!tied) {
            double next = values.values().stream()
                    .filter(v -> v > min)
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElseThrow();
            Double m = min > 0 ? next / min : null;
            String by = m == null ? fmt.apply(next) + " against " + fmt.apply(min) : Fmt.ratio(m);
            margin = new Margin(m, m, null, null, by);
            text = labels(leaders) + (leaders.size() > 1 ? " lead, equal" : " leads") + "; the next has " + by + " ("
                    + all + "; " + note + ")";
        }
        return entry(concern, where, patterns, anchor, leaders, margin, tied, List.of(), text);
    }

    private GuideEntry drift(Map<String, Map<String, String>> drift) {
        String concern = "schema drift detection";
        if (drift.isEmpty()) {
            return notMeasured(concern, "schema drift", "reliability", "no schema-drift matrix");
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        drift.values()
                .forEach(byImpl -> byImpl.forEach((impl, outcome) -> {
                    int[] c = counts.computeIfAbsent(impl, k -> new int[2]);
                    c[0] += REFUSED.equals(outcome) ? 1 : 0;
                    c[1] += SILENT.equals(outcome) ? 1 : 0;
                }));
        Comparator<Map.Entry<String, int[]>> order = Comparator.<Map.Entry<String, int[]>>comparingInt(
                        e -> -e.getValue()[0])
                .thenComparingInt(e -> e.getValue()[1]);
        List<Map.Entry<String, int[]>> sorted =
                counts.entrySet().stream().sorted(order).toList();
        int[] top = sorted.getFirst().getValue();
        List<String> leaders = sorted.stream()
                .filter(e -> e.getValue()[0] == top[0] && e.getValue()[1] == top[1])
                .map(Map.Entry::getKey)
                .toList();
        String all = sorted.stream()
                .map(e -> label(e.getKey()) + " " + e.getValue()[0] + " refused at start-up, " + e.getValue()[1]
                        + " silently wrong")
                .collect(Collectors.joining("; "));
        int n = drift.size();
        boolean tied = leaders.size() == counts.size();
        String text = (tied ? "all equal" : labels(leaders) + (leaders.size() > 1 ? " lead, equal" : " leads"))
                + " over " + n + " drifts (" + all + ")";
        return entry(
                concern,
                "schema drift",
                List.of("schema drift"),
                "reliability",
                leaders,
                new Margin(null, null, null, null, top[0] + " of " + n + " refused at start-up"),
                tied,
                List.of(),
                text);
    }

    /**
     * Schema changes under load, from the rehearsal: who kept serving through every expand step with 0
     * failed calls and no acknowledged order missing (they lead, equal), who failed how often, and who noticed each contract step at
     * start-up and who only at the first failing call.
     */
    private GuideEntry evolution(EvolutionSummary evolution) {
        String concern = "schema changes under load";
        String where = "schema evolution";
        if (evolution == null) {
            return notMeasured(concern, where, "evolution", "no evolution.json: the rehearsal was not run");
        }
        List<EvolutionStep> expand = evolution.steps().stream()
                .filter(s -> s.step().kind() == Evolution.Kind.EXPAND)
                .toList();
        if (expand.isEmpty() || evolution.runs().isEmpty()) {
            return notMeasured(concern, where, "evolution", "no expand step ran under any library");
        }
        List<String> clean = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (Evolution.Run run : evolution.runs()) {
            String impl = run.impl();
            boolean all = expand.stream().allMatch(s -> s.failedCalls().get(impl) != null);
            long failed = expand.stream()
                    .mapToLong(s -> Objects.requireNonNullElse(s.failedCalls().get(impl), 0L))
                    .sum();
            long lost = Objects.requireNonNullElse(run.missingOrders(), 0L);
            if (failed > 0) {
                failing.add(label(impl) + " " + Fmt.integer(failed) + " failed calls");
            } else if (lost > 0) {
                failing.add(label(impl) + " lost " + Fmt.integer(lost) + " acknowledged orders");
            } else if (all) {
                clean.add(impl);
            } else {
                failing.add(label(impl) + " did not run every expand step");
            }
        }
        String text = (clean.isEmpty()
                        ? "no library kept serving through every expand step without a failed call"
                        : labels(clean) + " kept serving through all " + expand.size()
                                + " expand steps with 0 failed calls")
                + (failing.isEmpty() ? "" : " (" + String.join("; ", failing) + ")");
        for (EvolutionStep s : evolution.steps()) {
            if (s.step().kind() != Evolution.Kind.CONTRACT) {
                continue;
            }
            List<String> startUp = byDetection(s, Evolution.Detection.START_UP);
            List<String> firstCall = byDetection(s, Evolution.Detection.FIRST_CALL);
            text += "; contract step V" + s.step().version() + " noticed at start-up by "
                    + (startUp.isEmpty() ? "none" : String.join(", ", startUp)) + ", only at the first failing call by "
                    + (firstCall.isEmpty() ? "none" : String.join(", ", firstCall));
        }
        return entry(
                concern,
                where,
                List.of(where),
                "evolution",
                clean,
                new Margin(null, null, null, null, failing.isEmpty() ? null : String.join("; ", failing)),
                clean.size() == evolution.runs().size(),
                List.of(),
                text);
    }

    private List<String> byDetection(EvolutionStep s, Evolution.Detection d) {
        return s.detection().entrySet().stream()
                .filter(e -> e.getValue() == d)
                .map(e -> label(e.getKey()))
                .toList();
    }

    /** The margin of an entry: smallest and largest ratio, bounds from the intervals, as printed. */
    private record Margin(Double min, Double max, Double low, Double high, String text) {}

    private static final Margin NO_MARGIN = new Margin(null, null, null, null, null);

    private GuideEntry entry(
            String concern,
            String where,
            List<String> patterns,
            String anchor,
            List<String> leaders,
            Margin m,
            boolean tied,
            List<String> provisional,
            String text) {
        return new GuideEntry(
                concern,
                patterns,
                anchor,
                leaders,
                m.min(),
                m.max(),
                m.low(),
                m.high(),
                m.text(),
                tied,
                provisional,
                null,
                sentence(concern, where, text, provisional));
    }

    private GuideEntry notMeasured(String concern, String what, String anchor, String reason) {
        String text = "not measured in this run (" + reason + ")";
        return new GuideEntry(
                concern,
                List.of(what),
                anchor,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                false,
                List.of(),
                reason,
                sentence(concern, what, text, List.of()));
    }

    private String sentence(String concern, String where, String text, List<String> provisional) {
        String s = concern + ", " + where + ": " + text + ".";
        if (!provisional.isEmpty()) {
            s += " Provisional: the figure of " + labels(provisional) + " did not settle.";
        }
        return s;
    }

    private String value(Figure f, String unit) {
        return (unit.startsWith("×") ? Fmt.ratio(f.value()).replace("×", "") : Fmt.us(f.value())) + unit;
    }

    private String values(List<String> impls, Map<String, Figure> fig, String unit) {
        return impls.stream()
                .map(i -> label(i) + " (" + value(fig.get(i), unit) + ")")
                .collect(Collectors.joining(" = "));
    }

    private String label(String id) {
        return catalogue.label(id);
    }

    private String labels(List<String> ids) {
        return ids.stream().map(this::label).collect(Collectors.joining(" = "));
    }
}
