package dev.persistbench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's reading rule: no test method of the suite is over 40 lines, counted from its first
 * annotation line to its closing brace. Braces inside strings, character literals and comments
 * do not count.
 */
class TestMethodLengthTest {

    static final int MAX_LINES = 40;
    private static final Pattern TEST_ANNOTATION =
            Pattern.compile("^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b.*");

    @Test
    void noTestMethodInTheSuiteIsOver40Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        int methods;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            methods = files.filter(f -> f.toString().endsWith(".java"))
                    .mapToInt(f -> check(f, tooLong))
                    .sum();
        }
        assertThat(methods).as("test methods found").isGreaterThan(100);
        assertThat(tooLong).as("test methods over %d lines", MAX_LINES).isEmpty();
    }

    @Test
    void lengthRunsFromTheAnnotationToTheClosingBraceIgnoringBracesInLiterals() {
        List<String> lines = List.of(
                "    @Test",
                "    @DisplayName(\"a } b\")",
                "    void m() {",
                "        s = \"{\" + '}'; // }",
                "        /* { */ if (x) {",
                "        }",
                "    }",
                "    void next() {}");
        assertThat(methodLength(lines, 0)).isEqualTo(7);
    }

    private static int check(Path file, List<String> tooLong) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int methods = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (TEST_ANNOTATION.matcher(lines.get(i)).matches()
                    && (i == 0 || !TEST_ANNOTATION.matcher(lines.get(i - 1)).matches())) {
                methods++;
                int length = methodLength(lines, i);
                if (length > MAX_LINES) {
                    tooLong.add(file + ":" + (i + 1) + " " + length + " lines");
                }
            }
        }
        return methods;
    }

    /** Lines from {@code start} (the annotation) to the brace closing the method body that follows. */
    static int methodLength(List<String> lines, int start) {
        int depth = 0;
        boolean opened = false;
        boolean blockComment = false;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            char quote = 0;
            for (int j = 0; j < line.length(); j++) {
                char c = line.charAt(j);
                char next = j + 1 < line.length() ? line.charAt(j + 1) : 0;
                if (blockComment) {
                    if (c == '*' && next == '/') {
                        blockComment = false;
                        j++;
                    }
                } else if (quote != 0) {
                    if (c == '\\') {
                        j++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '/' && next == '/') {
                    break;
                } else if (c == '/' && next == '*') {
                    blockComment = true;
                    j++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                    if (opened && depth == 0) {
                        return i - start + 1;
                    }
                }
            }
        }
        throw new IllegalStateException("no method body after line " + (start + 1));
    }
}
