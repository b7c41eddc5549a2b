package dev.persistbench.reports;

import dev.persistbench.reports.analysis.SummaryBuilder;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.model.Summary.ProbeSummary;
import dev.persistbench.reports.render.Fmt;
import dev.persistbench.reports.render.ReportView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The changes between two runs: first per pattern and implementation the ratio to the raw-JDBC
 * floor, whose intervals agree when they overlap (a paired run's ratio is what can be compared
 * across machines and days); then per pattern the orders the two runs showed between two
 * implementations, and those the runs contradict; then µs/op per implementation and the floor, a change being
 * significant when |Δ| exceeds the sum of the two JMH errors or, for paired figures, when their
 * intervals do not overlap.
 */
public final class Comparison {

    /**
     * One compared figure.
     *
     * @param pattern P01..P13
     * @param impl implementation id, "raw-jdbc" or "select-1"
     * @param baseUs base µs/op, null when not measured there
     * @param baseError base error
     * @param candidateUs candidate µs/op
     * @param candidateError candidate error
     * @param baseLow lower bound of the base figure's interval (paired runs), else null
     * @param baseHigh upper bound of the base figure's interval
     * @param candidateLow lower bound of the candidate figure's interval
     * @param candidateHigh upper bound of the candidate figure's interval
     * @param deltaUs candidate - base
     * @param deltaPercent 100 · Δ / base
     * @param verdict "significant", "within error", or why it cannot be judged
     */
    public record Change(
            String pattern,
            String impl,
            Double baseUs,
            Double baseError,
            Double candidateUs,
            Double candidateError,
            Double baseLow,
            Double baseHigh,
            Double candidateLow,
            Double candidateHigh,
            Double deltaUs,
            Double deltaPercent,
            String verdict) {

        /** Whether |Δ| exceeds the combined error. */
        public boolean significant() {
            return "significant".equals(verdict);
        }
    }

    /**
     * One ratio to the raw-JDBC floor in both runs.
     *
     * @param pattern P01..P13
     * @param impl implementation id
     * @param base base ratio (the estimate of the per-round ratios in a paired run), null when absent
     * @param baseLow lower bound of its 95 % interval, null when the run gave none (unpaired)
     * @param baseHigh upper bound
     * @param candidate candidate ratio
     * @param candidateLow lower bound of its interval
     * @param candidateHigh upper bound
     * @param agree whether the two intervals overlap; null when either run lacks the ratio or its interval
     * @param baseNoisy whether the machine was noisy while the base run measured this pattern (its fork's
     *     SELECT 1 probe spread above {@link ProbeSummary#NOISY_SPREAD}); null when unknown
     * @param candidateNoisy the same for the candidate run
     * @param cpuLoopChange how much slower (positive) the CPU probe's loop ran in the candidate's fork of this
     *     pattern than in the base's, median against median, as a share; null when either run lacks it
     * @param memoryWalkChange the same for the CPU probe's memory walk
     * @param roundTripChange the same for the SELECT 1 probe of the fork: how much longer its round trip was
     *     in the candidate
     */
    public record RatioChange(
            String pattern,
            String impl,
            Double base,
            Double baseLow,
            Double baseHigh,
            Double candidate,
            Double candidateLow,
            Double candidateHigh,
            Boolean agree,
            Boolean baseNoisy,
            Boolean candidateNoisy,
            Double cpuLoopChange,
            Double memoryWalkChange,
            Double roundTripChange) {

        /** candidate / base - 1, as a share; null when either is missing. */
        public Double change() {
            return base == null || candidate == null || base == 0 ? null : candidate / base - 1;
        }

        /** Whether both runs measured this pattern on a calm machine (false: either was noisy; null: unknown). */
        public Boolean calm() {
            if (Boolean.TRUE.equals(baseNoisy) || Boolean.TRUE.equals(candidateNoisy)) {
                return false;
            }
            return baseNoisy == null || candidateNoisy == null ? null : true;
        }

        /**
         * Whether either CPU probe of this pattern's fork moved by more than {@link #SPEED_CHANGE} between
         * the runs (null: a run lacks the probe).
         */
        public Boolean cpuMoved() {
            if (cpuLoopChange == null && memoryWalkChange == null) {
                return null;
            }
            return beyond(cpuLoopChange) || beyond(memoryWalkChange);
        }

        /**
         * Whether the round trip of this pattern's fork moved by more than {@link #ROUND_TRIP_CHANGE} between
         * the runs (null: a run lacks the probe).
         */
        public Boolean roundTripMoved() {
            return roundTripChange == null ? null : Math.abs(roundTripChange) > ROUND_TRIP_CHANGE;
        }
    }

