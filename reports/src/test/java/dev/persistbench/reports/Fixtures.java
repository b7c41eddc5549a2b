package dev.persistbench.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The fixed result files and the miniature repository under src/test/resources/fixtures. */
final class Fixtures {

    private Fixtures() {}

    /** A fixture directory, e.g. "results-quick". */
    static Path dir(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first element of the JSON array {@code array} that {@code match} accepts; fails naming {@code what}. */
    static com.fasterxml.jackson.databind.JsonNode first(
            com.fasterxml.jackson.databind.JsonNode array,
            java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> match,
            String what) {
        for (com.fasterxml.jackson.databind.JsonNode e : array) {
            if (match.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no " + what);
    }

    /** Copies a fixture directory (flat) to {@code into}, so a test can change one of its files. */
    static Path copy(String name, Path into) {
        try (Stream<Path> files = Files.list(dir(name))) {
            Files.createDirectories(into);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, into.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /**
     * Makes every {@code every}-th SELECT 1 probe of one paired.json result (a pattern's fork) 50 %
     * slower, starting with its first: the probe of a busy host.
     */
    static void slowProbes(com.fasterxml.jackson.databind.JsonNode result, int every) {
        int n = 0;
        for (com.fasterxml.jackson.databind.JsonNode probe : result.get("selectOne")) {
            if (n++ % every == 0) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) probe)
                        .put("us", probe.get("us").asDouble() * 1.5);
            }
        }
    }

    /**
     * Changes {@code results}/paired.json in place: {@link #slowProbes(com.fasterxml.jackson.databind.JsonNode,
     * int)} on the fork of {@code pattern} (every fork when null).
     *
     * @return {@code results}
     */
    static Path slowProbes(Path results, String pattern, int every) {
        Path file = results.resolve("paired.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            com.fasterxml.jackson.databind.JsonNode root = json.readTree(file.toFile());
            for (com.fasterxml.jackson.databind.JsonNode result : root.get("results")) {
                if (pattern == null || result.get("pattern").asText().equals(pattern)) {
                    slowProbes(result, every);
                }
            }
            json.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    /**
     * A copy of the paired fixture in {@code into} whose probes carry the CPU probe's times: per pattern
     * id, {loop µs, memory walk µs} for every probe of that fork (patterns not named keep none).
     */
    static Path withCpuProbes(Path into, java.util.Map<String, double[]> byPattern) {
        Path results = copy("results-paired", into);
        Path file = results.resolve("paired.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            com.fasterxml.jackson.databind.JsonNode root = json.readTree(file.toFile());
            for (com.fasterxml.jackson.databind.JsonNode result : root.get("results")) {
                double[] times = byPattern.get(result.get("pattern").asText());
                if (times == null) {
                    continue;
                }
                for (com.fasterxml.jackson.databind.JsonNode probe : result.get("selectOne")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) probe)
                            .put("cpuLoopUs", times[0])
                            .put("memoryWalkUs", times[1]);
                }
            }
            json.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    /**
     * Generates the report of {@code results} (code from {@code sources}) into {@code out} through
     * ReportMain, failing with its error output unless it succeeds.
     *
     * @return {@code out}
     */
    static Path report(Path results, Path out, Path sources) {
        return report(results, out, new String[] {
            "--results", results.toString(), "--out", out.toString(), "--sources", sources.toString()
        });
    }

    /** As {@link #report(Path, Path, Path)}, with ReportMain's default sources (the repository root). */
    static Path report(Path results, Path out) {
        return report(results, out, new String[] {"--results", results.toString(), "--out", out.toString()});
    }

    /**
     * Runs ReportMain on {@code results} expecting a refusal: exit status 1 and no {@code never}
     * folder written.
     *
     * @return its error output
     */
    static String reportError(Path results, Path never, Path sources) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportMain.run(
                new String[] {
                    "--results", results.toString(), "--out", never.toString(), "--sources", sources.toString()
                },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 1 || Files.exists(never)) {
            throw new AssertionError("report of " + results + " should have been refused (status 1, nothing"
                    + " written), was status " + status + ": " + err.toString(StandardCharsets.UTF_8));
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path report(Path results, Path out, String[] args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReportMain.run(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new AssertionError("report of " + results + " failed: " + err.toString(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Copies the miniature repository to {@code into}, renaming build-output/ to target/ (git
     * ignores target/ directories, so the fixture cannot be stored under that name).
     *
     * @param withReliability whether to keep the reliability results
     */
    static Path repo(Path into, boolean withReliability) {
        Path from = dir("repo");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(f).toString().replace("build-output", "target");
                if (!withReliability && rel.contains("reliability")) {
                    continue;
                }
                Path to = into.resolve(rel);
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }
}
