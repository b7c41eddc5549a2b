package dev.persistbench.reports.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps the reference-report section of a README in step with a published report: the text
 * between the markers is replaced by the run's date, commit, environment, summary table and charts
 * (templates/readme-block.md.peb); everything else in the file is left as it was. A README that
 * holds several reference reports names each section after its folder
 * ({@code <!-- reference-report:example-full:start -->} ... {@code :end -->}); the unnamed
 * {@link #START} and {@link #END} serve a report whose folder has no section of its own.
 */
public final class ReadmeBlock {

    /** Opening marker (a Markdown comment, invisible when rendered). */
    public static final String START = "<!-- reference-report:start -->";
    /** Closing marker. */
    public static final String END = "<!-- reference-report:end -->";

    private ReadmeBlock() {}

    /**
     * @param readme the README holding the markers
     * @param view the published report
     * @param reportDir where it was published
     * @return false when the README or its markers are missing (nothing written)
     */
    public static boolean update(Path readme, ReportView view, Path reportDir) {
        if (!Files.isRegularFile(readme)) {
            return false;
        }
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            String name = reportDir.toAbsolutePath().normalize().getFileName().toString();
            String open = "<!-- reference-report:" + name + ":start -->";
            String close = "<!-- reference-report:" + name + ":end -->";
            if (!text.contains(open)) {
                open = START;
                close = END;
            }
            int start = text.indexOf(open);
            int end = text.indexOf(close);
            if (start < 0 || end < start) {
                return false;
            }
            String rel = readme.toAbsolutePath()
                    .getParent()
                    .relativize(reportDir.toAbsolutePath())
                    .toString()
                    .replace('\\', '/');
            String updated = text.substring(0, start + open.length()) + "\n" + MarkdownRenderer.readmeBlock(view, rel)
                    + text.substring(end);
            Path tmp = readme.resolveSibling("." + readme.getFileName() + ".tmp");
            Files.writeString(tmp, updated, StandardCharsets.UTF_8);
            Files.move(tmp, readme, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + readme + ": " + e.getMessage(), e);
        }
    }
}