    /**
     * A fork's SELECT 1 median that moved by more than this share between two runs ran at another level of
     * the round trip. Measured on the AMD EPYC (bench/README, "Repeatability"): with client and backend
     * pinned to one CPU, a fork's round trip sat either near 29 µs or at 39-53 µs for the whole fork;
     * over four pairs of runs back to back, ratios whose forks kept their level agreed within ±10 % in 89 of
     * 104 cases, those whose level changed in 66 of 104.
     */
    static final double ROUND_TRIP_CHANGE = 0.10;

    private static boolean beyond(Double change) {
        return change != null && Math.abs(change) > SPEED_CHANGE;
    }

    /** Two ratios within this share of each other are called close in compare's count (issue 12's target). */
    static final double CLOSE = 0.10;

    /** Every ratio to the floor present in either run, candidate's patterns first. */
    public static List<RatioChange> compareRatios(Summary base, Summary candidate) {
        List<RatioChange> out = new ArrayList<>();
        for (PatternSummary c : candidate.patterns()) {
            Optional<PatternSummary> b = pattern(base, c.id());
            for (PatternResult r : c.results()) {
                PatternResult br = b.flatMap(p -> p.results().stream()
                                .filter(x -> x.impl().equals(r.impl()))
                                .findFirst())
                        .orElse(null);
                ratio(out, c.id(), r.impl(), br, r, b.orElse(null), c);
            }
        }
        for (PatternSummary b : base.patterns()) {
            if (pattern(candidate, b.id()).isEmpty()) {
                b.results().forEach(r -> ratio(out, b.id(), r.impl(), r, null, b, null));
            }
        }
        return out;
    }

    private static void ratio(
            List<RatioChange> out,
            String pattern,
            String impl,
            PatternResult b,
            PatternResult c,
            PatternSummary bp,
            PatternSummary cp) {
        Double bm = b == null ? null : b.ratioToFloor();
        Double cm = c == null ? null : c.ratioToFloor();
        if (bm == null && cm == null) {
            return;
        }
        Double bl = bm == null ? null : b.ratioToFloorLow();
        Double bh = bm == null ? null : b.ratioToFloorHigh();
        Double cl = cm == null ? null : c.ratioToFloorLow();
        Double ch = cm == null ? null : c.ratioToFloorHigh();
        Boolean agree = bl == null || bh == null || cl == null || ch == null ? null : overlap(bl, bh, cl, ch);
        out.add(new RatioChange(
                pattern,
                impl,
                bm,
                bl,
                bh,
                cm,
                cl,
                ch,
                agree,
                noisy(bp),
                noisy(cp),
                probeChange(bp == null ? null : bp.cpuLoopProbe(), cp == null ? null : cp.cpuLoopProbe()),
                probeChange(bp == null ? null : bp.memoryWalkProbe(), cp == null ? null : cp.memoryWalkProbe()),
                probeChange(bp == null ? null : bp.selectOneProbe(), cp == null ? null : cp.selectOneProbe())));
    }

    /** The candidate probe's median over the base's, minus 1; null when either is missing. */
    static Double probeChange(ProbeSummary base, ProbeSummary candidate) {
        if (base == null || candidate == null || base.medianUs() == null || candidate.medianUs() == null) {
            return null;
        }
        return base.medianUs() > 0 ? candidate.medianUs() / base.medianUs() - 1 : null;
    }

    private static Boolean noisy(PatternSummary p) {
        return p == null ? null : ProbeSummary.noisy(p.selectOneProbe());
    }

    /** What one run showed of the order of two implementations in a pattern. */
    public enum Shown {
        /** The first of the pair was shown faster (an earlier group, or an order shown inside a group). */
        FIRST_FASTER,
        /** The second of the pair was shown faster. */
        SECOND_FASTER,
        /** The run ranked both and did not split them. */
        NOT_SPLIT;
    }

    /**
     * One pair of implementations ranked in both runs, and what each run showed of their order.
     *
     * @param pattern P01..P13
     * @param first the pair's first implementation in the candidate's report order
     * @param second the other
     * @param base what the base run showed
     * @param candidate what the candidate run showed
     */
    public record OrderChange(String pattern, String first, String second, Shown base, Shown candidate) {

