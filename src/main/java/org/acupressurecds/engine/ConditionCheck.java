package org.acupressurecds.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.drools.mvel.parser.DrlxParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.ast.expr.DrlNameExpr;
import org.drools.mvel.parser.ast.expr.DrlxExpression;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;

/**
 * One condition of a pattern, e.g. {@code redFlags contains RedFlag.FOOT_DROP} or {@code daysAgo( painScoreDate ) <= 7},
 * read by the parser Drools has for its constraint language (DRLX, on JavaParser) and held to a narrow grammar: the
 * pattern's fields, bound variables, vocabulary constants, whole numbers, true, false and null; the pure methods of
 * {@link RuleVocabulary}; comparisons, {@code contains}, {@code memberOf}, {@code !}, {@code &&} and {@code ||}. No
 * arithmetic, strings, regular expressions or other operators: conditions run at every patient call, and what they
 * compare with is what the safety gate tries on both sides. The compiler gets the condition printed from the checked
 * tree, never the author's text.
 */
final class ConditionCheck {

    private static final ParseStart<DrlxExpression> DRLX = DrlxParser.buildDrlxParserWithArguments(List.of());
    private static final Set<BinaryExpr.Operator> OPERATORS = Set.of(BinaryExpr.Operator.EQUALS,
            BinaryExpr.Operator.NOT_EQUALS, BinaryExpr.Operator.LESS, BinaryExpr.Operator.LESS_EQUALS,
            BinaryExpr.Operator.GREATER, BinaryExpr.Operator.GREATER_EQUALS, BinaryExpr.Operator.AND,
            BinaryExpr.Operator.OR);
    private static final Set<String> POINT_FREE = Set.of("contains", "memberOf");

    /** A vocabulary named as the scope of its constants (RedFlag in RedFlag.FOOT_DROP): not a value by itself. */
    private record VocabularyName(Class<?> type) {
    }

    private final RuleVocabulary vocabulary;

