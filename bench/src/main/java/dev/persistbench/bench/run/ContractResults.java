package dev.persistbench.bench.run;

import dev.persistbench.bench.Impl;
import dev.persistbench.reports.results.ContractResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the implementations' own builds left for the bench, read from the build folders it is given
 * ({@link BenchConfig#targets()}, one per implementation module) and nowhere else:
 *
 * <ul>
 *   <li>the outcome of each contract suite, from the Surefire reports its module wrote
 *       ({@code surefire-reports/TEST-*ContractTest.xml}, its {@code @Nested} classes included;
 *       other test classes of the module are not the contract) by the report module's one reader.
 *       An implementation whose suite failed, ran no test or left no report is not timed;</li>
 *   <li>the reliability results the suite wrote ({@code reliability/<impl>.json}), which the bench
 *       copies into its results folder ({@code reliability/}) so that the folder carries everything
 *       the report needs about its run.</li>
 * </ul>
 */
public final class ContractResults {

    /** The results folder's sub-folder holding the copied reliability files. */
    public static final String RELIABILITY = "reliability";

    private ContractResults() {}

    /**
     * The suites of every implementation. The build folder of each implementation in {@code required}
     * must exist ({@link BenchConfig#target}); any other missing one reads as a missing suite.
     */
    public static List<ContractResult> read(BenchConfig config, List<Impl> required) {
        return Impl.all().stream()
                .map(impl -> {
                    if (required.contains(impl)) {
                        config.target(impl); // fails naming the property when the folder is missing
                    }
                    return ContractResult.read(impl.id(), reports(config, impl), folder(config, impl));
                })
                .toList();
    }

    /**
     * Copies every implementation's reliability files ({@code <target>/reliability/*.json}) into
     * {@code results/reliability/}, replacing what an earlier run left there.
     *
     * @return the files copied, in the results folder
     */
    public static List<Path> copyReliability(BenchConfig config, Path results) {
        Path into = results.resolve(RELIABILITY);
        List<Path> copied = new ArrayList<>();
        try {
            if (Files.isDirectory(into)) {
                try (Stream<Path> old = Files.walk(into)) {
                    for (Path f : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(into);
            for (Impl impl : Impl.all()) {
                Path dir = config.targets().get(impl).resolve(RELIABILITY);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                        copied.add(Files.copy(f, into.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the reliability results into " + into, e);
        }
        return copied;
    }

    /**
     * The folder {@code impl}'s Surefire reports are read from, relative to the project root when it
     * lies under it (impl-jdbc/target/surefire-reports), for messages.
     */
    public static String folder(BenchConfig config, Impl impl) {
        Path dir = reports(config, impl);
        return dir.startsWith(config.root()) ? config.root().relativize(dir).toString() : dir.toString();
    }

    private static Path reports(BenchConfig config, Impl impl) {
        return config.targets().get(impl).resolve("surefire-reports");
    }
}