        /** Both runs showed an order, and it was the same. */
        public boolean agree() {
            return base != Shown.NOT_SPLIT && base == candidate;
        }

        /** Both runs showed an order, and they are opposite: the other run reverses what one run shows. */
        public boolean contradicted() {
            return base != Shown.NOT_SPLIT && candidate != Shown.NOT_SPLIT && base != candidate;
        }

        /** Exactly one of the runs showed an order. */
        public boolean oneRunOnly() {
            return (base == Shown.NOT_SPLIT) != (candidate == Shown.NOT_SPLIT);
        }

        /** "jOOQ < Hibernate ORM" as {@code run} showed it (null where it did not split them). */
        String shownText(Shown run, Catalogue catalogue) {
            return switch (run) {
                case FIRST_FASTER -> catalogue.label(first) + " < " + catalogue.label(second);
                case SECOND_FASTER -> catalogue.label(second) + " < " + catalogue.label(first);
                case NOT_SPLIT -> null;
            };
        }
    }

    /**
     * Every pair of implementations that both runs ranked in a pattern both measured (paired runs: an
     * implementation is ranked when it is in one of the pattern's groups), in the candidate's pattern
     * order and report order. An implementation missing from either run's groups (not measured, or an
     * older run without groups) gives no pair.
     */
    public static List<OrderChange> compareOrders(Summary base, Summary candidate) {
        List<OrderChange> out = new ArrayList<>();
        for (PatternSummary c : candidate.patterns()) {
            Optional<PatternSummary> b = pattern(base, c.id());
            if (b.isEmpty()) {
                continue;
            }
            List<String> ranked = candidate.catalogue().ids().stream()
                    .filter(id -> groupOf(c, id) >= 0 && groupOf(b.get(), id) >= 0)
                    .toList();
            for (int i = 0; i < ranked.size(); i++) {
                for (int j = i + 1; j < ranked.size(); j++) {
                    String x = ranked.get(i);
                    String y = ranked.get(j);
                    out.add(new OrderChange(c.id(), x, y, shown(b.get(), x, y), shown(c, x, y)));
                }
            }
        }
        return out;
    }

