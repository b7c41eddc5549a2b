package dev.persistbench.reports.source;

/**
 * An implementation's pattern markers cannot be read: an {@code end} without its {@code tag}, a
 * region never ended, an unknown tag name, or a pattern without a region. The message names the
 * file, the line and the tag.
 */
public final class MarkerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message "impl-jdbc/src/main/java/.../X.java:42: end::P05[] without a tag::P05[] before it" */
    public MarkerException(String message) {
        super(message);
    }
}
