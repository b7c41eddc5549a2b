package dev.persistbench.reports.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a set of files as one directory that appears complete or not at all: everything goes to a
 * temporary sibling directory first, which then replaces the target by rename.
 */
public final class ReportWriter {

    private final Map<String, String> files = new LinkedHashMap<>();

    /** Adds a file, path relative to the output directory ("charts/x.svg"). */
    public ReportWriter add(String relativePath, String content) {
        files.put(relativePath, content);
        return this;
    }

    /** Writes all files and moves them into place as {@code target}, replacing what was there. */
    public void writeTo(Path target) {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path tmp = parent.resolve("." + dir.getFileName() + ".tmp-" + tag);
        Path old = parent.resolve("." + dir.getFileName() + ".old-" + tag);
        try {
            Files.createDirectories(parent);
            Files.createDirectory(tmp);
            try {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Path p = tmp.resolve(f.getKey()).normalize();
                    if (!p.startsWith(tmp)) {
                        throw new IllegalArgumentException("file outside the report: " + f.getKey());
                    }
                    Files.createDirectories(p.getParent());
                    Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                }
                if (Files.exists(dir)) {
                    move(dir, old);
                }
                move(tmp, dir);
            } catch (IOException | RuntimeException e) {
                deleteTree(tmp);
                if (Files.exists(old) && !Files.exists(dir)) {
                    move(old, dir);
                }
                throw e;
            }
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
