package dev.persistbench.reports.input;

import java.nio.file.Path;

/**
 * An input the report cannot be built from; the message names the file and what is wrong.
 */
public final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the offending file or directory
     * @param problem what is wrong with it
     */
    public InputException(Path file, String problem) {
        super(file.toAbsolutePath().normalize() + ": " + problem);
    }

    /**
     * @param file the offending file or directory
     * @param problem what is wrong with it
     * @param cause the underlying failure
     */
    public InputException(Path file, String problem, Throwable cause) {
        super(file.toAbsolutePath().normalize() + ": " + problem, cause);
    }
}
