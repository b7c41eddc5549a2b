package dev.persistbench.reports.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Pattern;
import dev.persistbench.reports.source.CodeSnippet.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * Finds, in each implementation's repository class, the method that implements a pattern (the
 * {@code StoreRepository} method of that pattern), the private methods of the same class it calls
 * (transitively), and for MyBatis the XML mapper statements it calls, matched by statement id.
 */
public final class CodeExtractor {

    private static final java.util.regex.Pattern MAPPER_NAMESPACE =
            java.util.regex.Pattern.compile("<mapper\\s+[^>]*namespace\\s*=\\s*\"([^\"]+)\"");
    private static final java.util.regex.Pattern INCLUDE_REFID =
            java.util.regex.Pattern.compile("<include\\s+[^>]*refid\\s*=\\s*\"([^\"]+)\"");

    private final Path repoRoot;
    private final Map<Impl, Optional<Source>> sources = new EnumMap<>(Impl.class);
    private List<MapperFile> mapperFiles;

    /** @param repoRoot repository root holding the impl-* modules; null when sources are unavailable */
    public CodeExtractor(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    /** The code of {@code impl} for {@code pattern}, or a snippet with the reason it was not found. */
    public CodeSnippet extract(Impl impl, Pattern pattern) {
        if (repoRoot == null) {
            return missing(impl, pattern, "sources not available (repository root not found)");
        }
        Path file = impl.sourceFile(repoRoot);
        Optional<Source> source = sources.computeIfAbsent(impl, i -> parse(file));
        if (source.isEmpty()) {
            return missing(impl, pattern, Files.exists(file)
                    ? "source " + repoRoot.relativize(file) + " could not be parsed"
                    : "source " + repoRoot.relativize(file) + " does not exist");
        }
        Source src = source.get();
        Optional<MethodDeclaration> method = src.type.getMethodsByName(pattern.method()).stream()
                .filter(m -> !m.isStatic())
                .filter(m -> m.getBody().isPresent())
                .findFirst();
        if (method.isEmpty()) {
            return missing(impl, pattern, "no method " + pattern.method() + "(..) with a body in "
                    + repoRoot.relativize(file));
        }
        List<MethodDeclaration> methods = new ArrayList<>();
        methods.add(method.get());
        methods.addAll(privateHelpers(src.type, method.get()));

        List<Part> parts = new ArrayList<>();
        String fileName = file.getFileName().toString();
        for (int i = 0; i < methods.size(); i++) {
            MethodDeclaration m = methods.get(i);
            String code = text(src.lines, m);
            String label = fileName + ":" + m.getBegin().map(p -> p.line).orElse(0) + " "
                    + (i == 0 ? m.getNameAsString() : "private helper " + m.getNameAsString());
            parts.add(new Part(label, "java", code, countLoc(code, "java")));
        }
        if (impl == Impl.MYBATIS) {
            parts.addAll(mapperStatements(methods, src.type));
        }
        int loc = parts.stream().mapToInt(Part::loc).sum();
        return new CodeSnippet(impl.id(), pattern.id(), parts, loc, null);
    }

    private static CodeSnippet missing(Impl impl, Pattern pattern, String reason) {
        return new CodeSnippet(impl.id(), pattern.id(), List.of(), null, reason);
    }

    private record Source(TypeDeclaration<?> type, List<String> lines) {
    }

    private static Optional<Source> parse(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            ParserConfiguration config = new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE);
            ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
            if (result.getResult().isEmpty() || !result.isSuccessful()) {
                return Optional.empty();
            }
            CompilationUnit cu = result.getResult().get();
            String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
            return cu.getTypes().stream()
                    .filter(t -> t.getNameAsString().equals(simpleName))
                    .findFirst()
                    .map(t -> new Source(t, text.lines().toList()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Private methods of the class reached from {@code root} through unqualified or this. calls. */
    private static List<MethodDeclaration> privateHelpers(TypeDeclaration<?> type, MethodDeclaration root) {
        Set<MethodDeclaration> seen = new LinkedHashSet<>();
        Deque<MethodDeclaration> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            MethodDeclaration m = todo.poll();
            for (MethodCallExpr call : m.findAll(MethodCallExpr.class)) {
                boolean local = call.getScope().isEmpty() || call.getScope().get() instanceof ThisExpr;
                if (!local) {
                    continue;
                }
                for (MethodDeclaration target : type.getMethodsByName(call.getNameAsString())) {
                    if (target.isPrivate() && target != root && target.getBody().isPresent() && seen.add(target)) {
                        todo.add(target);
                    }
                }
            }
        }
        return new ArrayList<>(seen);
    }

    /** The method's source lines as written (annotations included, Javadoc not), dedented. */
    private static String text(List<String> lines, Node node) {
        int begin = node.getBegin().orElseThrow().line;
        int end = node.getEnd().orElseThrow().line;
        List<String> slice = lines.subList(begin - 1, Math.min(end, lines.size()));
        int indent = slice.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : slice) {
            sb.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Non-blank lines that are not only a comment. */
    static int countLoc(String code, String language) {
        int n = 0;
        boolean inBlock = false;
        for (String raw : code.split("\n", -1)) {
            String l = raw.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (language.equals("xml")) {
                if (inBlock) {
                    inBlock = !l.contains("-->");
                    continue;
                }
                if (l.startsWith("<!--")) {
                    inBlock = !l.contains("-->");
                    continue;
                }
            } else {
                if (inBlock) {
                    inBlock = !l.contains("*/");
                    continue;
                }
                if (l.startsWith("//")) {
                    continue;
                }
                if (l.startsWith("/*")) {
                    inBlock = !l.contains("*/");
                    continue;
                }
            }
            n++;
        }
        return n;
    }

    // ---------------------------------------------------------------- MyBatis mapper XML

    private record MapperFile(Path file, String namespace, String text) {
    }

    private List<Part> mapperStatements(List<MethodDeclaration> methods, TypeDeclaration<?> type) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> mapperTypes = new LinkedHashSet<>();
        for (MethodDeclaration m : methods) {
            for (MethodCallExpr call : m.findAll(MethodCallExpr.class)) {
                names.add(call.getNameAsString());
                call.getScope().flatMap(CodeExtractor::receiverName)
                        .flatMap(v -> declaredType(m, type, v)).ifPresent(mapperTypes::add);
            }
            m.findAll(StringLiteralExpr.class).forEach(s -> names.add(s.getValue()));
            m.findAll(ClassExpr.class).forEach(c -> mapperTypes.add(simple(c.getTypeAsString())));
        }
        List<Part> parts = new ArrayList<>();
        Set<String> emitted = new LinkedHashSet<>();
        for (MapperFile mf : mapperFiles()) {
            String ns = simple(mf.namespace());
            for (String name : names) {
                String id = name;
                if (name.startsWith(mf.namespace() + ".")) {
                    id = name.substring(mf.namespace().length() + 1);
                } else if (name.contains(".") || (!mapperTypes.isEmpty() && !mapperTypes.contains(ns))) {
                    // A bare id only counts for a mapper the method visibly uses.
                    continue;
                }
                addStatement(mf, id, false, parts, emitted);
            }
        }
        return parts;
    }

    private void addStatement(MapperFile mf, String id, boolean fragment, List<Part> parts, Set<String> emitted) {
        String tags = fragment ? "sql" : "select|insert|update|delete";
        java.util.regex.Pattern element = java.util.regex.Pattern.compile(
                "<(" + tags + ")\\b[^>]*\\bid\\s*=\\s*\"" + java.util.regex.Pattern.quote(id) + "\"[^>]*>.*?</\\1\\s*>",
                java.util.regex.Pattern.DOTALL);
        Matcher m = element.matcher(mf.text());
        if (!m.find() || !emitted.add(mf.namespace() + "#" + id)) {
            return;
        }
        int line = (int) mf.text().substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
        int lineStart = mf.text().lastIndexOf('\n', m.start()) + 1;
        String code = dedent(mf.text().substring(lineStart, m.end()));
        parts.add(new Part(repoRoot.relativize(mf.file()).getFileName() + ":" + line + " <" + m.group(1)
                + " id=\"" + id + "\">", "xml", code, countLoc(code, "xml")));
        Matcher inc = INCLUDE_REFID.matcher(m.group());
        while (inc.find()) {
            addStatement(mf, inc.group(1), true, parts, emitted);
        }
    }

    private List<MapperFile> mapperFiles() {
        if (mapperFiles != null) {
            return mapperFiles;
        }
        mapperFiles = new ArrayList<>();
        Path main = repoRoot.resolve(Impl.MYBATIS.module()).resolve("src/main");
        if (!Files.isDirectory(main)) {
            return mapperFiles;
        }
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Matcher ns = MAPPER_NAMESPACE.matcher(text);
                if (ns.find()) {
                    mapperFiles.add(new MapperFile(f, ns.group(1), text));
                }
            }
        } catch (IOException e) {
            // Unreadable mapper files mean only that no XML is shown; the Java part still is.
            return mapperFiles;
        }
        return mapperFiles;
    }