    ConditionCheck(RuleVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * The condition printed from its checked tree; null, with each problem reported, where it is refused. fact is
     * the pattern's type; bindings are the rule's variables so far (name to type, null where not known), and get
     * this condition's; terms collects what the condition compares with.
     */
    String check(String text, Class<?> fact, Map<String, Class<?>> bindings, ConditionTerms.Collector terms,
            Consumer<String> problem) {
        DrlxExpression parsed;
        try {
            parsed = DrlxParser.parseExpression(DRLX, text);
        } catch (RuntimeException e) {
            problem.accept("the condition '" + text.strip() + "' cannot be read: " + firstLine(e.getMessage()));
            return null;
        }
        Walk walk = new Walk(fact, bindings, terms, problem);
        Object type = walk.type(parsed.getExpr());
        if (walk.refused) {
            return null;
        }
        if (parsed.getBind() != null) {
            String name = parsed.getBind().getIdentifier();
            if (!name.startsWith("$")) {
                problem.accept("bind a variable with a name that starts with $ (e.g. $" + name + " : ...), so it "
                        + "cannot be taken for a field");
                return null;
            }
            bindings.put(name, type instanceof Class<?> c ? c : null);
            return name + " : " + print(parsed.getExpr());
        }
        return print(parsed.getExpr());
    }

    /** One condition's walk: the type of each part where it is known, with the problems found. */
    private final class Walk {
        private final Class<?> fact;
        private final Map<String, Class<?>> bindings;
        private final ConditionTerms.Collector terms;
        private final Consumer<String> problem;
        private boolean refused;

        Walk(Class<?> fact, Map<String, Class<?>> bindings, ConditionTerms.Collector terms, Consumer<String> problem) {
            this.fact = fact;
            this.bindings = bindings;
            this.terms = terms;
            this.problem = problem;
        }

        /** The part's type: a Class where known, a VocabularyName, or null where not known or refused. */
        Object type(Expression e) {
            if (e instanceof DrlNameExpr name) {
                return name.getBackReferencesCount() > 0 ? refuse("'../' back references are not used in these rules")
                        : name(name.getNameAsString());
            }
            if (e instanceof NameExpr name) {
                return name(name.getNameAsString());
            }
            if (e instanceof FieldAccessExpr access) {
                return field(access);
            }
            if (e instanceof MethodCallExpr call) {
                return call(call);
            }
            if (e instanceof BinaryExpr binary) {
                if (!OPERATORS.contains(binary.getOperator())) {
                    return refuse("'" + binary.getOperator().asString() + "' is not used in conditions: they compare "
                            + "(==, !=, <, <=, >, >=) and combine (&&, ||), and do no arithmetic");
                }
                Object left = value(binary.getLeft());
                Object right = value(binary.getRight());
                days(left, binary.getRight());
                days(right, binary.getLeft());
                number(left, binary.getRight());
                number(right, binary.getLeft());
                return boolean.class;
            }
            if (e instanceof UnaryExpr unary) {
                if (unary.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
                    return refuse("'" + unary.getOperator().asString() + "' is not used in conditions: only ! (not)");
                }
                value(unary.getExpression());
                return boolean.class;
            }
            if (e instanceof EnclosedExpr enclosed) {
                return type(enclosed.getInner());
            }
            if (e instanceof PointFreeExpr pointFree) {
                String operator = pointFree.getOperator().getIdentifier();
                if (!POINT_FREE.contains(operator) || pointFree.getRight().size() != 1 || pointFree.getArg1() != null) {
                    return refuse("'" + operator + "' is not used in conditions: they use contains, not contains, "
                            + "memberOf and comparisons (regular expressions and other operators run too long on "
                            + "some inputs)");
                }
                value(pointFree.getLeft());
                value(pointFree.getRight().get(0));
                return boolean.class;
            }
            if (e instanceof IntegerLiteralExpr) {
                return int.class;
            }
            if (e instanceof LongLiteralExpr) {
                return long.class;
            }
            if (e instanceof BooleanLiteralExpr) {
                return boolean.class;
            }
            if (e instanceof NullLiteralExpr) {
                return Object.class;
            }
            return refuse(ConsequenceCheck.inWords(e) + " are not used in conditions: they compare fields with "
                    + "constants, whole numbers, true, false, null and bound variables");
        }

        private Object value(Expression e) {
            Object type = type(e);
            if (type instanceof VocabularyName v) {
                return refuse("'" + v.type().getSimpleName() + "' is a vocabulary: name one of its values, e.g. "
                        + v.type().getSimpleName() + "." + vocabulary.constantsOf(v.type()).iterator().next());
            }
            return type;
        }

        /** A count of days (daysAgo, daysSinceNoted: a long) compared with a number: the gate tries dates around it. */
        private void days(Object type, Expression other) {
            if ((type == long.class || type == Long.class) && other instanceof LiteralStringValueExpr n
                    && (n instanceof IntegerLiteralExpr || n instanceof LongLiteralExpr)) {
                terms.days(n instanceof IntegerLiteralExpr i ? i.asNumber().longValue()
                        : ((LongLiteralExpr) n).asNumber().longValue());
            }
        }

        /** A whole-number fact (Integer: an age, a pain score) compared with a number: the gate tries around it. */
        private void number(Object type, Expression other) {
            if ((type == Integer.class || type == int.class) && other instanceof IntegerLiteralExpr n) {
                terms.number(n.asNumber().longValue());
            }
        }

        private Object name(String name) {
            if (name.startsWith("$")) {
                if (!bindings.containsKey(name)) {
                    return refuse("'" + name + "' is not bound in this rule" + closest(name, bindings.keySet()));
                }
                return bindings.get(name);
            }
            if (vocabulary.vocabularies.containsKey(name)) {
                return new VocabularyName(vocabulary.vocabularies.get(name));
            }
            Class<?> type = vocabulary.fieldType(fact, name);
            if (type == null) {
                return refuse(noField(fact, name));
            }
            return type;
        }

        private Object field(FieldAccessExpr access) {
            Object scope = type(access.getScope());
            String name = access.getNameAsString();
            if (scope instanceof VocabularyName v) {
                if (vocabulary.hasConstant(v.type(), name)) {
                    terms.constant(v.type(), name);
                    return v.type();
                }
                return refuse("'" + v.type().getSimpleName() + "."
                        + name + "' is not a value of " + v.type().getSimpleName()
                        + closest(name, vocabulary.constantsOf(v.type())));
            }
            if (scope instanceof Class<?> c && c.isRecord()) {
                Class<?> type = vocabulary.fieldType(c, name);
                return type != null ? type : refuse(noField(c, name));
            }
            return refused ? null : refuse("'." + name + "' is not something conditions may read: they read the "
                    + "fields of the facts");
        }

        private Object call(MethodCallExpr call) {
            String name = call.getNameAsString();
            if (call.getTypeArguments().isPresent()) {
                return refuse("type arguments are not used in conditions");
            }
            call.getArguments().forEach(this::value);
            if (RuleVocabulary.DATE_SHIFTS.contains(name) && call.getArguments().size() == 1
                    && call.getArgument(0) instanceof IntegerLiteralExpr n) {
                terms.dateShift(name, n.asNumber().intValue());
            }
            if (call.getScope().isEmpty()) {
                return vocabulary.hasOwnMethod(fact, name) ? RuleVocabulary.returnType(fact, name,
                        call.getArguments().size())
                        : refuse("'" + name + "(...)' is not something " + fact.getSimpleName() + " can answer"
                                + closest(name, vocabulary.methods) + "; " + vocabulary.methodsInWords());
            }
            Object scope = type(call.getScope().get());
            if (scope instanceof Class<?> c && c != Object.class) {
                return vocabulary.callableOn(c, name) ? RuleVocabulary.returnType(c, name, call.getArguments().size())
                        : refuse("'" + name + "(...)' is not "
                        + "something conditions may call on " + c.getSimpleName() + closest(name, vocabulary.methods)
                        + "; " + vocabulary.methodsInWords());
            }
            if (scope instanceof VocabularyName v) {
                return refuse("'" + v.type().getSimpleName() + "." + name + "(...)' is not something conditions may "
                        + "call: name a value of " + v.type().getSimpleName());
            }
            return vocabulary.methods.contains(name) ? null : refuse("'" + name + "(...)' is not something conditions "
                    + "may call" + closest(name, vocabulary.methods) + "; " + vocabulary.methodsInWords());
        }

        private Object refuse(String message) {
            if (!refused) { // the first problem of a condition says it; the rest follow from it
                problem.accept(message);
            }
            refused = true;
            return null;
        }
    }

    private static String noField(Class<?> fact, String name) {
        return RuleVocabulary.noField(fact, name);
    }

    static String closest(String word, java.util.Collection<String> known) {
        return DidYouMean.closest(word, known).map(k -> ": did you mean " + k + "?").orElse("");
    }

    /** The checked tree as DRL: one line, nothing in it the grammar does not allow. */
    static String print(Node n) {
        if (n instanceof NameExpr name) {
            return name.getNameAsString();
        }
        if (n instanceof FieldAccessExpr access) {
            return print(access.getScope()) + "." + access.getNameAsString();
        }
        if (n instanceof MethodCallExpr call) {
            return call.getScope().map(s -> print(s) + ".").orElse("") + call.getNameAsString() + "( "
                    + call.getArguments().stream().map(ConditionCheck::print).collect(Collectors.joining(", ")) + " )";
        }
        if (n instanceof BinaryExpr binary) {
            return print(binary.getLeft()) + " " + binary.getOperator().asString() + " " + print(binary.getRight());
        }
        if (n instanceof UnaryExpr unary) {
            return "!" + print(unary.getExpression());
        }
        if (n instanceof EnclosedExpr enclosed) {
            return "( " + print(enclosed.getInner()) + " )";
        }
        if (n instanceof PointFreeExpr pointFree) {
            return print(pointFree.getLeft()) + (pointFree.isNegated() ? " not " : " ")
                    + pointFree.getOperator().getIdentifier() + " " + print(pointFree.getRight().get(0));
        }
        if (n instanceof IntegerLiteralExpr number) {
            return String.valueOf(number.asNumber().longValue());
        }
        if (n instanceof LongLiteralExpr number) {
            return String.valueOf(number.asNumber().longValue());
        }
        if (n instanceof BooleanLiteralExpr bool) {
            return String.valueOf(bool.getValue());
        }
        if (n instanceof NullLiteralExpr) {
            return "null";
        }
        throw new IllegalStateException("not in the checked grammar: " + n.getClass().getSimpleName());
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

}
