package dev.persistbench.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository root: the nearest directory at or above a start that contains mvnw. */
final class RepositoryRoot {

    private RepositoryRoot() {}

    static Optional<Path> above(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
