package dev.persistbench.reports.analysis;

import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Summary.EvolutionStep;
import dev.persistbench.reports.model.Summary.EvolutionSummary;
import dev.persistbench.reports.model.Summary.FollowTrackSummary;
import dev.persistbench.reports.render.Fmt;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.Evolution.Detection;
import dev.persistbench.reports.results.Evolution.Run;
import dev.persistbench.reports.results.Evolution.Step;
import dev.persistbench.reports.results.Evolution.StepResult;
import dev.persistbench.reports.results.FollowTrack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The verdicts of the schema-evolution rehearsal, drawn from evolution.json only: per expand step
 * whether every library kept serving without a failed call (and if not, who failed how often), per
 * contract step which libraries noticed at start-up and which only at the first failing call, and
 * whether every acknowledged order was found afterwards.
 */
public final class EvolutionVerdicts {

    /** Said when the results folder has no follow-track.json. */
    public static final String LINES_NOT_MEASURED = "Lines changed to follow each step: not measured in this run"
            + " (no follow-track/follow-track.json in the results folder; .ci/follow-track"
            + " bench/target/results/follow-track writes it). Every run here is the code written for V1"
            + " meeting the migrated schema.";

    private EvolutionVerdicts() {}

    /**
     * @param evolution evolution.json, null when absent
     * @param catalogue the run's implementations (their labels)
     * @return its summary, null when absent
     */
    public static EvolutionSummary of(Evolution evolution, Catalogue catalogue) {
        return of(evolution, null, catalogue);
    }

    /**
     * @param evolution evolution.json, null when absent
     * @param followTrack follow-track.json, null when absent: then the lines changed are "not measured"
     * @param catalogue the run's implementations (their labels)
     * @return its summary, null when evolution.json is absent
     */
    public static EvolutionSummary of(Evolution evolution, FollowTrack followTrack, Catalogue catalogue) {
        if (evolution == null) {
            return null;
        }
        List<EvolutionStep> steps = new ArrayList<>();
        for (Step step : evolution.steps()) {
            Map<String, Long> failed = new LinkedHashMap<>();
            Map<String, Detection> detection = new LinkedHashMap<>();
            List<String> notRun = new ArrayList<>();
            for (Run run : evolution.runs()) {
                StepResult r = result(run, step.version());
                if (r == null) {
                    notRun.add(run.impl());
                } else {
                    failed.put(run.impl(), r.failedCalls());
                    detection.put(run.impl(), r.detection());
                }
            }
            steps.add(new EvolutionStep(
                    step, failed, detection, notRun, verdict(step, evolution.runs(), notRun, catalogue)));
        }
        return new EvolutionSummary(
                evolution.setup(),
                steps,
                evolution.runs(),
                orders(evolution.runs(), catalogue),
                followTrack == null ? LINES_NOT_MEASURED : null);
    }

