package dev.persistbench.reports.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import dev.persistbench.reports.model.Impl;
import dev.persistbench.reports.model.Pattern;
import dev.persistbench.reports.source.CodeSnippet.Part;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds, in each implementation's repository class, the method that implements a pattern (the
 * {@code StoreRepository} method of that pattern), the code of its package it reaches (methods of
 * the class, static fields such as SQL constants, methods and static fields of other classes in
 * the same package, transitively), and for MyBatis the XML mapper statements it calls, matched by
 * statement id. Code that more than {@value #INFRASTRUCTURE_THRESHOLD} patterns reach is treated as
 * infrastructure: named, not shown, not counted.
 */
public final class CodeExtractor {

    /**
     * Code reached from more patterns than this (more than half of the thirteen) is infrastructure,
     * such as a transaction wrapper or error translation: named, not counted. Code a few patterns
     * share (the order read model of P06 to P09) is part of each one's implementation.
     */
    static final int INFRASTRUCTURE_THRESHOLD = 6;

    private static final Set<String> CONTRACT_METHODS = contractMethods();

    private final Path repoRoot;
    private final Map<Impl, Optional<Module>> modules = new EnumMap<>(Impl.class);
    private List<MapperFile> mapperFiles;

    /** @param repoRoot repository root holding the impl-* modules; null when sources are unavailable */
    public CodeExtractor(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    private static Set<String> contractMethods() {
        Set<String> names = new LinkedHashSet<>();
        for (Pattern p : Pattern.values()) {
            names.add(p.method());
        }
        names.add("settings");
        names.add("close");
        return names;
    }

    /** The code of {@code impl} for {@code pattern}, or a snippet with the reason it was not found. */
    public CodeSnippet extract(Impl impl, Pattern pattern) {
        if (repoRoot == null) {
            return missing(impl, pattern, "sources not available (repository root not found)");
        }
        Path file = impl.sourceFile(repoRoot);
        Optional<Module> module = modules.computeIfAbsent(impl, i -> Module.load(file));
        if (module.isEmpty()) {
            return missing(
                    impl,
                    pattern,
                    Files.exists(file)
                            ? "source " + repoRoot.relativize(file) + " could not be parsed"
                            : "source " + repoRoot.relativize(file) + " does not exist");
        }
        Module m = module.get();
        Optional<MethodDeclaration> method = m.patternMethod(pattern);
        if (method.isEmpty()) {
            return missing(
                    impl,
                    pattern,
                    "no method " + pattern.method() + "(..) with a body in " + repoRoot.relativize(file));
        }
        List<Unit> units = new ArrayList<>();
        units.add(new Unit(m.main, method.get(), method.get().getNameAsString()));
        List<String> shared = new ArrayList<>();
        for (Unit u : m.reach(method.get())) {
            // Code a few patterns use is part of each one's implementation; code most patterns use
            // (a transaction wrapper, error translation) is infrastructure, named but not counted.
            if (m.users(u) <= INFRASTRUCTURE_THRESHOLD) {
                units.add(u);
            } else if (!shared.contains(u.name())) {
                shared.add(u.name());
            }
        }
        List<Part> parts = new ArrayList<>();
        for (Unit u : units) {
            String code = text(u.owner().lines(), u.node());
            String label = u.owner().fileName() + ":"
                    + u.node().getBegin().map(p -> p.line).orElse(0) + " " + u.name();
            parts.add(new Part(label, "java", code, countLoc(code, "java")));
        }
        if (impl == Impl.MYBATIS) {
            parts.addAll(mapperStatements(units));
        }
        int loc = parts.stream().mapToInt(Part::loc).sum();
        return new CodeSnippet(impl.id(), pattern.id(), parts, loc, shared, null);
    }

    private static CodeSnippet missing(Impl impl, Pattern pattern, String reason) {
        return new CodeSnippet(impl.id(), pattern.id(), List.of(), null, List.of(), reason);
    }

    /** A parsed source file of the implementation's package. */
    private record Parsed(TypeDeclaration<?> type, List<String> lines, String fileName) {}

    /**
     * A piece of code a pattern method reaches: a method or a static field, of the repository
     * class or of another class in its package.
     */
    private record Unit(Parsed owner, Node node, String name) {}

    /** The repository class and, parsed on demand, the other classes of its package. */
    private static final class Module {
        private final Path dir;
        private final Parsed main;
        private final Map<String, Optional<Parsed>> siblings = new LinkedHashMap<>();
        private final Map<Node, Integer> users = new IdentityHashMap<>();

        private Module(Path dir, Parsed main) {
            this.dir = dir;
            this.main = main;
        }

        static Optional<Module> load(Path file) {
            return parse(file).map(p -> {
                Module m = new Module(file.getParent(), p);
                m.siblings.put(p.type().getNameAsString(), Optional.of(p));
                m.countUsers();
                return m;
            });
        }

        Optional<MethodDeclaration> patternMethod(Pattern pattern) {
            return main.type().getMethodsByName(pattern.method()).stream()
                    .filter(md -> !md.isStatic() && md.getBody().isPresent())
                    .findFirst();
        }

        int users(Unit u) {
            return users.getOrDefault(u.node(), 0);
        }

        private void countUsers() {
            for (Pattern p : Pattern.values()) {
                patternMethod(p).ifPresent(md -> reach(md).forEach(u -> users.merge(u.node(), 1, Integer::sum)));
            }
        }

        /** Everything {@code start} reaches, transitively, in discovery order (start excluded). */
        List<Unit> reach(MethodDeclaration start) {
            List<Unit> seen = new ArrayList<>();
            Deque<Unit> todo = new ArrayDeque<>();
            todo.add(new Unit(main, start, start.getNameAsString()));
            Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
            visited.add(start);
            while (!todo.isEmpty()) {
                Unit u = todo.poll();
                for (Unit next : references(u)) {
                    if (visited.add(next.node())) {
                        seen.add(next);
                        todo.add(next);
                    }
                }
            }
            return seen;
        }

        /** The methods and static fields a piece of code refers to, within the package. */
        private List<Unit> references(Unit from) {
            List<Unit> out = new ArrayList<>();
            Node node = from.node();
            Parsed owner = from.owner();
            Set<String> locals = new LinkedHashSet<>();
            node.findAll(VariableDeclarator.class).forEach(v -> locals.add(v.getNameAsString()));
            node.findAll(Parameter.class).forEach(p -> locals.add(p.getNameAsString()));
            if (node instanceof FieldDeclaration f) {
                f.getVariables().forEach(v -> locals.remove(v.getNameAsString()));
            }
            for (MethodCallExpr call : node.findAll(MethodCallExpr.class)) {
                methods(owner, call.getScope().orElse(null), call.getNameAsString(), locals, node, out);
            }
            for (MethodReferenceExpr ref : node.findAll(MethodReferenceExpr.class)) {
                methods(owner, ref.getScope(), ref.getIdentifier(), locals, node, out);
            }
            for (NameExpr name : node.findAll(NameExpr.class)) {
                if (!locals.contains(name.getNameAsString())) {
                    staticField(owner, name.getNameAsString()).ifPresent(out::add);
                }
            }
            for (FieldAccessExpr access : node.findAll(FieldAccessExpr.class)) {
                if (access.getScope() instanceof NameExpr n && !locals.contains(n.getNameAsString())) {
                    sibling(n.getNameAsString())
                            .flatMap(s -> staticField(s, access.getNameAsString()))
                            .ifPresent(out::add);
                }
            }
            return out;
        }

        private void methods(
                Parsed owner, Expression scope, String name, Set<String> locals, Node context, List<Unit> out) {
            Optional<Parsed> target;
            if (scope == null || scope instanceof ThisExpr) {
                target = Optional.of(owner);
            } else if (scope instanceof TypeExpr t) {
                target = sibling(simple(t.getTypeAsString()));
            } else {
                Optional<String> receiver = receiverName(scope);
                if (receiver.isEmpty()) {
                    return;
                }
                String r = receiver.get();
                Optional<String> type = typeOf(context, owner.type(), r);
                if (type.isEmpty() && !locals.contains(r)) {
                    // Not a variable or field: a class name, i.e. a static call.
                    type = Optional.of(r);
                }
                target = type.flatMap(this::sibling);
            }
            // A mapper interface's method declaration (MyBatis) is code written for the pattern too.
            target.ifPresent(t -> t.type().getMethodsByName(name).stream()
                    .filter(md -> md.getBody().isPresent() || isInterface(t.type()))
                    .filter(md -> t != main || !CONTRACT_METHODS.contains(md.getNameAsString()))
                    .forEach(md -> out.add(new Unit(t, md, qualified(t, md.getNameAsString())))));
        }

        private Optional<Unit> staticField(Parsed owner, String name) {
            for (FieldDeclaration f : owner.type().getFields()) {
                if (f.isStatic()
                        && f.getVariables().stream()
                                .anyMatch(v -> v.getNameAsString().equals(name))) {
                    return Optional.of(new Unit(owner, f, qualified(owner, name)));
                }
            }
            return Optional.empty();
        }

        private String qualified(Parsed owner, String name) {
            return owner == main ? name : owner.type().getNameAsString() + "." + name;
        }

        private Optional<Parsed> sibling(String simpleName) {
            if (!simpleName.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                return Optional.empty();
            }
            return siblings.computeIfAbsent(simpleName, n -> {
                Path f = dir.resolve(n + ".java");
                return Files.isRegularFile(f) ? parse(f) : Optional.empty();
            });
        }
    }

    private static boolean isInterface(TypeDeclaration<?> type) {
        return type instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c && c.isInterface();
    }

    private static Optional<String> typeOf(Node context, TypeDeclaration<?> type, String name) {
        return context instanceof MethodDeclaration md ? declaredType(md, type, name) : fieldType(type, name);
    }

    private static Optional<String> fieldType(TypeDeclaration<?> type, String name) {
        for (FieldDeclaration f : type.getFields()) {
            for (VariableDeclarator v : f.getVariables()) {
                if (v.getNameAsString().equals(name)) {
                    return Optional.of(simple(v.getTypeAsString()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Parsed> parse(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            ParserConfiguration config =
                    new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE);
            ParseResult<CompilationUnit> result = new JavaParser(config).parse(text);
            if (result.getResult().isEmpty() || !result.isSuccessful()) {
                return Optional.empty();
            }
            CompilationUnit cu = result.getResult().get();
            String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
            return cu.getTypes().stream()
                    .filter(t -> t.getNameAsString().equals(simpleName))
                    .findFirst()
                    .map(t -> new Parsed(
                            t, text.lines().toList(), file.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The node's source lines as written (annotations included, Javadoc not), dedented. */
    private static String text(List<String> lines, Node node) {
        int begin = node.getBegin().orElseThrow().line;
        int end = node.getEnd().orElseThrow().line;
        List<String> slice = lines.subList(begin - 1, Math.min(end, lines.size()));
        int indent = slice.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
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

    /**
     * A top-level element of a mapper file ({@code <select>}, {@code <sql>}, {@code <resultMap>} ...).
     *
     * @param tag its tag
     * @param start offset of its {@code <} in the file's text
     * @param end offset just after its end tag
     * @param includes the refids of the {@code <include>}s inside it
     * @param resultMaps the result maps it names ({@code resultMap}, {@code extends} attributes)
     */
    private record XmlElement(String tag, int start, int end, List<String> includes, List<String> resultMaps) {}

    /** A mapper file: its namespace and its top-level elements by kind and id ("SQL#columns"). */
    private record MapperFile(Path file, String namespace, String text, Map<String, XmlElement> elements) {}

    private List<Part> mapperStatements(List<Unit> units) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> mapperTypes = new LinkedHashSet<>();
        for (Unit u : units) {
            Node m = u.node();
            TypeDeclaration<?> type = u.owner().type();
            for (MethodCallExpr call : m.findAll(MethodCallExpr.class)) {
                names.add(call.getNameAsString());
                call.getScope()
                        .flatMap(CodeExtractor::receiverName)
                        .flatMap(v -> typeOf(m, type, v))
                        .ifPresent(mapperTypes::add);
            }
            for (MethodReferenceExpr ref : m.findAll(MethodReferenceExpr.class)) {
                names.add(ref.getIdentifier());
                receiverName(ref.getScope()).flatMap(v -> typeOf(m, type, v)).ifPresent(mapperTypes::add);
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
                addStatement(mf, id, XmlKind.STATEMENT, parts, emitted);
            }
        }
        return parts;
    }

    /** Element kinds of a mapper file that a statement can pull in. */
    private enum XmlKind {
        STATEMENT,
        SQL,
        RESULT_MAP;

        static XmlKind of(String tag) {
            return switch (tag) {
                case "sql" -> SQL;
                case "resultMap" -> RESULT_MAP;
                default -> STATEMENT;
            };
        }
    }

    /** Adds the element, then the {@code <sql>} fragments it includes and the result maps it uses. */
    private void addStatement(MapperFile mf, String id, XmlKind kind, List<Part> parts, Set<String> emitted) {
        XmlElement e = mf.elements().get(kind + "#" + id);
        if (e == null || !emitted.add(mf.namespace() + "#" + kind + "#" + id)) {
            return;
        }
        int line = (int) mf.text()
                        .substring(0, e.start())
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
        int lineStart = mf.text().lastIndexOf('\n', e.start()) + 1;
        String code = dedent(mf.text().substring(lineStart, e.end()));
        parts.add(new Part(
                repoRoot.relativize(mf.file()).getFileName() + ":" + line + " <" + e.tag() + " id=\"" + id + "\">",
                "xml",
                code,
                countLoc(code, "xml")));
        e.includes().forEach(refid -> addStatement(mf, refid, XmlKind.SQL, parts, emitted));
        for (String map : e.resultMaps()) {
            // A reference may name another mapper's map ("ns.id"); only this file's maps are followed.
            String ref = map.startsWith(mf.namespace() + ".")
                    ? map.substring(mf.namespace().length() + 1)
                    : map;
            addStatement(mf, ref, XmlKind.RESULT_MAP, parts, emitted);
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
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                readMapper(f, Files.readString(f, StandardCharsets.UTF_8)).ifPresent(mapperFiles::add);
            }
        } catch (IOException | XMLStreamException e) {
            // Unreadable mapper files mean only that no XML is shown; the Java part still is.
            return mapperFiles;
        }
        return mapperFiles;
    }

    /**
     * The file as a MyBatis mapper (root {@code <mapper namespace>}), read by the JDK's StAX parser
     * with DTDs off (the mapper DTD is never fetched); empty for another XML file. The parser's
     * character offsets locate each element in the text, which the report shows as written.
     */
    private static Optional<MapperFile> readMapper(Path f, String text) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = factory.createXMLStreamReader(new StringReader(text));
        String namespace = null;
        Map<String, XmlElement> elements = new LinkedHashMap<>();
        int depth = 0;
        String id = null;
        XmlElement open = null;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String tag = r.getLocalName();
                if (depth == 1) {
                    namespace = r.getAttributeValue(null, "namespace");
                    if (!tag.equals("mapper") || namespace == null) {
                        return Optional.empty();
                    }
                } else if (depth == 2) {
                    id = r.getAttributeValue(null, "id");
                    int start = text.lastIndexOf("<" + tag, r.getLocation().getCharacterOffset());
                    open = new XmlElement(tag, start, start, new ArrayList<>(), new ArrayList<>());
                }
                if (open != null) {
                    if (tag.equals("include") && r.getAttributeValue(null, "refid") != null) {
                        open.includes().add(r.getAttributeValue(null, "refid"));
                    }
                    for (String attribute : List.of("resultMap", "extends")) {
                        Optional.ofNullable(r.getAttributeValue(null, attribute))
                                .ifPresent(open.resultMaps()::add);
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 2 && id != null) {
                    elements.putIfAbsent(
                            XmlKind.of(open.tag()) + "#" + id,
                            new XmlElement(
                                    open.tag(),
                                    open.start(),
                                    r.getLocation().getCharacterOffset(),
                                    open.includes(),
                                    open.resultMaps()));
                }
                if (depth == 2) {
                    open = null;
                }
                depth--;
            }
        }
        return Optional.of(new MapperFile(f, namespace, text, elements));
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
                    return v.getInitializer()
                            .flatMap(init -> init.findFirst(ClassExpr.class))
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
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
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
