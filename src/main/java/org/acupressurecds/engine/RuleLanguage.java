package org.acupressurecds.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import org.acupressurecds.engine.RuleProblem.Kind;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;

/**
 * Rules are code, and rule files come from people: what a rule file may say, checked on the trees that parsers
 * built, never on its text. The Drools DRL parser gives the structure (package, imports, functions, rules, patterns);
 * each condition is parsed as Drools parses constraints ({@link ConditionCheck}); each consequence and function body
 * as Java ({@link ConsequenceCheck}). Every part is held to a narrow grammar, and the compiler is given the parts as
 * printed from the checked trees: what was checked is what is compiled. Nothing is compiled, let alone run, before
 * the whole folder passes.
 *
 * <p>A rule file is {@code package rules;}, imports of the fact model, functions of one return statement, and rules
 * with an {@code @source} and other plain-text metadata, conditions over the facts (patterns joined with
 * {@code not}, {@code exists}, {@code and}, {@code or}) and consequences that conclude facts with insertLogical. No
 * globals, declared types, queries, attributes, {@code from}, {@code accumulate}, {@code eval} or named consequences.
 */
final class RuleLanguage {

    static final String PACKAGE = "rules";
    /** Metadata keys: lower-case words, so none names an annotation type Drools would act on. */
    private static final Pattern METADATA_KEY = Pattern.compile("[a-z][A-Za-z0-9]*");
    /** What a rule's name and a metadata value may hold: text, never a quote or a backslash. */
    private static final Pattern PLAIN_TEXT = Pattern.compile("[^\"\\\\\\p{Cntrl}]*");

    /**
     * The checked files, as the parser read them with their code re-printed from the checked trees; the problems
     * found (none: every file may be compiled); what the conditions compare with.
     */
    record Checked(Map<String, PackageDescr> packages, List<RuleProblem> problems, ConditionTerms terms) {
    }

    private final RuleVocabulary vocabulary = new RuleVocabulary();
    private final ConditionCheck conditions = new ConditionCheck(vocabulary);