    /**
     * What follow-track.json says, in report order: per implementation its change, how its V1 code met
     * the track's last schema and its suite after the change; null when the file is absent.
     */
    public static FollowTrackSummary followTrack(FollowTrack file, Catalogue catalogue) {
        if (file == null) {
            return null;
        }
        List<FollowTrack.Entry> entries = new ArrayList<>(file.implementations());
        entries.sort(Comparator.comparingInt(e -> order(catalogue, e.module())));
        Map<String, FollowTrack.Entry> byImpl = new LinkedHashMap<>();
        for (FollowTrack.Entry e : entries) {
            byImpl.put(implOf(catalogue, e.module()), e);
        }
        String version = "V" + Objects.requireNonNullElse(file.schemaVersion(), 0);
        List<String> changes = new ArrayList<>();
        Set<String> steps = new TreeSet<>(BY_VERSION);
        List<String> noticed = new ArrayList<>();
        List<String> after = new ArrayList<>();
        List<String> failedAfter = new ArrayList<>();
        Set<String> deployed = new TreeSet<>(BY_VERSION);
        // The steps before the last, each of which the suites should have run at.
        List<String> earlier = IntStream.range(2, Objects.requireNonNullElse(file.schemaVersion(), 0))
                .mapToObj(v -> "V" + v)
                .toList();
        List<String> notRun = new ArrayList<>();
        for (Map.Entry<String, FollowTrack.Entry> x : byImpl.entrySet()) {
            String label = catalogue.label(x.getKey());
            FollowTrack.Entry e = x.getValue();
            changes.add(label + " " + change(e.patches()));
            e.patches().forEach(p -> steps.add("V" + p.step()));
            noticed.add(label + ": " + detection(e));
            FollowTrack.Suite s = e.after();
            if (Boolean.TRUE.equals(e.afterPassed())) {
                after.add(label + " " + Fmt.integer(s.tests()));
            } else {
                failedAfter.add(label + " on " + version + " " + (s == null ? "did not run" : suiteLine(s)));
            }
            Set<String> ran = new TreeSet<>(BY_VERSION);
            for (FollowTrack.AtStep a : e.atSteps()) {
                deployed.add("V" + a.version());
                ran.add("V" + a.version());
                if (!Boolean.TRUE.equals(a.passed())) {
                    failedAfter.add(label + " on V" + a.version() + " "
                            + (a.suite() == null ? "did not run" : suiteLine(a.suite())));
                }
            }
            List<String> missing =
                    earlier.stream().filter(v -> !ran.contains(v)).toList();
            if (!missing.isEmpty()) {
                notRun.add(label + " on " + String.join(", ", missing));
            }
        }
        StringBuilder verdict = new StringBuilder("To follow the track (the patches of each module's src/evolution, ")
                .append(steps.isEmpty() ? "none" : "after " + String.join(", ", steps))
                .append("): ")
                .append(String.join("; ", changes))
                .append(". The code written for V1, built and tested on the schema at ")
                .append(version)
                .append(": ")
                .append(String.join("; ", noticed))
                .append(". ");
        if (failedAfter.isEmpty()) {
            verdict.append("After its change every suite passed on ")
                    .append(version)
                    .append(" (tests: ")
                    .append(String.join(", ", after))
                    .append(")")
                    .append(
                            deployed.isEmpty()
                                    ? ""
                                    : " and at "
                                            + (notRun.isEmpty() ? "each earlier step" : "the earlier steps it ran at")
                                            + " (" + String.join(", ", deployed) + ") with the code as deployed there")
                    .append(".");
        } else {
            verdict.append("After the change, suites that failed: ")
                    .append(String.join("; ", failedAfter))
                    .append(".");
        }
        if (!notRun.isEmpty()) {
            verdict.append(" Suites not run at an earlier step: ")
                    .append(String.join("; ", notRun))
                    .append(".");
        }
        return new FollowTrackSummary(file.commit(), file.schemaVersion(), byImpl, verdict.toString());
    }

    /** "V2" before "V10": shorter names first, then as text. */
    private static final Comparator<String> BY_VERSION =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    /** "1 file, +2 −2 lines" over the patches; "no change" without one. */
    public static String change(List<FollowTrack.Patch> patches) {
        if (patches.isEmpty()) {
            return "no change";
        }
        int files = 0;
        int added = 0;
        int removed = 0;
        for (FollowTrack.Patch p : patches) {
            files += Objects.requireNonNullElse(p.filesChanged(), 0);
            added += Objects.requireNonNullElse(p.linesAdded(), 0);
            removed += Objects.requireNonNullElse(p.linesRemoved(), 0);
        }
        return Fmt.integer(files) + (files == 1 ? " file" : " files") + ", +" + Fmt.integer(added) + " \u2212"
                + Fmt.integer(removed) + " lines";
    }

    /** How the V1 code met the last schema, in words. */
    public static String detection(FollowTrack.Entry e) {
        String how = Objects.requireNonNullElse(e.detection(), "?");
        return switch (how) {
            case "compile" ->
                "the build failed with " + e.compileErrors().size() + " compiler error"
                        + (e.compileErrors().size() == 1 ? "" : "s")
                        + (Boolean.TRUE.equals(e.compilerNamedEveryPlace())
                                ? ", naming every line the change touches"
                                : ", not naming every line the change touches");
            case "start-up" ->
                "it built and did not start: every test class failed before its first test"
                        + (e.before() == null || e.before().firstFailure() == null
                                ? ""
                                : " (first: " + e.before().firstFailure() + ")");
            case "suite" ->
                "it built and started; its suite failed " + (e.before() == null ? "?" : suiteLine(e.before()));
            case "none" -> "nothing noticed it (its suite passed)";
            default -> "not recorded (" + how + ")";
        };
    }

    /** "3 of 171 tests (first: ...)". */
    static String suiteLine(FollowTrack.Suite s) {
        return Fmt.integer(s.failed()) + " of " + Fmt.integer(s.tests()) + " tests"
                + (s.firstFailure() == null ? "" : " (first: " + s.firstFailure() + ")");
    }

    private static int order(Catalogue catalogue, String module) {
        for (int k = 0; k < catalogue.impls().size(); k++) {
            if (catalogue.impls().get(k).module().equals(module)) {
                return k;
            }
        }
        return catalogue.impls().size();
    }

