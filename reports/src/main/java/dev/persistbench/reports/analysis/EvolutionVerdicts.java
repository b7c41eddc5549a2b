package dev.persistbench.reports.analysis;

import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.model.Summary.EvolutionStep;
import dev.persistbench.reports.model.Summary.EvolutionSummary;
import dev.persistbench.reports.render.Fmt;
import dev.persistbench.reports.results.Evolution;
import dev.persistbench.reports.results.Evolution.Detection;
import dev.persistbench.reports.results.Evolution.Run;
import dev.persistbench.reports.results.Evolution.Step;
import dev.persistbench.reports.results.Evolution.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of the schema-evolution rehearsal, drawn from evolution.json only: per expand step
 * whether every library kept serving without a failed call (and if not, who failed how often), per
 * contract step which libraries noticed at start-up and which only at the first failing call, and
 * whether every acknowledged order was found afterwards.
 */
public final class EvolutionVerdicts {

    /** Said until the implementations follow the track (issue 15 item 2). */
    public static final String LINES_NOT_MEASURED = "Lines changed to follow each step: not measured yet. The"
            + " implementations do not follow the evolution track yet (issue 15 item 2): every run here is the"
            + " code written for V1 meeting the migrated schema.";

    private EvolutionVerdicts() {}

    /**
     * @param evolution evolution.json, null when absent
     * @param catalogue the run's implementations (their labels)
     * @return its summary, null when absent
     */
    public static EvolutionSummary of(Evolution evolution, Catalogue catalogue) {
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
                evolution.setup(), steps, evolution.runs(), orders(evolution.runs(), catalogue), LINES_NOT_MEASURED);
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
