package dev.persistbench.reports;

import dev.persistbench.reports.input.InputException;
import dev.persistbench.reports.model.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares two runs and prints (and with --out writes) a Markdown table of changes per pattern and
 * implementation, marking those larger than the combined error.
 *
 * <pre>
 * CompareMain --base summary.json|results-dir|report-dir --candidate ... [--out changes.md]
 * </pre>
 */
public final class CompareMain {

    private CompareMain() {}

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
        Path base = null;
        Path candidate = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                err.println("error: " + a + " needs a value\n" + usage());
                return 2;
            }
            Path v = cwd.resolve(args[++i]).normalize();
            switch (a) {
                case "--base" -> base = v;
                case "--candidate" -> candidate = v;
                case "--out" -> file = v;
                default -> {
                    err.println("error: unknown option " + a + "\n" + usage());
                    return 2;
                }
            }
        }
        if (base == null || candidate == null) {
            err.println("error: --base and --candidate are required\n" + usage());
            return 2;
        }
        try {
            String md = Comparison.markdown(load(base), load(candidate), base.toString(), candidate.toString());
            out.print(md);
            if (file != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
                Files.writeString(tmp, md, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                err.println("written " + file);
            }
            return 0;
        } catch (InputException e) {
            err.println("error: cannot compare: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
    }

    /** A summary.json, a report directory holding one, or a bench results directory. */
    static Summary load(Path path) {
        Path json = path;
        if (Files.isDirectory(path)) {
            json = path.resolve("summary.json");
            if (!Files.isRegularFile(json)) {
                return ReportGenerator.summarize(path, null);
            }
        }
        if (!Files.isRegularFile(json)) {
            throw new InputException(
                    json, "does not exist (expected summary.json, a report directory or a results directory)");
        }
        try {
            Summary s = ReportGenerator.JSON.readValue(json.toFile(), Summary.class);
            if (s == null || s.patterns() == null || s.environment() == null) {
                throw new InputException(json, "is not a report summary (no \"patterns\" or \"environment\")");
            }
            return s;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(json, "malformed summary JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(json, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String usage() {
        return "usage: CompareMain --base <summary.json|report dir|results dir> --candidate <...> [--out file.md]";
    }
}
