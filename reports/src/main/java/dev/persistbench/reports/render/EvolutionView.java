package dev.persistbench.reports.render;

import dev.persistbench.reports.analysis.EvolutionVerdicts;
import dev.persistbench.reports.input.ResultsReader;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Summary.EvolutionStep;
import dev.persistbench.reports.model.Summary.EvolutionSummary;
import dev.persistbench.reports.model.Summary.FollowTrackSummary;
import dev.persistbench.reports.render.ReportView.Table;
import dev.persistbench.reports.results.Evolution.Lock;
import dev.persistbench.reports.results.Evolution.Run;
import dev.persistbench.reports.results.Evolution.Setup;
import dev.persistbench.reports.results.Evolution.StepResult;
import dev.persistbench.reports.results.FollowTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The "Schema evolution" section (templates/evolution.peb and evolution.md.peb), pre-formatted from
 * the summary's {@link EvolutionSummary}, so every figure is the one evolution.json holds.
 *
 * @param run whether the results folder has evolution.json
 * @param notRun what to say when it has not, with the command that runs the rehearsal
 * @param setup the setup in one sentence, "" when not run
 * @param steps one per migration, in the order applied
 * @param runs per library: acknowledged and missing orders, and its error if its run stopped
 * @param orders the verdict on acknowledged orders
 * @param linesChanged what is said about the lines each library changed to follow a step ("" once
 *     follow-track.json gives them)
 * @param followTrack per library: its change, how its V1 code met the track's last schema, its suite
 *     after the change; null when the results folder has no follow-track.json
 * @param followTrackText the verdict on following the track, or why it is not measured
 */