    /** The pattern {@code id} of {@code run}, if it measured it. */
    private static Optional<PatternSummary> pattern(Summary run, String id) {
        return run.patterns().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The index of the group holding {@code impl}, or -1. */
    private static int groupOf(PatternSummary p, String impl) {
        List<List<String>> groups = p.groups() == null ? List.of() : p.groups();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).contains(impl)) {
                return g;
            }
        }
        return -1;
    }

    /** What {@code p} showed of {@code x} against {@code y}, both ranked in it. */
    static Shown shown(PatternSummary p, String x, String y) {
        int gx = groupOf(p, x);
        int gy = groupOf(p, y);
        if (gx != gy) {
            return gx < gy ? Shown.FIRST_FASTER : Shown.SECOND_FASTER;
        }
        List<List<String>> inside = p.ordersInGroups() == null ? List.of() : p.ordersInGroups();
        if (inside.contains(List.of(x, y))) {
            return Shown.FIRST_FASTER;
        }
        return inside.contains(List.of(y, x)) ? Shown.SECOND_FASTER : Shown.NOT_SPLIT;
    }

    /** Whether [aLow, aHigh] and [bLow, bHigh] share at least one point. */
    static boolean overlap(double aLow, double aHigh, double bLow, double bHigh) {
        return aLow <= bHigh && bLow <= aHigh;
    }

    private Comparison() {}

    /** Compares every figure present in either run (figures measured in neither are left out). */
    public static List<Change> compare(Summary base, Summary candidate) {
        return compareAll(base, candidate).stream()
                .filter(c -> c.baseUs() != null || c.candidateUs() != null)
                .toList();
    }

    private static List<Change> compareAll(Summary base, Summary candidate) {
        List<Change> changes = new ArrayList<>();
        for (PatternSummary c : candidate.patterns()) {
            Optional<PatternSummary> b = pattern(base, c.id());
            for (PatternResult r : c.results()) {
                Optional<PatternResult> br = b.flatMap(p -> p.results().stream()
                        .filter(x -> x.impl().equals(r.impl()))
                        .findFirst());
                changes.add(change(
                        c.id(),
                        r.impl(),
                        br.map(PatternResult::usPerOp).orElse(null),
                        br.map(PatternResult::error).orElse(null),
                        r.usPerOp(),
                        r.error(),
                        br.map(PatternResult::usPerOpLow).orElse(null),
                        br.map(PatternResult::usPerOpHigh).orElse(null),
                        r.usPerOpLow(),
                        r.usPerOpHigh()));
            }
            if (c.floorUsPerOp() != null || b.map(PatternSummary::floorUsPerOp).isPresent()) {
                changes.add(change(
                        c.id(),
                        "raw-jdbc",
                        b.map(PatternSummary::floorUsPerOp).orElse(null),
                        b.map(PatternSummary::floorError).orElse(null),
                        c.floorUsPerOp(),
                        c.floorError(),
                        b.map(PatternSummary::floorUsPerOpLow).orElse(null),
                        b.map(PatternSummary::floorUsPerOpHigh).orElse(null),
                        c.floorUsPerOpLow(),
                        c.floorUsPerOpHigh()));
            }
        }
        for (PatternSummary b : base.patterns()) {
            if (pattern(candidate, b.id()).isEmpty()) {
                for (PatternResult r : b.results()) {
                    changes.add(change(
                            b.id(),
                            r.impl(),
                            r.usPerOp(),
                            r.error(),
                            null,
                            null,
                            r.usPerOpLow(),
                            r.usPerOpHigh(),
                            null,
                            null));
                }
            }
        }
        return changes;
    }

    private static Change change(
            String pattern,
            String impl,
            Double base,
            Double baseErr,
            Double cand,
            Double candErr,
            Double baseLow,
            Double baseHigh,
            Double candLow,
            Double candHigh) {
        if (base == null || cand == null) {
            String verdict = base == null && cand == null
                    ? "not measured in either run"
                    : base == null ? "not measured in base" : "not measured in candidate";
            return new Change(
                    pattern, impl, base, baseErr, cand, candErr, baseLow, baseHigh, candLow, candHigh, null, null,
                    verdict);
        }
        double delta = cand - base;
        Double pct = base == 0 ? null : 100.0 * delta / base;
        String verdict;
        if (baseLow != null && baseHigh != null && candLow != null && candHigh != null) {
            verdict = overlap(baseLow, baseHigh, candLow, candHigh) ? "within interval" : "significant";
        } else if (baseErr == null || candErr == null) {
            verdict = "error unknown";
        } else {
            verdict = Math.abs(delta) > baseErr + candErr ? "significant" : "within error";
        }
        return new Change(
                pattern,
                impl,
                base,
                baseErr,
                cand,
                candErr,
                baseLow,
                baseHigh,
                candLow,
                candHigh,
                round(delta),
                round(pct),
                verdict);
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1000.0) / 1000.0;
    }

    /** The comparison as a Markdown document. */
    public static String markdown(Summary base, Summary candidate, String baseName, String candidateName) {
        List<Change> changes = compare(base, candidate);
        StringBuilder md = new StringBuilder();
        md.append("# persistbench: run comparison\n\n");
        md.append("- base: ")
                .append(baseName)
                .append(" (")
                .append(describe(base))
                .append(")\n");
        md.append("- candidate: ")
                .append(candidateName)
                .append(" (")
                .append(describe(candidate))
                .append(")\n");
        for (String w : environmentDifferences(base.environment(), candidate.environment())) {
            md.append("- **environment differs:** ").append(w).append('\n');
        }
        machineCalm(base.selectOneProbe(), candidate.selectOneProbe())
                .ifPresent(w -> md.append("- **").append(w).append('\n'));
        machineSpeed(base, candidate).ifPresent(w -> md.append("- ").append(w).append('\n'));
        cpuSpeed(base, candidate).ifPresent(w -> md.append("- ").append(w).append('\n'));
        ratioSection(md, compareRatios(base, candidate), Summary.estimator(candidate.pairedMethod()));
        orderSection(md, base, candidate);
        md.append("\n## µs per operation\n\n");
        md.append("Absolute times depend on the machine and its state at the time: across two runs, the ratios"
                + " above are the comparable figures.\n\n");
        long significant = changes.stream().filter(Change::significant).count();
        long compared = changes.stream().filter(c -> c.deltaUs() != null).count();
        md.append("\n")
                .append(significant)
                .append(" of ")
                .append(compared)
                .append(
                        " figures measured in both runs changed by more than the combined error (|Δ| > err_base + err_candidate;"
                                + " for paired figures: their intervals do not overlap), marked **▲** (slower) or **▼** (faster).\n\n");
        md.append("| pattern | impl | base µs/op | candidate µs/op | Δ µs | Δ % | verdict |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        for (Change c : changes) {
            String mark = c.significant() ? (c.deltaUs() > 0 ? "**▲ significant**" : "**▼ significant**") : c.verdict();
            md.append("| ")
                    .append(c.pattern())
                    .append(" | ")
                    .append(c.impl())
                    .append(" | ")
                    .append(usText(c.baseUs(), c.baseError(), c.baseLow(), c.baseHigh()))
                    .append(" | ")
                    .append(usText(c.candidateUs(), c.candidateError(), c.candidateLow(), c.candidateHigh()))
                    .append(" | ")
                    .append(Fmt.delta(c.deltaUs()))
                    .append(" | ")
                    .append(Fmt.percent(c.deltaPercent()))
                    .append(" | ")
                    .append(mark)
                    .append(" |\n");
        }
        outcomeChanges(md, "Reliability rule status changes", base.reliability(), candidate.reliability());
        outcomeChanges(md, "Schema-drift outcome changes", base.schemaDrift(), candidate.schemaDrift());
        return md.toString();
    }

    private static String usText(Double us, Double err, Double low, Double high) {
        return low != null && high != null ? Fmt.interval(us, low, high) : Fmt.usErr(us, err);
    }

    /** The ratio table, then "N of M ratios agree within their intervals". */
    private static void ratioSection(StringBuilder md, List<RatioChange> ratios, String estimator) {
        md.append("\n## Ratios to the raw-JDBC floor\n\n");
        if (ratios.isEmpty()) {
            md.append("No ratio to the floor in either run.\n");
            return;
        }
        md.append("The ")
                .append(estimator)
                .append(" of the per-round ratios [95 % bootstrap interval] in a paired run, a plain ratio of two"
                        + " scores in an older one. *Δ*: the candidate's ratio against the base's. *agree*: the two"
                        + " intervals overlap. *machine*: whether the SELECT 1 probe of the pattern's fork was noisy"
                        + " (p10–p90 spread above " + Fmt.share(ProbeSummary.NOISY_SPREAD) + " of its median)"
                        + " in either run: a machine disturbed from outside, or the pattern's own first rounds after"
                        + " its warm-up (bench/README, \"Repeatability\"); and the CPU probe of that fork (a fixed"
                        + " loop, a fixed walk through memory) where its median moved by more than "
                        + Fmt.share(SPEED_CHANGE) + " between the runs; and the fork's round trip (the SELECT 1"
                        + " probe's median) where it moved by more than " + Fmt.share(ROUND_TRIP_CHANGE)
                        + ": the fork ran at another level of the round trip, and its ratios with it.\n\n");
        md.append("| pattern | impl | base × floor | candidate × floor | Δ | agree | machine |\n");
        md.append("|---|---|---:|---:|---:|---|---|\n");
        for (RatioChange r : ratios) {
            String agree = r.agree() == null
                    ? (r.base() == null
                            ? "— (not in base)"
                            : r.candidate() == null ? "— (not in candidate)" : "— (no interval)")
                    : r.agree() ? "yes" : "**no**";
            md.append("| ")
                    .append(r.pattern())
                    .append(" | ")
                    .append(r.impl())
                    .append(" | ")
                    .append(Fmt.ratioInterval(r.base(), r.baseLow(), r.baseHigh()))
                    .append(" | ")
                    .append(Fmt.ratioInterval(r.candidate(), r.candidateLow(), r.candidateHigh()))
                    .append(" | ")
                    .append(r.change() == null ? "—" : Fmt.percent(100 * r.change()))
                    .append(" | ")
                    .append(agree)
                    .append(" | ")
                    .append(machine(r))
                    .append(" |\n");
        }
        long judged = ratios.stream().filter(r -> r.agree() != null).count();
        long agreeing =
                ratios.stream().filter(r -> Boolean.TRUE.equals(r.agree())).count();
        long unjudged = ratios.size() - judged;
        md.append("\n").append(agreeing).append(" of ").append(judged).append(" ratios agree within their intervals.");
        if (unjudged > 0) {
            md.append(" ")
                    .append(unjudged)
                    .append(unjudged == 1 ? " ratio lacks" : " ratios lack")
                    .append(" an interval or a counterpart in one of the runs and cannot be judged.");
        }
        List<RatioChange> both = ratios.stream().filter(r -> r.change() != null).toList();
        md.append(' ')
                .append(close(both))
                .append(" of ")
                .append(both.size())
                .append(" are within ±")
                .append(Fmt.share(CLOSE))
                .append(" of each other");
        List<RatioChange> calm =
                both.stream().filter(r -> Boolean.TRUE.equals(r.calm())).toList();
        List<RatioChange> noisy =
                both.stream().filter(r -> Boolean.FALSE.equals(r.calm())).toList();
        if (!noisy.isEmpty()) {
            md.append(": ")
                    .append(closeOf(calm))
                    .append(" with a calm probe in both runs, ")
                    .append(closeOf(noisy))
                    .append(" where either run's probe was noisy");
        }
        List<RatioChange> cpuMoved =
                both.stream().filter(r -> Boolean.TRUE.equals(r.cpuMoved())).toList();
        if (!cpuMoved.isEmpty()) {
            md.append("; ")
                    .append(closeOf(cpuMoved))
                    .append(" where the fork's CPU probe moved by more than ")
                    .append(Fmt.share(SPEED_CHANGE));
        }
        List<RatioChange> levelMoved = both.stream()
                .filter(r -> Boolean.TRUE.equals(r.roundTripMoved()))
                .toList();
        if (!levelMoved.isEmpty()) {
            md.append("; ")
                    .append(closeOf(levelMoved))
                    .append(" where the fork's round trip moved by more than ")
                    .append(Fmt.share(ROUND_TRIP_CHANGE))
                    .append(" (")
                    .append(closeOf(both.stream()
                            .filter(r -> Boolean.FALSE.equals(r.roundTripMoved()))
                            .toList()))
                    .append(" where it held)");
        }
        md.append(".\n");
    }

    /**
     * Per pattern both runs' ranking lines and the orders that differ, then "of N pairs ranked in both
     * runs, M were ordered by both: A agree, C contradicted; ...".
     */
    private static void orderSection(StringBuilder md, Summary base, Summary candidate) {
        List<OrderChange> orders = compareOrders(base, candidate);
        md.append("\n## Orders\n\n");
        if (orders.isEmpty()) {
            md.append("No pattern ranks two implementations in both runs.\n");
            return;
        }
        md.append("For each pair of implementations both runs ranked in a pattern, what each run showed of their"
                + " order (a cut between groups, or an order shown inside a group). *Contradicted*: the runs show"
                + " opposite orders, each with its own interval excluding the other's. A fork's interval holds the"
                + " noise of its own rounds, not what differs between two JVMs (each compiles its own way), so an"
                + " order whose gap lies within that difference can be shown, and reversed, by two runs;"
                + " *one run only*: the other run does not split them.\n\n");
        md.append("| pattern | base ranking | candidate ranking | contradicted | one run only |\n");
        md.append("|---|---|---|---|---|\n");
        for (PatternSummary c : candidate.patterns()) {
            List<OrderChange> mine =
                    orders.stream().filter(o -> o.pattern().equals(c.id())).toList();
            PatternSummary b = pattern(base, c.id()).orElse(null);
            if (mine.isEmpty() || b == null) {
                continue;
            }
            md.append("| ")
                    .append(c.id())
                    .append(" | ")
                    .append(ReportView.ranking(b, base.catalogue()))
                    .append(" | ")
                    .append(ReportView.ranking(c, candidate.catalogue()))
                    .append(" | ")
                    .append(orderList(mine.stream().filter(OrderChange::contradicted), candidate, true))
                    .append(" | ")
                    .append(orderList(mine.stream().filter(OrderChange::oneRunOnly), candidate, false))
                    .append(" |\n");
        }
        long both = orders.stream().filter(o -> o.agree() || o.contradicted()).count();
        long contradicted = orders.stream().filter(OrderChange::contradicted).count();
        long one = orders.stream().filter(OrderChange::oneRunOnly).count();
        md.append("\nOf ")
                .append(orders.size())
                .append(orders.size() == 1 ? " pair" : " pairs")
                .append(" of implementations ranked in both runs, ")
                .append(both)
                .append(" were ordered by both: ")
                .append(both - contradicted)
                .append(" agree, ")
                .append(contradicted > 0 ? "**" + contradicted + " contradicted**" : "none contradicted")
                .append("; ")
                .append(one)
                .append(" ordered by one run only; ")
                .append(orders.size() - both - one)
                .append(" split by neither.\n");
    }

    /** "jOOQ < Hibernate ORM → Hibernate ORM < jOOQ, ..." (base's order, then the candidate's), or "—". */
    private static String orderList(Stream<OrderChange> orders, Summary candidate, boolean both) {
        Catalogue catalogue = candidate.catalogue();
        String text = orders.map(o -> {
                    String b = o.shownText(o.base(), catalogue);
                    String c = o.shownText(o.candidate(), catalogue);
                    if (both) {
                        return b + " → " + c;
                    }
                    return b != null ? b + " (base)" : c + " (candidate)";
                })
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? "—" : text;
    }

    private static long close(List<RatioChange> ratios) {
        return ratios.stream().filter(r -> Math.abs(r.change()) <= CLOSE).count();
    }

    /** "K of N": how many of {@code ratios} are within {@link #CLOSE} of each other. */
    private static String closeOf(List<RatioChange> ratios) {
        return close(ratios) + " of " + ratios.size();
    }

    private static String machine(RatioChange r) {
        List<String> parts = new ArrayList<>();
        if (r.calm() != null) {
            parts.add(
                    r.calm()
                            ? "calm"
                            : Boolean.TRUE.equals(r.baseNoisy())
                                    ? (Boolean.TRUE.equals(r.candidateNoisy()) ? "noisy in both" : "noisy in base")
                                    : "noisy in candidate");
        }
        if (beyond(r.cpuLoopChange())) {
            parts.add("CPU loop " + Fmt.percent(100 * r.cpuLoopChange()));
        }
        if (beyond(r.memoryWalkChange())) {
            parts.add("memory walk " + Fmt.percent(100 * r.memoryWalkChange()));
        }
        if (Boolean.TRUE.equals(r.roundTripMoved())) {
            parts.add("round trip " + Fmt.percent(100 * r.roundTripChange()));
        }
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }

    /** Rule or drift outcomes that differ between the runs, per implementation. */
    static List<String> outcomeDifferences(
            Map<String, Map<String, String>> base, Map<String, Map<String, String>> cand) {
        Map<String, Map<String, String>> a = base == null ? Map.of() : base;
        Map<String, Map<String, String>> b = cand == null ? Map.of() : cand;
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            java.util.Set<String> impls =
                    new java.util.TreeSet<>(a.getOrDefault(key, Map.of()).keySet());
            impls.addAll(b.getOrDefault(key, Map.of()).keySet());
            for (String impl : impls) {
                String x = a.getOrDefault(key, Map.of()).getOrDefault(impl, "not measured");
                String y = b.getOrDefault(key, Map.of()).getOrDefault(impl, "not measured");
                if (!x.equals(y)) {
                    out.add(key + " " + impl + ": " + x + " → " + y);
                }
            }
        }
        return out;
    }

    private static void outcomeChanges(
            StringBuilder md,
            String title,
            Map<String, Map<String, String>> base,
            Map<String, Map<String, String>> cand) {
        List<String> diffs = outcomeDifferences(base, cand);
        md.append("\n## ").append(title).append("\n\n");
        if (diffs.isEmpty()) {
            md.append("None.\n");
        }
        diffs.forEach(d -> md.append("- ").append(d).append('\n'));
    }

    private static String describe(Summary s) {
        Summary.Environment e = s.environment();
        return "commit " + (e.commit() == null ? "unknown" : e.commit()) + ", profile "
                + (e.profile() == null ? "unknown" : e.profile()) + ", results "
                + (e.resultsGeneratedAt() == null ? "of unknown date" : e.resultsGeneratedAt());
    }

    /**
     * What the two runs' SELECT 1 probes say about comparing their ratios: a line when either run was
     * on a noisy machine ({@link ProbeSummary#NOISY_SPREAD}), empty when both were calm or a probe is
     * missing.
     */
    static Optional<String> machineCalm(ProbeSummary base, ProbeSummary candidate) {
        Boolean baseNoisy = ProbeSummary.noisy(base);
        Boolean candidateNoisy = ProbeSummary.noisy(candidate);
        if (baseNoisy == null || candidateNoisy == null || (!baseNoisy && !candidateNoisy)) {
            return Optional.empty();
        }
        String spreads = "SELECT 1 probe spread " + percent(base) + " (base), " + percent(candidate)
                + " (candidate); above " + Fmt.share(ProbeSummary.NOISY_SPREAD) + " is noisy";
        String why = ": " + ProbeSummary.NOISY_EFFECT
                + ", so a ratio that moved by less than that may have moved with the machine, not the code";
        return Optional.of(
                baseNoisy && candidateNoisy
                        ? "both runs on a noisy machine:** " + spreads + why
                        : "the machine's calm differs:** " + spreads + why);
    }

    /** A floor change (median over the patterns) beyond this share calls the machine's speed changed. */
    static final double SPEED_CHANGE = 0.05;

    /**
     * How the machine's speed changed between the runs, read from the raw-JDBC floors: the median over
     * the patterns both runs measured of the candidate's floor µs/op over the base's, minus 1; null when
     * no pattern has a floor in both.
     */
    static Double floorChange(Summary base, Summary candidate) {
        List<Double> shares = new ArrayList<>();
        for (PatternSummary c : candidate.patterns()) {
            base.patterns().stream()
                    .filter(b -> b.id().equals(c.id()))
                    .findFirst()
                    .filter(b -> b.floorUsPerOp() != null && b.floorUsPerOp() > 0 && c.floorUsPerOp() != null)
                    .ifPresent(b -> shares.add(c.floorUsPerOp() / b.floorUsPerOp()));
        }
        Double median = SummaryBuilder.median(shares);
        return median == null ? null : median - 1;
    }

    /**
     * A line when the floors say the machine ran at another speed in the candidate (beyond {@link
     * #SPEED_CHANGE}): pairing cancels the floor's share of a slowdown, not the deeper stacks' larger one.
     */
    static Optional<String> machineSpeed(Summary base, Summary candidate) {
        Double change = floorChange(base, candidate);
        if (change == null || Math.abs(change) <= SPEED_CHANGE) {
            return Optional.empty();
        }
        return Optional.of("**the machine's speed differs:** the raw-JDBC floors ran "
                + Fmt.percent(100 * change) + " (median over the patterns) in the candidate; a slower machine"
                + " costs the deeper stacks more than the floor (on the Intel Xeon, floors 15 % slower came with"
                + " ratios 5-8 % higher; bench/README, \"Repeatability\"), so ratios that moved the same way"
                + " by less than that may have moved with the machine");
    }

    /**
     * The CPU probe of both runs, the same fixed work timed before every slice: a line with the medians of
     * its loop and its memory walk, which says the CPU's speed differs when either moved by more than
     * {@link #SPEED_CHANGE}; empty when either run lacks the probe (results from an older bench).
     */
    static Optional<String> cpuSpeed(Summary base, Summary candidate) {
        Double loop = probeChange(base.cpuLoopProbe(), candidate.cpuLoopProbe());
        Double walk = probeChange(base.memoryWalkProbe(), candidate.memoryWalkProbe());
        if (loop == null && walk == null) {
            return Optional.empty();
        }
        List<String> figures = new ArrayList<>();
        if (loop != null) {
            figures.add(medianMove("loop", base.cpuLoopProbe(), candidate.cpuLoopProbe(), loop));
        }
        if (walk != null) {
            figures.add(medianMove("memory walk", base.memoryWalkProbe(), candidate.memoryWalkProbe(), walk));
        }
        String line = "CPU probe (the same fixed work before every slice, medians over the run): "
                + String.join(", ", figures);
        return Optional.of(
                beyond(loop) || beyond(walk)
                        ? "**the CPU's speed differs:** " + line + "; a ratio that moved by less than that may have"
                                + " moved with the machine (the machine column names the forks)"
                        : line);
    }

    /** "loop 400.0 → 408.0 µs (+2.0 %)": one probe's medians in both runs and their {@code change}. */
    private static String medianMove(String name, ProbeSummary base, ProbeSummary candidate, double change) {
        return name + " " + Fmt.us(base.medianUs()) + " → " + Fmt.us(candidate.medianUs()) + " µs ("
                + Fmt.percent(100 * change) + ")";
    }

    private static String percent(ProbeSummary probe) {
        return Fmt.share(ProbeSummary.spread(probe));
    }

    private static List<String> environmentDifferences(Summary.Environment a, Summary.Environment b) {
        List<String> out = new ArrayList<>();
        diff(out, "PostgreSQL", a.postgres(), b.postgres());
        diff(out, "JVM", a.jvm(), b.jvm());
        diff(out, "CPU", a.cpu(), b.cpu());
        diff(out, "cores", a.cores(), b.cores());
        diff(out, "pool size", a.poolSize(), b.poolSize());
        diff(out, "profile", a.profile(), b.profile());
        for (Map.Entry<String, String> e : b.libraries().entrySet()) {
            diff(out, e.getKey(), a.libraries().get(e.getKey()), e.getValue());
        }
        return out;
    }

    private static void diff(List<String> out, String what, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(what + ": " + a + " → " + b);
        }
    }
}
