package dev.persistbench.reports;

import dev.persistbench.reports.input.InputException;
import dev.persistbench.reports.render.ReadmeBlock;
import dev.persistbench.reports.source.MarkerException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generates the architect's report.
 *
 * <pre>
 * ReportMain [--results DIR]... [--results-from DIR]... [--out DIR | --publish DIR] [--sources DIR]
 * </pre>
 *
 * Several result sets ({@code --results} more than once, or the sub-folders of {@code --results-from})
 * make one document with each set's environment and figures under its label (its folder's name),
 * never averaged or ranked across sets; see {@link ReportGenerator#generate(java.util.List, Path, Path)}.
 *
 * Defaults: results bench/target/results, out reports/target/report, sources the repository root
 * (the nearest directory above the working directory that contains mvnw); the defaults are resolved
 * against that root, explicit relative paths against the working directory. {@code --publish DIR}
 * writes the same report to DIR (e.g. reports/example, the reference report kept in git) and
 * rewrites the reference-report section of the README.md beside DIR (between the markers of
 * {@link ReadmeBlock}). Prints the absolute path of index.html; exits 1 with a message naming the
 * file when an input is missing or malformed, 2 on a usage error, and leaves no half-written output.
 */
public final class ReportMain {

    private ReportMain() {}

    /** Entry point. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs with the given streams; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path cwd = Path.of("").toAbsolutePath();
        Optional<Path> root = RepositoryRoot.above(cwd);
        List<Path> results = new ArrayList<>();
        List<Path> resultsFrom = new ArrayList<>();
        Path output = null;
        Path sources = null;
        boolean publish = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(usage());
                return 0;
            }
            if (i + 1 >= args.length || !a.startsWith("--")) {
                err.println("error: " + (a.startsWith("--") ? a + " needs a value" : "unexpected argument " + a));
                err.println(usage());
                return 2;
            }
            Path value = cwd.resolve(args[++i]).normalize();
            switch (a) {
                case "--results" -> results.add(value);
                case "--results-from" -> resultsFrom.add(value);
                case "--out" -> output = value;
                case "--publish" -> {
                    output = value;
                    publish = true;
                }
                case "--sources" -> sources = value;
                default -> {
                    err.println("error: unknown option " + a);
                    err.println(usage());
                    return 2;
                }
            }
        }
        if (((results.isEmpty() && resultsFrom.isEmpty()) || output == null) && root.isEmpty()) {
            err.println("error: cannot find the repository root (a directory containing mvnw) above " + cwd
                    + "; pass --results and --out explicitly");
            return 2;
        }
        if (results.isEmpty() && resultsFrom.isEmpty()) {
            results.add(root.get().resolve("bench/target/results"));
        }
        if (output == null) {
            output = root.get().resolve("reports/target/report");
        }
        if (sources == null) {
            sources = root.orElse(null);
        }
        try {
            List<ResultSets.ResultSet> sets = ResultSets.resolve(results, resultsFrom);
            if (sets.size() > 1) {
                if (publish) {
                    err.println("error: --publish takes one result set (the reference report); got " + sets.size());
                    return 2;
                }
                out.println(ReportGenerator.generate(sets, output, sources));
                return 0;
            }
            ReportGenerator.Generated report =
                    ReportGenerator.generate(sets.getFirst().dir(), output, sources);
            if (publish) {
                String profile = report.view().summary().environment().profile();
                if (!"quick".equalsIgnoreCase(profile) && !"full".equalsIgnoreCase(profile)) {
                    err.println("warning: publishing a run of profile " + profile
                            + "; the reference report is meant to come from a quick (or full) run");
                }
                // The reference report is described in the README of the directory above it.
                Path readme = output.getParent().resolve("README.md");
                if (ReadmeBlock.update(readme, report.view(), output)) {
                    err.println("updated the reference-report section of " + readme);
                } else {
                    err.println("note: " + readme + " has no " + ReadmeBlock.START + " ... " + ReadmeBlock.END
                            + " section; only " + output + " was written");
                }
            }
            out.println(report.index());
            return 0;
        } catch (InputException | MarkerException e) {
            err.println("error: cannot generate the report: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String usage() {
        return "usage: ReportMain [--results DIR]... [--results-from DIR]... [--out DIR | --publish DIR] [--sources DIR]\n"
                + "  --results  bench results (default <repo>/bench/target/results); several: one document of\n"
                + "             all of them, each set with its own environment and figures, never averaged\n"
                + "  --results-from  a folder whose sub-folders are result sets (e.g. downloaded CI artifacts)\n"
                + "  --out      output directory (default <repo>/reports/target/report)\n"
                + "  --publish  like --out, for the reference report kept in git (e.g. reports/example); also\n"
                + "             updates the reference-report section of the README.md beside that directory\n"
                + "  --sources  repository root holding impl-*/ sources and surefire reports (default <repo>)";
    }
}
