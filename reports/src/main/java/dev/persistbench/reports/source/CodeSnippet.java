package dev.persistbench.reports.source;

import java.util.List;

/**
 * One implementation's code for one pattern, as found in its sources.
 *
 * @param impl implementation id
 * @param pattern P01..P13
 * @param parts the method first, then the package code it reaches, then mapper XML statements
 * @param loc non-blank, non-comment lines over all parts; null when not found
 * @param sharedHelpers infrastructure it reaches that most patterns share (not shown, not counted)
 * @param reason why nothing was found (null when found)
 */
public record CodeSnippet(
        String impl, String pattern, List<Part> parts, Integer loc, List<String> sharedHelpers, String reason) {

    /**
     * A piece of source.
     *
     * @param label what it is and where ("SpringJdbcStoreRepository.java:42 findCustomer")
     * @param language "java" or "xml"
     * @param code the source text, dedented
     * @param loc non-blank, non-comment lines of this part
     */
    public record Part(String label, String language, String code, int loc) {}

    /** Whether code was found. */
    public boolean found() {
        return reason == null;
    }
}
