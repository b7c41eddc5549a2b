package dev.persistbench.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persistbench.reports.input.RunData.ReliabilityFile;
import dev.persistbench.reports.model.Catalogue;
import dev.persistbench.reports.render.ReportView.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reliability section, from the contract suite's {@code target/reliability/<impl>.json}
 * (format 1, contract-tests/README-reliability.md): rule outcomes and figures per implementation,
 * and the schema-drift matrix. Files of another shape are shown as plain tables.
 *
 * @param rules rule × implementation status, null when no file has rules
 * @param figures one table per rule: figure × implementation
 * @param drift drift × implementation outcome, null when no file has a schema-drift matrix
 * @param driftSteps drift × implementation: what each call did
 * @param other files of an unknown shape, as tables
 */
public record ReliabilityTables(Table rules, List<Table> figures, Table drift, Table driftSteps, List<Table> other) {

    /** Whether anything was measured. */
    public boolean empty() {
        return rules == null && drift == null && other.isEmpty();
    }

    /** Builds the tables from every reliability file found, one column per implementation of {@code catalogue}. */
    public static ReliabilityTables of(List<ReliabilityFile> files, Catalogue catalogue) {
        Map<String, String> ruleTitles = new LinkedHashMap<>();
        Map<String, Map<String, JsonNode>> rules = new LinkedHashMap<>();
        Map<String, String> driftDescriptions = new LinkedHashMap<>();
        Map<String, Map<String, JsonNode>> drifts = new LinkedHashMap<>();
        List<Table> other = new ArrayList<>();
        for (ReliabilityFile f : files) {
            JsonNode c = f.content();
            String impl = c.hasNonNull("impl") ? c.get("impl").asText() : f.impl();
            boolean known = false;
            if (c.path("rules").isObject()) {
                known = true;
                c.get("rules").properties().forEach(e -> {
                    ruleTitles.putIfAbsent(
                            e.getKey(), e.getValue().path("title").asText(""));
                    rules.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                            .put(impl, e.getValue());
                });
            }
            if (c.path("schemaDrift").isArray()) {
                known = true;
                for (JsonNode row : c.get("schemaDrift")) {
                    String drift = row.path("drift").asText("?");
                    driftDescriptions.putIfAbsent(drift, row.path("description").asText(""));
                    drifts.computeIfAbsent(drift, k -> new LinkedHashMap<>()).put(impl, row);
                }
            }
            if (!known) {
                other.add(plain(f.impl() + ": " + f.file().getFileName(), c));
            }
        }
        List<String> implHeaders = catalogue.ids();

        Table rulesTable = null;
        List<Table> figures = new ArrayList<>();
        if (!rules.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>(rules.keySet());
            ids.sort(ReliabilityTables::compareIds);
            for (String id : ids) {
                List<String> row = new ArrayList<>(List.of(id, ruleTitles.get(id)));
                for (String impl : implHeaders) {
                    JsonNode r = rules.get(id).get(impl);
                    row.add(
                            r == null
                                    ? "not measured"
                                    : r.path("status").asText("?")
                                            + (r.hasNonNull("elapsedMs")
                                                    ? " · "
                                                            + Fmt.us(r.get("elapsedMs")
                                                                            .asDouble()
                                                                    / 1000.0) + " s"
                                                    : ""));
                }
                rows.add(row);
                figures.add(figuresTable(id + " " + ruleTitles.get(id), rules.get(id), implHeaders));
            }
            List<String> headers = new ArrayList<>(List.of("rule", "what it checks"));
            headers.addAll(implHeaders);
            rulesTable = new Table("Reliability rules (contract suite R1–R6)", headers, rows);
        }

        Table driftTable = null;
        Table stepsTable = null;
        if (!drifts.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            List<List<String>> steps = new ArrayList<>();
            drifts.forEach((drift, byImpl) -> {
                List<String> row = new ArrayList<>(List.of(drift, driftDescriptions.get(drift)));
                List<String> stepRow = new ArrayList<>(List.of(drift));
                for (String impl : implHeaders) {
                    JsonNode r = byImpl.get(impl);
                    if (r == null) {
                        row.add("not measured");
                        stepRow.add("not measured");
                        continue;
                    }
                    StringBuilder cell = new StringBuilder(r.path("outcome").asText("?"));
                    if (r.hasNonNull("wrong")) {
                        cell.append("\n").append(r.get("wrong").asText());
                    }
                    if (r.hasNonNull("message") && !r.hasNonNull("steps")) {
                        cell.append("\n").append(r.get("message").asText());
                    }
                    r.path("storedDataProblems")
                            .forEach(p -> cell.append("\nstored: ").append(text(p)));
                    row.add(cell.toString());
                    List<String> s = new ArrayList<>();
                    r.path("steps").forEach(x -> s.add(text(x)));
                    if (s.isEmpty() && r.hasNonNull("message")) {
                        s.add(r.get("message").asText());
                    }
                    stepRow.add(String.join("\n", s));
                }
                rows.add(row);
                steps.add(stepRow);
            });
            List<String> headers = new ArrayList<>(List.of("drift", "change"));
            headers.addAll(implHeaders);
            driftTable = new Table(
                    "Schema drift: what each implementation does when the schema changes under it", headers, rows);
            List<String> stepHeaders = new ArrayList<>(List.of("drift"));
            stepHeaders.addAll(implHeaders);
            stepsTable = new Table("Schema drift: each call's result", stepHeaders, steps);
        }
        return new ReliabilityTables(rulesTable, figures, driftTable, stepsTable, other);
    }

    private static Table figuresTable(String title, Map<String, JsonNode> byImpl, List<String> impls) {
        Set<String> names = new LinkedHashSet<>();
        byImpl.values().forEach(r -> r.path("figures").fieldNames().forEachRemaining(names::add));
        List<List<String>> rows = new ArrayList<>();
        for (String name : names) {
            List<String> row = new ArrayList<>(List.of(name));
            for (String impl : impls) {
                JsonNode r = byImpl.get(impl);
                JsonNode v = r == null ? null : r.path("figures").get(name);
                row.add(r == null ? "not measured" : v == null ? "" : text(v));
            }
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(List.of("figure"));
        headers.addAll(impls);
        return new Table(title, headers, rows);
    }

    /** "R1.2" before "R1.10" before "R2.1". */
    private static int compareIds(String a, String b) {
        String[] x = a.replaceAll("[^0-9.]", "").split("\\.");
        String[] y = b.replaceAll("[^0-9.]", "").split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(parse(x[i]), parse(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return x.length != y.length ? Integer.compare(x.length, y.length) : a.compareTo(b);
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    /** A file of unknown shape: top-level fields, arrays of objects as their own rows. */
    private static Table plain(String title, JsonNode c) {
        List<List<String>> rows = new ArrayList<>();
        if (c.isObject()) {
            c.properties().forEach(e -> rows.add(List.of(e.getKey(), text(e.getValue()))));
        } else if (c.isArray()) {
            int i = 0;
            for (JsonNode n : c) {
                rows.add(List.of(String.valueOf(i++), text(n)));
            }
        } else {
            rows.add(List.of("value", text(c)));
        }
        return new Table(title, List.of("field", "value"), rows);
    }
}