    /** The id of the implementation in {@code module}; the module itself when none of the run has it. */
    private static String implOf(Catalogue catalogue, String module) {
        return catalogue.impls().stream()
                .filter(i -> i.module().equals(module))
                .map(i -> i.id())
                .findFirst()
                .orElse(module);
    }

    /** The result of {@code run} for the step {@code version}, null when its run stopped before it. */
    public static StepResult result(Run run, String version) {
        return run.steps().stream()
                .filter(r -> version.equals(r.version()))
                .findFirst()
                .orElse(null);
    }

    /** "V3 add_order_note (expand): 0 failed calls for every library." and the like. */
    static String verdict(Step step, List<Run> runs, List<String> notRun, Catalogue catalogue) {
        String head = "V" + step.version() + " " + step.description() + " (" + step.kind() + "): ";
        if (runs.isEmpty()) {
            return head + "no library ran it.";
        }
        List<String> parts = new ArrayList<>();
        if (step.kind() == Evolution.Kind.EXPAND) {
            List<String> failing = new ArrayList<>();
            List<String> clean = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (Run run : runs) {
                StepResult r = result(run, step.version());
                if (r == null) {
                    continue;
                }
                if (r.failedCalls() == null) {
                    unknown.add(catalogue.label(run.impl()));
                } else if (r.failedCalls() > 0) {
                    failing.add(catalogue.label(run.impl()) + " " + Fmt.integer(r.failedCalls()) + " of "
                            + (r.calls() == null ? "?" : Fmt.integer(r.calls())));
                } else {
                    clean.add(catalogue.label(run.impl()));
                }
            }
            if (failing.isEmpty() && unknown.isEmpty() && notRun.isEmpty()) {
                parts.add("0 failed calls for every library");
            } else {
                if (!failing.isEmpty()) {
                    parts.add("failed calls under " + String.join(", ", failing));
                }
                if (!clean.isEmpty()) {
                    parts.add("0 failed calls for " + String.join(", ", clean));
                }
                if (!unknown.isEmpty()) {
                    parts.add("failed calls not recorded for " + String.join(", ", unknown));
                }
            }
        }
        Map<Detection, List<String>> byDetection = new LinkedHashMap<>();
        for (Run run : runs) {
            StepResult r = result(run, step.version());
            if (r != null) {
                byDetection
                        .computeIfAbsent(r.detection(), d -> new ArrayList<>())
                        .add(catalogue.label(run.impl()));
            }
        }
        if (step.kind() == Evolution.Kind.CONTRACT
                || byDetection.keySet().stream().anyMatch(d -> d != Detection.NONE)) {
            byDetection.forEach((d, libs) -> {
                if (step.kind() == Evolution.Kind.CONTRACT || d != Detection.NONE) {
                    parts.add(detection(d) + ": " + String.join(", ", libs));
                }
            });
        }
        if (!notRun.isEmpty()) {
            parts.add("not run for " + catalogue.labels(notRun, ", ") + " (its run stopped before this step)");
        }
        return head + String.join("; ", parts) + ".";
    }

    /** How a detection reads in a verdict. */
    private static String detection(Detection d) {
        if (d == null) {
            return "detection not recorded";
        }
        return switch (d) {
            case START_UP -> "noticed at start-up";
            case FIRST_CALL -> "noticed only at the first failing call";
            case SILENT -> "kept answering without an error although what it used changed";
            case NONE -> "kept working";
        };
    }

    /** Whether every acknowledged order was found afterwards, per library. */
    static String orders(List<Run> runs, Catalogue catalogue) {
        if (runs.isEmpty()) {
            return "No library ran the rehearsal.";
        }
        List<String> lost = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Run run : runs) {
            if (run.missingOrders() == null || run.acknowledgedOrders() == null) {
                unknown.add(catalogue.label(run.impl()));
            } else if (run.missingOrders() > 0) {
                lost.add(catalogue.label(run.impl()) + " " + Fmt.integer(run.missingOrders()) + " of "
                        + Fmt.integer(run.acknowledgedOrders()));
            }
        }
        if (lost.isEmpty() && unknown.isEmpty()) {
            return "Every acknowledged order was in the database afterwards, for every library.";
        }
        List<String> parts = new ArrayList<>();
        if (!lost.isEmpty()) {
            parts.add("acknowledged orders missing afterwards: " + String.join(", ", lost));
        }
        if (!unknown.isEmpty()) {
            parts.add("not checked for " + String.join(", ", unknown));
        }
        String s = String.join("; ", parts) + ".";
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
