package dev.persistbench.reports.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JMH's own JSON result format (-rf json). */
final class JmhReader {

    private JmhReader() {}

    static List<JmhEntry> read(Path file) {
        JsonNode root = JsonFiles.readArray(file);
        List<JmhEntry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode n : root) {
            entries.add(entry(file, n, index++));
        }
        return entries;
    }

    private static JmhEntry entry(Path file, JsonNode n, int index) {
        String benchmark = JsonFiles.text(file, n, index, "benchmark");
        int dot = benchmark.lastIndexOf('.');
        if (dot <= 0) {
            throw new InputException(file, "entry " + index + ": benchmark \"" + benchmark + "\" is not Class.method");
        }
        String qualifiedClass = benchmark.substring(0, dot);
        String simpleClass = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        String method = benchmark.substring(dot + 1);
        String mode = JsonFiles.text(file, n, index, "mode");
        String where = "entry " + index + " (" + benchmark + ")";
        Double threads = JsonFiles.number(file, n, where, "threads");

        JsonNode primary = n.get("primaryMetric");
        if (primary == null || !primary.isObject()) {
            throw new InputException(file, where + " has no \"primaryMetric\" object");
        }
        Double score = JsonFiles.number(file, primary, where + " primaryMetric", "score");
        if (score == null) {
            throw new InputException(file, where + ": primaryMetric has no numeric \"score\"");
        }
        String unit = JsonFiles.optText(primary, "scoreUnit");
        if (unit == null) {
            throw new InputException(file, where + ": primaryMetric has no \"scoreUnit\"");
        }
        Double error = JsonFiles.number(file, primary, where + " primaryMetric", "scoreError");
        double us;
        Double errorUs;
        if (unit.startsWith("ops/")) {
            // Throughput: invert to time per op; the error transforms to first order as err/score².
            double perUnit = toMicros(file, where, unit.substring(4));
            us = perUnit / score;
            errorUs = error == null ? null : perUnit * error / (score * score);
        } else if (unit.endsWith("/op")) {
            double factor = toMicros(file, where, unit.substring(0, unit.length() - 3));
            us = score * factor;
            errorUs = error == null ? null : error * factor;
        } else {
            throw new InputException(file, where + ": unsupported scoreUnit \"" + unit + "\"");
        }

        Map<String, Double> percentiles = new LinkedHashMap<>();
        JsonNode pct = primary.get("scorePercentiles");
        if (pct != null && pct.isObject() && !unit.startsWith("ops/")) {
            double factor = toMicros(file, where, unit.substring(0, unit.length() - 3));
            Map<Double, Double> raw = new LinkedHashMap<>();
            for (var e : pct.properties()) {
                Double v = JsonFiles.number(file, pct, where + " scorePercentiles", e.getKey());
                try {
                    if (v != null) {
                        raw.put(Double.parseDouble(e.getKey()), v * factor);
                    }
                } catch (NumberFormatException ex) {
                    throw new InputException(file, where + ": percentile key \"" + e.getKey() + "\" is not a number");
                }
            }
            // JMH writes percents ("99.9"); a writer using quantiles ("0.999") has every key <= 1.
            boolean quantiles = raw.keySet().stream().allMatch(k -> k <= 1.0);
            raw.forEach((k, v) -> percentiles.put(Double.toString(quantiles ? Math.round(k * 1e6) / 1e4 : k), v));
        }

        Double bytesPerOp = null;
        JsonNode secondary = n.get("secondaryMetrics");
        if (secondary != null && secondary.isObject()) {
            for (var e : secondary.properties()) {
                // JMH before 1.36 prefixed profiler metrics with a middle dot.
                String key = e.getKey().replace("\u00b7", "");
                if (key.equals("gc.alloc.rate.norm")) {
                    bytesPerOp = JsonFiles.number(file, e.getValue(), where + " " + key, "score");
                }
            }
        }
        Map<String, String> params = JsonFiles.stringMap(n.get("params"));
        return new JmhEntry(
                simpleClass,
                method,
                mode,
                threads == null ? 1 : threads.intValue(),
                params,
                us,
                errorUs,
                percentiles,
                bytesPerOp);
    }

    private static double toMicros(Path file, String where, String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1e-3;
            case "us", "µs" -> 1.0;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            case "min" -> 6e7;
            default -> throw new InputException(file, where + ": unsupported time unit \"" + timeUnit + "\"");
        };
    }
}
