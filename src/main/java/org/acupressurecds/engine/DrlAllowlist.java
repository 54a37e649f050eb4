package org.acupressurecds.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.acupressurecds.knowledge.FactModel;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;

/**
 * Rules are code, and rule files come from people: before anything is compiled, every name a rule file uses must be
 * on an allowlist. A rule may name the fact model, a few value types (java.time, java.util collections, String,
 * numbers, Math), their public members, and the rule language. It may not loop, use lambdas, recurse, reach the
 * engine's handles, or use the DRL constructs that would bring in other code (globals, declared types, imported
 * functions and accumulates, rule attributes).
 *
 * <p>The structure comes from the Drools parser; the names are checked on every token of the file outside comments
 * and strings, so no part of it (consequence, function, eval, from, accumulate code) goes unchecked.
 */
final class DrlAllowlist {

    static final String FACT_PACKAGE = "org.acupressurecds.knowledge";

    /** Value types a rule may name besides the fact model: none of them reaches the host. */
    static final List<Class<?>> VALUE_TYPES = List.of(String.class, Number.class, Integer.class, Long.class,
            Double.class, Boolean.class, Character.class, Math.class,
            LocalDate.class, LocalDateTime.class, LocalTime.class, Period.class, Duration.class, Month.class,
            DayOfWeek.class, Year.class, YearMonth.class, MonthDay.class, ChronoUnit.class,
            List.class, Set.class, Map.class, Collection.class, EnumSet.class, EnumMap.class, ArrayList.class,
            HashMap.class, HashSet.class, LinkedHashMap.class, LinkedHashSet.class, TreeMap.class, TreeSet.class,
            Arrays.class, Collections.class, Objects.class, Optional.class);

    /** Members that would leave the value world: reflection, the clock, system properties, randomness, monitors. */
    private static final Set<String> HOST_MEMBERS = Set.of("getClass", "getDeclaringClass", "describeConstable",
            "wait", "notify", "notifyAll", "now", "getInteger", "getLong", "getBoolean", "random");

    /** The consequence's own verbs, besides the package's functions. */
    private static final Set<String> ENGINE_CALLS = Set.of("insert", "insertLogical", "delete", "retract");
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList", "collectSet");

    private static final Set<String> KEYWORDS = Set.of(
            // Java, as far as straight-line code needs it
            "new", "return", "if", "else", "true", "false", "null", "instanceof", "final", "boolean", "int", "long",
            "double", "float", "short", "byte", "char", "void", "switch", "case", "default", "break", "throw", "try",
            "catch", "finally", "this",
            // DRL
            "package", "import", "rule", "query", "function", "when", "then", "end", "and", "or", "not", "exists",
            "forall", "from", "collect", "accumulate", "acc", "eval", "contains", "memberOf", "matches", "soundslike",
            "str", "in", "extends", "init", "action", "reverse", "result", "excludes");

    /** Words that are never allowed, with why: an author reads this. */
    private static final Map<String, String> FORBIDDEN_WORDS = Map.ofEntries(
            Map.entry("for", "loops are not allowed in rule files: a rule matches facts, the engine does the iterating"),
            Map.entry("while", "loops are not allowed in rule files: a rule matches facts, the engine does the iterating"),
            Map.entry("do", "loops are not allowed in rule files: a rule matches facts, the engine does the iterating"),
            Map.entry("foreach", "loops are not allowed in rule files: a rule matches facts, the engine does the iterating"),
            Map.entry("until", "loops are not allowed in rule files: a rule matches facts, the engine does the iterating"),
            Map.entry("class", "classes and .class are not allowed in rule files: rules use the fact model"),
            Map.entry("interface", "types are not declared in rule files: rules use the fact model"),
            Map.entry("enum", "types are not declared in rule files: rules use the fact model"),
            Map.entry("modify", "'modify' is not used in these rules: conclude facts with insertLogical and let the most "
                    + "severe finding decide"),
            Map.entry("update", "'update' is not used in these rules: conclude facts with insertLogical and let the most "
                    + "severe finding decide"),
            Map.entry("synchronized", "threads and locks are not used in rule files"),
            Map.entry("super", "'super' is not used in rule files"),
            Map.entry("drools", "'drools' is the engine's handle, which rules do not use: conclude facts with insertLogical"),
            Map.entry("kcontext", "'kcontext' is the engine's handle, which rules do not use: conclude facts with insertLogical"));

