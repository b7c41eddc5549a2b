package dev.persistbench.reports;

import dev.persistbench.reports.input.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The result sets one report renders: each {@code --results DIR}, then each sub-folder of each
 * {@code --results-from DIR} (as actions/download-artifact lays out several artifacts), by name.
 * A set is labelled with its folder's name; labels must be unique.
 */
final class ResultSets {

    /**
     * One bench results folder and its label.
     *
     * @param label the folder's name, unique among the sets
     * @param dir the folder
     */
    record ResultSet(String label, Path dir) {}

    private ResultSets() {}

    /**
     * @throws InputException when a folder is missing, is not a result set, or two share a label
     */
    static List<ResultSet> resolve(List<Path> results, List<Path> resultsFrom) {
        List<Path> dirs = new ArrayList<>(results);
        for (Path parent : resultsFrom) {
            if (!Files.isDirectory(parent)) {
                throw new InputException(parent, "--results-from: not a directory (expected a folder of result sets)");
            }
            try (Stream<Path> children = Files.list(parent)) {
                List<Path> sets = children.filter(Files::isDirectory).sorted().toList();
                if (sets.isEmpty()) {
                    throw new InputException(parent, "--results-from: holds no result-set folder");
                }
                dirs.addAll(sets);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<ResultSet> out = new ArrayList<>();
        Map<String, Path> byLabel = new HashMap<>();
        for (Path dir : dirs) {
            if (dirs.size() > 1 && Files.isDirectory(dir) && !isResultSet(dir)) {
                throw new InputException(dir, "is not a result set: it has neither paired.json nor jmh-result.json");
            }
            String label = dir.getFileName() == null
                    ? dir.toString()
                    : dir.getFileName().toString();
            Path other = byLabel.putIfAbsent(label, dir);
            if (other != null) {
                throw new InputException(
                        dir,
                        "has the same label \"" + label + "\" (its folder's name) as the result set " + other
                                + "; rename or copy one of them to a folder of another name");
            }
            out.add(new ResultSet(label, dir));
        }
        return out;
    }

    private static boolean isResultSet(Path dir) {
        return Files.isRegularFile(dir.resolve("paired.json")) || Files.isRegularFile(dir.resolve("jmh-result.json"));
    }
}
