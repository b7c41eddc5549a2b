package dev.persistbench.reports;

import dev.persistbench.reports.model.Summary;
import dev.persistbench.reports.model.Summary.PatternResult;
import dev.persistbench.reports.model.Summary.PatternSummary;
import dev.persistbench.reports.render.Fmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The changes between two runs per pattern and implementation (plus the raw-JDBC floor and
 * SELECT 1, which show machine noise). A change is significant when |Δ| exceeds the sum of the two
 * JMH errors, i.e. the two confidence intervals do not overlap.
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
            Double deltaUs,
            Double deltaPercent,
            String verdict) {

        /** Whether |Δ| exceeds the combined error. */
        public boolean significant() {
            return "significant".equals(verdict);
        }
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
            Optional<PatternSummary> b =
                    base.patterns().stream().filter(p -> p.id().equals(c.id())).findFirst();
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
                        r.error()));
            }
            if (c.floorUsPerOp() != null || b.map(PatternSummary::floorUsPerOp).isPresent()) {
                changes.add(change(
                        c.id(),
                        "raw-jdbc",
                        b.map(PatternSummary::floorUsPerOp).orElse(null),
                        b.map(PatternSummary::floorError).orElse(null),
                        c.floorUsPerOp(),
                        c.floorError()));
            }
        }
        for (PatternSummary b : base.patterns()) {
            if (candidate.patterns().stream().noneMatch(p -> p.id().equals(b.id()))) {
                for (PatternResult r : b.results()) {
                    changes.add(change(b.id(), r.impl(), r.usPerOp(), r.error(), null, null));
                }
            }
        }
        return changes;
    }

    private static Change change(
            String pattern, String impl, Double base, Double baseErr, Double cand, Double candErr) {
        if (base == null || cand == null) {
            String verdict = base == null && cand == null
                    ? "not measured in either run"
                    : base == null ? "not measured in base" : "not measured in candidate";
            return new Change(pattern, impl, base, baseErr, cand, candErr, null, null, verdict);
        }
        double delta = cand - base;
        Double pct = base == 0 ? null : 100.0 * delta / base;
        String verdict;
        if (baseErr == null || candErr == null) {
            verdict = "error unknown";
        } else {
            verdict = Math.abs(delta) > baseErr + candErr ? "significant" : "within error";
        }
        return new Change(pattern, impl, base, baseErr, cand, candErr, round(delta), round(pct), verdict);
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
        long significant = changes.stream().filter(Change::significant).count();
        long compared = changes.stream().filter(c -> c.deltaUs() != null).count();
        md.append("\n")
                .append(significant)
                .append(" of ")
                .append(compared)
                .append(
                        " figures measured in both runs changed by more than the combined error (|Δ| > err_base + err_candidate),"
                                + " marked **▲** (slower) or **▼** (faster).\n\n");
        md.append("| pattern | impl | base µs/op | candidate µs/op | Δ µs | Δ % | verdict |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        for (Change c : changes) {
            String mark = c.significant() ? (c.deltaUs() > 0 ? "**▲ significant**" : "**▼ significant**") : c.verdict();
            md.append("| ")
                    .append(c.pattern())
                    .append(" | ")
                    .append(c.impl())
                    .append(" | ")
                    .append(Fmt.usErr(c.baseUs(), c.baseError()))
                    .append(" | ")
                    .append(Fmt.usErr(c.candidateUs(), c.candidateError()))
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