    private static final String ALLOWED_TYPES = "rules may name the fact model (" + FACT_PACKAGE + "), String, "
            + "Number, Integer, Long, Double, Boolean, Character, Math, java.time dates and periods, and java.util collections";

    private final Map<String, Class<?>> bySimpleName;
    private final Set<String> canonicalNames;
    private final Set<String> members;
    private final Set<String> factMembers;

    DrlAllowlist() {
        List<Class<?>> allowed = new ArrayList<>(VALUE_TYPES);
        allowed.addAll(FactModel.FACTS);
        allowed.addAll(FactModel.VOCABULARIES);
        bySimpleName = allowed.stream().collect(Collectors.toMap(Class::getSimpleName, c -> c));
        canonicalNames = allowed.stream().map(Class::getCanonicalName).collect(Collectors.toSet());
        members = memberNames(allowed);
        factMembers = memberNames(Stream.concat(FactModel.FACTS.stream(), FactModel.VOCABULARIES.stream())
                .<Class<?>>map(c -> c).toList());
    }

    /** The problems of one set of rule files (file name to content); functions are shared across the files. */
    List<RuleProblem> check(Map<String, String> files, String shownFolder) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, PackageDescr> parsed = new java.util.TreeMap<>();
        files.forEach((name, drl) -> {
            String file = shownFolder + "/" + name;
            int escape = drl.indexOf("\\u");
            if (escape >= 0) {
                problems.add(new RuleProblem(file, lineAt(drl, escape), null, "\\u escapes are not allowed in rule "
                        + "files: write the character itself"));
                return;
            }
            DrlParser parser = new DrlParser();
            try {
                PackageDescr descr = parser.parse(false, drl);
                if (parser.hasErrors() || descr == null) {
                    parser.getErrors().forEach(e -> problems.add(parseProblem(file, e, drl)));
                } else {
                    parsed.put(name, descr);
                }
            } catch (Exception e) {
                problems.add(new RuleProblem(file, null, null, "the file cannot be parsed: " + e.getMessage()));
            }
        });
        Set<String> functions = parsed.values().stream().flatMap(p -> p.getFunctions().stream())
                .map(FunctionDescr::getName).collect(Collectors.toSet());
        parsed.forEach((name, descr) -> structure(shownFolder + "/" + name, descr, functions, problems));
        Set<String> callable = new HashSet<>(ENGINE_CALLS);
        callable.addAll(functions);
        callable.addAll(ACCUMULATE_FUNCTIONS);
        callable.addAll(factMembers);
        files.forEach((name, drl) -> {
            if (!drl.contains("\\u")) {
                names(shownFolder + "/" + name, drl, callable, problems);
            }
        });
        return problems.stream().distinct().toList();
    }

    private static RuleProblem parseProblem(String file, DroolsError error, String drl) {
        if (error instanceof ParserError p) {
            return new RuleProblem(file, p.getRow() > 0 ? p.getRow() : null, p.getCol() > 0 ? p.getCol() : null,
                    p.getRow() > 0 ? RuleSetLoader.withParseHint(p.getMessage(), drl, p.getRow()) : p.getMessage());
        }
        int[] lines = error.getLines();
        return new RuleProblem(file, lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null, null,
                error.getMessage());
    }

    /** The DRL constructs: only package, imports of allowed types, functions, rules and queries without attributes. */
    private void structure(String file, PackageDescr p, Set<String> functions, List<RuleProblem> problems) {
        for (ImportDescr i : p.getImports()) {
            String target = i.getTarget();
            if (!target.equals(FACT_PACKAGE + ".*") && !canonicalNames.contains(target)) {
                problems.add(new RuleProblem(file, line(i.getLine()), null, "import " + target + " is not allowed: "
                        + "import the fact model (" + FACT_PACKAGE + ".*) and name java.time and java.util types "
                        + "class by class (e.g. java.util.List); " + ALLOWED_TYPES));
            }
        }
        notUsed(file, p.getFunctionImports(), "import function", problems);
        notUsed(file, p.getAccumulateImports(), "import accumulate", problems);
        notUsed(file, p.getGlobals(), "global", problems);
        notUsed(file, p.getTypeDeclarations(), "declare", problems);
        notUsed(file, p.getEnumDeclarations(), "declare enum", problems);
        notUsed(file, p.getWindowDeclarations(), "declare window", problems);
        notUsed(file, p.getEntryPointDeclarations(), "declare entry-point", problems);
        if (p.getUnit() != null) {
            problems.add(new RuleProblem(file, line(p.getUnit().getLine()), null, "'unit' is not used in these rules"));
        }
        for (AttributeDescr a : p.getAttributes()) {
            problems.add(attribute(file, a));
        }
        for (RuleDescr rule : p.getRules()) {
            rule.getAttributes().values().forEach(a -> problems.add(attribute(file, a)));
        }
        for (FunctionDescr f : p.getFunctions()) {
            for (Token call : tokens(f.getBody())) {
                if (call.isCall() && functions.contains(call.text())) {
                    problems.add(new RuleProblem(file, line(f.getLine()), null, "function " + f.getName()
                            + " calls function " + call.text() + ": functions may not call functions, so nothing "
                            + "can recurse"));
                }
            }
        }
    }

    private static RuleProblem attribute(String file, AttributeDescr a) {
        return new RuleProblem(file, line(a.getLine()), null, "the attribute '" + a.getName() + "' is not used in "
                + "these rules: conclude facts with insertLogical and let the most severe finding decide");
    }

    private static void notUsed(String file, Collection<? extends org.drools.drl.ast.descr.BaseDescr> found,
            String construct, List<RuleProblem> problems) {
        found.forEach(d -> problems.add(new RuleProblem(file, line(d.getLine()), null, "'" + construct
                + "' is not used in these rules: rules use the fact model and conclude facts with insertLogical")));
    }

    /** Every name in the file, outside comments and strings. */
    private void names(String file, String drl, Set<String> callable, List<RuleProblem> problems) {
        List<Token> tokens = tokens(drl);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String problem = null;
            if (t.text().equals("->") || t.text().equals("::")) {
                problem = "lambdas and method references ('" + t.text() + "') are not allowed in rule files";
            } else if (t.isWord() && FORBIDDEN_WORDS.containsKey(t.text())) {
                problem = FORBIDDEN_WORDS.get(t.text());
            } else if (t.isWord() && i > 0 && tokens.get(i - 1).text().equals("@")) {
                continue; // metadata key, such as @source
            } else if (t.isWord() && (t.text().equals("import") || t.text().equals("package"))) {
                i = skipStatement(tokens, i); // checked by structure()
                continue;
            } else if (t.isWord() && i > 0 && tokens.get(i - 1).text().equals(".")) {
                problem = members.contains(t.text()) ? null : unknown("'." + t.text() + "' is not a member rules may use",
                        t.text(), members, ALLOWED_TYPES + ", and their public methods");
            } else if (t.isWord()) {
                int end = chainEnd(tokens, i);
                problem = first(t, tokens, i, end, callable);
                if (problem != null) {
                    i = end; // one problem for a.b.C.d
                } else if (!Character.isUpperCase(t.text().charAt(0)) && qualifiedName(tokens, i, end) != null) {
                    i = qualifiedTypeEnd(tokens, i, end); // the type's members are checked from here on
                }
            }
            if (problem != null) {
                problems.add(new RuleProblem(file, t.line(), null, problem));
            }
        }
    }

    /** The first word of a chain a.b.c: a keyword, a type, a call, a fully qualified type, or a variable. */
    private String first(Token t, List<Token> tokens, int start, int end, Set<String> callable) {
        String word = t.text();
        if (KEYWORDS.contains(word)) {
            return null;
        }
        if (Character.isUpperCase(word.charAt(0))) {
            return bySimpleName.containsKey(word) ? null
                    : unknown("'" + word + "' is not a type rules may use", word, bySimpleName.keySet(), ALLOWED_TYPES);
        }
        if (end > start) {
            String qualified = qualifiedName(tokens, start, end);
            if (qualified != null) {
                return canonicalNames.contains(qualified) ? null
                        : "'" + qualified + "' is not a type rules may use: " + ALLOWED_TYPES;
            }
            return null; // a variable and its members, checked one by one
        }
        if (t.isCall() && !callable.contains(word)) {
            return unknown("'" + word + "(...)' is not something rules may call", word, callable, "they call "
                    + "insertLogical, the functions of the rules package, and the methods of the fact model and value types");
        }
        return null;
    }

    /** What is wrong, with the likely intended name where one is close, else what is allowed. */
    private static String unknown(String what, String word, Collection<String> known, String allowed) {
        return DidYouMean.closest(word, known).map(k -> what + ": did you mean " + k + "?").orElse(what + ": " + allowed);
    }

    /** Index of the last word of a chain word(.word)* starting at start. */
    private static int chainEnd(List<Token> tokens, int start) {
        int end = start;
        while (end + 2 < tokens.size() && tokens.get(end + 1).text().equals(".") && tokens.get(end + 2).isWord()) {
            end += 2;
        }
        return end;
    }

    /** a.b.C...: the name up to its first capitalised part, if it has one after lower-case parts; else null. */
    private static String qualifiedName(List<Token> tokens, int start, int end) {
        StringBuilder name = new StringBuilder(tokens.get(start).text());
        for (int i = start + 2; i <= end; i += 2) {
            name.append('.').append(tokens.get(i).text());
            if (Character.isUpperCase(tokens.get(i).text().charAt(0))) {
                return name.toString();
            }
        }
        return null;
    }

    /** The index of the type in a qualified name a.b.C.d. */
    private static int qualifiedTypeEnd(List<Token> tokens, int start, int end) {
        int i = start + 2;
        while (i < end && !Character.isUpperCase(tokens.get(i).text().charAt(0))) {
            i += 2;
        }
        return i;
    }

    private static int skipStatement(List<Token> tokens, int i) {
        int line = tokens.get(i).line();
        while (i + 1 < tokens.size() && !tokens.get(i + 1).text().equals(";") && tokens.get(i + 1).line() == line) {
            i++;
        }
        return i;
    }

    /** Public methods, fields, constants, components and bean properties of the types, less those reaching the host. */
    private static Set<String> memberNames(List<Class<?>> types) {
        Set<String> names = new HashSet<>();
        for (Class<?> type : types) {
            for (Method m : type.getMethods()) {
                if (!HOST_MEMBERS.contains(m.getName()) && !reachesReflection(m.getReturnType())) {
                    names.add(m.getName());
                    property(m.getName()).ifPresent(names::add);
                }
            }
            for (Field f : type.getFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    names.add(f.getName());
                }
            }
            if (type.isRecord()) {
                Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
            }
            Arrays.stream(type.getClasses()).map(Class::getSimpleName).forEach(names::add);
        }
        return Set.copyOf(names);
    }

    private static boolean reachesReflection(Class<?> type) {
        String pkg = type.getPackageName();
        return type == Class.class || type == ClassLoader.class || type == Module.class
                || pkg.startsWith("java.lang.reflect") || pkg.startsWith("java.lang.invoke");
    }

    /** getName gives name and isEmpty empty, as MVEL reads properties. */
    private static Optional<String> property(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length() && method.startsWith(prefix)
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                String rest = method.substring(prefix.length());
                return Optional.of(Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
            }
        }
        return Optional.empty();
    }

    private static Integer line(int line) {
        return line > 0 ? line : null;
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** One token: a word (identifier), or punctuation; followedBy is the next token's text, for calls. */
    record Token(String text, int line, String followedBy) {
        boolean isWord() {
            return Character.isJavaIdentifierStart(text.charAt(0));
        }

        boolean isCall() {
            return isWord() && "(".equals(followedBy);
        }
    }

    /** Java's and DRL's lexical structure, enough to find names: comments and string and char literals are skipped. */
    static List<Token> tokens(String text) {
        List<String> texts = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                int stop = close < 0 ? text.length() : close + 2;
                line += (int) text.substring(i, stop).chars().filter(ch -> ch == '\n').count();
                i = stop;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c) {
                    if (text.charAt(j) == '\\') {
                        j++;
                    } else if (text.charAt(j) == '\n') {
                        line++;
                    }
                    j++;
                }
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
                    j++;
                }
                texts.add(text.substring(i, j));
                lines.add(line);
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                        || text.charAt(j) == '.' && j + 1 < text.length() && Character.isDigit(text.charAt(j + 1)))) {
                    j++;
                }
                texts.add(text.substring(i, j));
                lines.add(line);
                i = j;
            } else if (text.startsWith("->", i) || text.startsWith("::", i)) {
                texts.add(text.substring(i, i + 2));
                lines.add(line);
                i += 2;
            } else {
                texts.add(String.valueOf(c));
                lines.add(line);
                i++;
            }
        }
        List<Token> tokens = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            tokens.add(new Token(texts.get(k), lines.get(k), k + 1 < texts.size() ? texts.get(k + 1) : null));
        }
        return tokens;
    }
}