    /** The problems of one set of rule files (file name to content); functions are shared across the files. */
    Checked check(Map<String, String> files, String shownFolder) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, PackageDescr> parsed = new TreeMap<>();
        files.forEach((name, drl) -> {
            String file = shownFolder + "/" + name;
            int escape = drl.indexOf("\\u");
            if (escape >= 0) {
                problems.add(new RuleProblem(Kind.RULE_LANGUAGE, file, lineAt(drl, escape), null, "\\u escapes are not allowed in rule "
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
                problems.add(new RuleProblem(Kind.COMPILE, file, null, null, "the file cannot be parsed: " + e.getMessage()));
            }
        });
        Map<String, Class<?>> functions = new HashMap<>();
        parsed.values().forEach(p -> p.getFunctions().forEach(f -> functions.put(f.getName(),
                vocabulary.functionType(f.getReturnType()))));
        ConsequenceCheck consequences = new ConsequenceCheck(vocabulary, functions);
        ConditionTerms.Collector terms = new ConditionTerms.Collector();
        parsed.forEach((name, descr) -> new FileCheck(shownFolder + "/" + name, files.get(name), consequences, terms,
                problems).check(descr));
        return new Checked(parsed, problems.stream().distinct().toList(), terms.terms());
    }

    static RuleProblem parseProblem(String file, DroolsError error, String drl) {
        if (error instanceof ParserError p) {
            return new RuleProblem(Kind.COMPILE, file, p.getRow() > 0 ? p.getRow() : null, p.getCol() > 0 ? p.getCol() : null,
                    p.getRow() > 0 ? ParseHint.withHint(p.getMessage(), drl, p.getRow()) : p.getMessage());
        }
        int[] lines = error.getLines();
        return new RuleProblem(Kind.COMPILE, file, lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null, null,
                error.getMessage());
    }

    /** One file's check, with its problems and re-printing. */
    private final class FileCheck {
        private final String file;
        private final String source;
        private final ConsequenceCheck consequences;
        private final ConditionTerms.Collector terms;
        private final List<RuleProblem> problems;

        FileCheck(String file, String source, ConsequenceCheck consequences, ConditionTerms.Collector terms,
                List<RuleProblem> problems) {
            this.file = file;
            this.source = source;
            this.consequences = consequences;
            this.terms = terms;
            this.problems = problems;
        }

        void check(PackageDescr p) {
            if (!PACKAGE.equals(p.getName())) {
                problem(1, "a rule file starts with: package rules;");
            }
            for (ImportDescr i : p.getImports()) {
                String target = i.getTarget();
                if (!target.equals(RuleVocabulary.FACT_PACKAGE + ".*") && !RuleVocabulary.IMPORTS.contains(target)) {
                    problem(i.getLine(), "import " + target + " is not allowed: " + RuleVocabulary.IMPORTS_ALLOWED);
                }
            }
            notUsed(p.getFunctionImports(), "import function");
            notUsed(p.getAccumulateImports(), "import accumulate");
            notUsed(p.getGlobals(), "global");
            notUsed(p.getTypeDeclarations(), "declare");
            notUsed(p.getEnumDeclarations(), "declare enum");
            notUsed(p.getWindowDeclarations(), "declare window");
            notUsed(p.getEntryPointDeclarations(), "declare entry-point");
            if (p.getUnit() != null) {
                problem(p.getUnit().getLine(), "'unit' is not used in these rules");
            }
            p.getAttributes().forEach(this::attribute);
            p.getFunctions().forEach(this::function);
            for (RuleDescr rule : p.getRules()) {
                if (rule instanceof QueryDescr) {
                    problem(rule.getLine(), "queries are not used in these rules: rules conclude facts, the service "
                            + "reads them");
                } else {
                    rule(rule);
                }
            }
        }

        private void function(FunctionDescr f) {
            Map<String, Class<?>> parameters = new LinkedHashMap<>();
            boolean typed = type(f.getReturnType(), f, "returns");
            for (int i = 0; i < f.getParameterNames().size(); i++) {
                String name = f.getParameterNames().get(i);
                typed &= type(f.getParameterTypes().get(i), f, "takes");
                if (!SourceVersion.isName(name)) {
                    problem(f.getLine(), "function " + f.getName() + ": '" + name + "' is not a parameter name");
                    typed = false;
                }
                parameters.put(name, vocabulary.functionType(f.getParameterTypes().get(i)));
            }
            int bodyLine = lineOf(f.getBody(), f.getStartCharacter(), f.getLine());
            String body = consequences.functionBody(f.getName(), f.getBody(), bodyLine, parameters,
                    (at, message) -> problem(at, message));
            if (typed && body != null) {
                f.setBody(body);
            }
        }

        private boolean type(String type, FunctionDescr f, String verb) {
            if (vocabulary.functionType(type) == null) {
                problem(f.getLine(), "function " + f.getName() + " " + verb + " " + type + ": functions take and "
                        + "return " + String.join(", ", vocabulary.functionTypes()));
                return false;
            }
            return true;
        }

        private void rule(RuleDescr rule) {
            int line = rule.getLine();
            if (!PLAIN_TEXT.matcher(rule.getName()).matches()) {
                problem(line, "a rule's name is a sentence without quotes or backslashes");
            }
            if (rule.getParentName() != null) {
                problem(line, "'extends' is not used in these rules: each rule states its conditions in full");
            }
            rule.getAttributes().values().forEach(this::attribute);
            if (!rule.getNamedConsequences().isEmpty()) {
                problem(line, "named consequences (then[...], do[...]) are not used in these rules");
            }
            for (AnnotationDescr annotation : rule.getAnnotations()) {
                metadata(annotation, line);
            }
            Map<String, Class<?>> bindings = new LinkedHashMap<>();
            lhs(rule.getLhs(), bindings);
            Object consequence = rule.getConsequence();
            if (!(consequence instanceof String text)) {
                problem(line, "rule \"" + rule.getName() + "\" has no consequence");
                return;
            }
            int first = lineOf(text, rule.getStartCharacter(), rule.getConsequenceLine());
            String printed = consequences.consequence(text, first, bindings, (at, message) -> problem(at, message));
            if (printed != null) {
                rule.setConsequence(printed);
            }
        }

        /** Metadata is plain text: Drools evaluates a metadata value that is not a string literal as an expression. */
        private void metadata(AnnotationDescr annotation, int ruleLine) {
            int line = annotation.getLine() > 0 ? annotation.getLine() : ruleLine;
            String key = annotation.getName();
            Map<String, Object> values = annotation.getValueMap();
            Object value = values.size() == 1 ? values.get(AnnotationDescr.VALUE) : null;
            String text = value instanceof String s ? stringLiteral(s) : null;
            if (!METADATA_KEY.matcher(key).matches() || annotation.isDuplicated() || text == null
                    || !PLAIN_TEXT.matcher(text).matches()) {
                problem(line, "metadata is @" + (METADATA_KEY.matcher(key).matches() ? key : "source")
                        + "(\"plain text\"): one string, once per rule, without quotes or backslashes in it");
                return;
            }
            annotation.setValue("\"" + text + "\"");
        }

        /** The content of "..." where the value is exactly one string literal; else null. */
        private static String stringLiteral(String value) {
            String v = value.strip();
            if (v.length() < 2 || !v.startsWith("\"") || !v.endsWith("\"")) {
                return null;
            }
            String content = v.substring(1, v.length() - 1);
            return content.contains("\"") || content.contains("\\") ? null : content;
        }

        private void lhs(BaseDescr d, Map<String, Class<?>> bindings) {
            if (d instanceof PatternDescr pattern) {
                pattern(pattern, bindings);
            } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr) {
                ((ConditionalElementDescr) d).getDescrs().forEach(child -> lhs((BaseDescr) child, bindings));
            } else if (d instanceof EvalDescr) {
                problem(d.getLine(), "'eval' is not used in these rules: write the condition in a pattern, e.g. "
                        + "PatientFacts( painScore >= 8 )");
            } else if (d instanceof ForallDescr) {
                problem(d.getLine(), "'forall' is not used in these rules: write not( ... ) over the exception");
            } else {
                problem(d.getLine(), "this condition is not used in these rules (" + d.getClass().getSimpleName()
                        .replace("Descr", "") + "): patterns over the facts, joined with not, exists, and, or");
            }
        }

        private void pattern(PatternDescr p, Map<String, Class<?>> bindings) {
            int line = p.getLine();
            Class<?> fact = p.getObjectType() == null ? null : vocabulary.facts.get(p.getObjectType());
            if (fact == null) {
                String meant = ConditionCheck.closest(String.valueOf(p.getObjectType()), vocabulary.facts.keySet());
                problem(line, "'" + p.getObjectType() + "' is not a fact rules match" + (meant.isEmpty()
                        ? ": the facts are " + String.join(", ", new java.util.TreeSet<>(vocabulary.facts.keySet()))
                        : meant));
                return;
            }
            if (p.getSource() != null) {
                problem(line, "'from', 'collect', 'accumulate' and entry points are not used in these rules: "
                        + "patterns match the facts in working memory");
                return;
            }
            if (p.isQuery() || p.isUnification() || !p.getBehaviors().isEmpty() || !p.getAnnotations().isEmpty()) {
                problem(line, "this pattern uses a form not used in these rules: <Fact>( conditions ), optionally "
                        + "bound ($x : <Fact>( ... ))");
                return;
            }
            if (p.getIdentifier() != null) {
                if (!p.getIdentifier().startsWith("$")) {
                    problem(line, "bind a fact with a name that starts with $ (e.g. $" + p.getIdentifier() + " : "
                            + p.getObjectType() + "( ... )), so it cannot be taken for a field");
                    return;
                }
                bindings.put(p.getIdentifier(), fact);
            }
            for (BaseDescr c : p.getConstraint().getDescrs()) {
                if (!(c instanceof ExprConstraintDescr constraint)
                        || constraint.getType() != ExprConstraintDescr.Type.NAMED) {
                    problem(c.getLine() > 0 ? c.getLine() : line, "conditions name the field they test "
                            + "(positional arguments and ';' are not used in these rules)");
                    continue;
                }
                int at = c.getLine() > 0 ? c.getLine() : line;
                String printed = conditions.check(constraint.getExpression(), fact, bindings, terms,
                        message -> problem(at, message));
                if (printed != null) {
                    constraint.setExpression(printed);
                }
            }
        }

        private void attribute(AttributeDescr a) {
            problem(a.getLine(), "the attribute '" + a.getName() + "' is not used in these rules: conclude facts "
                    + "with insertLogical and let the most severe finding decide");
        }

        private void notUsed(Collection<? extends BaseDescr> found, String construct) {
            found.forEach(d -> problem(d.getLine(), "'" + construct + "' is not used in these rules: rules use the "
                    + "fact model and conclude facts with insertLogical"));
        }

        /** The file line of a part of the source the parser handed back as text, found from where its owner starts. */
        private int lineOf(String part, int ownerStart, int fallback) {
            int at = part == null ? -1 : source.indexOf(part, Math.max(0, ownerStart));
            return at < 0 ? Math.max(1, fallback) : lineAt(source, at);
        }

        private void problem(int line, String message) {
            problems.add(new RuleProblem(Kind.RULE_LANGUAGE, file, line > 0 ? line : null, null, message));
        }
    }

    static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