public record EvolutionView(
        boolean run,
        String notRun,
        String setup,
        List<StepView> steps,
        Table runs,
        String orders,
        String linesChanged,
        Table followTrack,
        String followTrackText) {

    /** Printed instead of the section when the results folder has no evolution.json. */
    public static final String NOT_RUN = "the schema-evolution rehearsal (migrations after V1 applied under each"
            + " library's load) was not run: this results folder has no " + ResultsReader.EVOLUTION + ". It runs with "
            + ResultsReader.EVOLUTION_COMMAND + ".";

    /** The headers of a step's table, library first. */
    static final List<String> STEP_HEADERS = List.of(
            "library",
            "failed calls / calls",
            "longest stall ms (× baseline p99)",
            "p99 ms",
            "attempts",
            "migration ms",
            "locks",
            "detection");

    /**
     * One migration.
     *
     * @param version Flyway version
     * @param title "V2 add_customer_email"
     * @param kind expand or contract
     * @param transactional "in a transaction" or "outside a transaction"
     * @param verdict the generated sentence
     * @param table library × figures
     * @param sql the migration's SQL
     */
    public record StepView(
            String version, String title, String kind, String transactional, String verdict, Table table, String sql) {}

    /**
     * The section of a summary whose evolution is null when the rehearsal was not run.
     *
     * @param e the summary's evolution, null when not run
     * @param catalogue the run's implementations (their labels)
     */
    public static EvolutionView of(EvolutionSummary e, Catalogue catalogue) {
        return of(e, null, catalogue);
    }

    /**
     * The section of a summary: the rehearsal (null when not run) and how each implementation follows
     * the track (null when not measured).
     */
    public static EvolutionView of(EvolutionSummary e, FollowTrackSummary f, Catalogue catalogue) {
        Table follow = f == null ? null : followTable(f, catalogue);
        String followText = f == null
                ? EvolutionVerdicts.LINES_NOT_MEASURED
                : f.verdict() + " (.ci/follow-track at " + Objects.requireNonNullElse(f.commit(), "an unknown commit")
                        + ")";
        if (e == null) {
            return new EvolutionView(false, NOT_RUN, "", List.of(), null, "", "", follow, followText);
        }
        List<String> headers = new ArrayList<>(STEP_HEADERS);
        if (f != null) {
            headers.add(FOLLOW_HEADER);
        }
        List<StepView> steps = new ArrayList<>();
        for (EvolutionStep s : e.steps()) {
            List<List<String>> rows = new ArrayList<>();
            for (Run run : e.runs()) {
                List<String> row = new ArrayList<>(row(run, s.step().version(), catalogue));
                if (f != null) {
                    row.add(followCell(f, run.impl(), s.step().version()));
                }
                rows.add(row);
            }
            String title = "V" + s.step().version() + " "
                    + Objects.requireNonNullElse(s.step().description(), "");
            steps.add(new StepView(
                    s.step().version(),
                    title,
                    String.valueOf(s.step().kind()),
                    s.step().transactional() == null
                            ? "transaction unknown"
                            : s.step().transactional() ? "in a transaction" : "outside a transaction",
                    s.verdict(),
                    new Table(title + " under each library's load", headers, rows),
                    Objects.requireNonNullElse(s.step().sql(), "(not recorded)")));
        }
        List<List<String>> runs = new ArrayList<>();
        for (Run run : e.runs()) {
            runs.add(List.of(
                    catalogue.label(run.impl()),
                    Fmt.integer(run.acknowledgedOrders()),
                    Fmt.integer(run.missingOrders()),
                    Fmt.us(run.baselineP99Millis()),
                    run.steps().size() + " of " + e.steps().size(),
                    run.error() == null ? "" : run.error()));
        }
        return new EvolutionView(
                true,
                "",
                setup(e.setup()),
                steps,
                new Table(
                        "Orders placed through the whole rehearsal",
                        List.of(
                                "library",
                                "acknowledged orders",
                                "missing afterwards",
                                "baseline p99 ms",
                                "steps run",
                                "error that stopped the run"),
                        runs),
                e.orders(),
                Objects.requireNonNullElse(e.linesChanged(), ""),
                follow,
                followText);
    }

    /** The step tables' column with the code change each library made to follow the step. */
    static final String FOLLOW_HEADER = "code change to follow it";

    /**
     * "1 file, +2 −2 lines", the patch and the suite on the step's schema with the code as deployed there;
     * "none" and that suite for a step the library's code did not need to follow.
     */
    static String followCell(FollowTrackSummary f, String impl, String version) {
        FollowTrack.Entry entry = f.byImpl().entrySet().stream()
                .filter(x -> x.getKey().equalsIgnoreCase(impl))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (entry == null) {
            return "not measured";
        }
        List<FollowTrack.Patch> patches =
                entry.patches().stream().filter(p -> version.equals(p.step())).toList();
        String suite = version.equals(String.valueOf(f.schemaVersion()))
                ? suiteAt(version, entry.afterPassed(), entry.after())
                : entry.atSteps().stream()
                        .filter(a -> version.equals(a.version()))
                        .findFirst()
                        .map(a -> suiteAt(version, a.passed(), a.suite()))
                        .orElseGet(() -> suiteAt(version, null, null));
        if (patches.isEmpty()) {
            return "none" + suite;
        }
        return EvolutionVerdicts.change(patches) + "\n"
                + patches.stream().map(FollowTrack.Patch::path).collect(Collectors.joining("\n")) + suite;
    }

    /** The suite's line in a step cell; "not run" when there is none. */
    private static String suiteAt(String version, Boolean passed, FollowTrack.Suite s) {
        return s == null
                ? "\nits suite on V" + version + ": not run"
                : "\nits suite on V" + version + ": " + (Boolean.TRUE.equals(passed) ? "passed, " : "FAILED, ")
                        + Fmt.integer(s.failed()) + " of " + Fmt.integer(s.tests()) + " tests failed";
    }

    /** Per library: the change, how its V1 code met the last schema, its suite after the change. */
    static Table followTable(FollowTrackSummary f, Catalogue catalogue) {
        String version = "V" + Objects.requireNonNullElse(f.schemaVersion(), 0);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, FollowTrack.Entry> x : f.byImpl().entrySet()) {
            FollowTrack.Entry e = x.getValue();
            String change = e.patches().isEmpty()
                    ? "no change"
                    : e.patches().stream()
                            .map(p -> "after V" + p.step() + ": " + EvolutionVerdicts.change(List.of(p)) + "\n"
                                    + p.path())
                            .collect(Collectors.joining("\n"));
            String before = EvolutionVerdicts.detection(e);
            if (!e.compileErrors().isEmpty()) {
                before += "\n" + String.join("\n", e.compileErrors());
            }
            FollowTrack.Suite after = e.after();
            rows.add(List.of(
                    catalogue.label(x.getKey()),
                    change,
                    before,
                    after == null
                            ? "did not run"
                            : (Boolean.TRUE.equals(e.afterPassed()) ? "passed: " : "FAILED: ")
                                    + Fmt.integer(after.failed()) + " of " + Fmt.integer(after.tests())
                                    + " tests failed"));
        }
        return new Table(
                "Following the track: each library's change, checked on the schema at " + version,
                List.of(
                        "library",
                        "code change (patch of its module)",
                        "its V1 code on " + version + ": what pointed at the change",
                        "contract suite on " + version + " after the change"),
                rows);
    }

    /** The setup in one sentence; "?" for what the file does not say. */
    static String setup(Setup s) {
        if (s == null) {
            return "The file does not describe the setup.";
        }
        return orNot(s.orders()) + " orders (" + orNot(s.customers()) + " customers, " + orNot(s.products())
                + " products) seeded on PostgreSQL " + Objects.requireNonNullElse(s.postgres(), "?")
                + "; the V1 code of each library kept serving " + orNot(s.readThreads()) + " reading and "
                + orNot(s.writeThreads()) + " order-placing (P06) threads ("
                + Objects.requireNonNullElse(s.load(), "load not described") + "), baseline measured over "
                + orNot(s.baselineMillis()) + " ms, while each migration ran with lock_timeout "
                + orNot(s.lockTimeoutMillis()) + " ms and at most " + orNot(s.maxAttempts()) + " attempts.";
    }

    private static String orNot(Number n) {
        return n == null ? "?" : Fmt.integer(n);
    }

    private static List<String> row(Run run, String version, Catalogue catalogue) {
        StepResult r = EvolutionVerdicts.result(run, version);
        if (r == null) {
            List<String> row = new ArrayList<>(List.of(catalogue.label(run.impl())));
            while (row.size() < STEP_HEADERS.size()) {
                row.add("not run (stopped before this step)");
            }
            return row;
        }
        StringBuilder failed = new StringBuilder(Fmt.integer(r.failedCalls()) + " / " + Fmt.integer(r.calls()));
        r.failures().forEach(f -> failed.append('\n').append(f));
        String stall = Fmt.us(r.longestStallMillis());
        if (r.longestStallMillis() != null && run.baselineP99Millis() != null && run.baselineP99Millis() > 0) {
            stall += " (" + Fmt.us(r.longestStallMillis() / run.baselineP99Millis()) + "× of "
                    + Fmt.us(run.baselineP99Millis()) + ")";
        }
        return List.of(
                catalogue.label(run.impl()),
                failed.toString(),
                stall,
                Fmt.us(r.p99Millis()),
                Fmt.integer(r.attempts()),
                Fmt.integer(r.migrationMillis()),
                locks(r.locks()),
                r.detection() == null
                        ? "not recorded"
                        : r.detection() + (r.detectionDetail() == null ? "" : "\n" + r.detectionDetail()));
    }

    /** "waited for 1, longest 120 ms (AccessExclusiveLock on orders)\nheld: ShareLock on orders". */
    static String locks(List<Lock> locks) {
        if (locks.isEmpty()) {
            return "none seen";
        }
        List<String> lines = new ArrayList<>();
        List<Lock> waited =
                locks.stream().filter(l -> Boolean.FALSE.equals(l.granted())).toList();
        if (!waited.isEmpty()) {
            Lock longest = waited.stream()
                    .max((a, b) -> Double.compare(wait(a), wait(b)))
                    .orElseThrow();
            lines.add("waited for " + waited.size() + ", longest " + Fmt.us(longest.waitedMillis()) + " ms ("
                    + lock(longest) + ")");
        }
        String held = locks.stream()
                .filter(l -> !Boolean.FALSE.equals(l.granted()))
                .map(EvolutionView::lock)
                .distinct()
                .collect(Collectors.joining(", "));
        if (!held.isEmpty()) {
            lines.add("held: " + held);
        }
        return String.join("\n", lines);
    }

    private static double wait(Lock l) {
        return l.waitedMillis() == null ? 0 : l.waitedMillis();
    }

    private static String lock(Lock l) {
        return l.mode() + " on " + l.relation();
    }
}