    /** "mapper" for the receivers {@code mapper.x()} and {@code this.mapper.x()}. */
    private static Optional<String> receiverName(com.github.javaparser.ast.expr.Expression scope) {
        if (scope instanceof NameExpr n) {
            return Optional.of(n.getNameAsString());
        }
        if (scope instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
            return Optional.of(f.getNameAsString());
        }
        return Optional.empty();
    }

    /** Declared type of a local variable, parameter or field named {@code name}, by simple name. */
    private static Optional<String> declaredType(MethodDeclaration m, TypeDeclaration<?> type, String name) {
        for (VariableDeclarator v : m.findAll(VariableDeclarator.class)) {
            if (v.getNameAsString().equals(name)) {
                if (v.getTypeAsString().equals("var")) {
                    return v.getInitializer().flatMap(init -> init.findFirst(ClassExpr.class))
                            .map(c -> simple(c.getTypeAsString()));
                }
                return Optional.of(simple(v.getTypeAsString()));
            }
        }
        for (var p : m.getParameters()) {
            if (p.getNameAsString().equals(name)) {
                return Optional.of(simple(p.getTypeAsString()));
            }
        }
        for (FieldDeclaration f : type.getFields()) {
            for (VariableDeclarator v : f.getVariables()) {
                if (v.getNameAsString().equals(name)) {
                    return Optional.of(simple(v.getTypeAsString()));
                }
            }
        }
        return Optional.empty();
    }

    private static String simple(String typeName) {
        String t = typeName.replaceAll("<.*>", "");
        return t.substring(t.lastIndexOf('.') + 1);
    }

    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Loc per pattern for one implementation, for callers that need only the numbers. */
    public Map<Pattern, Integer> locOf(Impl impl) {
        Map<Pattern, Integer> out = new LinkedHashMap<>();
        for (Pattern p : Pattern.values()) {
            out.put(p, extract(impl, p).loc());
        }
        return out;
    }
}
