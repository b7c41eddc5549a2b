package dev.persistbench.reports.source;

import java.util.List;

/**
 * One implementation's code marked with one tag (a pattern, mapping or config), as found in its
 * sources.
 *
 * @param impl implementation id
 * @param pattern P01..P13, or "mapping" / "config"
 * @param parts the marked regions: the repository class first, then the other files by path
 * @param loc non-blank, non-comment lines over all parts (marker lines excluded); null when not found
 * @param reason why nothing was found (null when found)
 */
public record CodeSnippet(String impl, String pattern, List<Part> parts, Integer loc, String reason) {

    /**
     * One marked region.
     *
     * @param label file and lines ("SpringJdbcStoreRepository.java:42-51")
     * @param language "java" or "xml"
     * @param code the source text between the markers, marker lines left out, dedented
     * @param loc non-blank, non-comment lines of this part
     */
    public record Part(String label, String language, String code, int loc) {}

    /** Whether code was found. */
    public boolean found() {
        return reason == null;
    }
}
